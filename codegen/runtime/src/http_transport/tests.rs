//! `HttpTransport` against servers on 127.0.0.1 (the only network these tests use).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::*;
use crate::auth::HeaderValue;
use crate::body::{Body, BodyEncoding};
use crate::call::Call;
use crate::client::ClientCore;
use crate::error::Error;
use crate::outcome::Resend;
use crate::retry::RetryPolicy;

/// A transport that connects directly, whatever proxy the environment of the test run names.
fn local_transport(timeout: Duration) -> HttpTransport {
    HttpTransport::with_proxy(timeout, timeout, "codegen-runtime-test/1", &Proxy::none()).expect("a transport")
}

async fn listener() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("an address");
    (listener, format!("http://{address}"))
}

/// Reads one request: the head, then as many body bytes as `Content-Length` says.
async fn read_request(stream: &mut TcpStream) -> Vec<u8> {
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let read = stream.read(&mut chunk).await.unwrap_or(0);
        if read == 0 {
            return received;
        }
        received.extend_from_slice(&chunk[..read]);
        if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0);
            if received.len() >= end + 4 + length {
                return received;
            }
        }
    }
}

fn post(url: String) -> HttpRequest {
    HttpRequest {
        method: Method::Post,
        url,
        headers: vec![
            ("Authorization".into(), HeaderValue::sensitive("Bearer sk_secret_123")),
            ("Idempotency-Key".into(), HeaderValue::plain("ref-1")),
            ("Content-Type".into(), HeaderValue::plain("application/json")),
        ],
        body: Some(br#"{"amount":0.10}"#.to_vec()),
        timeout: None,
    }
}

#[tokio::test]
async fn sends_the_request_and_returns_status_headers_and_body() {
    let (listener, base) = listener().await;
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        let request = read_request(&mut stream).await;
        let body = r#"{"id":"po_1","amount":0.10}"#;
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-ID: r1\r\nSet-Cookie: a=1\r\n\
             Set-Cookie: b=2\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(response.as_bytes()).await.expect("written");
        request
    });
    let response = local_transport(Duration::from_secs(10)).send(post(format!("{base}/payouts?dryRun=true"))).await;
    let response = response.expect("a response");
    assert_eq!(response.status, 200);
    assert_eq!(response.body, br#"{"id":"po_1","amount":0.10}"#);
    assert_eq!(response.content_type(), Some("application/json"));
    assert_eq!(response.header("x-request-id"), Some("r1"));
    assert!(response.headers.iter().all(|(name, _)| *name == name.to_ascii_lowercase()), "{:?}", response.headers);
    let cookies: Vec<&str> =
        response.headers.iter().filter(|(name, _)| name == "set-cookie").map(|(_, v)| v.as_str()).collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    assert_eq!(response.header("content-length"), Some("27"));

    let sent = String::from_utf8(server.await.expect("the server")).expect("UTF-8");
    assert!(sent.starts_with("POST /payouts?dryRun=true HTTP/1.1\r\n"), "{sent}");
    let lower = sent.to_ascii_lowercase();
    for line in [
        "authorization: bearer sk_secret_123\r\n",
        "idempotency-key: ref-1\r\n",
        "content-type: application/json\r\n",
        "user-agent: codegen-runtime-test/1\r\n",
        "content-length: 15\r\n",
    ] {
        assert!(lower.contains(line), "{line:?} in {sent}");
    }
    assert!(sent.ends_with("\r\n\r\n{\"amount\":0.10}"), "{sent}");
}

/// What the server received for `request`, answered with an empty 200.
async fn received(request: HttpRequest) -> String {
    let (listener, base) = listener().await;
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        let request = read_request(&mut stream).await;
        stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").await.expect("written");
        request
    });
    let request = HttpRequest { url: format!("{base}{}", request.url), ..request };
    local_transport(Duration::from_secs(10)).send(request).await.expect("a response");
    String::from_utf8(server.await.expect("the server")).expect("UTF-8").to_ascii_lowercase()
}

