//! Retries: how often and how long to wait ([`RetryPolicy`]). Which failures a call may repeat is
//! [`crate::Resend`]'s business; [`crate::client::ClientCore::execute`] puts them together.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

#[cfg(test)]
mod tests;

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
