//! [`HttpTransport`]: the real [`Transport`], an HTTP/1.1 client on hyper and tokio with TLS through rustls (ring).

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Body as _, Bytes};
use hyper::header::{HeaderName, HeaderValue, CONTENT_LENGTH, PROXY_AUTHORIZATION, USER_AGENT};
use hyper::rt::{Read, ReadBufCursor, Write};
use hyper::Uri;
use hyper_rustls::{HttpsConnector, HttpsConnectorBuilder, MaybeHttpsStream};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::client::proxy::matcher::{Intercept, Matcher};
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use tokio::net::TcpStream;
use tower_service::Service;

use crate::http::{BoxFuture, HttpRequest, HttpResponse, Method, Transport, TransportError, TransportErrorKind};

mod proxy;
#[cfg(test)]
mod tests;

pub use proxy::Proxy;

/// Sends requests over HTTP/1.1, in plain text or over TLS (rustls with the ring provider, trusting the system's
/// root certificates), on tokio; it must be used inside a tokio runtime. Connections are kept and reused per host.
///
/// Requests go out exactly as given: method, URL, headers in order (credentials marked sensitive) and body, plus
/// `Host` and, unless the request has one, the transport's `User-Agent`. Redirects are not followed, so a `3xx`
/// comes back as a response. The body is read once, chunk by chunk, into one buffer and refused with a
/// [`TransportErrorKind::TooLarge`] error as soon as it passes [`HttpTransport::max_response_bytes`]. Cheap to clone.
///
/// Proxies: [`HttpTransport::new`] uses those the environment names (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`,
/// `NO_PROXY` and their lower-case forms, as curl and reqwest do); [`HttpTransport::with_proxy`] takes a [`Proxy`]
/// setting instead. An `http` request goes to an HTTP proxy with the whole URL as request target (and the proxy's
/// `Proxy-Authorization`, if its URL has credentials); an `https` request goes through a `CONNECT` tunnel, with TLS
/// to the API inside it, so the proxy sees neither the request nor the response. Failing to reach the proxy, a
/// `CONNECT` the proxy refuses (such as `407 Proxy Authentication Required`) and a TLS failure inside the tunnel are
/// [`TransportErrorKind::Connect`] errors: nothing of the request was sent. The connect timeout covers all of it.
#[derive(Clone, Debug)]
pub struct HttpTransport {
    client: Client<Connector, Full<Bytes>>,
    proxies: Option<Arc<Matcher>>,
    user_agent: HeaderValue,
    timeout: Duration,
    max_response_bytes: usize,
}

/// The default limit on a response body: far above any page of a list, far below what hurts a server.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 16 * 1024 * 1024;

/// How long an unused connection is kept for the next request to the same host.
const IDLE_CONNECTION_TIMEOUT: Duration = Duration::from_secs(90);

impl HttpTransport {
    /// A transport whose requests take at most `timeout` in all (connecting, sending, reading the whole body), of
    /// which connecting (TCP, through a proxy if any, and the TLS handshake) takes at most `connect_timeout`, sending
    /// `User-Agent: user_agent` unless a request carries its own, through the proxies the environment names
    /// ([`Proxy::from_environment`], read now). Fails with a [`TransportErrorKind::Other`] error when `user_agent` is
    /// not a valid header value or the TLS setup fails.
    ///
    /// TLS uses the process's default rustls crypto provider, and installs ring as that default when the
    /// application has not installed one: an application that wants another provider (aws-lc-rs for FIPS, say)
    /// installs it before building its first transport.
    pub fn new(
        timeout: Duration,
        connect_timeout: Duration,
        user_agent: &str,
    ) -> Result<HttpTransport, TransportError> {
        Self::with_proxy(timeout, connect_timeout, user_agent, &Proxy::from_environment())
    }

