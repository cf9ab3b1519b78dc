//! HTTP requests and responses, and the [`Transport`] seam an HTTP client plugs into.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use crate::auth::HeaderValue;

/// The HTTP method of an endpoint.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as written in a request line, such as `GET`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A request ready to send. `Debug` hides sensitive header values and shows only the size of the body, which may
/// hold personal data.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, including the encoded query string.
    pub url: String,
    /// Headers in sending order.
    pub headers: Vec<(String, HeaderValue)>,
    /// The body, if any.
    pub body: Option<Vec<u8>>,
    /// The longest this attempt may take, from connecting to the end of the response body: what is left of the
    /// call's deadline. `None` leaves it to the transport's own timeout. A transport takes the shorter of the two.
    pub timeout: Option<Duration>,
}

impl HttpRequest {
    /// The value of the first header called `name` (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
    }
}

struct BodySize(usize);

impl fmt::Debug for BodySize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.headers)
            .field("body", &self.body.as_ref().map(|body| BodySize(body.len())))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A response as received. `Debug` shows the body as (lossy) text.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// The status code.
    pub status: u16,
    /// Headers as received.
    pub headers: Vec<(String, String)>,
    /// The body, empty when there is none.
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The value of the first header called `name` (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }

    /// The body as text, with invalid UTF-8 replaced by `U+FFFD`.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

pub(crate) fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
}

/// A boxed future that can move between threads, the return type of [`Transport::send`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends requests. Generated clients talk to the network only through this trait, so an HTTP client (or a test
/// double such as [`crate::testing::RecordingTransport`]) plugs in here.
pub trait Transport: Send + Sync + 'static {
    /// Sends `request` and resolves to the response, whatever its status, or to an error when no response arrived.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// A shared transport is a transport, so a test can keep an `Arc` to the transport it hands to
/// [`crate::config::ClientConfig::transport`].
impl<T: Transport + ?Sized> Transport for std::sync::Arc<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).send(request)
    }
}

/// Why a request got no response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TransportErrorKind {
    /// The connection could not be made (DNS, refused, TLS).
    Connect,
    /// The request or response took too long.
    Timeout,
    /// Reading or writing failed part-way.
    Io,
    /// The request cannot be sent as given (a header value with a line break, a URL that does not parse): it never
    /// left, and sending it again would fail the same way.
    Invalid,
    /// The response body is larger than the client accepts; it was refused part-way through reading.
    TooLarge,
    /// Anything else.
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Io => "I/O error",
            TransportErrorKind::Invalid => "request not sendable",
            TransportErrorKind::TooLarge => "response too large",
            TransportErrorKind::Other => "transport error",
        })
    }
}

/// A request that got no response. Display: `{kind}: {message}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportErrorKind,
    /// What the transport said.
    pub message: String,
}

impl TransportError {
    /// An error of `kind` with `message`.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError { kind, message: message.into() }
    }

    /// A [`TransportErrorKind::Connect`] error.
    pub fn connect(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Connect, message)
    }

    /// A [`TransportErrorKind::Timeout`] error.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Timeout, message)
    }

    /// A [`TransportErrorKind::Io`] error.
    pub fn io(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Io, message)
    }

    /// A [`TransportErrorKind::Invalid`] error.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Invalid, message)
    }

    /// A [`TransportErrorKind::TooLarge`] error.
    pub fn too_large(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::TooLarge, message)
    }

    /// A [`TransportErrorKind::Other`] error.
    pub fn other(message: impl Into<String>) -> Self {
        Self::new(TransportErrorKind::Other, message)
    }

    /// What kind of failure.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// What the transport said.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the request may have reached the server: `false` only for [`TransportErrorKind::Connect`], where no
    /// connection was ever made, and [`TransportErrorKind::Invalid`], where nothing was sent. A request that may
    /// have been sent must not be repeated blindly when repeating it could act twice (see [`crate::Resend`]).
    pub fn request_may_have_been_sent(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Connect | TransportErrorKind::Invalid)
    }

    /// Whether another attempt could go differently: not for a request that cannot be sent as given, nor for a
    /// response that is too large (the server would send the same one again).
    pub fn is_transient(&self) -> bool {
        !matches!(self.kind, TransportErrorKind::Invalid | TransportErrorKind::TooLarge)
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, crate::text::shown(&self.message))
    }
}

impl std::error::Error for TransportError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        let all = [Method::Get, Method::Post, Method::Put, Method::Patch, Method::Delete];
        let names: Vec<_> = all.iter().map(Method::as_str).collect();
        assert_eq!(names, ["GET", "POST", "PUT", "PATCH", "DELETE"]);
        assert_eq!(Method::Patch.to_string(), "PATCH");
    }

    #[test]
    fn request_debug_hides_secrets_and_body() {
        let request = HttpRequest {
            method: Method::Post,
            url: "https://api.example.com/payouts".into(),
            headers: vec![
                ("Authorization".into(), HeaderValue::sensitive("Bearer sk_live_123")),
                ("Accept".into(), HeaderValue::plain("application/json")),
            ],
            body: Some(br#"{"nationalId":"8501015800084"}"#.to_vec()),
            timeout: None,
        };
        let shown = format!("{request:?}");
        assert!(!shown.contains("sk_live") && !shown.contains("8501015800084"), "{shown}");
        assert!(shown.contains(r#""Accept", "application/json""#) && shown.contains("<30 bytes>"), "{shown}");
        assert_eq!(request.header("authorization"), Some("Bearer sk_live_123"));
        assert_eq!(request.header("x-missing"), None);
    }

    #[test]
    fn response_accessors() {
        let response = HttpResponse {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into()), ("X-Id".into(), "1".into())],
            body: b"{\"a\":1}\xff".to_vec(),
        };
        assert_eq!(response.header("x-id"), Some("1"));
        assert_eq!(response.header("X-ID"), Some("1"));
        assert_eq!(response.header("x-other"), None);
        assert_eq!(response.content_type(), Some("application/json"));
        assert_eq!(response.body_text(), "{\"a\":1}\u{fffd}");
        assert!(format!("{response:?}").contains(r#"body: "{\"a\":1}"#));
    }

    #[test]
    fn transport_errors() {
        let error = TransportError::timeout("after 30s");
        assert_eq!(error.kind(), TransportErrorKind::Timeout);
        assert_eq!(error.message(), "after 30s");
        assert_eq!(error.to_string(), "timed out: after 30s");
        assert_eq!(TransportError::connect("refused").to_string(), "connection failed: refused");
        assert_eq!(TransportError::io("reset").kind, TransportErrorKind::Io);
        assert_eq!(TransportError::other("x").to_string(), "transport error: x");
        assert!(!TransportError::connect("refused").request_may_have_been_sent());
        assert!(!TransportError::invalid("bad header").request_may_have_been_sent());
        assert!(TransportError::too_large("16 MiB").request_may_have_been_sent());
        assert!(!TransportError::too_large("x").is_transient() && !TransportError::invalid("x").is_transient());
        assert!(TransportError::connect("x").is_transient() && TransportError::timeout("x").is_transient());
        for error in [TransportError::timeout("t"), TransportError::io("reset"), TransportError::other("x")] {
            assert!(error.request_may_have_been_sent(), "{error}");
        }
        let _: &dyn std::error::Error = &error;
    }
}
