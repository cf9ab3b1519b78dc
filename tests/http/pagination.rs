//! Pagination over real HTTP, one test per scheme, each walking at least three pages to the end:
//!
//! - Reservepay `cursor_body`: a page's `next` is the complete body of the next request, posted back verbatim;
//! - Token.io `offset_token`: the next request carries the `paging.offset` of the page before;
//! - Rebilly `limit_offset`: `offset` advances by the items read, and `Pagination-Total` says where the end is.
//!
//! Each test checks that the `_pages` and `_items` streams are lazy (no request before the stream is polled, one
//! request per page consumed), stop at the end (no request after the last page), and resume from a saved cursor or
//! offset.

#[path = "server.rs"]
mod server;
#[path = "support.rs"]
mod support;

use std::pin::pin;
use std::time::Duration;

use codegen_runtime::Error;
use futures::stream::{StreamExt as _, TryStreamExt as _};
use payout_clients::{rebilly, reservepay, tokenio};
use serde_json::{json, Value};

use server::{Recorded, Reply, TestServer, UNSCRIPTED_STATUS};
use support::*;

/// Lets the runtime run for a moment, so that a stream that sent requests eagerly would have done so.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(50)).await;
}

// ---------------------------------------------------------------------------------------------------------------
// Reservepay: cursor_body

fn payment(id: &str) -> Value {
    let mut payment = endpoint("reservepay", "list_payments_by_contact").examples[0].response.clone().expect("page")
        ["page"][0]
        .clone();
    payment["payment_id"] = json!(id);
    payment
}

/// The cursors the server hands out: complete request bodies, with state only the server understands (an unknown
/// member and a number whose trailing zero must survive), in the server's own member order.
fn cursor(after: &str) -> Value {
    serde_json::from_str(&format!(
        r#"{{"per_page":2,"contact_id":"ctc_9Xq2LmT7vB","after":"{after}","zz_state":{{"shard":7,"weights":[1,2.50]}}}}"#
    ))
    .expect("cursor")
}

fn first_list_request() -> reservepay::ListPaymentsByContactRequest {
    reservepay::ListPaymentsByContactRequest::new(reservepay::ContactRef::uid("ctc_9Xq2LmT7vB").expect("contact"))
        .with_per_page(reservepay::ListPaymentsByContactPerPage::new(2).expect("per page"))
}