    /// [`HttpTransport::new`] with the given proxy setting instead of the environment's. Also fails, with a
    /// [`TransportErrorKind::Other`] error, for a [`Proxy::url`] that is not an HTTP proxy's URL.
    pub fn with_proxy(
        timeout: Duration,
        connect_timeout: Duration,
        user_agent: &str,
        proxy: &Proxy,
    ) -> Result<HttpTransport, TransportError> {
        let proxies = proxy.matcher()?.map(Arc::new);
        let user_agent = HeaderValue::from_str(user_agent)
            .map_err(|_| TransportError::other("the User-Agent is not a valid header value"))?;
        let tls = tls_config()?;
        let mut tcp = HttpConnector::new();
        // The TLS layer handles `https` URLs; the TCP connector must accept them too.
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        // Split between the addresses of a host when there are several; `Connector` bounds the whole connection.
        tcp.set_connect_timeout(Some(connect_timeout));
        let direct = HttpsConnectorBuilder::new()
            .with_tls_config(tls.clone())
            .https_or_http()
            .enable_http1()
            .wrap_connector(tcp.clone());
        let connector = Connector { direct, tcp, tls, proxies: proxies.clone(), timeout: connect_timeout };
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(IDLE_CONNECTION_TIMEOUT)
            .build(connector);
        Ok(HttpTransport { client, proxies, user_agent, timeout, max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES })
    }

    /// [`HttpTransport::new`] with a 30 s timeout and a 10 s connect timeout.
    pub fn default_transport(user_agent: &str) -> Result<HttpTransport, TransportError> {
        Self::new(Duration::from_secs(30), Duration::from_secs(10), user_agent)
    }

    /// Refuses response bodies larger than `limit` bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`]).
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    async fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        // What is left of the call's deadline also bounds this attempt.
        let timeout = request.timeout.map_or(self.timeout, |left| left.min(self.timeout));
        let request = self.to_hyper(request)?;
        match tokio::time::timeout(timeout, self.exchange(request)).await {
            Ok(result) => result,
            Err(_) => Err(TransportError::timeout(format!("no complete response within {timeout:?}"))),
        }
    }

    /// Sends `request` and reads the whole response.
    async fn exchange(&self, request: hyper::Request<Full<Bytes>>) -> Result<HttpResponse, TransportError> {
        let response = self.client.request(request).await.map_err(request_error)?;
        let (head, mut body) = response.into_parts();
        let status = head.status.as_u16();
        let headers = head
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect();
        let limit = self.max_response_bytes;
        let too_large = || TransportError::too_large(format!("the response body is larger than {limit} bytes"));
        // The announced `Content-Length`, if any: hyper reads no more than that.
        let announced = body.size_hint().exact().map(|length| usize::try_from(length).unwrap_or(usize::MAX));
        if announced.is_some_and(|length| length > limit) {
            return Err(too_large());
        }
        // One buffer, grown chunk by chunk: the body is never held twice, and an endless body stops at the limit.
        let mut buffer = Vec::with_capacity(announced.unwrap_or(0));
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(body_error)?;
            // Trailers (after a chunked body) are not part of the response this crate returns.
            if let Some(chunk) = frame.data_ref() {
                if chunk.len() > limit - buffer.len() {
                    return Err(too_large());
                }
                buffer.extend_from_slice(chunk);
            }
        }
        Ok(HttpResponse { status, headers, body: buffer })
    }

    /// The hyper request for `request`, with this transport's User-Agent unless the request has one. Errors name
    /// a bad header but never show its value, nor the URL.
    fn to_hyper(&self, request: HttpRequest) -> Result<hyper::Request<Full<Bytes>>, TransportError> {
        let method = match request.method {
            Method::Get => hyper::Method::GET,
            Method::Post => hyper::Method::POST,
            Method::Put => hyper::Method::PUT,
            Method::Patch => hyper::Method::PATCH,
            Method::Delete => hyper::Method::DELETE,
        };
        let uri = parse_url(&request.url)?;
        // A plain `http` request to a proxy carries the proxy's credentials; an `https` one sends them in `CONNECT`.
        let proxy_authorization = match uri.scheme_str() {
            Some("http") => self.proxy_for(&uri).and_then(|proxy| proxy.basic_auth().cloned()),
            _ => None,
        };
        // A request with a body, even an empty one (a form with no fields), says its length: hyper leaves
        // `Content-Length: 0` out, and some servers refuse a `POST` without it (411 Length Required).
        let empty_body = request.body.as_ref().is_some_and(Vec::is_empty);
        let body = request.body.map_or_else(Bytes::new, Bytes::from);
        let mut out = hyper::Request::new(Full::new(body));
        *out.method_mut() = method;
        *out.uri_mut() = uri;
        let headers = out.headers_mut();
        for (name, value) in request.headers {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| TransportError::invalid(format!("`{name}` is not a valid header name")))?;
            let mut header_value = HeaderValue::from_str(value.as_str()).map_err(|_| {
                TransportError::invalid(format!("the value of header `{name}` is not a valid header value"))
            })?;
            header_value.set_sensitive(value.is_sensitive());
            headers.append(header_name, header_value);
        }
        if !headers.contains_key(USER_AGENT) {
            headers.insert(USER_AGENT, self.user_agent.clone());
        }
        if empty_body && !headers.contains_key(CONTENT_LENGTH) {
            headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
        }
        if let Some(mut credentials) = proxy_authorization {
            credentials.set_sensitive(true);
            headers.insert(PROXY_AUTHORIZATION, credentials);
        }
        Ok(out)
    }

    /// The proxy `uri` goes through, if any.
    fn proxy_for(&self, uri: &Uri) -> Option<Intercept> {
        self.proxies.as_deref().and_then(|proxies| proxies.intercept(uri))
    }
}

