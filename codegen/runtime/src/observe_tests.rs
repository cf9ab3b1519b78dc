//! What a call tells a `tracing` subscriber, captured by a subscriber that keeps every span field and event.

use std::cell::RefCell;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

use crate::auth::{Credentials, HeaderValue};
use crate::call::{Call, Decoder, Endpoint, Operation};
use crate::client::ClientCore;
use crate::error::Error;
use crate::http::{HttpResponse, Method, TransportError, TransportErrorKind};
use crate::retry::RetryPolicy;
use crate::testing::RecordingTransport;
use crate::url::Query;
use crate::validate::ValidationError;

/// Field names and values, in the order they were recorded.
type Fields = Vec<(String, String)>;

#[derive(Default)]
struct Captured {
    /// Every span: its name and fields (later `record`s appended).
    spans: Vec<(String, Fields)>,
    /// Every span's metadata, for `current_span`.
    metadata: Vec<&'static Metadata<'static>>,
    /// Every event: the index of the span it happened in, and its fields (`message` included).
    events: Vec<(Option<usize>, Fields)>,
}

/// A subscriber that keeps everything, for one test thread.
#[derive(Default)]
struct Recorder {
    captured: Arc<Mutex<Captured>>,
}

thread_local! {
    static ENTERED: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

struct Collect<'a>(&'a mut Fields);

impl Visit for Collect<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields::new();
        span.record(&mut Collect(&mut fields));
        let mut captured = self.captured.lock().expect("not poisoned");
        captured.spans.push((span.metadata().name().to_owned(), fields));
        captured.metadata.push(span.metadata());
        Id::from_u64(captured.spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut captured = self.captured.lock().expect("not poisoned");
        let fields = &mut captured.spans[span.into_u64() as usize - 1].1;
        values.record(&mut Collect(fields));
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut Collect(&mut fields));
        let current = ENTERED.with(|entered| entered.borrow().last().copied());
        self.captured.lock().expect("not poisoned").events.push((current, fields));
    }

    fn enter(&self, span: &Id) {
        ENTERED.with(|entered| entered.borrow_mut().push(span.into_u64() as usize - 1));
    }

    fn exit(&self, _: &Id) {
        ENTERED.with(|entered| entered.borrow_mut().pop());
    }

    // `Span::current()`, which the runtime records attempts and statuses through, asks the subscriber (as
    // tracing-subscriber's registry answers it).
    fn current_span(&self) -> tracing_core::span::Current {
        let current = ENTERED.with(|entered| entered.borrow().last().copied());
        match current {
            Some(index) => {
                let metadata = self.captured.lock().expect("not poisoned").metadata[index];
                tracing_core::span::Current::new(Id::from_u64(index as u64 + 1), metadata)
            }
            None => tracing_core::span::Current::none(),
        }
    }
}

/// A read with a secret header and a customer in its query, as a generated operation would describe it.
struct GetItem;

impl Operation for GetItem {
    type Success = String;
    type Error = std::convert::Infallible;
    const AUTHENTICATED: bool = true;
    const DECODE: Decoder<String> = |response| Ok(String::from_utf8_lossy(&response.body).into_owned());
    const ENDPOINT: Endpoint = Endpoint { api: "demo", name: "get_item", path: "/items/{id}" };

    fn call(&self) -> Result<Call, ValidationError> {
        let mut query = Query::new();
        query.push("customer", "cus_9".to_owned());
        Ok(Call::new(Method::Get, "/items/it_1", 200).query(query))
    }
}

fn value<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields.iter().rev().find(|(field, _)| field == name).map(|(_, value)| value.as_str())
}

