//! What a call tells `tracing`: one span per call, one event per attempt and per retry wait.
//!
//! Every call a generated client makes runs inside an `INFO` span named `call` with these fields:
//!
//! | field | value |
//! | --- | --- |
//! | `api`, `endpoint` | the spec's names (`tokenio`, `initiate_payout`) |
//! | `method`, `path` | the HTTP method and the path *template* (`/payouts/{id}`), never the filled path |
//! | `attempts` | how many times the request was sent |
//! | `status` | the status of the last response, when there was one |
//! | `duration_ms` | from the start of the call to its answer, waits included |
//! | `outcome` | `success`, or the [`Error`] variant the call ended with (`api_error`, `outcome_unknown`...) |
//!
//! Inside it, a `DEBUG` event `attempt` per request sent (its number, the status or the transport error, the time so
//! far) and an `INFO` event `retry` before each wait (the attempt that failed, the wait, and why: `HTTP 503`, or the
//! transport error). Nothing here records a header, a credential, a query or a body: a subscriber that keeps
//! everything still keeps no secret and no customer data.

use std::time::{Duration, Instant};

use tracing::field::Empty;
use tracing::Span;

use crate::call::Endpoint;
use crate::error::Error;
use crate::http::{HttpResponse, Method, TransportError};

/// The span a call runs in, its results still empty.
pub(crate) fn call_span(endpoint: &Endpoint, method: Method) -> Span {
    tracing::info_span!(
        "call",
        api = endpoint.api,
        endpoint = endpoint.name,
        method = method.as_str(),
        path = endpoint.path,
        attempts = Empty,
        status = Empty,
        duration_ms = Empty,
        outcome = Empty,
    )
}

/// Records one attempt's answer (a response's status, or the transport error) on the current span and as an event.
pub(crate) fn attempted(attempt: u32, outcome: &Result<HttpResponse, TransportError>, started: Instant) {
    let span = Span::current();
    span.record("attempts", attempt);
    let elapsed_ms = millis(started.elapsed());
    match outcome {
        Ok(response) => {
            span.record("status", response.status);
            tracing::debug!(attempt, status = response.status, elapsed_ms, "attempt");
        }
        Err(error) => tracing::debug!(attempt, error = %error, elapsed_ms, "attempt"),
    }
}

/// Records a wait before the next attempt, and why.
pub(crate) fn retrying(attempt: u32, delay: Duration, reason: &str) {
    tracing::info!(attempt, wait_ms = millis(delay), reason, "retry");
}

/// Records how a call ended on its span.
pub(crate) fn finished<T, E>(span: &Span, started: Instant, answer: &Result<T, Error<E>>) {
    span.record("duration_ms", millis(started.elapsed()));
    span.record("outcome", outcome(answer));
}

/// The name an answer is recorded under.
fn outcome<T, E>(answer: &Result<T, Error<E>>) -> &'static str {
    match answer {
        Ok(_) => "success",
        Err(Error::Api(_)) => "api_error",
        Err(Error::InvalidRequest(_)) => "invalid_request",
        Err(Error::Transport(_)) => "transport",
        Err(Error::OutcomeUnknown(_)) => "outcome_unknown",
        Err(Error::UnexpectedResponse { .. }) => "unexpected_response",
        Err(Error::Pagination(_)) => "pagination",
        Err(Error::Credentials(_)) => "credentials",
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

#[cfg(test)]
#[path = "observe_tests.rs"]
mod tests;
