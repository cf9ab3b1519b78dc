//! Arguments inside group alternatives travel where the spec puts them: query arguments on the URL with their
//! encoding, header arguments as headers, body arguments in the body, and what an alternative `sets` with its
//! argument, for a GET without a body, a POST with one, and an RPC API.

use codegen_runtime::{Date, Error};
use futures::executor::block_on;

use crate::recording::{self, body, body_text, header, pairs, path, query, raw_query, BASE};

codegen_macro::api!("specs/group_arguments.yaml");
codegen_macro::api!("specs/group_arguments_rpc.yaml");

use group_arguments::{
    Auth, Client, CreatePayoutRequest, CreatePayoutSafety, Environment, ListPayoutsRequest, ListPayoutsWindow,
};

fn client(transport: &std::sync::Arc<codegen_runtime::testing::RecordingTransport>) -> Client {
    Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(transport)).expect("a client")
}

#[test]
fn a_cursor_in_a_group_goes_on_the_url_with_what_its_alternative_sets() {
    let transport = recording::transport();
    transport.push_json(200, &["po_10"]);
    let request = ListPayoutsRequest::new().with_window(ListPayoutsWindow::After { starting_after: "po_9".to_owned() });
    block_on(client(&transport).list_payouts(request)).expect("a page");
    let sent = &transport.requests()[0];
    assert_eq!((sent.method.as_str(), path(sent)), ("GET", "/payouts"));
    assert_eq!(query(sent), pairs(&[("starting_after", "po_9"), ("speed", "fast")]));
    assert_eq!(sent.body, None, "a GET without body arguments has no body");
}

#[test]
fn optional_group_arguments_keep_their_encoding_and_headers_stay_headers() {
    let transport = recording::transport();
    transport.push_json(200, &["po_1"]);
    let request = ListPayoutsRequest::new().with_window(ListPayoutsWindow::Before {
        ending_before: "po_5".to_owned(),
        created_gte: Some(Date::parse("2024-01-31").expect("a date")),
        statuses: Some(vec!["paid".to_owned(), "failed".to_owned()]),
        ids: Some(vec!["po_1".to_owned(), "po_2".to_owned()]),
        request_tag: Some("tag-7".to_owned()),
    });
    block_on(client(&transport).list_payouts(request)).expect("a page");
    let sent = &transport.requests()[0];
    assert_eq!(
        raw_query(sent),
        "ending_before=po_5&created%5Bgte%5D=2024-01-31&statuses=paid,failed&ids=po_1&ids=po_2",
    );
    assert_eq!(header(sent, "Request-Tag"), Some("tag-7"));
    assert_eq!(sent.body, None);
}

#[test]
fn optional_group_arguments_left_out_send_nothing() {
    let transport = recording::transport();
    transport.push_json(200, &["po_1"]);
    transport.push_json(200, &["po_1"]);
    let before = ListPayoutsWindow::Before {
        ending_before: "po_5".to_owned(),
        created_gte: None,
        statuses: None,
        ids: None,
        request_tag: None,
    };
    block_on(client(&transport).list_payouts(ListPayoutsRequest::new().with_window(before))).expect("a page");
    block_on(client(&transport).list_payouts(ListPayoutsRequest::new())).expect("a page");
    let sent = transport.requests();
    assert_eq!(query(&sent[0]), pairs(&[("ending_before", "po_5")]));
    assert_eq!(header(&sent[0], "Request-Tag"), None);
    assert_eq!(sent[1].url, format!("{BASE}/payouts"), "the default alternative sends nothing");
}

#[test]
fn a_comma_list_in_a_group_refuses_an_item_with_a_comma_before_sending() {
    let transport = recording::transport();
    let request = ListPayoutsRequest::new().with_window(ListPayoutsWindow::Before {
        ending_before: "po_5".to_owned(),
        created_gte: None,
        statuses: Some(vec!["paid,failed".to_owned()]),
        ids: None,
        request_tag: None,
    });
    let result = block_on(client(&transport).list_payouts(request));
    assert!(matches!(result, Err(Error::InvalidRequest(_))), "{result:?}");
    assert!(transport.requests().is_empty());
}

#[test]
fn a_header_argument_in_a_group_is_a_header_not_a_body_field() {
    let transport = recording::transport();
    transport.push_json(201, &"po_1");
    let keyed = CreatePayoutSafety::Keyed {
        idempotency_key: "abc-123".to_owned(),
        x_trace: Some("trace-1".to_owned()),
        note: Some("thanks".to_owned()),
    };
    block_on(client(&transport).create_payout(CreatePayoutRequest::new(100).with_safety(keyed))).expect("created");
    let sent = &transport.requests()[0];
    assert_eq!(body_text(sent), r#"{"amount":100,"note":"thanks"}"#);
    assert_eq!(header(sent, "Idempotency-Key"), Some("abc-123"));
    assert_eq!(header(sent, "X-Trace"), Some("trace-1"));
    assert_eq!(header(sent, "X-Speed"), Some("fast"), "a value the alternative sets in a header");
    assert_eq!(query(sent), pairs(&[("channel", "slow")]), "a value the alternative sets in the query");
}

#[test]
fn the_alternative_without_arguments_sends_none_of_them() {
    let transport = recording::transport();
    transport.push_json(201, &"po_1");
    block_on(client(&transport).create_payout(CreatePayoutRequest::new(100))).expect("created");
    let sent = &transport.requests()[0];
    assert_eq!(body(sent), Some(serde_json::json!({"amount": 100})));
    for name in ["Idempotency-Key", "X-Trace", "X-Speed"] {
        assert_eq!(header(sent, name), None, "{name}");
    }
    assert_eq!(raw_query(sent), "");
}

#[test]
fn rpc_group_arguments_and_set_values_travel_in_the_body() {
    use group_arguments_rpc::{Auth, Client, Environment, SendPayoutDestination, SendPayoutRequest};
    let transport = recording::transport();
    transport.push_json(200, &"po_1");
    transport.push_json(200, &"po_2");
    let client =
        Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(&transport)).expect("client");
    let wallet = SendPayoutDestination::Wallet { wallet: "w-1".to_owned(), memo: Some("hi".to_owned()) };
    block_on(client.send_payout(SendPayoutRequest::new(5, wallet))).expect("sent");
    let bank = SendPayoutDestination::Bank { account: "123".to_owned() };
    block_on(client.send_payout(SendPayoutRequest::new(7, bank))).expect("sent");
    let sent = transport.requests();
    assert_eq!(path(&sent[0]), "/rpc/send-payout");
    assert_eq!(body_text(&sent[0]), r#"{"amount":5,"wallet":"w-1","memo":"hi","method":"wallet"}"#);
    assert_eq!(body_text(&sent[1]), r#"{"amount":7,"account":"123","method":"bank"}"#);
    assert_eq!(raw_query(&sent[0]), "");
}