/// Runs `GetItem` against `answers` with up to three attempts, under the recorder; what it captured.
fn traced(
    answers: Vec<Result<HttpResponse, TransportError>>,
) -> (Result<String, Error<std::convert::Infallible>>, Captured) {
    let transport = Arc::new(RecordingTransport::new());
    for answer in answers {
        match answer {
            Ok(response) => transport.push_response(response),
            Err(error) => transport.push_error(error),
        }
    }
    let core = ClientCore::new(transport, "https://api.example.com")
        .with_retry_policy(RetryPolicy::default().max_attempts(3).initial_backoff(Duration::ZERO));
    let credentials =
        Credentials::header("key", ("Authorization".to_owned(), HeaderValue::sensitive("Bearer sk_live_secret")));
    let recorder = Recorder::default();
    let captured = recorder.captured.clone();
    let answer =
        tracing::subscriber::with_default(recorder, || futures::executor::block_on(core.run(GetItem, &credentials)));
    let captured = std::mem::take(&mut *captured.lock().expect("not poisoned"));
    (answer, captured)
}

fn response(status: u16, body: &str) -> Result<HttpResponse, TransportError> {
    Ok(HttpResponse { status, headers: Vec::new(), body: body.as_bytes().to_vec() })
}

#[test]
fn a_call_is_one_span_with_an_event_per_attempt_and_per_retry_wait() {
    let (answer, captured) = traced(vec![
        Err(TransportError::new(TransportErrorKind::Connect, "connection refused")),
        response(503, "busy"),
        response(200, "top-secret-body"),
    ]);
    assert_eq!(answer.expect("the third attempt succeeds"), "top-secret-body");

    assert_eq!(captured.spans.len(), 1, "one span per call");
    let (name, fields) = &captured.spans[0];
    assert_eq!(name, "call");
    for (field, expected) in [
        ("api", "demo"),
        ("endpoint", "get_item"),
        ("method", "GET"),
        ("path", "/items/{id}"),
        ("attempts", "3"),
        ("status", "200"),
        ("outcome", "success"),
    ] {
        assert_eq!(value(fields, field), Some(expected), "span field `{field}` in {fields:?}");
    }
    assert!(value(fields, "duration_ms").is_some_and(|ms| ms.parse::<u64>().is_ok()), "{fields:?}");

    // Each event as (message, attempt, status, reason).
    type Seen<'a> = (&'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
    let events: Vec<Seen<'_>> = captured
        .events
        .iter()
        .map(|(span, fields)| {
            assert_eq!(*span, Some(0), "every event happens inside the call's span: {fields:?}");
            let message = value(fields, "message").unwrap_or("");
            (message, value(fields, "attempt"), value(fields, "status"), value(fields, "reason"))
        })
        .collect();
    assert_eq!(
        events,
        [
            ("attempt", Some("1"), None, None),
            ("retry", Some("1"), None, Some("connection failed: connection refused")),
            ("attempt", Some("2"), Some("503"), None),
            ("retry", Some("2"), None, Some("HTTP 503")),
            ("attempt", Some("3"), Some("200"), None),
        ]
    );
    assert!(captured
        .events
        .iter()
        .filter(|(_, f)| value(f, "message") == Some("retry"))
        .all(|(_, f)| value(f, "wait_ms") == Some("0")));
}

#[test]
fn nothing_recorded_carries_a_credential_the_query_or_a_body() {
    let (answer, captured) = traced(vec![response(503, "busy"), response(200, "top-secret-body")]);
    assert!(answer.is_ok());
    let everything: Vec<&String> = captured
        .spans
        .iter()
        .flat_map(|(_, fields)| fields)
        .chain(captured.events.iter().flat_map(|(_, fields)| fields))
        .map(|(_, value)| value)
        .collect();
    assert!(!everything.is_empty());
    for secret in ["sk_live_secret", "cus_9", "it_1", "top-secret-body", "busy"] {
        assert!(everything.iter().all(|value| !value.contains(secret)), "`{secret}` was recorded: {everything:?}");
    }
}

#[test]
fn a_failed_call_records_how_it_ended() {
    let (answer, captured) = traced(vec![response(404, "no such item")]);
    assert!(matches!(answer, Err(Error::UnexpectedResponse { .. })), "{answer:?}");
    let (_, fields) = &captured.spans[0];
    assert_eq!(
        (value(fields, "attempts"), value(fields, "status"), value(fields, "outcome")),
        (Some("1"), Some("404"), Some("unexpected_response"))
    );
}
