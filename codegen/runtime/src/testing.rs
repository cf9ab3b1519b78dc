//! Test doubles for tests of generated clients.

use std::collections::VecDeque;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::http::{BoxFuture, HttpRequest, HttpResponse, Transport, TransportError};

/// A [`Transport`] that answers with queued responses in order and records every request it is given.
///
/// When the queue is empty it answers with a [`TransportError`] of kind `Other`. Share it through an `Arc` to keep
/// access after handing it to a client:
///
/// ```
/// use std::sync::Arc;
/// use codegen_runtime::client::ClientCore;
/// use codegen_runtime::http::Method;
/// use codegen_runtime::testing::RecordingTransport;
/// use codegen_runtime::url::Query;
///
/// let transport = Arc::new(RecordingTransport::new());
/// transport.push_json(200, &codegen_runtime::serde_json::json!({"id": "po_1"}));
/// let client = ClientCore::new(transport.clone(), "https://api.example.com");
/// let response = futures::executor::block_on(client.send(Method::Get, "/payouts/po_1", &Query::new(), vec![], None));
/// assert_eq!(response.unwrap().status, 200);
/// assert_eq!(transport.requests()[0].url, "https://api.example.com/payouts/po_1");
/// ```
#[derive(Debug, Default)]
pub struct RecordingTransport {
    responses: Mutex<VecDeque<Result<HttpResponse, TransportError>>>,
    requests: Mutex<Vec<HttpRequest>>,
}

/// Locks a mutex even if a panicking test poisoned it: the data (queues of plain values) stays consistent.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl RecordingTransport {
    /// A transport with nothing queued and nothing recorded.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a response.
    pub fn push_response(&self, response: HttpResponse) {
        lock(&self.responses).push_back(Ok(response));
    }

    /// Queues a response with `status`, `Content-Type: application/json` and `body` as JSON.
    pub fn push_json<T: serde::Serialize + ?Sized>(&self, status: u16, body: &T) {
        self.push_response(HttpResponse {
            status,
            headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
            body: serde_json::to_vec(body).unwrap_or_default(),
        });
    }

    /// Queues a failure to get any response.
    pub fn push_error(&self, error: TransportError) {
        lock(&self.responses).push_back(Err(error));
    }

    /// Every request sent so far, oldest first.
    pub fn requests(&self) -> Vec<HttpRequest> {
        lock(&self.requests).clone()
    }
}

impl Transport for RecordingTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        lock(&self.requests).push(request);
        let answer = lock(&self.responses)
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::other("RecordingTransport has no queued response")));
        Box::pin(async move { answer })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::{Method, TransportErrorKind};
    use futures::executor::block_on;

    fn get(url: &str) -> HttpRequest {
        HttpRequest { method: Method::Get, url: url.to_owned(), headers: Vec::new(), body: None, timeout: None }
    }

    #[test]
    fn answers_in_order_and_records() {
        let transport = RecordingTransport::new();
        let body = crate::Json::from_text(r#"{"amount":0.10}"#).expect("JSON");
        transport.push_json(200, &body);
        transport.push_error(TransportError::timeout("slow"));
        let first = block_on(transport.send(get("https://x/1"))).expect("first");
        assert_eq!((first.status, first.content_type()), (200, Some("application/json")));
        assert_eq!(first.body_text(), r#"{"amount":0.10}"#);
        let second = block_on(transport.send(get("https://x/2"))).expect_err("second");
        assert_eq!(second.kind(), TransportErrorKind::Timeout);
        let third = block_on(transport.send(get("https://x/3"))).expect_err("nothing left");
        assert_eq!(third.kind(), TransportErrorKind::Other);
        let urls: Vec<String> = transport.requests().into_iter().map(|r| r.url).collect();
        assert_eq!(urls, ["https://x/1", "https://x/2", "https://x/3"]);
    }
}
