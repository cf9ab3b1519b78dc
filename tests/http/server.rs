//! An in-process HTTP/1.1 test server for the generated clients: it listens on `127.0.0.1:0`, records every request
//! exactly as it arrived (method, raw path, raw query, headers, body) and answers each one from a plan.
//!
//! A plan is a function of the recorded request and its index (0 for the first request the server received), so a
//! test can script answers in order ([`TestServer::scripted`]), answer every request alike ([`TestServer::always`]),
//! or route by path and body ([`TestServer::start`]). Besides canned responses a plan can inject the faults a real
//! network shows (see [`Reply`]): a connection reset after the request was read, a body cut short of its
//! `Content-Length`, and a body that arrives later than the client waits.
//!
//! The server is hyper 1.x on tokio, one task per connection with keep-alive, so the client's connection pool is
//! exercised as in production. Dropping the [`TestServer`] stops it and every connection task.

#![allow(dead_code)] // Each test target uses a different part of this module.

use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use futures::stream::{self, StreamExt as _};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Bytes, Frame, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// The status of the answer to a request the plan of [`TestServer::scripted`] has no reply for.
pub const UNSCRIPTED_STATUS: u16 = 599;

/// One request as the server received it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recorded {
    /// `GET`, `POST`...
    pub method: String,
    /// The path as sent, still percent-encoded (`/payouts/po%3Aabc`).
    pub path: String,
    /// The query string as sent, without the `?`; `None` when the URL has no `?`.
    pub query: Option<String>,
    /// Every header in arrival order, names in lower case (as HTTP/1.1 header names compare), values as sent.
    pub headers: Vec<(String, String)>,
    /// The body, empty when there was none.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The value of the only header called `name`; panics when the header appears more than once.
    pub fn header(&self, name: &str) -> Option<&str> {
        let values = self.header_values(name);
        assert!(values.len() <= 1, "header `{name}` was sent {} times: {values:?}", values.len());
        values.first().copied()
    }

    /// Every value of the header called `name` (compared case-insensitively), in arrival order.
    pub fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// The body parsed as JSON; panics when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the request body is not JSON ({e}): {}", self.body_text()))
    }

    /// The body as text.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The query decoded as `application/x-www-form-urlencoded` pairs, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_deref().unwrap_or_default().as_bytes()).into_owned().collect()
    }

    /// `METHOD /path?query`, for messages.
    pub fn target(&self) -> String {
        match &self.query {
            Some(query) => format!("{} {}?{query}", self.method, self.path),
            None => format!("{} {}", self.method, self.path),
        }
    }
}

/// A complete response: status, headers and body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// What the server does with one request, after recording it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
    /// Answers with this response.
    Respond(Canned),
    /// Resets the connection (TCP RST) without answering: the request was received, the response never comes.
    Reset,
    /// Sends the status line, the headers and a `Content-Length` for the whole body, then only the first half of the
    /// body, and closes the connection.
    Truncated(Canned),
    /// Sends the status line and headers at once, and the body only after the delay.
    DelayBody(Canned, Duration),
}

impl Reply {
    /// A JSON response (`Content-Type: application/json`), the body written compactly.
    pub fn json(status: u16, body: &Value) -> Reply {
        Reply::body(status, "application/json", serde_json::to_vec(body).expect("JSON"))
    }

    /// A response with the given content type and body.
    pub fn body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Respond(Canned {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: body.into(),
        })
    }

    /// An HTML error page such as a proxy or load balancer sends.
    pub fn html(status: u16) -> Reply {
        let page = format!(
            "<!DOCTYPE html>\n<html><head><title>{status} Internal Server Error</title></head>\n<body><h1>Internal \
             Server Error</h1><p>The server encountered an unexpected condition.</p></body></html>\n"
        );
        Reply::body(status, "text/html; charset=utf-8", page)
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.canned_mut().headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The same response, cut short: see [`Reply::Truncated`].
    pub fn truncated(self) -> Reply {
        Reply::Truncated(self.into_canned())
    }

    /// The same response, its body sent after `delay`: see [`Reply::DelayBody`].
    pub fn delayed(self, delay: Duration) -> Reply {
        Reply::DelayBody(self.into_canned(), delay)
    }

    fn canned_mut(&mut self) -> &mut Canned {
        match self {
            Reply::Respond(canned) | Reply::Truncated(canned) | Reply::DelayBody(canned, _) => canned,
            Reply::Reset => panic!("a reset has no response to change"),
        }
    }

    fn into_canned(self) -> Canned {
        match self {
            Reply::Respond(canned) | Reply::Truncated(canned) | Reply::DelayBody(canned, _) => canned,
            Reply::Reset => panic!("a reset has no response to change"),
        }
    }
}

type Plan = dyn Fn(&Recorded, usize) -> Reply + Send + Sync;

struct Shared {
    requests: Mutex<Vec<Recorded>>,
    plan: Box<Plan>,
    connections: AtomicUsize,
    resets: AtomicUsize,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running server. Dropping it stops the server and closes every connection.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    accept: JoinHandle<()>,
}

