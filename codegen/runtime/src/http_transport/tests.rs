//! `HttpTransport` against servers on 127.0.0.1 (the only network these tests use).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::*;
use crate::auth::HeaderValue;
use crate::call::Call;
use crate::client::ClientCore;
use crate::error::Error;
use crate::outcome::Resend;
use crate::retry::RetryPolicy;

/// A transport that ignores proxy settings from the environment, so requests to 127.0.0.1 go straight there.
fn local_transport(timeout: Duration) -> HttpTransport {
    let builder = reqwest::Client::builder().no_proxy();
    HttpTransport::from_builder(builder, timeout, timeout, "payout-runtime-test/1").expect("a transport")
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
        "user-agent: payout-runtime-test/1\r\n",
        "content-length: 15\r\n",
    ] {
        assert!(lower.contains(line), "{line:?} in {sent}");
    }
    assert!(sent.ends_with("\r\n\r\n{\"amount\":0.10}"), "{sent}");
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
    let call = |rule| Call::new(Method::Post, "/payouts", 200).body(Some(b"{}".to_vec())).resend(rule, None);
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

#[test]
fn constructors() {
    assert!(HttpTransport::default_transport("payout-client/0.1").is_ok());
    assert!(HttpTransport::new(Duration::from_secs(1), Duration::from_secs(1), "ok/1").is_ok());
    let error = HttpTransport::default_transport("bad\r\nagent").expect_err("not a header value");
    assert_eq!(error.kind(), TransportErrorKind::Other);
    assert!(!error.message().contains("bad"), "{error}");
}