#[tokio::test]
async fn an_empty_body_says_its_length_and_no_body_says_nothing() {
    // A form with no fields (a Stripe cancel): some servers refuse a `POST` without `Content-Length` (411).
    let empty = HttpRequest { url: "/payouts/po_1/cancel".into(), body: Some(Vec::new()), ..post(String::new()) };
    assert!(received(empty).await.contains("content-length: 0\r\n"));
    let none = HttpRequest { method: Method::Get, url: "/payouts/po_1".into(), body: None, ..post(String::new()) };
    assert!(!received(none).await.contains("content-length"));
}

/// Accepts every connection, reads the request and hangs up without answering; counts the connections.
async fn hang_up_server() -> (String, Arc<AtomicU32>) {
    let (listener, base) = listener().await;
    let accepted = Arc::new(AtomicU32::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            read_request(&mut stream).await;
            drop(stream);
        }
    });
    (base, accepted)
}

#[tokio::test]
async fn a_dropped_connection_is_io_and_shows_no_secret() {
    let (base, accepted) = hang_up_server().await;
    let error = local_transport(Duration::from_secs(10)).send(post(format!("{base}/payouts"))).await;
    let error = error.expect_err("no answer");
    assert!(matches!(error.kind(), TransportErrorKind::Io | TransportErrorKind::Timeout), "{error}");
    assert!(error.request_may_have_been_sent());
    assert!(!error.to_string().contains("sk_secret") && !error.to_string().contains(&base), "{error}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_closed_port_is_connect() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        listener.local_addr().expect("an address").port()
    };
    let error = local_transport(Duration::from_secs(10)).send(post(format!("http://127.0.0.1:{port}/payouts"))).await;
    let error = error.expect_err("nothing listens");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(!error.request_may_have_been_sent());
    assert!(!error.to_string().contains("sk_secret"), "{error}");
}

#[tokio::test]
async fn a_silent_server_is_timeout() {
    let (listener, base) = listener().await;
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        read_request(&mut stream).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let error = local_transport(Duration::from_millis(300)).send(post(format!("{base}/payouts"))).await;
    let error = error.expect_err("no answer in time");
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(error.request_may_have_been_sent());
}

#[tokio::test]
async fn execute_over_http_stops_at_outcome_unknown_for_unkeyed_creates() {
    let (base, accepted) = hang_up_server().await;
    let policy = RetryPolicy::default().initial_backoff(Duration::ZERO);
    let core = ClientCore::new(Arc::new(local_transport(Duration::from_secs(10))), base).with_retry_policy(policy);
    let call = |rule| {
        Call::new(Method::Post, "/payouts", 200)
            .body(Some(Body::raw(BodyEncoding::Json, b"{}".to_vec())))
            .resend(rule, None)
    };
    let decode = |response: HttpResponse| Ok::<_, crate::call::Undecodable>(response.status);
    let error = core.execute::<_, std::convert::Infallible>(call(Resend::Never), decode).await.expect_err("hung up");
    assert!(matches!(error, Error::OutcomeUnknown(_)), "{error}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
    let error =
        core.execute::<_, std::convert::Infallible>(call(Resend::Free), decode).await.expect_err("hung up every time");
    assert!(matches!(error, Error::Transport(_)), "{error}");
    assert_eq!(accepted.load(Ordering::SeqCst), 1 + 4);
}

/// Answers every request with `head` and then `body`, written in chunks (no `Content-Length` when `chunked`).
async fn body_server(body_len: usize, chunked: bool) -> String {
    let (listener, base) = listener().await;
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            read_request(&mut stream).await;
            let head = if chunked {
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_owned()
            } else {
                format!("HTTP/1.1 200 OK\r\nContent-Length: {body_len}\r\n\r\n")
            };
            if stream.write_all(head.as_bytes()).await.is_err() {
                continue;
            }
            let chunk = vec![b'7'; 64 * 1024];
            let mut left = body_len;
            while left > 0 {
                let n = left.min(chunk.len());
                let written = if chunked {
                    let mut framed = format!("{n:x}\r\n").into_bytes();
                    framed.extend_from_slice(&chunk[..n]);
                    framed.extend_from_slice(b"\r\n");
                    stream.write_all(&framed).await
                } else {
                    stream.write_all(&chunk[..n]).await
                };
                if written.is_err() {
                    break;
                }
                left -= n;
            }
            if chunked {
                let _ = stream.write_all(b"0\r\n\r\n").await;
            }
        }
    });
    base
}

