//! `ClientCore::execute` through a scripted transport: every row of the outcome model.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::*;
use crate::body::{Body, BodyEncoding};
use crate::http::{BoxFuture, HttpRequest, Transport, TransportError, TransportErrorKind};
use crate::retry::RetryPolicy;

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

/// An API error whose body says what it is: `refused` (a documented refusal to act), `duplicate` (the refusal of a
/// repeated reference), anything else (an error that says nothing about what the server did).
#[derive(Debug)]
struct TestError(RawResponse);

impl std::fmt::Display for TestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {}", self.0.status)
    }
}

impl crate::error::HttpStatus for TestError {
    fn http_status(&self) -> u16 {
        self.0.status
    }
}

impl ApiError for TestError {
    fn from_response(response: HttpResponse) -> Error<Self> {
        if response.body.starts_with(b"<html>") {
            return Error::UnexpectedResponse { reason: "not JSON".into(), response: response.into() };
        }
        Error::Api(TestError(response.into()))
    }

    fn is_refusal(&self) -> bool {
        let body = self.0.body_text();
        body.contains("refused") || body.contains("duplicate")
    }

    fn is_duplicate_reference(&self) -> bool {
        self.0.body_text().contains("duplicate")
    }

    fn into_response(self) -> RawResponse {
        self.0
    }
}

fn answer(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse { status, headers: Vec::new(), body: body.as_bytes().to_vec() })
}

fn fail(kind: TransportErrorKind) -> Result<HttpResponse, TransportError> {
    Err(TransportError::new(kind, "scripted"))
}

fn core(transport: &Arc<ScriptedTransport>, attempts: u32) -> ClientCore {
    ClientCore::new(transport.clone(), "https://api.example.com")
        .with_retry_policy(RetryPolicy::default().max_attempts(attempts).initial_backoff(Duration::ZERO))
}