impl Transport for HttpTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.execute(request))
    }
}

/// `url` as an absolute `http` or `https` URI with a host. The messages never repeat the URL, whose query may carry
/// personal data.
fn parse_url(url: &str) -> Result<Uri, TransportError> {
    let invalid = |why: &dyn std::fmt::Display| TransportError::invalid(format!("the request URL is not valid: {why}"));
    let uri: Uri = url.parse().map_err(|error| invalid(&error))?;
    if !matches!(uri.scheme_str(), Some("http" | "https")) {
        return Err(invalid(&"it must start with http:// or https://"));
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(invalid(&"it has no host"));
    }
    Ok(uri)
}

/// The TLS client settings: the default crypto provider (ring unless the application installed another), TLS 1.2
/// and 1.3, the system's root certificates.
fn tls_config() -> Result<rustls::ClientConfig, TransportError> {
    install_crypto_provider();
    let provider = rustls::crypto::CryptoProvider::get_default()
        .cloned()
        .unwrap_or_else(|| Arc::new(rustls::crypto::ring::default_provider()));
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| TransportError::other(format!("the TLS setup failed: {error}")))?
        .with_root_certificates(system_roots())
        .with_no_client_auth();
    Ok(config)
}

/// The system's trusted root certificates, read once per process. Certificates that do not parse are skipped. When
/// none are found, the transport is still built: plain `http` works, and every `https` connection fails its
/// certificate check, as a [`TransportErrorKind::Connect`] error.
fn system_roots() -> Arc<rustls::RootCertStore> {
    static ROOTS: OnceLock<Arc<rustls::RootCertStore>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let mut roots = rustls::RootCertStore::empty();
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
            Arc::new(roots)
        })
        .clone()
}

/// Makes ring the process's TLS crypto provider unless the application chose one already; an application that
/// prefers another provider installs it before building its first transport, and this leaves it be.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Losing a race with another thread that installs one at the same moment is fine: a provider is then set.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Makes the connections: directly (TCP, with TLS for `https`) or through the proxy the matcher picks, bounded by
/// the connect timeout as a whole (TCP, `CONNECT`, TLS handshake). Its errors are connection errors: nothing of the
/// request has been written when it fails.
#[derive(Clone, Debug)]
struct Connector {
    direct: HttpsConnector<HttpConnector>,
    tcp: HttpConnector,
    tls: rustls::ClientConfig,
    proxies: Option<Arc<Matcher>>,
    timeout: Duration,
}

type Connecting = Pin<Box<dyn Future<Output = Result<Stream, BoxError>> + Send>>;

impl Service<Uri> for Connector {
    type Response = Stream;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.direct.poll_ready(cx)
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let connecting = match self.proxies.as_deref().and_then(|proxies| proxies.intercept(&uri)) {
            None => {
                let connecting = self.direct.call(uri);
                Box::pin(async move { Ok(Stream { inner: connecting.await?, proxied: false }) })
            }
            Some(proxy) => self.through(&proxy, uri),
        };
        let timeout = self.timeout;
        Box::pin(async move {
            match tokio::time::timeout(timeout, connecting).await {
                Ok(connected) => connected,
                Err(_) => Err(format!("no connection within {timeout:?}").into()),
            }
        })
    }
}