#[tokio::test]
async fn response_bodies_are_capped_as_they_arrive() {
    let limit = 256 * 1024;
    let transport = local_transport(Duration::from_secs(10)).max_response_bytes(limit);
    // Announced too large: refused before reading. Chunked and endless in practice (64 MiB): refused at the limit.
    for (len, chunked) in [(limit + 1, false), (64 * 1024 * 1024, true)] {
        let base = body_server(len, chunked).await;
        let error = transport.send(post(format!("{base}/big"))).await.expect_err("too large");
        assert_eq!(error.kind(), TransportErrorKind::TooLarge, "{error}");
        assert!(error.request_may_have_been_sent() && !error.is_transient());
    }
    for (len, chunked) in [(limit, false), (limit, true)] {
        let base = body_server(len, chunked).await;
        let response = transport.send(post(format!("{base}/ok"))).await.expect("at the limit is fine");
        assert_eq!(response.body.len(), limit);
    }
}

#[tokio::test]
async fn the_request_timeout_shortens_the_attempt() {
    let (listener, base) = listener().await;
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            read_request(&mut stream).await;
            tokio::time::sleep(Duration::from_secs(30)).await;
        }
    });
    let mut request = post(format!("{base}/slow"));
    request.timeout = Some(Duration::from_millis(200));
    let started = std::time::Instant::now();
    let error = local_transport(Duration::from_secs(20)).send(request).await.expect_err("no answer in time");
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[tokio::test]
async fn bad_requests_fail_before_sending_without_showing_values() {
    let transport = local_transport(Duration::from_secs(1));
    let mut request = post("http://127.0.0.1:9/".into());
    request.headers.push(("X-Secret".into(), HeaderValue::sensitive("sk_secret\r\nInjected: 1")));
    let error = transport.send(request).await.expect_err("invalid value");
    assert_eq!(error.kind(), TransportErrorKind::Invalid);
    assert_eq!(error.message(), "the value of header `X-Secret` is not a valid header value");
    let mut request = post("http://127.0.0.1:9/".into());
    request.headers.push(("Bad Name".into(), HeaderValue::plain("v")));
    assert_eq!(transport.send(request).await.expect_err("invalid name").kind(), TransportErrorKind::Invalid);
    let error = transport.send(post("not a url".into())).await.expect_err("invalid URL");
    assert_eq!(error.kind(), TransportErrorKind::Invalid);
}

/// Accepts one connection, reads one request, writes `response` and closes; resolves to what was received.
async fn one_shot_server(response: &'static [u8]) -> (String, tokio::task::JoinHandle<Vec<u8>>) {
    let (listener, base) = listener().await;
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        let request = read_request(&mut stream).await;
        let _ = stream.write_all(response).await;
        request
    });
    (base, server)
}

