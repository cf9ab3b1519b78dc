//! The pagination kinds beyond the seed APIs' over real HTTP, each walked over three pages to the end:
//!
//! - `last_item` (Stripe): the next request starts after the last item's `id` (`starting_after`), and `has_more`
//!   says whether one follows;
//! - `page_number` (PayPal): pages are numbered from 1, and `total_pages` or a short page says where the end is.
//!
//! Each test checks what crossed the wire, that the walk stops without an extra request, and what ends it early.

#[path = "server.rs"]
mod server;

use std::pin::pin;
use std::time::Duration;

use codegen_runtime::{ClientConfig, Error};
use futures::stream::TryStreamExt as _;
use serde_json::{json, Value};
use server::{Reply, TestServer};

codegen_macro::api!("specs/page_walks.yaml");

use page_walks::{
    Auth, Client, Environment, ListPayoutsLimit, ListPayoutsRequest, ShowBatchPageSize, ShowBatchRequest,
};

fn client(server: &TestServer) -> Client {
    let config = ClientConfig::default().no_proxy().timeout(Duration::from_secs(5));
    Client::with_config(Environment::Custom(server.base_url()), Auth, config).expect("a client")
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
    let request = ListPayoutsRequest::new().limit(ListPayoutsLimit::new(2).expect("limit"));
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
    let request = ListPayoutsRequest::new().limit(ListPayoutsLimit::new(2).expect("limit"));
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
        .page_size(ShowBatchPageSize::new(2).expect("page size"))
        .total_required(true);
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
    let request = ShowBatchRequest::new("B1".to_owned()).page_size(ShowBatchPageSize::new(2).expect("page size"));
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
