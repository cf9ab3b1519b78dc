//! Retries: how often and how long to wait ([`RetryPolicy`]), which failures a call may repeat ([`Replay`]), and
//! the error of a call that gave up ([`SendError`]). [`crate::client::ClientCore::send_with`] puts them together.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::http::{HttpRequest, HttpResponse, Transport, TransportError};

#[cfg(test)]
mod send_tests;
#[cfg(test)]
mod tests;

/// The text shown when a request may have reached the server but no response came back.
pub(crate) const OUTCOME_UNKNOWN: &str = "the request may have reached the server, but no response came back; look \
                                          the result up (for example the payout by its reference) before sending it \
                                          again";

/// How many times a request is sent and how long to wait between attempts.
///
/// The wait before retry `n` (1-based) is `min(max_backoff, initial_backoff * 2^(n-1))`; with jitter it is a uniform
/// random duration between zero and that. A `Retry-After` header on a retryable response replaces the computed wait;
/// when it asks for longer than [`RetryPolicy::max_retry_after`] allows, the response is returned instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// 4 attempts in total, 200 ms initial backoff, 5 s maximum backoff, `Retry-After` honoured up to 30 s, jitter.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// No retries: every request is sent once.
    pub fn none() -> Self {
        RetryPolicy::default().max_attempts(1)
    }

    /// Sends a request at most `attempts` times in total, first attempt included (`0` counts as `1`).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry, doubled for each further one.
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest computed wait between attempts.
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// The longest wait a `Retry-After` header may ask for; above it the response is returned without retrying.
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Whether the computed wait is randomised ("full jitter": uniform between zero and the computed backoff).
    pub fn jitter(mut self, jitter: bool) -> Self {
        self.jitter = jitter;
        self
    }

    /// The number of attempts in total, first attempt included (at least 1).
    pub fn get_max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before the first retry, before jitter.
    pub fn get_initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The longest computed wait between attempts.
    pub fn get_max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest wait a `Retry-After` header may ask for.
    pub fn get_max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// Whether the computed wait is randomised.
    pub fn get_jitter(&self) -> bool {
        self.jitter
    }

    /// The backoff before retry number `retry` (1-based; `0` counts as `1`), without jitter:
    /// `min(max_backoff, initial_backoff * 2^(retry-1))`, saturating instead of overflowing.
    pub fn backoff(&self, retry: u32) -> Duration {
        if self.initial_backoff.is_zero() {
            return Duration::ZERO;
        }
        2u32.checked_pow(retry.saturating_sub(1))
            .and_then(|factor| self.initial_backoff.checked_mul(factor))
            .map_or(self.max_backoff, |backoff| backoff.min(self.max_backoff))
    }

    /// The wait before retry number `retry`: [`RetryPolicy::backoff`], or with jitter a uniform random duration
    /// between zero and it (both ends included).
    pub fn delay(&self, retry: u32) -> Duration {
        let ceiling = self.backoff(retry);
        if !self.jitter || ceiling.is_zero() {
            return ceiling;
        }
        let nanos = u64::try_from(ceiling.as_nanos()).unwrap_or(u64::MAX);
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }

    /// The wait before retry number `retry` of a retryable response whose `Retry-After` header is `retry_after`:
    /// the header's delay when it can be read (`None`, meaning "do not retry", when that is above
    /// [`RetryPolicy::max_retry_after`]), otherwise [`RetryPolicy::delay`]. An unreadable header is ignored.
    pub fn retry_delay(&self, retry: u32, retry_after: Option<&str>, now: SystemTime) -> Option<Duration> {
        match retry_after.and_then(|value| parse_retry_after(value, now)) {
            Some(wait) if wait > self.max_retry_after => None,
            Some(wait) => Some(wait),
            None => Some(self.delay(retry)),
        }
    }
}

/// Reads a `Retry-After` header value (RFC 9110 §10.2.3): delta-seconds such as `120`, or an HTTP date, which gives
/// the time left until then as seen from `now` (zero when it has passed). `None` for anything else.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still a number of seconds, just a very large one.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// What a call may safely repeat, which decides the failures [`crate::client::ClientCore::send_with`] retries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Replay {
    /// A read. Retried on HTTP 429, 503 and 504 and on every transport error.
    Safe,
    /// A call that creates something and carries its unique reference, so the server recognises a repeat of the
    /// same bytes. Retried like [`Replay::Safe`].
    Keyed,
    /// A call that creates something without a unique reference. Retried only when the request certainly did not
    /// reach the server: a [`crate::http::TransportErrorKind::Connect`] error, or HTTP 429. Any other transport
    /// error ends the call with [`SendError::OutcomeUnknown`].
    Once,
}