impl TestServer {
    /// Starts a server that answers request number `index` (0-based, in arrival order) with `plan(request, index)`.
    /// Must be called inside a tokio runtime.
    pub async fn start(plan: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            requests: Mutex::new(Vec::new()),
            plan: Box::new(plan),
            connections: AtomicUsize::new(0),
            resets: AtomicUsize::new(0),
        });
        let accept = tokio::spawn(accept_loop(listener, shared.clone()));
        TestServer { addr, shared, accept }
    }

    /// Answers the requests with `replies` in order, and any request after them with [`UNSCRIPTED_STATUS`].
    pub async fn scripted(replies: Vec<Reply>) -> TestServer {
        TestServer::start(move |_, index| {
            replies.get(index).cloned().unwrap_or_else(|| {
                Reply::body(UNSCRIPTED_STATUS, "text/plain", format!("no reply scripted for request #{index}"))
            })
        })
        .await
    }

    /// Answers every request with `reply`.
    pub async fn always(reply: Reply) -> TestServer {
        TestServer::start(move |_, _| reply.clone()).await
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<Recorded> {
        lock(&self.shared.requests).clone()
    }

    /// How many requests were received so far.
    pub fn request_count(&self) -> usize {
        lock(&self.shared.requests).len()
    }

    /// How many TCP connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// How many connections the plan reset so far.
    pub fn resets(&self) -> usize {
        self.shared.resets.load(Ordering::SeqCst)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        // The accept task owns the connection tasks (a JoinSet), so aborting it stops them all.
        self.accept.abort();
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        let (stream, _) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(_) => continue,
        };
        shared.connections.fetch_add(1, Ordering::SeqCst);
        let _ = stream.set_nodelay(true);
        let reset = Arc::new(AtomicBool::new(false));
        let io = TokioIo::new(ResettableStream { inner: stream, reset: reset.clone() });
        let shared = shared.clone();
        connections.spawn(async move {
            let service = service_fn(move |request| serve(shared.clone(), reset.clone(), request));
            // A scripted reset or cut-short body ends the connection with an error, as intended.
            let _ = http1::Builder::new().serve_connection(io, service).await;
        });
        // Reap finished connection tasks so the set does not grow for the whole test.
        while connections.try_join_next().is_some() {}
    }
}

type Body = BoxBody<Bytes, io::Error>;

async fn serve(shared: Arc<Shared>, reset: Arc<AtomicBool>, request: Request<Incoming>) -> io::Result<Response<Body>> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map_err(io::Error::other)?.to_bytes().to_vec();
    let recorded = Recorded {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned()))
            .collect(),
        body,
    };
    let index = {
        let mut requests = lock(&shared.requests);
        requests.push(recorded.clone());
        requests.len() - 1
    };
    match (shared.plan)(&recorded, index) {
        Reply::Respond(canned) => {
            let body = Full::new(Bytes::from(canned.body.clone())).map_err(|never: Infallible| match never {});
            Ok(head(&canned, None).body(body.boxed()).expect("response"))
        }
        Reply::Reset => {
            shared.resets.fetch_add(1, Ordering::SeqCst);
            // The connection's socket sends RST when hyper drops it after this error (zero linger).
            reset.store(true, Ordering::SeqCst);
            Err(io::Error::new(io::ErrorKind::ConnectionReset, "scripted reset"))
        }
        Reply::Truncated(canned) => {
            let half = Bytes::from(canned.body[..canned.body.len() / 2].to_vec());
            let frames = stream::once(async move { Ok(Frame::data(half)) }).chain(stream::once(async {
                // Let hyper flush the head and the half body before the connection is torn down.
                tokio::time::sleep(Duration::from_millis(20)).await;
                Err(io::Error::new(io::ErrorKind::UnexpectedEof, "scripted truncation"))
            }));
            Ok(head(&canned, Some(canned.body.len())).body(BodyExt::boxed(StreamBody::new(frames))).expect("response"))
        }
        Reply::DelayBody(canned, delay) => {
            let bytes = Bytes::from(canned.body.clone());
            let frames = stream::once(async move {
                tokio::time::sleep(delay).await;
                Ok(Frame::data(bytes))
            });
            Ok(head(&canned, Some(canned.body.len())).body(BodyExt::boxed(StreamBody::new(frames))).expect("response"))
        }
    }
}

/// The status line and headers of `canned`, with `Content-Length: content_length` when given.
fn head(canned: &Canned, content_length: Option<usize>) -> hyper::http::response::Builder {
    let mut builder = Response::builder().status(canned.status);
    for (name, value) in &canned.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    if let Some(length) = content_length {
        builder = builder.header("Content-Length", length.to_string());
    }
    builder
}

/// A TCP stream that, once `reset` is set, closes with RST instead of FIN when dropped.
struct ResettableStream {
    inner: TcpStream,
    reset: Arc<AtomicBool>,
}

impl Drop for ResettableStream {
    fn drop(&mut self) {
        if self.reset.load(Ordering::SeqCst) {
            let _ = self.inner.set_zero_linger();
        }
    }
}

impl AsyncRead for ResettableStream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for ResettableStream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.reset.load(Ordering::SeqCst) {
            // A reset sends no FIN first: the drop that follows sends RST.
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}
