//! [`ClientCore`], the half of every generated client that is not generated, and response decoding.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::de::DeserializeOwned;

use crate::auth::HeaderValue;
use crate::body::Body;
use crate::http::{HttpRequest, HttpResponse, Method, Transport, TransportError};
use crate::retry::{RetryEvent, RetryObserver, RetryPolicy};
use crate::url::{join_url, Query};
use crate::validate::ValidationError;

/// A transport, a base URL, the headers sent with every request (credentials, API version, User-Agent), the retry
/// policy and the deadline of [`ClientCore::execute`]. Cheap to clone.
///
/// Build one with [`crate::config::ClientConfig::build_core`], or with [`ClientCore::new`] and the `with_` methods.
#[derive(Clone)]
pub struct ClientCore {
    transport: Arc<dyn Transport>,
    base_url: String,
    headers: Vec<(String, HeaderValue)>,
    user_agent: Option<HeaderValue>,
    retry_policy: RetryPolicy,
    retry_observer: Option<RetryObserver>,
    deadline: Option<Duration>,
}

impl ClientCore {
    /// A client sending through `transport` to `base_url` (no trailing slash), with no default headers, no
    /// User-Agent, no retries ([`RetryPolicy::none`]) and no deadline.
    pub fn new(transport: Arc<dyn Transport>, base_url: impl Into<String>) -> Self {
        ClientCore {
            transport,
            base_url: base_url.into(),
            headers: Vec::new(),
            user_agent: None,
            retry_policy: RetryPolicy::none(),
            retry_observer: None,
            deadline: None,
        }
    }

    /// Adds a header sent with every request, before the headers of the call.
    pub fn with_header(mut self, name: impl Into<String>, value: HeaderValue) -> Self {
        // One value per header: setting it again (another API version, say) replaces the first.
        let name = name.into();
        self.headers.retain(|(existing, _)| !existing.eq_ignore_ascii_case(&name));
        self.headers.push((name, value));
        self
    }

    /// Sends `version`, which must be one of `versions`, in the API's version header `header` instead of the version
    /// set before; any other version is refused before a request is sent.
    pub fn with_version(self, header: &str, version: &str, versions: &[&str]) -> Result<Self, ValidationError> {
        if !versions.contains(&version) {
            return Err(ValidationError::new("API version", format!("must be one of {versions:?}")));
        }
        Ok(self.with_header(header, HeaderValue::plain(version)))
    }

    /// Sends `User-Agent: user_agent` with every request that does not already carry a User-Agent header.
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(HeaderValue::plain(user_agent));
        self
    }

    /// Sets the retry policy of [`ClientCore::execute`].
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry_policy = policy;
        self
    }

    /// The longest one call of [`ClientCore::execute`] may take, all attempts and waits included (`None`: no limit
    /// beyond the transport's timeout per attempt). Each attempt is given what is left of it.
    pub fn with_deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// Calls `observer` before each retry wait of [`ClientCore::execute`], for logging, metrics or tests.
    pub fn with_retry_observer(mut self, observer: impl Fn(RetryEvent) + Send + Sync + 'static) -> Self {
        self.retry_observer = Some(Arc::new(observer));
        self
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The retry policy of [`ClientCore::execute`].
    pub fn retry_policy(&self) -> &RetryPolicy {
        &self.retry_policy
    }

    /// The deadline of one call of [`ClientCore::execute`].
    pub fn deadline(&self) -> Option<Duration> {
        self.deadline
    }

    pub(crate) fn transport(&self) -> &dyn Transport {
        self.transport.as_ref()
    }

    pub(crate) fn retry_observer(&self) -> Option<&RetryObserver> {
        self.retry_observer.as_ref()
    }

    /// The User-Agent sent with every request, if one was set.
    pub fn user_agent(&self) -> Option<&str> {
        self.user_agent.as_ref().map(HeaderValue::as_str)
    }

    /// Sends a request to `base_url + path + ?query` once and returns the response, whatever its status.
    ///
    /// Headers go out in this order: the default headers, the call's `headers`, then `User-Agent` (when set),
    /// `Accept: application/json` and, when there is a body, its `Content-Type` (each only if not already given). A header that HTTP cannot carry is a [`crate::TransportErrorKind::Invalid`] error, and
    /// nothing is sent.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &Query,
        headers: Vec<(String, HeaderValue)>,
        body: Option<Body>,
    ) -> Result<HttpResponse, TransportError> {
        let request = self
            .prepare(method, join_url(&self.base_url, path, query), headers, body)
            .map_err(|error| TransportError::invalid(error.to_string()))?;
        self.transport.send(request).await
    }

    /// The request to `url` with the client's headers that [`ClientCore::send`] sends, refused when a header cannot be
    /// sent as given.
    pub(crate) fn prepare(
        &self,
        method: Method,
        url: String,
        headers: Vec<(String, HeaderValue)>,
        body: Option<Body>,
    ) -> Result<HttpRequest, ValidationError> {
        let mut all = self.headers.clone();
        all.extend(headers);
        let has = |all: &[(String, HeaderValue)], name: &str| all.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        if let Some(user_agent) = &self.user_agent {
            if !has(&all, "user-agent") {
                all.push(("User-Agent".to_owned(), user_agent.clone()));
            }
        }
        if !has(&all, "accept") {
            all.push(("Accept".to_owned(), HeaderValue::plain("application/json")));
        }
        if let Some(body) = &body {
            if !has(&all, "content-type") {
                all.push(("Content-Type".to_owned(), HeaderValue::plain(body.content_type())));
            }
        }
        for (name, value) in &all {
            if let Some(why) = crate::call::unsendable_header(name, value.as_str()) {
                return Err(ValidationError::new("request headers", why));
            }
        }
        let body = body.map(Body::into_bytes);
        Ok(HttpRequest { method, url, headers: all, body, timeout: None })
    }
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("base_url", &self.base_url)
            .field("headers", &self.headers)
            .field("user_agent", &self.user_agent)
            .field("retry_policy", &self.retry_policy)
            .field("deadline", &self.deadline)
            .finish_non_exhaustive()
    }
}

