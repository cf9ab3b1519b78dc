//! Paginated lists whose `limit` and `offset` carry bounds of their own (each a newtype): the walk reads and sets
//! them through their checks, and an offset beyond the bounds ends it with an error after the pages it could fetch.

use codegen_runtime::Error;
use futures::executor::block_on;
use futures::StreamExt as _;

use crate::recording::{self, pairs, query, BASE};

codegen_macro::api!("specs/bounded_pages.yaml");

use bounded_pages::{
    Auth, Client, Environment, ListPayoutsLimit, ListPayoutsOffset, ListPayoutsRequest, ListTokensLimit,
    ListTokensRequest,
};

fn client(transport: &std::sync::Arc<codegen_runtime::testing::RecordingTransport>) -> Client {
    Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(transport)).expect("a client")
}

#[test]
fn bounded_limit_and_offset_walk_until_a_short_page() {
    let transport = recording::transport();
    transport.push_json(200, &["a", "b"]);
    transport.push_json(200, &["c"]);
    let client = client(&transport);
    let request = ListPayoutsRequest::new().with_limit(ListPayoutsLimit::new(2).expect("within bounds"));
    let items: Vec<_> = block_on(client.list_payouts_items(request).collect());
    let items: Vec<String> = items.into_iter().map(|item| item.expect("an item")).collect();
    assert_eq!(items, ["a", "b", "c"]);
    let sent = transport.requests();
    assert_eq!(query(&sent[0]), pairs(&[("limit", "2")]));
    assert_eq!(query(&sent[1]), pairs(&[("limit", "2"), ("offset", "2")]));
}

#[test]
fn a_bounded_total_header_ends_the_walk() {
    let transport = recording::transport();
    let page = |items: &[&str]| codegen_runtime::HttpResponse {
        status: 200,
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            ("Total-Count".to_owned(), "4".to_owned()),
        ],
        body: serde_json::to_vec(items).expect("JSON"),
    };
    transport.push_response(page(&["a", "b"]));
    transport.push_response(page(&["c", "d"]));
    let client = client(&transport);
    let request = ListPayoutsRequest::new().with_limit(ListPayoutsLimit::new(2).expect("within bounds"));
    let pages: Vec<_> = block_on(client.list_payouts_pages(request).collect());
    let totals: Vec<Option<i64>> =
        pages.into_iter().map(|page| page.expect("a page").total_count.map(|total| total.get())).collect();
    assert_eq!(totals, [Some(4), Some(4)], "the total is reached after two pages: no third request");
    assert_eq!(transport.requests().len(), 2);
}

#[test]
fn an_offset_beyond_its_bounds_ends_the_walk_with_an_error() {
    let transport = recording::transport();
    for page in [["a", "b"], ["c", "d"], ["e", "f"]] {
        transport.push_json(200, &page);
    }
    let client = client(&transport);
    let request = ListPayoutsRequest::new()
        .with_limit(ListPayoutsLimit::new(2).expect("within bounds"))
        .with_offset(ListPayoutsOffset::new(0).expect("within bounds"));
    let pages: Vec<_> = block_on(client.list_payouts_pages(request).collect());
    assert_eq!(pages.len(), 4, "three pages, then the refused offset 6: {pages:?}");
    assert!(pages[..3].iter().all(Result::is_ok));
    assert!(matches!(&pages[3], Err(Error::InvalidRequest(_))), "{:?}", pages[3]);
    let offsets: Vec<String> = transport
        .requests()
        .iter()
        .map(|r| query(r).into_iter().find(|(n, _)| n == "offset").expect("offset").1)
        .collect();
    assert_eq!(offsets, ["0", "2", "4"]);
}

#[test]
fn an_offset_token_walk_reads_a_bounded_limit() {
    let transport = recording::transport();
    transport.push_json(200, &serde_json::json!({"items": ["t1", "t2"], "page": {"next": "n2"}}));
    transport.push_json(200, &serde_json::json!({"items": ["t3", "t4"], "page": {"next": ""}}));
    let client = client(&transport);
    let limit = ListTokensLimit::new(2).expect("within bounds");
    let request = ListTokensRequest::new(limit).with_offset("n1".to_owned());
    let items: Vec<_> = block_on(client.list_tokens_items(request).collect());
    let items: Vec<String> = items.into_iter().map(|item| item.expect("an item")).collect();
    assert_eq!(items, ["t1", "t2", "t3", "t4"]);
    let sent = transport.requests();
    assert_eq!(query(&sent[0]), pairs(&[("limit", "2"), ("offset", "n1")]));
    assert_eq!(query(&sent[1]), pairs(&[("limit", "2"), ("offset", "n2")]));
}