#[tokio::test]
async fn headers_go_out_in_order_with_host_and_one_user_agent() {
    let (base, server) = one_shot_server(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n").await;
    let mut request = post(format!("{base}/payouts"));
    request.headers.push(("X-Trace".into(), HeaderValue::plain("a")));
    request.headers.push(("User-Agent".into(), HeaderValue::plain("caller/2")));
    request.headers.push(("X-Trace".into(), HeaderValue::plain("b")));
    let response = local_transport(Duration::from_secs(10)).send(request).await.expect("a response");
    assert_eq!((response.status, response.body.len()), (204, 0));
    let sent = String::from_utf8(server.await.expect("the server")).expect("UTF-8").to_ascii_lowercase();
    let position = |line: &str| sent.find(line).unwrap_or_else(|| panic!("{line:?} in {sent}"));
    let order = [
        "authorization: bearer sk_secret_123\r\n",
        "idempotency-key: ref-1\r\n",
        "content-type: application/json\r\n",
        "x-trace: a\r\n",
        "x-trace: b\r\n",
    ]
    .map(position);
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{sent}");
    assert_eq!(sent.matches("user-agent:").count(), 1, "{sent}");
    assert!(sent.contains("user-agent: caller/2\r\n"), "{sent}");
    let host = format!("host: {}\r\n", base.trim_start_matches("http://"));
    assert!(sent.contains(&host), "{host:?} in {sent}");
    // The request line, then only what the request says (six headers) plus Host and the body's length.
    assert_eq!(sent.matches("\r\n").count(), 1 + 8 + 1, "{sent}");
}

#[test]
fn credentials_are_marked_sensitive() {
    let transport = local_transport(Duration::from_secs(1));
    let request = transport.to_hyper(post("http://127.0.0.1:9/payouts".into())).expect("a valid request");
    let sensitive: Vec<(&str, bool)> =
        request.headers().iter().map(|(name, value)| (name.as_str(), value.is_sensitive())).collect();
    assert_eq!(
        sensitive,
        [("authorization", true), ("idempotency-key", false), ("content-type", false), ("user-agent", false)]
    );
    assert_eq!(request.uri().to_string(), "http://127.0.0.1:9/payouts");
}

#[tokio::test]
async fn redirects_come_back_as_responses() {
    let (base, server) = one_shot_server(
        b"HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    )
    .await;
    let response = local_transport(Duration::from_secs(10)).send(post(format!("{base}/payouts"))).await;
    let response = response.expect("the redirect itself");
    assert_eq!(response.status, 302);
    assert_eq!(response.header("location"), Some("/elsewhere"));
    server.await.expect("the server");
}

#[tokio::test]
async fn a_connection_closed_mid_body_is_io() {
    let (base, server) = one_shot_server(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"id\":\"po_1\"").await;
    let error = local_transport(Duration::from_secs(10)).send(post(format!("{base}/payouts"))).await;
    let error = error.expect_err("a cut body");
    assert_eq!(error.kind(), TransportErrorKind::Io, "{error}");
    assert!(error.request_may_have_been_sent());
    server.await.expect("the server");
}

#[tokio::test]
async fn a_malformed_response_is_io() {
    let (base, server) = one_shot_server(b"SMTP ready\r\n\r\n").await;
    let error = local_transport(Duration::from_secs(10)).send(post(format!("{base}/payouts"))).await;
    let error = error.expect_err("not HTTP");
    assert_eq!(error.kind(), TransportErrorKind::Io, "{error}");
    server.await.expect("the server");
}

#[tokio::test]
async fn a_body_that_stalls_is_timeout() {
    let (listener, base) = listener().await;
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        read_request(&mut stream).await;
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{").await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let error = local_transport(Duration::from_millis(300)).send(post(format!("{base}/payouts"))).await;
    let error = error.expect_err("the body never ends");
    assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
}

#[tokio::test]
async fn connections_are_reused() {
    let (listener, base) = listener().await;
    let accepted = Arc::new(AtomicU32::new(0));
    let count = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                while !read_request(&mut stream).await.is_empty() {
                    let answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
                    if stream.write_all(answer).await.is_err() {
                        break;
                    }
                }
            });
        }
    });
    let transport = local_transport(Duration::from_secs(10));
    for _ in 0..3 {
        let response = transport.send(post(format!("{base}/payouts"))).await.expect("a response");
        assert_eq!(response.body, b"{}");
        // The connection goes back to the pool from a background task once the body is read.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 1);
}

/// An `https` URL goes through TLS: against a server that does not speak it, the handshake fails before any byte of
/// the request is written, which is a `Connect` error.
#[tokio::test]
async fn https_fails_at_the_handshake_before_sending() {
    let (listener, base) = listener().await;
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        let mut received = vec![0u8; 4096];
        let read = stream.read(&mut received).await.unwrap_or(0);
        received.truncate(read);
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n").await;
        received
    });
    let url = format!("{}/payouts", base.replace("http://", "https://"));
    let error = local_transport(Duration::from_secs(10)).send(post(url)).await.expect_err("not TLS");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(!error.request_may_have_been_sent());
    let received = server.await.expect("the server");
    assert_eq!(received.first(), Some(&0x16), "a TLS handshake record first");
    assert!(!String::from_utf8_lossy(&received).contains("POST"), "{received:?}");
}