/// Decodes a JSON response body into `T`, as the server sent it: the spec's rules on values are not applied (see
/// [`crate::as_received()`]). The error says why it failed: an empty body, invalid JSON (with line and column), or
/// JSON of the wrong shape, with the path of the field that did not fit (`payouts[3].creditor.sortCode`).
pub fn decode_json<T: DeserializeOwned>(response: &HttpResponse) -> Result<T, String> {
    decode_json_body(&response.body)
}

/// [`decode_json`] of a body alone.
pub fn decode_json_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    decode_json_at(body, "")
}

/// [`decode_json_body`] of a value found at `at` in a response body (`payouts[3]`; empty for the whole body): the
/// path an error names starts there.
pub(crate) fn decode_json_at<T: DeserializeOwned>(body: &[u8], at: &str) -> Result<T, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err("the response body is empty".to_owned());
    }
    crate::as_received(|| serde_json::from_slice(body)).map_err(|error| {
        use serde_json::error::Category;
        let error_category = error.classify();
        // serde's messages quote the offending value, which the server chose: bounded.
        let shown = crate::text::shown(&error.to_string()).into_owned();
        match error_category {
            Category::Data => match joined_path(at, field_path::<T>(body)) {
                Some(path) => format!(
                    "the response body does not have the expected shape at `{}`: {shown}",
                    crate::text::shown(&path)
                ),
                None => format!("the response body does not have the expected shape: {shown}"),
            },
            Category::Syntax | Category::Eof | Category::Io => format!("the response body is not valid JSON: {shown}"),
        }
    })
}

/// `inner` (a path inside the value at `at`) written from the top of the body: `payouts[3]` and `creditor.sortCode`
/// make `payouts[3].creditor.sortCode`.
fn joined_path(at: &str, inner: Option<String>) -> Option<String> {
    match (at, inner) {
        ("", inner) => inner,
        (at, None) => Some(at.to_owned()),
        (at, Some(inner)) if inner.starts_with('[') => Some(format!("{at}{inner}")),
        (at, Some(inner)) => Some(format!("{at}.{inner}")),
    }
}

/// The path of the field a body failed to decode at, read again with the path tracked: only after a failure, so that
/// decoding a good body costs nothing more. `None` at the top level.
fn field_path<T: DeserializeOwned>(body: &[u8]) -> Option<String> {
    let mut reader = serde_json::Deserializer::from_slice(body);
    let error = crate::as_received(|| serde_path_to_error::deserialize::<_, T>(&mut reader)).err()?;
    let path = error.path().to_string();
    (path != ".").then_some(path)
}

