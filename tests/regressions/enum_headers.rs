//! Enum-typed headers: a request header argument sends the wire value; a response header and an error header are
//! read into the enum, an undocumented value kept as `Unknown`.

use codegen_runtime::{Error, HttpResponse};
use futures::executor::block_on;

use crate::recording::{self, header, BASE};

codegen_macro::api!("specs/enum_headers.yaml");

use enum_headers::{Auth, Client, Environment, Mode, Scope, SendError, SendRequest};

fn client(transport: &std::sync::Arc<codegen_runtime::testing::RecordingTransport>) -> Client {
    Client::with_config(Environment::Custom(BASE.to_owned()), Auth, recording::config(transport)).expect("a client")
}

fn response(status: u16, header: (&str, &str), body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            (header.0.to_owned(), header.1.to_owned()),
        ],
        body: body.as_bytes().to_vec(),
    }
}

#[test]
fn enum_header_arguments_send_their_wire_values() {
    let transport = recording::transport();
    transport.push_response(response(200, ("X-Served-Mode", "test"), r#""po_1""#));
    let request = SendRequest::new(Mode::Live, 100).with_x_fallback_mode(Mode::Test);
    let sent = block_on(client(&transport).send(request)).expect("sent");
    assert_eq!(sent.x_served_mode, Some(Mode::Test));
    let request = &transport.requests()[0];
    assert_eq!(header(request, "X-Mode"), Some("live"));
    assert_eq!(header(request, "X-Fallback-Mode"), Some("test"));
}

#[test]
fn an_undocumented_response_header_value_is_kept() {
    let transport = recording::transport();
    transport.push_response(response(200, ("X-Served-Mode", "sandbox"), r#""po_1""#));
    let sent = block_on(client(&transport).send(SendRequest::new(Mode::Test, 1))).expect("sent");
    assert_eq!(sent.x_served_mode, Some(Mode::Unknown("sandbox".to_owned())));
    assert_eq!(header(&transport.requests()[0], "X-Fallback-Mode"), None);
}

#[test]
fn an_enum_error_header_is_read_into_the_enum() {
    let transport = recording::transport();
    transport.push_response(response(429, ("X-Limit-Scope", "global"), "{}"));
    match block_on(client(&transport).send(SendRequest::new(Mode::Live, 1))) {
        Err(Error::Api(SendError::RateLimited(error))) => assert_eq!(error.headers.x_limit_scope, Some(Scope::Global)),
        other => panic!("expected the documented error, got {other:?}"),
    }
}
