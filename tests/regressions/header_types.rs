//! Headers beyond plain text: unix times, IDs, enums and bounded numbers are sent as their text; response and error
//! headers of those types are read back into them, with their rules.

use codegen_runtime::{Error, HttpResponse, UnixTime};
use futures::executor::block_on;

use crate::recording::{self, header, BASE};

codegen_macro::api!("specs/header_types.yaml");

use header_types::{Auth, Client, Environment, Mode, PayoutRef, SendError, SendRequest, SendXPriority};

fn client(transport: &std::sync::Arc<codegen_runtime::testing::RecordingTransport>) -> Client {
    Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(transport)).expect("a client")
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> HttpResponse {
    let mut all = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    all.extend(headers.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())));
    HttpResponse { status, headers: all, body: body.as_bytes().to_vec() }
}

#[test]
fn typed_header_arguments_send_their_wire_text() {
    let transport = recording::transport();
    transport.push_response(response(200, &[], r#""po_1""#));
    let request = SendRequest::new(Mode::Test, 100)
        .with_x_not_before(UnixTime::from_seconds(1_700_000_000))
        .with_x_payout(PayoutRef::external("ref-9").expect("an external reference"))
        .with_x_priority(SendXPriority::new(3).expect("within bounds"))
        // A plain string: the rules of the response header called `X-Code` are that header's own.
        .with_x_code("r".to_owned());
    block_on(client(&transport).send(request)).expect("sent");
    let sent = &transport.requests()[0];
    assert_eq!(header(sent, "X-Mode"), Some("test"));
    assert_eq!(header(sent, "X-Not-Before"), Some("1700000000"));
    assert_eq!(header(sent, "X-Payout"), Some("ref-9"));
    assert_eq!(header(sent, "X-Priority"), Some("3"));
    assert_eq!(header(sent, "X-Code"), Some("r"));
}

#[test]
fn typed_response_headers_are_read_into_their_types() {
    let transport = recording::transport();
    let headers = [
        ("X-Total", "12"),
        ("X-Reset", "1700000000"),
        ("X-Mode", "sandbox"),
        ("X-Code", "r1"),
        ("X-Fee", "0.10"),
        ("X-Payout", "po_42"),
        ("X-Count", "7"),
    ];
    transport.push_response(response(200, &headers, r#""po_1""#));
    let sent = block_on(client(&transport).send(SendRequest::new(Mode::Live, 1))).expect("sent");
    assert_eq!(sent.x_total.map(|total| total.get()), Some(12));
    assert_eq!(sent.x_reset, Some(UnixTime::from_seconds(1_700_000_000)));
    assert_eq!(sent.x_mode, Some(Mode::Unknown("sandbox".to_owned())));
    assert_eq!(sent.x_code.as_ref().map(|code| code.as_str()), Some("r1"));
    assert_eq!(sent.x_fee.map(|fee| fee.get().to_string()), Some("0.10".to_owned()));
    assert_eq!(sent.x_payout.as_ref().map(|payout| (payout.as_str(), payout.is_external())), Some(("po_42", false)));
    assert_eq!(sent.x_count.map(|count| count.get()), Some(7));
}

#[test]
fn a_response_header_that_breaks_its_rules_is_an_unexpected_response() {
    let transport = recording::transport();
    transport.push_response(response(200, &[("X-Total", "-1")], r#""po_1""#));
    transport.push_response(response(200, &[("X-Code", "r")], r#""po_1""#));
    for _ in 0..2 {
        match block_on(client(&transport).send(SendRequest::new(Mode::Live, 1))) {
            // A creating call whose success cannot be read: the payout was made, so the outcome says so.
            Err(Error::OutcomeUnknown(unconfirmed)) => assert!(unconfirmed.response().is_some()),
            other => panic!("expected an unreadable success, got {other:?}"),
        }
    }
}

#[test]
fn typed_error_headers_are_read_into_their_types() {
    let transport = recording::transport();
    transport.push_response(response(429, &[("X-Reset", "1700000060"), ("X-Limited-Mode", "live")], "{}"));
    match block_on(client(&transport).send(SendRequest::new(Mode::Live, 1))) {
        Err(Error::Api(SendError::RateLimited(error))) => {
            assert_eq!(error.headers.x_reset, Some(UnixTime::from_seconds(1_700_000_060)));
            assert_eq!(error.headers.x_limited_mode, Some(Mode::Live));
        }
        other => panic!("expected the documented error, got {other:?}"),
    }
}
