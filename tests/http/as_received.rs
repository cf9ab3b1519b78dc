//! Strict requests, tolerant responses, over real HTTP (issue #14).
//!
//! A server's response is read as the server sent it: a value that breaks a rule the spec documents for what the
//! client sends (a length, a pattern, a format) is kept, and its type's `check()` says so. Decoding the same JSON
//! strictly, as `serde_json::from_value` in an application does, and as every response was read before, still
//! refuses it: each test shows both. A value that cannot be represented at all still fails, with the path of the
//! field; in the items stream that is one item's error, and the walk goes on with the right offsets.
//!
//! The Token.io values are those a mock built from the vendor's own OpenAPI definition sent: a 20-character `refId`
//! (the vendor only says "should not exceed 18"), a `refId` with `_`, a date-time without an offset, and a
//! 300-character `statusReasonInformation` (documented as at most 256).

#[path = "server.rs"]
mod server;
#[path = "support.rs"]
mod support;

use codegen_runtime::Error;
use futures::stream::StreamExt as _;
use payout_clients::{rebilly, reservepay, tokenio};
use serde_json::{json, Value};

use server::{Recorded, Reply, TestServer, UNSCRIPTED_STATUS};
use support::*;

/// The Token.io payout of the spec's `get_payout` example, with `id` and any fields of `changes` replaced.
fn token_payout(id: &str, changes: Value) -> Value {
    let mut payout = endpoint("tokenio", "get_payout").examples[0].response.clone().expect("payout")["payout"].clone();
    payout["id"] = json!(format!("po:{id}:2gFUX1NDget"));
    merge(&mut payout, changes);
    payout
}

/// Writes every field of `changes` into `value`, recursing into objects both have.
fn merge(value: &mut Value, changes: Value) {
    match (value, changes) {
        (Value::Object(value), Value::Object(changes)) => {
            for (name, change) in changes {
                merge(value.entry(name).or_insert(Value::Null), change);
            }
        }
        (value, change) => *value = change,
    }
}