/// What to do after one attempt, as decided by [`Replay::decide`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RetryDecision {
    /// Hand the response (or the transport error) to the caller.
    Return,
    /// Send the same request again, if the policy allows another attempt.
    Retry,
    /// Stop with [`SendError::OutcomeUnknown`]: the request may have acted, and repeating it could act twice.
    OutcomeUnknown,
}

impl Replay {
    /// What to do after an attempt that got a response with status `Ok(status)` or failed with `Err(error)`.
    pub fn decide(self, outcome: Result<u16, &TransportError>) -> RetryDecision {
        match (self, outcome) {
            (_, Ok(429)) | (Replay::Safe | Replay::Keyed, Ok(503 | 504)) => RetryDecision::Retry,
            (_, Ok(_)) => RetryDecision::Return,
            (Replay::Safe | Replay::Keyed, Err(_)) => RetryDecision::Retry,
            (Replay::Once, Err(error)) if !error.request_may_have_been_sent() => RetryDecision::Retry,
            (Replay::Once, Err(_)) => RetryDecision::OutcomeUnknown,
        }
    }
}

/// A retry about to happen, given to the observer set with [`crate::client::ClientCore::with_retry_observer`]
/// before the wait.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RetryEvent {
    /// The attempt that failed (1 for the first); the next attempt is `attempt + 1`, after retry number `attempt`.
    pub attempt: u32,
    /// How long the client waits before the next attempt.
    pub delay: Duration,
    /// Why: `HTTP 503`, or the transport error (which never shows header values).
    pub reason: String,
}

/// Called with every [`RetryEvent`].
pub(crate) type RetryObserver = Arc<dyn Fn(RetryEvent) + Send + Sync>;

/// Why [`crate::client::ClientCore::send_with`] got no response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SendError {
    /// No response arrived, and resending is safe or the request never left.
    Transport(TransportError),
    /// The request may have reached the server but no response came back, and it must not be sent again blindly:
    /// look the result up first.
    OutcomeUnknown(TransportError),
}

impl SendError {
    /// The transport error behind either variant.
    pub fn transport_error(&self) -> &TransportError {
        match self {
            SendError::Transport(error) | SendError::OutcomeUnknown(error) => error,
        }
    }

    /// Whether this is [`SendError::OutcomeUnknown`].
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(self, SendError::OutcomeUnknown(_))
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Transport(error) => write!(f, "no response: {error}"),
            SendError::OutcomeUnknown(_) => f.write_str(OUTCOME_UNKNOWN),
        }
    }
}

impl std::error::Error for SendError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.transport_error())
    }
}

/// Sends `request` until it gets a response or error `replay` does not retry, or `policy` runs out of attempts.
/// Every attempt sends the same request.
pub(crate) async fn send_with_retries(
    transport: &dyn Transport,
    request: HttpRequest,
    policy: &RetryPolicy,
    replay: Replay,
    observer: Option<&RetryObserver>,
) -> Result<HttpResponse, SendError> {
    let mut attempt = 1;
    loop {
        let outcome = transport.send(request.clone()).await;
        let decision = replay.decide(outcome.as_ref().map(|response| response.status));
        let attempts_left = attempt < policy.get_max_attempts();
        let (delay, reason) = match (decision, outcome) {
            (RetryDecision::OutcomeUnknown, Err(error)) => return Err(SendError::OutcomeUnknown(error)),
            (RetryDecision::Retry, Ok(response)) if attempts_left => {
                match policy.retry_delay(attempt, response.header("retry-after"), SystemTime::now()) {
                    Some(delay) => (delay, format!("HTTP {}", response.status)),
                    None => return Ok(response),
                }
            }
            (RetryDecision::Retry, Err(error)) if attempts_left => (policy.delay(attempt), error.to_string()),
            (_, Ok(response)) => return Ok(response),
            (_, Err(error)) => return Err(SendError::Transport(error)),
        };
        if let Some(observer) = observer {
            observer(RetryEvent { attempt, delay, reason });
        }
        // A zero wait needs no timer, so clients with zero backoff also run outside a tokio runtime.
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        attempt += 1;
    }
}