/// Three pages (2, 2 and 0 payments); the server answers by the request body it receives.
async fn reservepay_server() -> TestServer {
    let first = json!({"contact_id": "ctc_9Xq2LmT7vB", "per_page": 2});
    let pages = [
        (first, json!({"previous": null, "page": [payment("pay_1"), payment("pay_2")], "next": cursor("pay_2")})),
        (
            cursor("pay_2"),
            json!({"previous": {"before": "pay_3"}, "page": [payment("pay_3"), payment("pay_4")], "next": cursor("pay_4")}),
        ),
        (cursor("pay_4"), json!({"previous": {"before": "pay_5"}, "page": [], "next": null})),
    ];
    TestServer::start(move |request: &Recorded, _| {
        let body = request.json();
        match pages.iter().find(|(expected, _)| *expected == body) {
            Some((_, page)) => Reply::json(200, page),
            None => Reply::json(400, &json!(["INVALID_ARGUMENTS", format!("unexpected body {body}"), null])),
        }
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_cursor_pages() {
    let server = reservepay_server().await;
    let client = reservepay_client(&server, test_config());

    let pages = client.list_payments_by_contact_pages(first_list_request());
    settle().await;
    assert_eq!(server.request_count(), 0, "no request before the stream is polled");
    let mut pages = pin!(pages);
    let mut ids = Vec::new();
    for expected_requests in 1..=3 {
        let page = pages.next().await.expect("a page").expect("no error");
        assert_eq!(server.request_count(), expected_requests, "one request per page consumed");
        ids.push(page.page.iter().map(|p| p.payment_id.clone()).collect::<Vec<_>>());
    }
    assert_eq!(ids, [vec!["pay_1", "pay_2"], vec!["pay_3", "pay_4"], vec![]]);
    assert!(pages.next().await.is_none(), "the stream ends after the page whose `next` is null");
    settle().await;
    assert_eq!(server.request_count(), 3, "no request after the last page");

    // Each cursor went back verbatim: the exact bytes the server wrote inside the page before.
    let requests = server.requests();
    assert_eq!(requests[0].json(), json!({"contact_id": "ctc_9Xq2LmT7vB", "per_page": 2}));
    for (request, after) in requests[1..].iter().zip(["pay_2", "pay_4"]) {
        assert_eq!(request.body_text(), serde_json::to_string(&cursor(after)).expect("JSON"), "cursor body");
    }
    for request in &requests {
        assert_eq!(request.target(), "POST /merchants/list-payments-by-contact");
        assert_standard_headers(api("reservepay"), request);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_cursor_items_and_resume() {
    let server = reservepay_server().await;
    let client = reservepay_client(&server, test_config());

    // Items: the first item costs one request; all of them cost the three pages and no more.
    let mut items = client.list_payments_by_contact_items(first_list_request());
    settle().await;
    assert_eq!(server.request_count(), 0, "no request before the stream is polled");
    let first = items.next().await.expect("an item").expect("no error");
    assert_eq!((first.payment_id.as_str(), server.request_count()), ("pay_1", 1));
    let second = items.next().await.expect("an item").expect("no error");
    assert_eq!((second.payment_id.as_str(), server.request_count()), ("pay_2", 1), "still on the first page");
    let rest: Vec<String> = items.map_ok(|p| p.payment_id).try_collect().await.expect("no error");
    assert_eq!(rest, ["pay_3", "pay_4"]);
    assert_eq!(server.request_count(), 3);

    // Resume from a saved cursor: the first request is that cursor, byte for byte.
    let saved = cursor("pay_2");
    let before = server.request_count();
    let pages: Vec<_> = client
        .list_payments_by_contact_pages_from_cursor(codegen_runtime::Json::from(saved.clone()))
        .try_collect()
        .await
        .expect("no error");
    let sizes: Vec<usize> = pages.iter().map(|p| p.page.len()).collect();
    assert_eq!(sizes, [2, 0], "the pages after the cursor");
    let requests = server.requests();
    assert_eq!(requests.len() - before, 2);
    assert_eq!(requests[before].body_text(), serde_json::to_string(&saved).expect("JSON"));
}

/// Listing payments is a read: a lost response is retried on every page, the first one included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_lost_first_page_is_retried_like_the_others() {
    let page = json!({"previous": null, "page": [payment("pay_1")], "next": null});
    let server = TestServer::scripted(vec![Reply::Reset, Reply::json(200, &page)]).await;
    let client = reservepay_client(&server, test_config());
    let pages: Vec<_> = client.list_payments_by_contact_pages(first_list_request()).collect().await;
    assert!(matches!(pages.as_slice(), [Ok(_)]), "{pages:?}");
    assert_eq!(server.request_count(), 2);
}

/// What the walk does today when responses are lost, which the test above disagrees with for the first page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_lost_cursor_page_is_retried() {
    let first = json!({"previous": null, "page": [payment("pay_1")], "next": cursor("pay_1")});
    let last = json!({"previous": null, "page": [], "next": null});
    let server = TestServer::scripted(vec![Reply::json(200, &first), Reply::Reset, Reply::json(200, &last)]).await;
    let client = reservepay_client(&server, test_config());
    let pages: Vec<_> = client.list_payments_by_contact_pages(first_list_request()).try_collect().await.expect("pages");
    assert_eq!(pages.len(), 2);
    let requests = server.requests();
    assert_eq!(requests.len(), 3, "the cursor page was sent twice");
    assert_eq!(requests[1].body, requests[2].body, "the retry posts the same cursor");
}

// ---------------------------------------------------------------------------------------------------------------
// Token.io: offset_token

fn token_payout(id: &str) -> Value {
    let mut payout = endpoint("tokenio", "get_payout").examples[0].response.clone().expect("payout")["payout"].clone();
    payout["id"] = json!(format!("po:{id}:2gFUX1NDget"));
    payout
}

/// Three pages (2, 2 and 0 payouts), chosen by the `offset` parameter.
async fn tokenio_server() -> TestServer {
    TestServer::start(|request: &Recorded, _| {
        let offset = request.query_pairs().into_iter().find(|(k, _)| k == "offset").map(|(_, v)| v);
        let page = match offset.as_deref() {
            None => {
                json!({"payouts": [token_payout("a"), token_payout("b")], "paging": {"limit": 2, "offset": "tok-1"}})
            }
            Some("tok-1") => {
                json!({"payouts": [token_payout("c"), token_payout("d")], "paging": {"limit": 2, "offset": "tok-2"}})
            }
            Some("tok-2") => json!({"payouts": [], "paging": {"limit": 2}}),
            Some(other) => return Reply::json(UNSCRIPTED_STATUS, &json!({"unexpected offset": other})),
        };
        Reply::json(200, &page)
    })
    .await
}

fn payouts_request() -> tokenio::GetPayoutsRequest {
    tokenio::GetPayoutsRequest::new(tokenio::PageLimit::new(2).expect("limit"))
        .with_statuses(vec![tokenio::PayoutStatus::InitiationCompleted])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_offset_pages() {
    let server = tokenio_server().await;
    let client = tokenio_client(&server, test_config());

    let pages = client.get_payouts_pages(payouts_request());
    settle().await;
    assert_eq!(server.request_count(), 0, "no request before the stream is polled");
    let mut pages = pin!(pages);
    let mut sizes = Vec::new();
    for expected_requests in 1..=3 {
        let page = pages.next().await.expect("a page").expect("no error");
        assert_eq!(server.request_count(), expected_requests, "one request per page consumed");
        sizes.push(page.payouts.map_or(0, |p| p.len()));
    }
    assert_eq!(sizes, [2, 2, 0]);
    assert!(pages.next().await.is_none(), "the stream ends after the empty page");
    settle().await;
    let queries: Vec<String> = server.requests().iter().map(|r| r.query.clone().unwrap_or_default()).collect();
    assert_eq!(
        queries,
        [
            "limit=2&statuses=INITIATION_COMPLETED",
            "limit=2&offset=tok-1&statuses=INITIATION_COMPLETED",
            "limit=2&offset=tok-2&statuses=INITIATION_COMPLETED",
        ],
        "the filters travel with every page, the offset is the previous page's paging.offset"
    );
    for request in server.requests() {
        assert_eq!(request.path, "/payouts");
        assert_standard_headers(api("tokenio"), &request);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_offset_items_and_resume() {
    let server = tokenio_server().await;
    let client = tokenio_client(&server, test_config());

    let mut items = client.get_payouts_items(payouts_request());
    settle().await;
    assert_eq!(server.request_count(), 0, "no request before the stream is polled");
    let first = items.next().await.expect("an item").expect("no error");
    assert_eq!((first.id.as_str(), server.request_count()), ("po:a:2gFUX1NDget", 1));
    let rest: Vec<String> = items.map_ok(|p| p.id.as_str().to_owned()).try_collect().await.expect("no error");
    assert_eq!(rest, ["po:b:2gFUX1NDget", "po:c:2gFUX1NDget", "po:d:2gFUX1NDget"]);
    assert_eq!(server.request_count(), 3);

    // Resume: a saved offset set on the request starts the walk there.
    let before = server.request_count();
    let pages: Vec<_> = client
        .get_payouts_pages(payouts_request().with_offset("tok-1".to_owned()))
        .try_collect()
        .await
        .expect("no error");
    assert_eq!(pages.len(), 2);
    let requests = server.requests();
    assert_eq!(requests.len() - before, 2);
    assert_eq!(requests[before].query.as_deref(), Some("limit=2&offset=tok-1&statuses=INITIATION_COMPLETED"));
}

/// The spec says a page with fewer payouts than `limit` is the last one, so the walk stops there even when the page
/// still carries an offset (no request is wasted).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_short_page_is_the_last() {
    let server = TestServer::scripted(vec![
        Reply::json(
            200,
            &json!({"payouts": [token_payout("a"), token_payout("b")], "paging": {"limit": 2, "offset": "tok-1"}}),
        ),
        Reply::json(200, &json!({"payouts": [token_payout("c")], "paging": {"limit": 2, "offset": "tok-2"}})),
    ])
    .await;
    let client = tokenio_client(&server, test_config());
    let pages: Vec<_> = client.get_payouts_pages(payouts_request()).collect().await;
    assert_eq!(server.request_count(), 2, "no request after the short page: {:?}", server.requests());
    assert_eq!(pages.len(), 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Rebilly: limit_offset

/// A collection of `size` payout requests, served by `limit` and `offset`; with `total`, each page carries the
/// `Pagination-*` headers.
async fn rebilly_server(size: usize, total: bool) -> TestServer {
    TestServer::start(move |request: &Recorded, _| {
        let pairs = request.query_pairs();
        let number = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.parse::<usize>().expect("n"));
        let offset = number("offset").unwrap_or(0);
        let limit = number("limit").unwrap_or(100);
        let items: Vec<Value> = (offset..size.min(offset + limit)).map(payout_request).collect();
        let reply = Reply::json(200, &Value::Array(items));
        if total {
            reply
                .header("Pagination-Total", &size.to_string())
                .header("Pagination-Limit", &limit.to_string())
                .header("Pagination-Offset", &offset.to_string())
        } else {
            reply
        }
    })
    .await
}

fn collection(limit: i64) -> rebilly::GetPayoutRequestCollectionRequest {
    rebilly::GetPayoutRequestCollectionRequest::new()
        .with_limit(rebilly::CollectionLimit::new(limit).expect("limit"))
        .with_sort(vec![codegen_runtime::SortField::desc("createdTime").expect("sort")])
}

fn ids(page: &rebilly::GetPayoutRequestCollectionResponse) -> Vec<String> {
    page.body.iter().map(|p| p.id.as_ref().expect("id").to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_limit_offset_pages_to_an_empty_page() {
    // Without Pagination-Total the walk ends at the first empty page.
    let server = rebilly_server(4, false).await;
    let client = rebilly_client(&server, test_config());
    let pages = client.get_payout_request_collection_pages(collection(2));
    settle().await;
    assert_eq!(server.request_count(), 0, "no request before the stream is polled");
    let mut pages = pin!(pages);
    let mut seen = Vec::new();
    for expected_requests in 1..=3 {
        let page = pages.next().await.expect("a page").expect("no error");
        assert_eq!(server.request_count(), expected_requests, "one request per page consumed");
        seen.push(ids(&page));
    }
    assert_eq!(seen, [vec!["pout_req_0000", "pout_req_0001"], vec!["pout_req_0002", "pout_req_0003"], vec![]]);
    assert!(pages.next().await.is_none(), "the stream ends after the empty page");
    settle().await;
    let queries: Vec<String> = server.requests().iter().map(|r| r.query.clone().unwrap_or_default()).collect();
    assert_eq!(
        queries,
        ["limit=2&sort=-createdTime", "limit=2&offset=2&sort=-createdTime", "limit=2&offset=4&sort=-createdTime"]
    );
    for request in server.requests() {
        assert_eq!(request.path, format!("/organizations/{REBILLY_ORGANIZATION}/payout-requests"));
        assert_standard_headers(api("rebilly"), &request);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_limit_offset_stops_at_pagination_total() {
    // With Pagination-Total: 6 and full pages of 2, the third page is the last: no fourth request.
    let server = rebilly_server(6, true).await;
    let client = rebilly_client(&server, test_config());
    let pages: Vec<_> = client.get_payout_request_collection_pages(collection(2)).try_collect().await.expect("pages");
    assert_eq!(pages.len(), 3);
    assert!(pages.iter().all(|p| p.pagination_total == Some(6) && p.pagination_limit == Some(2)));
    let offsets: Vec<Option<i64>> = pages.iter().map(|p| p.pagination_offset).collect();
    assert_eq!(offsets, [Some(0), Some(2), Some(4)]);
    assert_eq!(server.request_count(), 3, "the walk stops at Pagination-Total without asking for an empty page");

    // Items: lazy, one request per page consumed.
    let before = server.request_count();
    let mut items = client.get_payout_request_collection_items(collection(2));
    settle().await;
    assert_eq!(server.request_count(), before, "no request before the stream is polled");
    let first = items.next().await.expect("an item").expect("no error");
    assert_eq!(first.id.as_ref().map(ToString::to_string).as_deref(), Some("pout_req_0000"));
    assert_eq!(server.request_count() - before, 1);
    items.next().await.expect("an item").expect("no error");
    let third = items.next().await.expect("an item").expect("no error");
    assert_eq!(third.id.as_ref().map(ToString::to_string).as_deref(), Some("pout_req_0002"));
    assert_eq!(server.request_count() - before, 2);
    drop(items);

    // Resume from a saved offset.
    let before = server.request_count();
    let resumed: Vec<_> = client
        .get_payout_request_collection_pages(
            collection(2).with_offset(rebilly::CollectionOffset::new(2).expect("offset")),
        )
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(
        resumed.iter().map(ids).collect::<Vec<_>>().concat(),
        ["pout_req_0002", "pout_req_0003", "pout_req_0004", "pout_req_0005"]
    );
    let requests = server.requests();
    assert_eq!(requests.len() - before, 2);
    assert_eq!(requests[before].query.as_deref(), Some("limit=2&offset=2&sort=-createdTime"));
}

/// `offset` is at most 1000: with pages of 600, the third page would start at 1200, which the client refuses instead
/// of sending. Every page the server returned reaches the caller first, then the walk ends with
/// `Error::InvalidRequest`. (An earlier generator built the next offset before yielding the page it had just fetched,
/// and lost that page; this test keeps it from coming back.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_offset_beyond_its_maximum_is_refused_before_sending() {
    let server = rebilly_server(5000, true).await;
    let client = rebilly_client(&server, test_config());
    let outcomes: Vec<_> = client.get_payout_request_collection_pages(collection(600)).collect().await;
    let sizes: Vec<Result<usize, String>> =
        outcomes.iter().map(|o| o.as_ref().map(|p| p.body.len()).map_err(|e| e.to_string())).collect();
    println!("pages: {sizes:?}");
    assert_eq!(outcomes.len(), 3, "two pages, then the error: {sizes:?}");
    assert_eq!(sizes[..2], [Ok(600), Ok(600)], "{sizes:?}");
    assert!(matches!(outcomes[2], Err(Error::InvalidRequest(_))), "{sizes:?}");
    let queries: Vec<String> = server.requests().iter().map(|r| r.query.clone().unwrap_or_default()).collect();
    assert_eq!(queries, ["limit=600&sort=-createdTime", "limit=600&offset=600&sort=-createdTime"]);
}

// ---------------------------------------------------------------------------------------------------------------
// Every scheme: a server that sends a position back cannot make a walk loop for ever.

/// Reservepay: every page's `next` is the same cursor. The walk yields the pages it fetched, then ends with
/// `Error::Pagination` instead of posting that cursor again and again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reservepay_repeated_cursor_ends_the_walk() {
    let page = json!({"previous": null, "page": [payment("pay_1")], "next": cursor("pay_1")});
    let server = TestServer::always(Reply::json(200, &page)).await;
    let client = reservepay_client(&server, test_config());
    let results: Vec<_> = client.list_payments_by_contact_pages(first_list_request()).take(10).collect().await;
    assert_eq!(results.len(), 3, "two pages, then the error: {results:?}");
    assert!(results[..2].iter().all(Result::is_ok));
    assert!(matches!(&results[2], Err(Error::Pagination(reason)) if reason.contains("again")), "{results:?}");
    assert_eq!(server.request_count(), 2, "the repeated cursor is never posted");
}

/// Token.io: the server answers every page with the same offset.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_repeated_offset_ends_the_walk() {
    let page = json!({"payouts": [token_payout("a"), token_payout("b")], "paging": {"limit": 2, "offset": "tok-1"}});
    let server = TestServer::always(Reply::json(200, &page)).await;
    let client = tokenio_client(&server, test_config());
    let results: Vec<_> = client.get_payouts_pages(payouts_request()).take(10).collect().await;
    assert_eq!(results.len(), 3, "two pages, then the error: {results:?}");
    assert!(matches!(&results[2], Err(Error::Pagination(_))), "{results:?}");
    assert_eq!(server.request_count(), 2);
}