/// The four out-of-rule values, each alone in a payout: what breaks, and the payout.
fn token_samples() -> Vec<(&'static str, Value)> {
    vec![
        ("a 20-character refId", token_payout("a", json!({"initiation": {"refId": "9htio4a1sp2akdr1aa20"}}))),
        ("a refId with `_`", token_payout("b", json!({"initiation": {"refId": "ref_2024_0417"}}))),
        ("a date-time without an offset", token_payout("c", json!({"createdDateTime": "2017-04-05T10:43:07.000"}))),
        (
            "a 300-character statusReasonInformation",
            token_payout("d", json!({"statusReasonInformation": "r".repeat(300)})),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokenio_payouts_with_out_of_rule_values_are_read_as_sent() {
    for (what, payout) in token_samples() {
        let strict = serde_json::from_value::<tokenio::PayoutResponse>(json!({"payout": payout.clone()}));
        let refused = strict.expect_err(what).to_string();
        println!("{what}: decoded strictly (every response before issue #14): {refused}");

        let server = TestServer::scripted(vec![Reply::json(200, &json!({"payout": payout}))]).await;
        let client = tokenio_client(&server, test_config());
        let id = tokenio::PayoutId::new(payout["id"].as_str().expect("an id")).expect("a payout id");
        let read = client.get_payout(tokenio::GetPayoutRequest::new(id)).await;
        let read = read.unwrap_or_else(|error| panic!("{what}: {error}")).payout;
        println!("{what}: read from the server: ok");

        let initiation = read.initiation.as_ref().expect("the example has an initiation");
        assert_eq!(initiation.ref_id.as_str(), payout["initiation"]["refId"], "{what}");
        assert_eq!(read.created_date_time.as_str(), payout["createdDateTime"], "{what}");
        let reason = read.status_reason_information.as_ref().map(|reason| reason.as_str());
        assert_eq!(reason, payout["statusReasonInformation"].as_str(), "{what}");
        // The type says which value breaks its documented rules, and why.
        let broken = [
            initiation.ref_id.check().err(),
            read.created_date_time.check().err(),
            read.status_reason_information.as_ref().and_then(|reason| reason.check().err()),
        ];
        assert_eq!(broken.iter().flatten().count(), 1, "{what}: {broken:?}");
        // Sent back or stored, the value is the server's, byte for byte.
        assert_eq!(serde_json::to_value(&read).expect("encodes"), payout, "{what}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebilly_and_reservepay_samples_with_out_of_rule_values_are_read_as_sent() {
    // Rebilly: a customer ID over its 50 characters and a four-letter currency, in a collection.
    let mut payout_request = payout_request(0);
    merge(&mut payout_request, json!({"customerId": format!("cus_{}", "0".repeat(60)), "currency": "USDT"}));
    let strict = serde_json::from_value::<rebilly::PayoutRequest>(payout_request.clone());
    println!("rebilly: decoded strictly: {}", strict.expect_err("out of rule"));
    let server = TestServer::scripted(vec![Reply::json(200, &json!([payout_request]))]).await;
    let client = rebilly_client(&server, test_config());
    let request = rebilly::GetPayoutRequestCollectionRequest::new();
    let read = client.get_payout_request_collection(request).await.expect("read as sent").body;
    println!("rebilly: read from the server: ok");
    assert_eq!(read[0].currency.as_str(), "USDT");
    assert!(read[0].currency.check().is_err() && read[0].customer_id.check().is_err());

    // Reservepay: a five-letter currency in a payment of a page.
    let mut page = endpoint("reservepay", "list_payments_by_contact").examples[0].response.clone().expect("a page");
    page["page"][0]["currency"] = json!("THBXX");
    let strict = serde_json::from_value::<reservepay::PaymentPage>(page.clone());
    println!("reservepay: decoded strictly: {}", strict.expect_err("out of rule"));
    let server = TestServer::scripted(vec![Reply::json(200, &page)]).await;
    let client = reservepay_client(&server, test_config());
    let request = list_payments_request();
    let read = client.list_payments_by_contact(request).await.expect("read as sent");
    println!("reservepay: read from the server: ok");
    assert_eq!(read.page[0].currency.as_str(), "THBXX");
    assert!(read.page[0].currency.check().is_err());
}

/// A Reservepay list request for a contact of the merchant's own numbering.
fn list_payments_request() -> reservepay::ListPaymentsByContactRequest {
    reservepay::ListPaymentsByContactRequest::new(
        reservepay::ContactRef::external("contact-1").expect("an external ID"),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_value_that_cannot_be_represented_names_its_field() {
    let bad = token_payout("x", json!({"initiation": {"amount": {"value": {"units": 10}}}}));
    let server = TestServer::scripted(vec![Reply::json(200, &json!({"payout": bad}))]).await;
    let client = tokenio_client(&server, test_config());
    let id = tokenio::PayoutId::new("po:x:2gFUX1NDget").expect("an id");
    match client.get_payout(tokenio::GetPayoutRequest::new(id)).await {
        Err(Error::UnexpectedResponse { reason, response }) => {
            assert!(reason.contains("`payout.initiation.amount.value`"), "{reason}");
            assert_eq!(response.status, 200, "the response is kept");
        }
        other => panic!("expected an undecodable response, got {other:?}"),
    }
}

/// Two pages of Token.io payouts, the first with an item that cannot be read in the middle.
async fn tokenio_server_with_a_bad_item() -> TestServer {
    TestServer::start(|request: &Recorded, _| {
        let offset = request.query_pairs().into_iter().find(|(k, _)| k == "offset").map(|(_, v)| v);
        let page = match offset.as_deref() {
            None => json!({
                "payouts": [
                    token_payout("a", json!({"initiation": {"refId": "ref_with_underscores"}})),
                    token_payout("b", json!({"status": 7})),
                    token_payout("c", json!({})),
                ],
                "paging": {"limit": 3, "offset": "tok-1"},
            }),
            Some("tok-1") => json!({"payouts": [token_payout("d", json!({}))], "paging": {"limit": 3}}),
            Some(other) => return Reply::json(UNSCRIPTED_STATUS, &json!({"unexpected offset": other})),
        };
        Reply::json(200, &page)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_unreadable_item_is_that_items_error_and_the_walk_goes_on() {
    let server = tokenio_server_with_a_bad_item().await;
    let client = tokenio_client(&server, test_config());
    let request = tokenio::GetPayoutsRequest::new(tokenio::PageLimit::new(3).expect("limit"));
    let items: Vec<_> = client.get_payouts_items(request.clone()).collect().await;
    let ids: Vec<Result<String, String>> = items
        .iter()
        .map(|item| match item {
            Ok(payout) => Ok(payout.id.as_str().to_owned()),
            Err(Error::UnexpectedResponse { reason, .. }) => Err(reason.clone()),
            Err(other) => panic!("an item error is an unexpected response: {other:?}"),
        })
        .collect();
    assert_eq!(ids.len(), 4, "{ids:?}");
    assert_eq!(ids[0].as_deref(), Ok("po:a:2gFUX1NDget"), "an out-of-rule refId is kept");
    let why = ids[1].as_ref().expect_err("b's status is a number");
    assert!(why.starts_with("item 1 of the page cannot be read"), "{why}");
    assert!(why.contains("`payouts[1].status`"), "{why}");
    assert_eq!(ids[2].as_deref(), Ok("po:c:2gFUX1NDget"));
    assert_eq!(ids[3].as_deref(), Ok("po:d:2gFUX1NDget"), "the walk went on to the next page");
    let queries: Vec<String> = server.requests().iter().map(|r| r.query.clone().unwrap_or_default()).collect();
    assert_eq!(queries, ["limit=3", "limit=3&offset=tok-1"], "three listed items make a full page, not a short one");

    // The pages stream reads whole pages: that page fails, with the item's path.
    let pages: Vec<_> = client.get_payouts_pages(request).collect().await;
    match &pages[..] {
        [Err(Error::UnexpectedResponse { reason, .. })] => assert!(reason.contains("`payouts[1].status`"), "{reason}"),
        other => panic!("expected the page's error alone, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_item_still_counts_towards_the_next_offset() {
    // Five payout requests, two per page; the second has an amount that is not a number.
    let server = TestServer::start(|request: &Recorded, _| {
        let pairs = request.query_pairs();
        let offset = pairs.iter().find(|(k, _)| k == "offset").map_or(0, |(_, v)| v.parse::<usize>().expect("n"));
        let items: Vec<Value> = (offset..5.min(offset + 2))
            .map(|n| {
                let mut item = payout_request(n);
                if n == 1 {
                    item["amount"] = json!("ten");
                }
                item
            })
            .collect();
        Reply::json(200, &Value::Array(items))
    })
    .await;
    let client = rebilly_client(&server, test_config());
    let limit = rebilly::CollectionLimit::new(2).expect("limit");
    let request = rebilly::GetPayoutRequestCollectionRequest::new().with_limit(limit);
    let items: Vec<_> = client.get_payout_request_collection_items(request).collect().await;
    let read: Vec<Option<String>> = items
        .iter()
        .map(|item| item.as_ref().ok().and_then(|payout| Some(payout.id.as_ref()?.as_str().to_owned())))
        .collect();
    let expected = [Some("pout_req_0000"), None, Some("pout_req_0002"), Some("pout_req_0003"), Some("pout_req_0004")];
    assert_eq!(read, expected.map(|id| id.map(str::to_owned)), "no item skipped, none repeated");
    let why = items[1].as_ref().err().map(ToString::to_string).unwrap_or_default();
    assert!(why.contains("`[1].amount`"), "{why}");
    let queries: Vec<String> = server.requests().iter().map(|r| r.query.clone().unwrap_or_default()).collect();
    assert_eq!(queries, ["limit=2", "limit=2&offset=2", "limit=2&offset=4"]);
}