impl Connector {
    /// A connection for `uri` through `proxy`: to the proxy itself for `http` (the request then names the whole
    /// URL), a `CONNECT` tunnel with TLS inside for `https`.
    fn through(&self, proxy: &Intercept, uri: Uri) -> Connecting {
        // The proxy's address, without credentials (the matcher keeps those apart).
        let address = proxy.uri().authority().map_or_else(String::new, ToString::to_string);
        if proxy.uri().scheme_str() != Some("http") {
            let scheme = proxy.uri().scheme_str().unwrap_or_default().to_owned();
            let error = ProxyError {
                address,
                source: format!("{scheme} proxies are not supported, only HTTP proxies (http://)").into(),
            };
            return Box::pin(std::future::ready(Err(error.into())));
        }
        let failed = move |source: BoxError| -> BoxError { Box::new(ProxyError { address, source }) };
        if uri.scheme_str() == Some("https") {
            let mut tunnel = Tunnel::new(proxy.uri().clone(), self.tcp.clone());
            if let Some(credentials) = proxy.basic_auth() {
                tunnel = tunnel.with_auth(credentials.clone());
            }
            let mut https = HttpsConnectorBuilder::new()
                .with_tls_config(self.tls.clone())
                .https_only()
                .enable_http1()
                .wrap_connector(tunnel);
            let connecting = https.call(uri);
            Box::pin(async move {
                let inner = connecting.await.map_err(failed)?;
                Ok(Stream { inner, proxied: false })
            })
        } else {
            let connecting = self.tcp.clone().call(proxy.uri().clone());
            Box::pin(async move {
                let tcp = connecting.await.map_err(|error| failed(error.into()))?;
                Ok(Stream { inner: MaybeHttpsStream::Http(tcp), proxied: true })
            })
        }
    }
}

/// A failure to connect through a proxy: names the proxy's address (never its credentials), then the cause.
#[derive(Debug)]
struct ProxyError {
    address: String,
    source: BoxError,
}

impl std::fmt::Display for ProxyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "through the proxy at {}", self.address)
    }
}

impl std::error::Error for ProxyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// A connection, direct or through a proxy. `proxied` is set for a plain connection to an HTTP proxy, so that
/// hyper writes the whole URL as request target; a tunnel carries requests as a direct connection does.
#[derive(Debug)]
struct Stream {
    inner: MaybeHttpsStream<TokioIo<TcpStream>>,
    proxied: bool,
}

impl Connection for Stream {
    fn connected(&self) -> Connected {
        self.inner.connected().proxy(self.proxied)
    }
}

impl Read for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: ReadBufCursor<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl Write for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }
}

/// Classifies a failure of sending the request or receiving the response head. A failure of the connector (DNS,
/// TCP, TLS, the connect timeout) means no connection, so nothing was sent: `Connect`. A failure on the connection
/// (writing the request, a reset, a closed or malformed response) may come after the request left: `Io`. Anything
/// else is `Other`, which also counts as possibly sent.
fn request_error(error: hyper_util::client::legacy::Error) -> TransportError {
    let kind = if error.is_connect() {
        TransportErrorKind::Connect
    } else if caused_by::<hyper::Error>(&error) || caused_by::<std::io::Error>(&error) {
        TransportErrorKind::Io
    } else {
        TransportErrorKind::Other
    };
    TransportError::new(kind, describe(&error))
}

/// A failure while reading the response body: the request was sent.
fn body_error(error: hyper::Error) -> TransportError {
    TransportError::io(describe(&error))
}

/// Whether `error` or one of its causes is an `E`.
fn caused_by<E: std::error::Error + 'static>(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error.is::<E>() {
            return true;
        }
        current = error.source();
    }
    false
}

/// The error and its causes, joined by `: `. hyper, hyper-util and rustls errors show neither the URL nor header
/// values.
fn describe(error: &(dyn std::error::Error + 'static)) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
