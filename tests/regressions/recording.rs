//! A client's view of the wire for these tests: a recording transport, a configuration that sends each call once,
//! and readers for what a recorded request carried.

use std::sync::Arc;

use codegen_runtime::testing::RecordingTransport;
use codegen_runtime::{ClientConfig, HttpRequest, RetryPolicy};

/// A transport with nothing queued.
pub fn transport() -> Arc<RecordingTransport> {
    Arc::new(RecordingTransport::new())
}

/// Sends through `transport`, each call once, with no waiting.
pub fn config(transport: &Arc<RecordingTransport>) -> ClientConfig {
    ClientConfig::default().transport(transport.clone()).retry_policy(RetryPolicy::default().max_attempts(1))
}

/// The base URL every test client uses.
pub const BASE: &str = "https://api.example.com";

/// The path of the request, without the base URL and the query.
pub fn path(request: &HttpRequest) -> &str {
    let rest = request.url.strip_prefix(BASE).expect("the request goes to the test base URL");
    rest.split('?').next().unwrap_or(rest)
}

/// The query string as sent, without the `?` (empty when there is none).
pub fn raw_query(request: &HttpRequest) -> &str {
    request.url.split_once('?').map_or("", |(_, query)| query)
}

/// The query decoded into pairs, in order.
pub fn query(request: &HttpRequest) -> Vec<(String, String)> {
    form_urlencoded::parse(raw_query(request).as_bytes()).into_owned().collect()
}

/// Pairs from string slices, for comparing with [`query`].
pub fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect()
}

/// The value of the header `name` (compared case-insensitively); panics when it was sent more than once.
pub fn header<'r>(request: &'r HttpRequest, name: &str) -> Option<&'r str> {
    let values: Vec<&str> =
        request.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect();
    assert!(values.len() <= 1, "header `{name}` was sent {} times", values.len());
    values.first().copied()
}

/// The body as JSON; `None` when there is no body.
pub fn body(request: &HttpRequest) -> Option<serde_json::Value> {
    request.body.as_ref().map(|bytes| serde_json::from_slice(bytes).expect("the body is JSON"))
}

/// The body as sent, as text.
pub fn body_text(request: &HttpRequest) -> String {
    String::from_utf8(request.body.clone().expect("a body")).expect("UTF-8")
}