fn create(rule: Resend, reference: Option<&str>) -> Call {
    Call::new(Method::Post, "/payouts", 201)
        .body(Some(Body::raw(BodyEncoding::Json, br#"{"amount":"10.00"}"#.to_vec())))
        .resend(rule, reference.map(str::to_owned))
}

/// Runs `call` against `script` with up to `attempts` attempts; the result and the number of requests sent.
fn run(
    call: Call,
    attempts: u32,
    script: Vec<Result<HttpResponse, TransportError>>,
) -> (Result<u16, Error<TestError>>, u32) {
    let transport = ScriptedTransport::new(script);
    let result = futures::executor::block_on(core(&transport, attempts).execute(call, |response: HttpResponse| {
        if response.body.starts_with(b"{") {
            Ok(response.status)
        } else {
            Err(Undecodable::new("not the success body", response))
        }
    }));
    (result, transport.calls())
}

fn unconfirmed(result: &Result<u16, Error<TestError>>) -> &Unconfirmed {
    match result {
        Err(Error::OutcomeUnknown(unconfirmed)) => unconfirmed,
        other => panic!("expected OutcomeUnknown, got {other:?}"),
    }
}

#[test]
fn reads_retry_every_transient_failure_and_report_the_last() {
    let (result, sent) = run(
        Call::new(Method::Get, "/payouts/1", 200),
        4,
        vec![fail(TransportErrorKind::Io), answer(503, "{}"), fail(TransportErrorKind::Timeout), answer(200, "{}")],
    );
    assert_eq!((result.ok(), sent), (Some(200), 4));
    let (result, sent) = run(Call::new(Method::Get, "/p", 200), 2, vec![answer(503, "busy"), answer(503, "busy")]);
    assert!(matches!(result, Err(Error::Api(TestError(ref r))) if r.status == 503), "{result:?}");
    assert_eq!(sent, 2);
    let (result, sent) = run(Call::new(Method::Get, "/p", 200), 3, vec![fail(TransportErrorKind::Timeout); 3]);
    assert!(matches!(result, Err(Error::Transport(_))), "a read never reports an unknown outcome: {result:?}");
    assert_eq!(sent, 3);
}

#[test]
fn a_call_without_a_usable_reference_is_never_resent_once_it_may_have_arrived() {
    for reference in [None, Some(""), Some("   ")] {
        for rule in [Resend::Never, Resend::Replayed, Resend::Refused] {
            for fault in [
                fail(TransportErrorKind::Io),
                fail(TransportErrorKind::Timeout),
                answer(503, "{}"),
                answer(504, "{}"),
                answer(429, "{}"),
                answer(502, "<html>"),
            ] {
                let (result, sent) = run(create(rule, reference), 4, vec![fault.clone(), answer(201, "{}")]);
                assert_eq!(sent, 1, "{rule:?} {reference:?} {fault:?}");
                let stopped = unconfirmed(&result);
                assert_eq!((stopped.attempts(), stopped.certainly_processed()), (1, false));
                assert!(result.as_ref().unwrap_err().may_have_been_processed());
            }
        }
    }
}

#[test]
fn what_certainly_did_not_arrive_is_resent_by_any_call() {
    let (result, sent) =
        run(create(Resend::Never, None), 4, vec![fail(TransportErrorKind::Connect), answer(201, "{}")]);
    assert_eq!((result.ok(), sent), (Some(201), 2));
    let (result, sent) = run(create(Resend::Never, None), 2, vec![fail(TransportErrorKind::Connect); 2]);
    assert!(matches!(&result, Err(Error::Transport(e)) if e.kind == TransportErrorKind::Connect), "{result:?}");
    assert_eq!(sent, 2);
    assert!(!result.unwrap_err().may_have_been_processed());
    // A documented refusal says the server did nothing, so even an unkeyed call may try again after one.
    let (result, sent) = run(create(Resend::Never, None), 4, vec![answer(429, "refused"), answer(201, "{}")]);
    assert_eq!((result.ok(), sent), (Some(201), 2));
    let (result, sent) = run(create(Resend::Never, None), 4, vec![answer(400, "refused")]);
    assert!(matches!(&result, Err(Error::Api(_))), "{result:?}");
    assert_eq!(sent, 1);
    assert!(!result.unwrap_err().may_have_been_processed());
}

#[test]
fn keyed_calls_that_run_out_of_attempts_report_an_unknown_outcome() {
    for rule in [Resend::Replayed, Resend::Refused] {
        let (result, sent) = run(create(rule, Some("ref-1")), 3, vec![fail(TransportErrorKind::Timeout); 3]);
        assert_eq!(sent, 3);
        let stopped = unconfirmed(&result);
        assert_eq!((stopped.reference(), stopped.attempts()), (Some("ref-1"), 3));
        assert_eq!(stopped.seen().len(), 3);
        let (result, sent) = run(create(rule, Some("ref-1")), 2, vec![answer(503, "{}"), answer(503, "{}")]);
        assert_eq!(sent, 2);
        assert_eq!(unconfirmed(&result).response().map(|r| r.status), Some(503));
        let (result, sent) = run(create(rule, Some("ref-1")), 4, vec![fail(TransportErrorKind::Io), answer(201, "{}")]);
        assert_eq!((result.ok(), sent), (Some(201), 2));
    }
}

#[test]
fn a_refused_retry_of_a_reference_already_used_is_not_a_definite_answer() {
    let (result, sent) =
        run(create(Resend::Refused, Some("ref-1")), 4, vec![fail(TransportErrorKind::Io), answer(409, "duplicate")]);
    assert_eq!(sent, 2);
    assert_eq!(unconfirmed(&result).reason(), &UnconfirmedReason::RefusedAfterRetry { duplicate: true });
    let (result, _) =
        run(create(Resend::Refused, Some("ref-1")), 4, vec![answer(503, "{}"), answer(422, "refused: balance")]);
    assert_eq!(unconfirmed(&result).reason(), &UnconfirmedReason::RefusedAfterRetry { duplicate: false });
    // On the first attempt the same refusal is definite: the reference was used before this call.
    let (result, sent) = run(create(Resend::Refused, Some("ref-1")), 4, vec![answer(409, "duplicate")]);
    assert!(matches!(result, Err(Error::Api(_))), "{result:?}");
    assert_eq!(sent, 1);
    // A server that replays would have answered a repeat with the first result, so its refusal is definite.
    let (result, _) =
        run(create(Resend::Replayed, Some("ref-1")), 4, vec![fail(TransportErrorKind::Io), answer(400, "refused")]);
    assert!(matches!(result, Err(Error::Api(_))), "{result:?}");
}

#[test]
fn successes_the_spec_does_not_describe_may_have_been_processed() {
    for status in [200, 202, 204] {
        let (result, sent) = run(create(Resend::Never, None), 4, vec![answer(status, "{}")]);
        assert_eq!(sent, 1);
        assert_eq!(unconfirmed(&result).reason(), &UnconfirmedReason::UndocumentedAnswer, "{status}");
    }
    let (result, _) = run(create(Resend::Refused, Some("r")), 4, vec![answer(201, "<html>")]);
    assert!(unconfirmed(&result).certainly_processed());
    // For a read the same response is just unexpected.
    let (result, _) = run(Call::new(Method::Get, "/p", 201), 1, vec![answer(201, "<html>")]);
    assert!(matches!(result, Err(Error::UnexpectedResponse { .. })), "{result:?}");
}

#[test]
fn unsendable_requests_are_refused_before_anything_is_sent() {
    let transport = ScriptedTransport::new(vec![]);
    let call = create(Resend::Refused, Some("r")).headers(vec![("X-Note".into(), HeaderValue::plain("a\r\nb"))]);
    let result = futures::executor::block_on(core(&transport, 4).execute::<(), TestError>(call, |_| Ok(())));
    assert!(matches!(result, Err(Error::InvalidRequest(_))), "{result:?}");
    assert_eq!(transport.calls(), 0);
    // A transport that cannot send a request says so, and nothing is retried or reported as maybe processed.
    let (result, sent) = run(Call::new(Method::Get, "/p", 200), 4, vec![fail(TransportErrorKind::Invalid)]);
    assert!(matches!(&result, Err(Error::Transport(e)) if e.kind == TransportErrorKind::Invalid), "{result:?}");
    assert_eq!(sent, 1);
    let (result, sent) = run(create(Resend::Never, None), 4, vec![fail(TransportErrorKind::Invalid)]);
    assert!(matches!(&result, Err(Error::Transport(_))), "{result:?}");
    assert_eq!(sent, 1);
}

#[test]
fn oversized_responses_are_not_retried() {
    let (result, sent) = run(Call::new(Method::Get, "/p", 200), 4, vec![fail(TransportErrorKind::TooLarge)]);
    assert!(matches!(&result, Err(Error::Transport(e)) if e.kind == TransportErrorKind::TooLarge), "{result:?}");
    assert_eq!(sent, 1);
    let (result, _) = run(create(Resend::Replayed, Some("r")), 4, vec![fail(TransportErrorKind::TooLarge)]);
    assert!(matches!(unconfirmed(&result).reason(), UnconfirmedReason::NoResponse(_)));
}

#[test]
fn every_attempt_sends_the_same_request() {
    let transport = ScriptedTransport::new(vec![fail(TransportErrorKind::Io), answer(503, "{}"), answer(201, "{}")]);
    let call = create(Resend::Replayed, Some("ref-1"));
    let result = futures::executor::block_on(core(&transport, 4).execute::<_, TestError>(call, |r| Ok(r.status)));
    assert_eq!(result.ok(), Some(201));
    let requests = transport.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests
        .iter()
        .all(|r| r.url == requests[0].url && r.body == requests[0].body && r.headers == requests[0].headers));
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_call() {
    let transport = ScriptedTransport::new(vec![answer(503, "{}"), answer(503, "{}"), answer(200, "{}")]);
    let core = ClientCore::new(transport.clone(), "https://api.example.com")
        .with_retry_policy(
            RetryPolicy::default().max_attempts(3).initial_backoff(Duration::from_millis(300)).jitter(false),
        )
        .with_deadline(Some(Duration::from_millis(200)));
    let result = core.execute::<_, TestError>(Call::new(Method::Get, "/p", 200), |r| Ok(r.status)).await;
    assert!(matches!(result, Err(Error::Api(_))), "no retry can finish in time: {result:?}");
    assert_eq!(transport.calls(), 1);
    let timeout = transport.requests()[0].timeout.expect("each attempt gets what is left");
    assert!(timeout <= Duration::from_millis(200), "{timeout:?}");
}

#[test]
fn retry_after_is_honoured_or_ends_the_retries() {
    let long = Ok(HttpResponse { status: 429, headers: vec![("Retry-After".into(), "3600".into())], body: Vec::new() });
    let (result, sent) = run(Call::new(Method::Get, "/p", 200), 4, vec![long]);
    assert!(matches!(result, Err(Error::Api(TestError(ref r))) if r.status == 429), "{result:?}");
    assert_eq!(sent, 1);
}

#[test]
fn success_bodies_and_headers_are_read_or_refused_with_the_response() {
    let response = |content_type: &str, body: &str| HttpResponse {
        status: 200,
        headers: vec![("Content-Type".into(), content_type.into()), ("Pagination-Total".into(), " 42 ".into())],
        body: body.as_bytes().to_vec(),
    };
    assert_eq!(json_body::<Vec<u8>>(response("application/json", "[1,2]")), Ok(vec![1, 2]));
    let refused = json_body::<Vec<u8>>(response("text/html", "<html>")).expect_err("not JSON");
    assert_eq!(
        (refused.reason.as_str(), refused.response.body.as_slice()),
        ("the success response is not JSON", &b"<html>"[..])
    );
    let refused = json_body::<Vec<u8>>(response("application/json", "{}")).expect_err("wrong shape");
    assert!(refused.reason.starts_with("the success body does not match the spec"), "{}", refused.reason);
    let with_headers = response("application/json", "[]");
    assert_eq!(header_value::<u32>(&with_headers, "pagination-total"), Ok(Some(42)));
    assert_eq!(header_value::<u32>(&with_headers, "x-missing"), Ok(None));
    assert_eq!(
        header_value::<u32>(&with_headers, "content-type"),
        Err("header `content-type` has an unreadable value".to_owned())
    );
}
