//! `ClientCore::send_with` through a scripted transport.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use super::*;
use crate::auth::HeaderValue;
use crate::client::ClientCore;
use crate::http::{BoxFuture, Method, TransportErrorKind};
use crate::url::Query;

/// Answers with a programmed sequence of outcomes, counts calls and keeps every request.
#[derive(Default)]
struct ScriptedTransport {
    script: Mutex<VecDeque<Result<HttpResponse, TransportError>>>,
    calls: AtomicU32,
    requests: Mutex<Vec<HttpRequest>>,
}

impl ScriptedTransport {
    fn new(script: impl IntoIterator<Item = Result<HttpResponse, TransportError>>) -> Arc<Self> {
        Arc::new(ScriptedTransport { script: Mutex::new(script.into_iter().collect()), ..Default::default() })
    }

    fn calls(&self) -> u32 {
        self.calls.load(Ordering::SeqCst)
    }

    fn requests(&self) -> Vec<HttpRequest> {
        self.requests.lock().expect("not poisoned").clone()
    }
}

impl Transport for ScriptedTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.requests.lock().expect("not poisoned").push(request);
        let next = self.script.lock().expect("not poisoned").pop_front();
        Box::pin(async move { next.unwrap_or_else(|| Err(TransportError::other("the script is exhausted"))) })
    }
}

fn status(status: u16) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse { status, headers: Vec::new(), body: format!("{{\"status\":{status}}}").into_bytes() })
}

fn retry_after(status: u16, value: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse { status, headers: vec![("Retry-After".into(), value.into())], body: Vec::new() })
}

fn fail(kind: TransportErrorKind) -> Result<HttpResponse, TransportError> {
    Err(TransportError::new(kind, "scripted"))
}

/// A core with zero backoff that records every retry event.
fn scripted_core(transport: &Arc<ScriptedTransport>, attempts: u32) -> (ClientCore, Arc<Mutex<Vec<RetryEvent>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let policy = RetryPolicy::default().max_attempts(attempts).initial_backoff(Duration::ZERO);
    let core = ClientCore::new(transport.clone(), "https://api.example.com")
        .with_header("Authorization", HeaderValue::sensitive("Bearer sk_secret"))
        .with_retry_policy(policy)
        .with_retry_observer(move |event| sink.lock().expect("not poisoned").push(event));
    (core, events)
}

