//! The escape hatch over real HTTP (issue #14): fields, query parameters and headers the spec does not list, added by
//! name to an object or a request, cross the wire exactly as given, after the spec's own, and can never replace what
//! the spec (or the client) defines.
//!
//! The case that asked for it: Token.io's definition requires a `paymentType` in the payout initiation that it never
//! defines, so the only way to send it used to be building the request from `serde_json::from_value`.

#[path = "server.rs"]
mod server;
#[path = "support.rs"]
mod support;

use codegen_runtime::Json;
use payout_clients::tokenio;
use serde_json::json;

use server::{Reply, TestServer};
use support::*;

/// A Token.io initiation with the required fields of the vendor's example.
fn initiation() -> tokenio::PayoutInitiation {
    use tokenio::{
        Amount, CreditorInformation, CurrencyCode, DebtorInformation, DecimalAmount, PaymentReference, RefId,
    };
    tokenio::PayoutInitiation::new(
        PaymentReference::new("INV 2024-0417").expect("payment reference"),
        RefId::new("9htio4a1sp2akdr1aa").expect("refId"),
        Amount::new(DecimalAmount::new("10.23").expect("amount"), CurrencyCode::new("GBP").expect("currency")),
        DebtorInformation::new("a12345"),
        CreditorInformation::new().with_name("Customer Inc.").with_account_number("12345678").with_sort_code("123456"),
    )
}

fn payout_reply() -> Reply {
    let payout = endpoint("tokenio", "get_payout").examples[0].response.clone().expect("a payout");
    Reply::json(200, &payout)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_undefined_field_query_parameter_and_header_cross_the_wire_as_given() {
    let server = TestServer::scripted(vec![payout_reply()]).await;
    let client = tokenio_client(&server, test_config());
    let metadata = Json::from_text(r#"{"batch": 7, "rate": 1.50}"#).expect("JSON");
    let initiation = initiation()
        .add_field("paymentType", "REGULAR")
        .and_then(|initiation| initiation.add_field("metadata", metadata))
        .expect("fields the spec does not list");
    let request = tokenio::InitiatePayoutRequest::new(initiation)
        .add_query("dryRun", "false")
        .and_then(|request| request.add_header("X-Request-Trace", "trace-17"))
        .and_then(|request| request.add_field("channel", "api"))
        .expect("extras the spec does not list");
    client.initiate_payout(request).await.expect("the payout");

    let requests = server.requests();
    let [seen] = requests.as_slice() else { panic!("one request: {requests:?}") };
    assert_eq!(seen.query.as_deref(), Some("dryRun=false"));
    assert_eq!(seen.header("x-request-trace"), Some("trace-17"));
    let body = seen.body_text();
    // After the listed fields, in the order added, and numbers with their own digits.
    let extra = r#""paymentType":"REGULAR","metadata":{"batch": 7, "rate": 1.50}},"channel":"api"}"#;
    assert!(body.ends_with(extra), "{body}");
    let sent = seen.json();
    assert_eq!(sent["initiation"]["refId"], "9htio4a1sp2akdr1aa", "the listed fields are still there");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_the_spec_or_the_client_defines_can_be_replaced() {
    let refused_field = initiation().add_field("refId", "another-reference");
    assert!(refused_field.is_err_and(|error| error.to_string().contains("`refId` is a field the spec defines")));
    let listed_by_alias_or_name = initiation().add_field("amount", json!({"value": "0.01", "currency": "GBP"}));
    assert!(listed_by_alias_or_name.is_err());

    let limit = tokenio::PageLimit::new(10).expect("limit");
    assert!(tokenio::GetPayoutsRequest::new(limit).add_query("offset", "x").is_err(), "a query argument");
    for header in ["Authorization", "content-type", "User-Agent"] {
        let request = tokenio::GetPayoutsRequest::new(limit).add_header(header, "mine");
        assert!(request.is_err(), "{header} is the client's own");
    }
    let injected = tokenio::GetPayoutsRequest::new(limit).add_header("X-Trace", "a\r\nAuthorization: Bearer stolen");
    assert!(injected.is_err(), "a line break would start a header of its own");
    let body = tokenio::InitiatePayoutRequest::new(initiation()).add_field("initiation", json!({}));
    assert!(body.is_err(), "a body argument");

    // A repeated extra parameter is sent twice, after the spec's own: a server reading the first reads the spec's.
    let server = TestServer::scripted(vec![Reply::json(200, &json!({"payouts": [], "paging": {}}))]).await;
    let client = tokenio_client(&server, test_config());
    let request = tokenio::GetPayoutsRequest::new(limit)
        .add_query("region", "eu")
        .and_then(|request| request.add_query("region", "uk"))
        .expect("unlisted");
    client.get_payouts(request).await.expect("a page");
    assert_eq!(server.requests()[0].query.as_deref(), Some("limit=10&region=eu&region=uk"));
}