/// The connect timeout covers the TLS handshake: a server that accepts and then says nothing is a `Connect` error
/// once it passes, well before the request's own timeout.
#[tokio::test]
async fn a_stalled_handshake_is_connect_after_the_connect_timeout() {
    let (listener, base) = listener().await;
    tokio::spawn(async move {
        let (_stream, _) = listener.accept().await.expect("a connection");
        tokio::time::sleep(Duration::from_secs(30)).await;
    });
    let transport = HttpTransport::new(Duration::from_secs(20), Duration::from_millis(200), "t/1").expect("transport");
    let started = std::time::Instant::now();
    let url = format!("{}/payouts", base.replace("http://", "https://"));
    let error = transport.send(post(url)).await.expect_err("no handshake");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
}

#[tokio::test]
async fn bad_urls_are_invalid_without_showing_the_query() {
    let transport = local_transport(Duration::from_secs(1));
    for url in [
        "not a url",
        "ftp://127.0.0.1/payouts",
        "/payouts?iban=DE89370400440532013000",
        "http://127.0.0.1/pay outs?iban=DE89370400440532013000",
        "127.0.0.1:9/payouts",
    ] {
        let error = transport.send(post(url.into())).await.expect_err(url);
        assert_eq!(error.kind(), TransportErrorKind::Invalid, "{url}: {error}");
        assert!(error.message().starts_with("the request URL is not valid"), "{url}: {error}");
        assert!(!error.message().contains("DE89") && !error.message().contains("127.0.0.1"), "{url}: {error}");
    }
}

#[test]
fn constructors() {
    assert!(HttpTransport::default_transport("payout-client/0.1").is_ok());
    assert!(HttpTransport::new(Duration::from_secs(1), Duration::from_secs(1), "ok/1").is_ok());
    let error = HttpTransport::default_transport("bad\r\nagent").expect_err("not a header value");
    assert_eq!(error.kind(), TransportErrorKind::Other);
    assert!(!error.message().contains("bad"), "{error}");
}

// Proxies. The proxy below is a few lines of tokio on 127.0.0.1; the proxy settings are given as variables, never
// through the process environment, which tests running in parallel share.

/// A transport whose proxy settings are `variables` (name, value), as they would be read from the environment.
fn proxied_transport(timeout: Duration, variables: &[(&str, String)]) -> HttpTransport {
    let variables: Vec<(String, String)> =
        variables.iter().map(|(name, value)| ((*name).to_owned(), value.clone())).collect();
    let proxy = Proxy::from_variables(|name| {
        variables.iter().find(|(variable, _)| variable == name).map(|(_, value)| value.clone())
    });
    HttpTransport::with_proxy(timeout, timeout, "codegen-runtime-test/1", &proxy).expect("a transport")
}