async fn post(core: &ClientCore, replay: Replay) -> Result<HttpResponse, SendError> {
    let headers = vec![("Idempotency-Key".to_owned(), HeaderValue::plain("ref-1"))];
    core.send_with(Method::Post, "/payouts", &Query::new(), headers, Some(br#"{"amount":0.10}"#.to_vec()), replay).await
}

#[tokio::test]
async fn safe_retries_retryable_statuses_with_the_same_request() {
    let transport = ScriptedTransport::new([status(503), status(504), status(429), status(200)]);
    let (core, events) = scripted_core(&transport, 4);
    let response = post(&core, Replay::Safe).await.expect("a response");
    assert_eq!(response.status, 200);
    assert_eq!(transport.calls(), 4);
    let requests = transport.requests();
    assert!(requests.iter().all(|request| *request == requests[0]), "the same request every time");
    assert_eq!(requests[0].header("idempotency-key"), Some("ref-1"));
    assert_eq!(requests[0].body.as_deref(), Some(&br#"{"amount":0.10}"#[..]));
    let events = events.lock().expect("not poisoned").clone();
    let seen: Vec<(u32, Duration, &str)> = events.iter().map(|e| (e.attempt, e.delay, e.reason.as_str())).collect();
    assert_eq!(
        seen,
        [(1, Duration::ZERO, "HTTP 503"), (2, Duration::ZERO, "HTTP 504"), (3, Duration::ZERO, "HTTP 429")]
    );
}

#[tokio::test]
async fn returns_the_last_response_when_attempts_run_out() {
    let transport = ScriptedTransport::new([status(503), status(503), status(503), status(200)]);
    let (core, events) = scripted_core(&transport, 3);
    assert_eq!(post(&core, Replay::Keyed).await.expect("a response").status, 503);
    assert_eq!(transport.calls(), 3);
    assert_eq!(events.lock().expect("not poisoned").len(), 2);
}

#[tokio::test]
async fn safe_and_keyed_retry_every_transport_error() {
    for replay in [Replay::Safe, Replay::Keyed] {
        let script = [
            fail(TransportErrorKind::Connect),
            fail(TransportErrorKind::Timeout),
            fail(TransportErrorKind::Io),
            status(201),
        ];
        let transport = ScriptedTransport::new(script);
        let (core, events) = scripted_core(&transport, 4);
        assert_eq!(post(&core, replay).await.expect("a response").status, 201, "{replay:?}");
        assert_eq!(transport.calls(), 4);
        let reasons: Vec<String> = events.lock().expect("not poisoned").iter().map(|e| e.reason.clone()).collect();
        assert_eq!(reasons, ["connection failed: scripted", "timed out: scripted", "I/O error: scripted"]);

        let transport = ScriptedTransport::new([fail(TransportErrorKind::Io), fail(TransportErrorKind::Timeout)]);
        let (core, _) = scripted_core(&transport, 2);
        let error = post(&core, replay).await.expect_err("out of attempts");
        assert_eq!(error, SendError::Transport(TransportError::timeout("scripted")));
        assert_eq!(transport.calls(), 2);
    }
}

#[tokio::test]
async fn once_retries_only_what_certainly_did_not_arrive() {
    let transport = ScriptedTransport::new([fail(TransportErrorKind::Connect), status(429), status(201)]);
    let (core, _) = scripted_core(&transport, 4);
    assert_eq!(post(&core, Replay::Once).await.expect("a response").status, 201);
    assert_eq!(transport.calls(), 3);

    for kind in [TransportErrorKind::Timeout, TransportErrorKind::Io, TransportErrorKind::Other] {
        let transport = ScriptedTransport::new([fail(kind), status(201)]);
        let (core, events) = scripted_core(&transport, 4);
        let error = post(&core, Replay::Once).await.expect_err("may have arrived");
        assert_eq!(error, SendError::OutcomeUnknown(TransportError::new(kind, "scripted")));
        assert_eq!((transport.calls(), events.lock().expect("not poisoned").len()), (1, 0), "{kind:?}");
    }

    for code in [503, 504, 500] {
        let transport = ScriptedTransport::new([status(code), status(201)]);
        let (core, _) = scripted_core(&transport, 4);
        assert_eq!(post(&core, Replay::Once).await.expect("a response").status, code);
        assert_eq!(transport.calls(), 1);
    }

    let transport = ScriptedTransport::new((0..5).map(|_| fail(TransportErrorKind::Connect)));
    let (core, _) = scripted_core(&transport, 4);
    let error = post(&core, Replay::Once).await.expect_err("never connected");
    assert_eq!(error, SendError::Transport(TransportError::connect("scripted")));
    assert_eq!(transport.calls(), 4);
}

#[tokio::test]
async fn retry_after_is_honoured_or_ends_the_retries() {
    let transport = ScriptedTransport::new([retry_after(429, "0"), retry_after(503, "soon"), status(200)]);
    let (core, events) = scripted_core(&transport, 4);
    assert_eq!(post(&core, Replay::Safe).await.expect("a response").status, 200);
    let delays: Vec<Duration> = events.lock().expect("not poisoned").iter().map(|e| e.delay).collect();
    assert_eq!(delays, [Duration::ZERO, Duration::ZERO]);

    let transport = ScriptedTransport::new([retry_after(429, "31"), status(200)]);
    let (core, events) = scripted_core(&transport, 4);
    let response = post(&core, Replay::Safe).await.expect("a response");
    assert_eq!((response.status, response.header("retry-after")), (429, Some("31")));
    assert_eq!((transport.calls(), events.lock().expect("not poisoned").len()), (1, 0));
}

#[tokio::test]
async fn no_retries_without_a_policy() {
    let transport = ScriptedTransport::new([status(503), status(200)]);
    let core = ClientCore::new(transport.clone(), "https://api.example.com");
    assert_eq!(core.retry_policy(), &RetryPolicy::none(), "ClientCore::new keeps send_with like send");
    assert_eq!(post(&core, Replay::Safe).await.expect("a response").status, 503);
    let transport = ScriptedTransport::new([fail(TransportErrorKind::Timeout)]);
    let core = ClientCore::new(transport.clone(), "https://x").with_retry_policy(RetryPolicy::none());
    assert!(matches!(post(&core, Replay::Keyed).await, Err(SendError::Transport(_))));
    assert_eq!(transport.calls(), 1);
}

#[tokio::test]
async fn waits_the_backoff_between_attempts() {
    let transport = ScriptedTransport::new([status(503), status(200)]);
    let policy = RetryPolicy::default().initial_backoff(Duration::from_millis(30)).jitter(false);
    let (core, events) = scripted_core(&transport, 4);
    let core = core.with_retry_policy(policy);
    let started = Instant::now();
    assert_eq!(post(&core, Replay::Safe).await.expect("a response").status, 200);
    assert!(started.elapsed() >= Duration::from_millis(30));
    assert_eq!(events.lock().expect("not poisoned")[0].delay, Duration::from_millis(30));
}

#[test]
fn zero_backoff_runs_without_a_runtime_and_the_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let transport = ScriptedTransport::new([status(503), status(200)]);
    let (core, _) = scripted_core(&transport, 2);
    let future = post(&core, Replay::Safe);
    assert_send(&future);
    assert_eq!(futures::executor::block_on(future).expect("a response").status, 200);
}
