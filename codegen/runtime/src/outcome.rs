//! What a call may resend ([`Resend`]) and what a caller is told when a call that must not act twice cannot say
//! whether it acted ([`Unconfirmed`]).
//!
//! Every call goes through one model. Each attempt ends in one of three states:
//!
//! - *not sent*: nothing reached the server (no connection could be made, or the request could not be built). Any
//!   call may try again.
//! - *maybe processed*: bytes may have reached the server and no definite answer came back (a reset, a timeout, a
//!   `503`, an undocumented status, a success that cannot be read). Only a call whose repetition cannot act twice
//!   may try again; any other call stops with [`Unconfirmed`].
//! - *definite*: the documented success, or an error the spec documents as a refusal to act.

use std::fmt;

use crate::error::RawResponse;
use crate::http::TransportError;
use crate::text::shown;

/// What the server does when the same request arrives again, which decides what a call may resend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resend {
    /// The call only reads: repeating it changes nothing, so every failure may be retried.
    Free,
    /// The server recognises the call's reference and answers a repeat with the first result: retried like a read,
    /// and the last answer speaks for every attempt.
    Replayed,
    /// The server refuses a repeated reference: resending cannot act twice, but once an attempt may have reached the
    /// server, a refusal of a later attempt no longer says what the earlier one did.
    Refused,
    /// Nothing is documented, or the call carries no reference: never resent once bytes may have reached the server.
    Never,
}

impl Resend {
    /// The rule for a call whose reference is `reference`: [`Resend::Replayed`] and [`Resend::Refused`] hold only
    /// while the reference is there and not blank, since a blank reference identifies nothing.
    pub fn with_reference(self, reference: Option<&str>) -> Resend {
        let identified = reference.is_some_and(|reference| !reference.trim().is_empty());
        match self {
            Resend::Replayed | Resend::Refused if !identified => Resend::Never,
            other => other,
        }
    }
}

/// Why a call stopped without a definite answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnconfirmedReason {
    /// No response came back for an attempt that may have reached the server.
    NoResponse(TransportError),
    /// The server answered with a status or error the spec does not document as a refusal to act (an undocumented
    /// status, a `429` or `5xx` it may have acted on, a success status other than the documented one).
    UndocumentedAnswer,
    /// The documented success status came back, but its body could not be read: the server acted.
    UnreadableSuccess(String),
    /// A later attempt was refused after an earlier one may have reached the server. `duplicate` is true when the
    /// refusal is the spec's error for a repeated reference: then the earlier attempt most likely went through.
    RefusedAfterRetry {
        /// Whether the refusal says the reference is already used.
        duplicate: bool,
    },
}

/// A call that must not act twice stopped without knowing whether the server acted: the request may have been
/// processed. Look it up (by its reference, or with the generated `reconcile_` method where the spec names a lookup)
/// before sending it again.
#[derive(Clone, Debug, PartialEq)]
pub struct Unconfirmed {
    reason: UnconfirmedReason,
    reference: Option<String>,
    attempts: u32,
    seen: Vec<String>,
    response: Option<RawResponse>,
}

impl Unconfirmed {
    pub(crate) fn new(reason: UnconfirmedReason, reference: Option<String>, attempts: u32, seen: Vec<String>) -> Self {
        Unconfirmed { reason, reference, attempts, seen, response: None }
    }

    pub(crate) fn with_response(mut self, response: RawResponse) -> Self {
        self.response = Some(response);
        self
    }

    /// Why the call stopped.
    pub fn reason(&self) -> &UnconfirmedReason {
        &self.reason
    }

    /// The call's reference (the value the server knows it by), when it carried one.
    pub fn reference(&self) -> Option<&str> {
        self.reference.as_deref()
    }

    /// How many attempts were sent.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// What each attempt ended with, in order (`attempt 1: timed out: ...`, `attempt 2: HTTP 503`).
    pub fn seen(&self) -> &[String] {
        &self.seen
    }

    /// The last response, when the call stopped on one.
    pub fn response(&self) -> Option<&RawResponse> {
        self.response.as_ref()
    }

    /// Whether the server certainly acted: the documented success came back but could not be read. Otherwise it
    /// may or may not have.
    pub fn certainly_processed(&self) -> bool {
        matches!(self.reason, UnconfirmedReason::UnreadableSuccess(_))
    }
}

impl fmt::Display for Unconfirmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.reason {
            UnconfirmedReason::NoResponse(error) => {
                write!(f, "the request may have been processed: no response ({error})")?
            }
            UnconfirmedReason::UndocumentedAnswer => {
                let status = self.response.as_ref().map_or(0, |response| response.status);
                write!(f, "the request may have been processed: HTTP {status} does not say whether it was")?
            }
            UnconfirmedReason::UnreadableSuccess(why) => {
                write!(f, "the request was processed, but its response could not be read: {}", shown(why))?
            }
            UnconfirmedReason::RefusedAfterRetry { duplicate: true } => f.write_str(
                "the request was most likely processed: a retry was refused because its reference is already used",
            )?,
            UnconfirmedReason::RefusedAfterRetry { duplicate: false } => f.write_str(
                "the request may have been processed: a retry was refused after an earlier attempt may have reached \
                 the server",
            )?,
        }
        let attempts = if self.attempts == 1 { "1 attempt".to_owned() } else { format!("{} attempts", self.attempts) };
        write!(f, " ({attempts}")?;
        if let Some(reference) = &self.reference {
            write!(f, ", reference `{}`", shown(reference))?;
        }
        f.write_str("); look it up before sending it again")
    }
}

impl std::error::Error for Unconfirmed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.reason {
            UnconfirmedReason::NoResponse(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_references_identify_nothing() {
        for rule in [Resend::Replayed, Resend::Refused] {
            assert_eq!(rule.with_reference(Some("ref-1")), rule);
            for blank in [None, Some(""), Some("   "), Some("\t\n")] {
                assert_eq!(rule.with_reference(blank), Resend::Never, "{blank:?}");
            }
        }
        assert_eq!(Resend::Free.with_reference(None), Resend::Free);
        assert_eq!(Resend::Never.with_reference(Some("ref-1")), Resend::Never);
    }

    #[test]
    fn messages_say_whether_it_may_exist() {
        let error = Unconfirmed::new(
            UnconfirmedReason::NoResponse(TransportError::timeout("after 30s")),
            Some("ref-1".into()),
            2,
            vec!["attempt 1: timed out".into(), "attempt 2: timed out".into()],
        );
        assert_eq!(
            error.to_string(),
            "the request may have been processed: no response (timed out: after 30s) (2 attempts, reference `ref-1`); \
             look it up before sending it again"
        );
        assert!(std::error::Error::source(&error).is_some());
        assert!(!error.certainly_processed());
        let error = Unconfirmed::new(UnconfirmedReason::UnreadableSuccess("x".repeat(10_000)), None, 1, Vec::new());
        assert!(error.certainly_processed());
        assert!(error.to_string().len() < 500, "server text is bounded");
        let error = Unconfirmed::new(UnconfirmedReason::RefusedAfterRetry { duplicate: true }, None, 2, Vec::new());
        assert!(error.to_string().contains("most likely processed"), "{error}");
    }
}