/// Whether a response claims to be JSON: no `Content-Type` at all, `application/json`, `application/problem+json`,
/// or any other `+json` type (parameters such as `; charset=utf-8` are ignored).
pub fn is_json(response: &HttpResponse) -> bool {
    let Some(content_type) = response.content_type() else { return true };
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.ends_with("+json") && essence.contains('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::BodyEncoding;
    use crate::testing::RecordingTransport;
    use futures::executor::block_on;
    use serde_json::json;

    fn response(content_type: Option<&str>, body: &str) -> HttpResponse {
        HttpResponse {
            status: 200,
            headers: content_type.map(|c| ("Content-Type".to_owned(), c.to_owned())).into_iter().collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[derive(Debug)]
    #[allow(dead_code)] // Read by the decoder only: the test is about its error.
    struct Line {
        rate: crate::ExactDecimal,
        extra: crate::Json,
        amount: i64,
    }
    // The exact decimal and the JSON value go through raw text, which the path-tracking second read must also take.
    crate::object_decoder!(Line closed {
        0 rate ["rate"] required: crate::ExactDecimal;
        1 extra ["extra"] required: crate::Json;
        2 amount ["amount"] required: i64;
    });

    #[derive(Debug)]
    struct Batch {
        #[allow(dead_code)]
        lines: Vec<Line>,
    }
    crate::object_decoder!(Batch closed { 0 lines ["lines"] required: Vec<Line>; });

    #[test]
    fn a_body_of_the_wrong_shape_names_the_field() {
        let line = |amount: &str| format!(r#"{{"rate": 1.50, "extra": {{"a": [1e400]}}, "amount": {amount}}}"#);
        let body = format!(r#"{{"lines": [{}, {}]}}"#, line("15"), line(r#""x""#));
        let error = decode_json::<Batch>(&response(None, &body)).expect_err("a string amount");
        assert!(
            error.starts_with("the response body does not have the expected shape at `lines[1].amount`: "),
            "{error}"
        );
        // At the top level there is no field to name.
        let error = decode_json::<Batch>(&response(None, "[]")).expect_err("an array");
        assert!(error.starts_with("the response body does not have the expected shape: "), "{error}");
        assert!(decode_json::<Batch>(&response(None, &format!(r#"{{"lines": [{}]}}"#, line("15")))).is_ok());
    }

    #[test]
    fn send_adds_headers_and_body() {
        let transport = Arc::new(RecordingTransport::new());
        transport.push_json(201, &json!({"id": "po_1"}));
        let client = ClientCore::new(transport.clone(), "https://api.example.com/v1")
            .with_header("Authorization", HeaderValue::sensitive("Bearer t"))
            .with_header("X-Api-Version", HeaderValue::plain("2024-01-01"));
        assert_eq!(client.base_url(), "https://api.example.com/v1");
        let mut query = Query::new();
        query.push("dryRun", "true");
        let call_headers = vec![("Idempotency-Key".to_owned(), HeaderValue::plain("k1"))];
        let sent = client.send(
            Method::Post,
            "/payouts",
            &query,
            call_headers,
            Some(Body::raw(BodyEncoding::Json, br#"{"amount":0.10}"#.to_vec())),
        );
        let response = block_on(sent).expect("queued response");
        assert_eq!(response.status, 201);
        assert_eq!(decode_json::<serde_json::Value>(&response), Ok(json!({"id": "po_1"})));

        let requests = transport.requests();
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        assert_eq!(request.method, Method::Post);
        assert_eq!(request.url, "https://api.example.com/v1/payouts?dryRun=true");
        let names: Vec<&str> = request.headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Authorization", "X-Api-Version", "Idempotency-Key", "Accept", "Content-Type"]);
        assert_eq!(request.header("accept"), Some("application/json"));
        assert_eq!(request.header("content-type"), Some("application/json"));
        assert!(request.headers[0].1.is_sensitive());
        assert_eq!(request.body.as_deref(), Some(&br#"{"amount":0.10}"#[..]));
        assert!(!format!("{client:?}").contains("Bearer t"));
    }

    #[test]
    fn send_without_body_keeps_given_accept() {
        let transport = Arc::new(RecordingTransport::new());
        transport.push_response(response(None, ""));
        let client = ClientCore::new(transport.clone(), "https://api.example.com");
        let headers = vec![("accept".to_owned(), HeaderValue::plain("application/pdf"))];
        block_on(client.send(Method::Get, "/statements/s%201", &Query::new(), headers, None)).expect("response");
        let request = &transport.requests()[0];
        assert_eq!(request.url, "https://api.example.com/statements/s%201");
        assert_eq!(request.headers.len(), 1);
        assert_eq!(request.header("Accept"), Some("application/pdf"));
        assert_eq!(request.header("Content-Type"), None);
        assert_eq!(request.body, None);
    }

    #[test]
    fn send_future_is_send() {
        fn assert_send<T: Send>(_: &T) {}
        let client = ClientCore::new(Arc::new(RecordingTransport::new()), "https://x");
        let query = Query::new();
        let future = client.send(Method::Get, "/", &query, Vec::new(), None);
        assert_send(&future);
        assert!(block_on(future).is_err(), "nothing queued");
    }

    #[test]
    fn decode_json_explains_failures() {
        #[derive(Debug, serde::Deserialize)]
        struct Payout {
            #[allow(dead_code)]
            id: String,
        }
        assert_eq!(decode_json::<Payout>(&response(None, " \n")).unwrap_err(), "the response body is empty");
        let error = decode_json::<Payout>(&response(None, "{\n  \"id\": }")).unwrap_err();
        assert!(error.starts_with("the response body is not valid JSON") && error.contains("line 2 column"), "{error}");
        let error = decode_json::<Payout>(&response(None, r#"{"id": 5}"#)).unwrap_err();
        assert!(error.starts_with("the response body does not have the expected shape"), "{error}");
        assert!(decode_json::<Payout>(&response(None, r#"{"id": "po_1"}"#)).is_ok());
    }

    #[test]
    fn json_content_types() {
        for content_type in [
            None,
            Some("application/json"),
            Some("Application/JSON; charset=utf-8"),
            Some("application/problem+json"),
            Some("application/vnd.api+json"),
        ] {
            assert!(is_json(&response(content_type, "")), "{content_type:?}");
        }
        for content_type in ["text/html", "text/plain; charset=utf-8", "application/jsonp", "+json", ""] {
            assert!(!is_json(&response(Some(content_type), "")), "{content_type}");
        }
    }
}