/// How the test proxy answers.
#[derive(Clone, Copy)]
enum ProxyAnswer {
    /// As a proxy does: `CONNECT` opens a tunnel to the named host and port, a request with a whole URL as target is
    /// forwarded to that URL's host.
    Forward,
    /// This status line and an empty body, forwarding nothing.
    Refuse(&'static str),
    /// Nothing: the connection stays open and silent.
    Silent,
}

/// A proxy on 127.0.0.1 answering one connection: its `host:port` and the head (request line and headers) of what it
/// received, recorded before it answers.
async fn test_proxy(answer: ProxyAnswer) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let address = listener.local_addr().expect("an address").to_string();
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        let (mut client, _) = listener.accept().await.expect("a connection");
        let request = read_request(&mut client).await;
        let head_end = request.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(request.len());
        let head = String::from_utf8_lossy(&request[..head_end]).into_owned();
        record.lock().expect("not poisoned").push(head.clone());
        match answer {
            ProxyAnswer::Refuse(status) => {
                let response = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n");
                let _ = client.write_all(response.as_bytes()).await;
            }
            ProxyAnswer::Silent => tokio::time::sleep(Duration::from_secs(30)).await,
            ProxyAnswer::Forward => {
                let mut request_line = head.lines().next().unwrap_or_default().split(' ');
                let (method, target) =
                    (request_line.next().unwrap_or_default(), request_line.next().unwrap_or_default());
                let upstream_address = if method == "CONNECT" {
                    target.to_owned()
                } else {
                    let rest = target.strip_prefix("http://").expect("an absolute http URL");
                    rest[..rest.find('/').unwrap_or(rest.len())].to_owned()
                };
                let mut upstream = TcpStream::connect(upstream_address).await.expect("the target");
                if method == "CONNECT" {
                    client.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n").await.expect("written");
                } else {
                    upstream.write_all(&request).await.expect("forwarded");
                }
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            }
        }
    });
    (address, seen)
}

/// Whether `listener` gets a connection within 200 ms.
async fn gets_a_connection(listener: &TcpListener) -> bool {
    tokio::time::timeout(Duration::from_millis(200), listener.accept()).await.is_ok()
}

