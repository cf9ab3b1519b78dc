//! The pagination kinds beyond the seed APIs' over real HTTP, each walked over three pages to the end:
//!
//! - `last_item` (Stripe): the next request starts after the last item's `id` (`starting_after`), and `has_more`
//!   says whether one follows;
//! - `page_number` (PayPal): pages are numbered from 1, and `total_pages` or a short page says where the end is;
//! - `next_link`: the same request goes to the link a page gives, in a field (`next_url`), in HATEOAS `links`
//!   (PayPal) or in a `Link` header (GitHub), and only to the origin the client was built for.
//!
//! Each test checks what crossed the wire, that the walk stops without an extra request, and what ends it early.

#[path = "server.rs"]
mod server;

use std::pin::pin;
use std::time::Duration;

use codegen_runtime::{ClientConfig, Error, Secret};
use futures::stream::TryStreamExt as _;
use serde_json::{json, Value};
use server::{Reply, TestServer};

codegen_macro::api!("specs/page_walks.yaml");

use page_walks::{
    Auth, Client, Environment, ListPayoutsLimit, ListPayoutsRequest, ShowBatchPageSize, ShowBatchRequest,
};

/// The key the client is built with, and so the credentials every page must carry.
const SECRET_KEY: &str = "sk_test_123";

fn client(server: &TestServer) -> Client {
    let config = ClientConfig::default().no_proxy().timeout(Duration::from_secs(5));
    let auth = Auth::SecretKey(Secret::new(SECRET_KEY));
    Client::with_config(Environment::Custom(server.base_url()), auth, config).expect("a client")
}

fn payouts(ids: &[&str], has_more: bool) -> Reply {
    let data: Vec<Value> = ids.iter().map(|id| json!({"id": id, "amount": 100})).collect();
    Reply::json(200, &json!({"object": "list", "data": data, "has_more": has_more, "url": "/v1/payouts"}))
}