#[tokio::test]
async fn plain_http_goes_to_the_proxy_with_the_whole_url_and_its_credentials() {
    let response = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    let (origin, received) = one_shot_server(response).await;
    let (proxy, seen) = test_proxy(ProxyAnswer::Forward).await;
    // Percent-encoded credentials, decoded before they are encoded again for the header: `user:p@ss`.
    let transport =
        proxied_transport(Duration::from_secs(10), &[("HTTP_PROXY", format!("http://user:p%40ss@{proxy}"))]);
    let response = transport.send(post(format!("{origin}/payouts?dryRun=true"))).await.expect("a response");
    assert_eq!((response.status, response.body.as_slice()), (200, &b"ok"[..]));

    let seen = seen.lock().expect("not poisoned").clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let head = seen[0].to_ascii_lowercase();
    assert!(seen[0].starts_with(&format!("POST {origin}/payouts?dryRun=true HTTP/1.1\r\n")), "{}", seen[0]);
    assert!(head.contains("\r\nproxy-authorization: basic dxnlcjpwqhnz\r\n"), "{head}");
    assert!(head.contains(&format!("\r\nhost: {}\r\n", origin.trim_start_matches("http://"))), "{head}");
    // The origin got the request the proxy forwarded, body and the API's credentials included.
    let received = String::from_utf8(received.await.expect("the origin")).expect("text");
    assert!(received.ends_with(r#"{"amount":0.10}"#) && received.contains("Bearer sk_secret_123"), "{received}");
}

#[tokio::test]
async fn https_goes_through_a_connect_tunnel_with_tls_inside() {
    // The origin: plain TCP, recording the first byte it gets (0x16 opens a TLS handshake record), then hanging up,
    // which fails the handshake.
    let origin = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let origin_address = origin.local_addr().expect("an address");
    let first_byte = tokio::spawn(async move {
        let (mut stream, _) = origin.accept().await.expect("a connection through the tunnel");
        let mut byte = [0u8; 1];
        stream.read_exact(&mut byte).await.expect("a byte");
        byte[0]
    });
    let (proxy, seen) = test_proxy(ProxyAnswer::Forward).await;
    // `https_proxy` (lower case) for https URLs; `HTTP_PROXY` would only serve http ones.
    let transport = proxied_transport(
        Duration::from_secs(10),
        &[("https_proxy", format!("http://user:hunter2@{proxy}")), ("HTTP_PROXY", "http://127.0.0.1:9".to_owned())],
    );
    let error = transport.send(post(format!("https://{origin_address}/payouts?dryRun=true"))).await;
    let error = error.expect_err("the origin does not speak TLS");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert_eq!(first_byte.await.expect("the origin"), 0x16, "a TLS ClientHello came through the tunnel");
    assert!(!error.to_string().contains("hunter2"), "{error}");

    let seen = seen.lock().expect("not poisoned").clone();
    assert_eq!(seen.len(), 1, "{seen:?}");
    let head = &seen[0];
    assert!(head.starts_with(&format!("CONNECT {origin_address} HTTP/1.1\r\n")), "{head}");
    // base64 of `user:hunter2`.
    assert!(head.to_ascii_lowercase().contains("\r\nproxy-authorization: basic dxnlcjpodw50zxiy"), "{head}");
    // The proxy sees the host and port only: neither the path, nor the query, nor the API's credentials.
    assert!(!head.contains("/payouts") && !head.contains("dryRun") && !head.contains("sk_secret"), "{head}");
}

#[tokio::test]
async fn no_proxy_hosts_connect_directly() {
    let response = b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n";
    let (origin, received) = one_shot_server(response).await;
    let proxy = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let proxy_address = proxy.local_addr().expect("an address");
    let transport = proxied_transport(
        Duration::from_secs(10),
        &[("ALL_PROXY", format!("http://{proxy_address}")), ("no_proxy", "example.com, 127.0.0.1".to_owned())],
    );
    let response = transport.send(post(format!("{origin}/payouts"))).await.expect("a response");
    assert_eq!(response.status, 204);
    let received = String::from_utf8(received.await.expect("the origin")).expect("text");
    assert!(received.starts_with("POST /payouts HTTP/1.1\r\n"), "origin-form, straight to the origin: {received}");
    assert!(!received.to_ascii_lowercase().contains("proxy-authorization"), "{received}");
    assert!(!gets_a_connection(&proxy).await, "the proxy was bypassed");
}

#[tokio::test]
async fn a_connect_the_proxy_refuses_is_connect_and_the_origin_sees_nothing() {
    let origin = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
    let origin_address = origin.local_addr().expect("an address");
    let (proxy, seen) = test_proxy(ProxyAnswer::Refuse("407 Proxy Authentication Required")).await;
    let transport = proxied_transport(Duration::from_secs(10), &[("HTTPS_PROXY", format!("http://u:hunter2@{proxy}"))]);
    let error = transport.send(post(format!("https://{origin_address}/payouts"))).await.expect_err("refused");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    let message = error.to_string();
    assert!(message.contains(&format!("through the proxy at {proxy}")), "{message}");
    assert!(message.contains("proxy authorization required"), "{message}");
    assert!(!message.contains("hunter2") && !message.contains("sk_secret"), "{message}");
    assert!(seen.lock().expect("not poisoned")[0].starts_with("CONNECT "));
    assert!(!gets_a_connection(&origin).await, "nothing reached the origin");

    // A payout create refused by the proxy is known not to have been sent: the generated client may retry it.
    let (proxy, _) = test_proxy(ProxyAnswer::Refuse("403 Forbidden")).await;
    let transport = proxied_transport(Duration::from_secs(10), &[("HTTPS_PROXY", format!("http://{proxy}"))]);
    let error = transport.send(post(format!("https://{origin_address}/payouts"))).await.expect_err("refused");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(!gets_a_connection(&origin).await, "nothing reached the origin");
}

#[tokio::test]
async fn an_unreachable_proxy_is_connect() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        listener.local_addr().expect("an address").port()
    };
    let transport = proxied_transport(Duration::from_secs(10), &[("ALL_PROXY", format!("http://127.0.0.1:{port}"))]);
    for url in ["http://api.example.com/payouts", "https://api.example.com/payouts"] {
        let error = transport.send(post(url.to_owned())).await.expect_err("no proxy there");
        assert_eq!(error.kind(), TransportErrorKind::Connect, "{url}: {error}");
        assert!(error.to_string().contains(&format!("through the proxy at 127.0.0.1:{port}")), "{error}");
    }
}