fn queries(server: &TestServer) -> Vec<String> {
    server.requests().into_iter().map(|r| r.query.unwrap_or_default()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn last_item_walks_after_each_page_until_has_more_is_false() {
    let server = TestServer::start(|request, _| match request.query.as_deref() {
        Some("limit=2") => payouts(&["po_5", "po_4"], true),
        Some("limit=2&starting_after=po_4") => payouts(&["po_3", "po_2"], true),
        // A full page: only `has_more` says it is the last.
        Some("limit=2&starting_after=po_2") => payouts(&["po_1", "po_0"], false),
        _ => Reply::json(400, &json!({"name": "INVALID_REQUEST", "message": "unexpected"})),
    })
    .await;
    let client = client(&server);
    let request = ListPayoutsRequest::new().with_limit(ListPayoutsLimit::new(2).expect("limit"));
    let items: Vec<_> = client.list_payouts_items(request).try_collect().await.expect("every page");
    let ids: Vec<&str> = items.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["po_5", "po_4", "po_3", "po_2", "po_1", "po_0"]);
    assert_eq!(queries(&server), ["limit=2", "limit=2&starting_after=po_4", "limit=2&starting_after=po_2"]);
    assert!(server.requests().iter().all(|r| r.method == "GET" && r.path == "/v1/payouts"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn last_item_ends_at_a_short_page_and_refuses_to_repeat_a_position() {
    // A page shorter than the limit is the last, even if the server says more follow.
    let server = TestServer::scripted(vec![payouts(&["po_2", "po_1"], true), payouts(&["po_0"], true)]).await;
    let request = ListPayoutsRequest::new().with_limit(ListPayoutsLimit::new(2).expect("limit"));
    let client_one = client(&server);
    let pages: Vec<_> = pin!(client_one.list_payouts_pages(request)).try_collect().await.expect("two pages");
    assert_eq!((pages.len(), server.request_count()), (2, 2));

    // A server that answers every request with the same page would make the walk loop; it stops with an error.
    let server = TestServer::always(payouts(&["po_2", "po_1"], true)).await;
    let client = client(&server);
    let mut pages = pin!(client.list_payouts_pages(ListPayoutsRequest::new()));
    assert!(pages.try_next().await.expect("first page").is_some());
    assert!(pages.try_next().await.expect("second page").is_some());
    match pages.try_next().await {
        Err(Error::Pagination(reason)) => assert!(reason.contains("`po_1` again"), "{reason}"),
        other => panic!("expected a pagination error, got {other:?}"),
    }
    assert_eq!(server.request_count(), 2);
}

fn batch_page(first: usize, count: usize, total_pages: Option<u32>) -> Reply {
    let items: Vec<Value> = (first..first + count).map(|i| json!({"payout_item_id": format!("item_{i}")})).collect();
    let mut body = json!({"items": items});
    if let Some(total) = total_pages {
        body["total_pages"] = json!(total);
    }
    Reply::json(200, &body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_numbers_count_up_to_total_pages() {
    let server = TestServer::start(|request, _| match request.query.as_deref() {
        Some("page_size=2&total_required=true") => batch_page(1, 2, Some(3)),
        Some("page=2&page_size=2&total_required=true") => batch_page(3, 2, Some(3)),
        Some("page=3&page_size=2&total_required=true") => batch_page(5, 2, Some(3)),
        _ => Reply::json(400, &json!({"name": "INVALID_REQUEST", "message": "unexpected"})),
    })
    .await;
    let client = client(&server);
    let request = ShowBatchRequest::new("B1".to_owned())
        .with_page_size(ShowBatchPageSize::new(2).expect("page size"))
        .with_total_required(true);
    let items: Vec<_> = client.show_batch_items(request).try_collect().await.expect("every page");
    let ids: Vec<&str> = items.iter().map(|i| i.payout_item_id.as_str()).collect();
    assert_eq!(ids, ["item_1", "item_2", "item_3", "item_4", "item_5", "item_6"]);
    // The third page is full, but the third of three: no fourth request.
    assert_eq!(
        queries(&server),
        [
            "page_size=2&total_required=true",
            "page=2&page_size=2&total_required=true",
            "page=3&page_size=2&total_required=true"
        ]
    );
    assert!(server.requests().iter().all(|r| r.path == "/v1/payments/payouts/B1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn page_numbers_without_a_total_stop_at_a_short_or_empty_page() {
    let server =
        TestServer::scripted(vec![batch_page(1, 2, None), batch_page(3, 2, None), batch_page(5, 1, None)]).await;
    let request = ShowBatchRequest::new("B1".to_owned()).with_page_size(ShowBatchPageSize::new(2).expect("page size"));
    let items: Vec<_> = client(&server).show_batch_items(request).try_collect().await.expect("every page");
    assert_eq!((items.len(), server.request_count()), (5, 3));

    // Without a page size, only an empty page ends the walk.
    let server =
        TestServer::scripted(vec![batch_page(1, 2, None), batch_page(3, 2, None), batch_page(5, 0, None)]).await;
    let items: Vec<_> =
        client(&server).show_batch_items(ShowBatchRequest::new("B1".to_owned())).try_collect().await.expect("pages");
    assert_eq!((items.len(), server.request_count()), (4, 3));
    assert_eq!(queries(&server), ["", "page=2", "page=3"]);
}

/// What every request of a walk must carry: the client's credentials, and nothing in a body.
fn assert_every_page_authenticated(server: &TestServer) {
    for request in server.requests() {
        let bearer = format!("Bearer {SECRET_KEY}");
        assert_eq!(request.header("authorization"), Some(bearer.as_str()), "{}", request.target());
        assert!(request.body.is_empty(), "{}", request.target());
    }
}

/// `METHOD /path?query` of every request the server received.
fn targets(server: &TestServer) -> Vec<String> {
    server.requests().iter().map(server::Recorded::target).collect()
}

/// `http://<the address the client used>`, for links the server writes as absolute URLs.
fn origin_of(request: &server::Recorded) -> String {
    format!("http://{}", request.header("host").expect("HTTP/1.1 requests name their host"))
}

fn transfers(ids: &[&str], next_url: Value) -> Reply {
    let data: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    Reply::json(200, &json!({"data": data, "next_url": next_url}))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_link_follows_the_url_a_page_gives_until_there_is_none() {
    let server = TestServer::start(|request, _| match request.query.as_deref() {
        // An absolute URL at the API's origin, with a query of the server's own making.
        Some("limit=2") => {
            transfers(&["tr_1", "tr_2"], json!(format!("{}/v1/transfers?cursor=c2&limit=2", origin_of(request))))
        }
        // A path from the origin's root.
        Some("cursor=c2&limit=2") => transfers(&["tr_3", "tr_4"], json!("/v1/transfers?cursor=c4&limit=2")),
        Some("cursor=c4&limit=2") => transfers(&["tr_5"], Value::Null),
        _ => Reply::json(400, &json!({"name": "INVALID_REQUEST", "message": "unexpected"})),
    })
    .await;
    let client = client(&server);
    let request =
        page_walks::ListTransfersRequest::new().with_limit(page_walks::ListTransfersLimit::new(2).expect("limit"));
    let items: Vec<_> = client.list_transfers_items(request).try_collect().await.expect("every page");
    let ids: Vec<&str> = items.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["tr_1", "tr_2", "tr_3", "tr_4", "tr_5"]);
    assert_eq!(
        targets(&server),
        ["GET /v1/transfers?limit=2", "GET /v1/transfers?cursor=c2&limit=2", "GET /v1/transfers?cursor=c4&limit=2"]
    );
    assert_every_page_authenticated(&server);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_link_follows_the_hateoas_link_whose_rel_is_next() {
    let server = TestServer::start(|request, _| {
        let origin = origin_of(request);
        let link = |rel: &str, page: &str| {
            json!({"href": format!("{origin}/v1/payments/payouts/B1/items?page={page}&page_size=2"), "rel": rel, "method": "GET"})
        };
        let items = |first: usize, count: usize| -> Vec<Value> {
            (first..first + count).map(|i| json!({"payout_item_id": format!("item_{i}")})).collect()
        };
        match request.query.as_deref() {
            Some("page_size=2") => Reply::json(200, &json!({"items": items(1, 2), "links": [link("self", "1"), link("next", "2")]})),
            // `next` among others, and in capitals: relation types compare without case.
            Some("page=2&page_size=2") => Reply::json(
                200,
                &json!({"items": items(3, 2), "links": [link("previous", "1"), link("self", "2"), link("NEXT", "3")]}),
            ),
            // The last page links to itself and back, not forward.
            Some("page=3&page_size=2") => {
                Reply::json(200, &json!({"items": items(5, 1), "links": [link("self", "3"), link("previous", "2")]}))
            }
            _ => Reply::json(400, &json!({"name": "INVALID_REQUEST", "message": "unexpected"})),
        }
    })
    .await;
    let client = client(&server);
    let request = page_walks::ListBatchItemsRequest::new("B1".to_owned())
        .with_page_size(page_walks::ListBatchItemsPageSize::new(2).expect("page size"));
    let items: Vec<_> = client.list_batch_items_items(request).try_collect().await.expect("every page");
    let ids: Vec<&str> = items.iter().map(|i| i.payout_item_id.as_str()).collect();
    assert_eq!(ids, ["item_1", "item_2", "item_3", "item_4", "item_5"]);
    assert_eq!(
        targets(&server),
        [
            "GET /v1/payments/payouts/B1/items?page_size=2",
            "GET /v1/payments/payouts/B1/items?page=2&page_size=2",
            "GET /v1/payments/payouts/B1/items?page=3&page_size=2"
        ]
    );
    assert_every_page_authenticated(&server);
}

fn events(ids: &[&str], link: Option<&str>) -> Reply {
    let events: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    let reply = Reply::json(200, &json!(events));
    match link {
        Some(link) => reply.header("Link", link),
        None => reply,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_link_follows_the_link_header() {
    let server = TestServer::start(|request, _| match request.query.as_deref() {
        Some("per_page=2") => events(
            &["ev_1", "ev_2"],
            Some(r#"</v1/events?per_page=2&page=2>; rel="next", </v1/events?per_page=2&page=3>; rel="last""#),
        ),
        // Written as some servers do: the next link after others, `rel` unquoted with two relation types.
        Some("per_page=2&page=2") => events(
            &["ev_3", "ev_4"],
            Some("</v1/events?per_page=2&page=1>; rel=\"prev first\",</v1/events?per_page=2&page=3>;rel=next last"),
        ),
        Some("per_page=2&page=3") => events(&["ev_5"], Some(r#"</v1/events?per_page=2&page=2>; rel="prev""#)),
        _ => Reply::json(400, &json!({"name": "INVALID_REQUEST", "message": "unexpected"})),
    })
    .await;
    let request =
        page_walks::ListEventsRequest::new().with_per_page(page_walks::ListEventsPerPage::new(2).expect("per page"));
    let items: Vec<_> = client(&server).list_events_items(request).try_collect().await.expect("every page");
    let ids: Vec<&str> = items.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["ev_1", "ev_2", "ev_3", "ev_4", "ev_5"]);
    assert_eq!(
        targets(&server),
        ["GET /v1/events?per_page=2", "GET /v1/events?per_page=2&page=2", "GET /v1/events?per_page=2&page=3"]
    );
    assert_every_page_authenticated(&server);

    // The next link on a second `Link` line is found: the lines of a list header are one list.
    let server = TestServer::start(|request, _| match request.query.as_deref() {
        None => events(&["ev_1"], Some(r#"</v1/events?page=0>; rel="prev""#))
            .header("Link", r#"</v1/events?page=2>; rel="next""#),
        Some("page=2") => events(&["ev_2"], None),
        _ => Reply::json(400, &json!({"name": "INVALID_REQUEST", "message": "unexpected"})),
    })
    .await;
    let items: Vec<_> =
        client(&server).list_events_items(page_walks::ListEventsRequest::new()).try_collect().await.expect("pages");
    assert_eq!(
        (items.len(), targets(&server)),
        (2, vec!["GET /v1/events".to_owned(), "GET /v1/events?page=2".to_owned()])
    );

    // A page without the header is the last.
    let server = TestServer::scripted(vec![events(&["ev_1"], None)]).await;
    let items: Vec<_> =
        client(&server).list_events_items(page_walks::ListEventsRequest::new()).try_collect().await.expect("a page");
    assert_eq!((items.len(), server.request_count()), (1, 1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_link_to_another_origin_is_not_followed_and_nothing_is_sent_there() {
    // Another port: a second server, which must see nothing.
    let elsewhere = TestServer::always(transfers(&["stolen"], Value::Null)).await;
    let other_port = format!("{}/v1/transfers?cursor=c2", elsewhere.base_url());
    let cases = [
        (other_port.clone(), "another port"),
        // Another host: `localhost` reaches the same server, which would see a second request if it were followed.
        ("http://localhost:{port}/v1/transfers?cursor=c2".to_owned(), "another host (`localhost`, not `127.0.0.1`)"),
        ("https://127.0.0.1:{port}/v1/transfers?cursor=c2".to_owned(), "another scheme (`https`, not `http`)"),
        ("//127.0.0.1:{port}/v1/transfers?cursor=c2".to_owned(), "without a scheme"),
        ("v1/transfers?cursor=c2".to_owned(), "nor a path starting with `/`"),
    ];
    for (link, why) in cases {
        let server = TestServer::start(move |request, _| {
            let port = request.header("host").and_then(|h| h.rsplit(':').next()).unwrap_or_default().to_owned();
            transfers(&["tr_1"], json!(link.replace("{port}", &port)))
        })
        .await;
        let client = client(&server);
        let mut pages = pin!(client.list_transfers_pages(page_walks::ListTransfersRequest::new()));
        assert!(pages.try_next().await.expect("the first page").is_some());
        match pages.try_next().await {
            Err(Error::Pagination(reason)) => {
                assert!(reason.contains("is not followed") && reason.contains(why), "{why}: {reason}")
            }
            other => panic!("{why}: expected a pagination error, got {other:?}"),
        }
        assert!(pages.try_next().await.expect("the walk ended").is_none());
        assert_eq!(targets(&server), ["GET /v1/transfers"], "{why}: nothing but the first page is asked for");
    }
    assert_eq!(elsewhere.request_count(), 0, "the other port never hears from the client");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn next_link_ends_at_an_empty_link_and_refuses_to_repeat_one() {
    let server = TestServer::scripted(vec![
        transfers(&["tr_1"], json!("/v1/transfers?cursor=c1")),
        transfers(&["tr_2"], json!("")),
    ])
    .await;
    let items: Vec<_> = client(&server)
        .list_transfers_items(page_walks::ListTransfersRequest::new())
        .try_collect()
        .await
        .expect("pages");
    assert_eq!((items.len(), server.request_count()), (2, 2));

    // A server that links every page to the same URL would make the walk loop; it stops with an error instead.
    let server = TestServer::always(transfers(&["tr_1"], json!("/v1/transfers?cursor=same"))).await;
    let client = client(&server);
    let mut pages = pin!(client.list_transfers_pages(page_walks::ListTransfersRequest::new()));
    assert!(pages.try_next().await.expect("first page").is_some());
    assert!(pages.try_next().await.expect("second page").is_some());
    match pages.try_next().await {
        // The repeat is told by the URL the link leads to.
        Err(Error::Pagination(reason)) => assert!(reason.contains("/v1/transfers?cursor=same` again"), "{reason}"),
        other => panic!("expected a pagination error, got {other:?}"),
    }
    assert_eq!(targets(&server), ["GET /v1/transfers", "GET /v1/transfers?cursor=same"]);
}