#[tokio::test]
async fn the_connect_timeout_covers_the_tunnel() {
    let (proxy, _) = test_proxy(ProxyAnswer::Silent).await;
    let proxy = Proxy::url(format!("http://{proxy}"));
    let transport = HttpTransport::with_proxy(Duration::from_secs(20), Duration::from_millis(300), "test/1", &proxy)
        .expect("built");
    let started = std::time::Instant::now();
    let error = transport.send(post("https://api.example.com/payouts".to_owned())).await.expect_err("no tunnel");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

#[tokio::test]
async fn unsupported_proxy_schemes_fail_before_sending() {
    // The environment may name a SOCKS proxy; this transport does not speak SOCKS, and says so, rather than connect
    // around the proxy.
    let transport = proxied_transport(Duration::from_secs(10), &[("ALL_PROXY", "socks5://127.0.0.1:9".to_owned())]);
    let error = transport.send(post("https://api.example.com/payouts".to_owned())).await.expect_err("no SOCKS");
    assert_eq!(error.kind(), TransportErrorKind::Connect, "{error}");
    assert!(error.to_string().contains("socks5 proxies are not supported"), "{error}");
}

#[test]
fn proxy_variables_pick_the_proxy_per_scheme() {
    let matcher = |variables: &[(&str, &str)]| {
        Proxy::from_variables(|name| {
            variables.iter().find(|(variable, _)| *variable == name).map(|(_, value)| (*value).to_owned())
        })
        .matcher()
        .expect("a setting")
    };
    let proxy_of = |matcher: &Option<Matcher>, url: &str| {
        let uri: Uri = url.parse().expect("a URI");
        matcher.as_ref().and_then(|matcher| matcher.intercept(&uri)).map(|proxy| proxy.uri().to_string())
    };
    assert!(matcher(&[]).is_none());
    assert!(matcher(&[("NO_PROXY", "*")]).is_none());

    let both = matcher(&[("HTTP_PROXY", "http://plain:3128"), ("https_proxy", "tls-proxy:8080")]);
    assert_eq!(proxy_of(&both, "http://api.example.com/"), Some("http://plain:3128/".to_owned()));
    assert_eq!(proxy_of(&both, "https://api.example.com/"), Some("http://tls-proxy:8080/".to_owned()));
    // Upper case first; an empty value counts as not set.
    let cases = matcher(&[("HTTPS_PROXY", " "), ("https_proxy", "http://lower:1"), ("ALL_PROXY", " http://all:2 ")]);
    assert_eq!(proxy_of(&cases, "https://api.example.com/"), Some("http://lower:1/".to_owned()));
    assert_eq!(proxy_of(&cases, "http://api.example.com/"), Some("http://all:2/".to_owned()));

    let except =
        matcher(&[("all_proxy", "http://proxy:3128"), ("no_proxy", "internal.example, localhost,10.0.0.0/8, ::1")]);
    for direct in ["https://internal.example/", "https://api.internal.example/", "http://10.1.2.3/", "http://[::1]/"] {
        assert_eq!(proxy_of(&except, direct), None, "{direct}");
    }
    for proxied in ["https://notinternal.example/", "https://api.example.com/", "http://11.0.0.1/"] {
        assert_eq!(proxy_of(&except, proxied), Some("http://proxy:3128/".to_owned()), "{proxied}");
    }
    let star = matcher(&[("ALL_PROXY", "http://proxy:3128"), ("NO_PROXY", "*")]);
    assert_eq!(proxy_of(&star, "https://api.example.com/"), None);

    // In a CGI program `HTTP_PROXY` may come from a request's `Proxy:` header: ignored there.
    let cgi = matcher(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://attacker:1")]);
    assert_eq!(proxy_of(&cgi, "http://api.example.com/"), None);
    let cgi = matcher(&[("REQUEST_METHOD", "GET"), ("HTTP_PROXY", "http://attacker:1"), ("http_proxy", "http://ok:2")]);
    assert_eq!(proxy_of(&cgi, "http://api.example.com/"), Some("http://ok:2/".to_owned()));

    let shown =
        format!("{:?}", Proxy::from_variables(|name| (name == "ALL_PROXY").then(|| "http://u:hunter2@p:1".into())));
    assert!(shown.contains("http://***@p:1") && !shown.contains("hunter2"), "{shown}");
    assert!(Proxy::none().matcher().expect("a setting").is_none());
}
