//! The error every client call returns ([`Error`]) and the shapes of API errors it can carry.

use std::collections::HashMap;
use std::convert::Infallible;
use std::fmt;

use serde_json::value::RawValue;

use crate::call::ApiError;
use crate::http::{find_header, HttpResponse, TransportError};
use crate::json::Json;
use crate::outcome::Unconfirmed;
use crate::text::shown;
use crate::validate::ValidationError;

/// An error response as received, kept so callers can inspect what the API sent.
#[derive(Clone, PartialEq, Eq)]
pub struct RawResponse {
    /// The status code.
    pub status: u16,
    /// Headers as received.
    pub headers: Vec<(String, String)>,
    /// The body, empty when there is none.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body as text, with invalid UTF-8 replaced by `U+FFFD`.
    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The value of the first header called `name` (compared case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

impl From<HttpResponse> for RawResponse {
    fn from(response: HttpResponse) -> Self {
        RawResponse { status: response.status, headers: response.headers, body: response.body }
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &String::from_utf8_lossy(&self.body))
            .finish()
    }
}

/// The HTTP status of an API error; lets [`Error::status`] see inside [`Error::Api`].
///
/// Implemented for the error shapes of this module. A generated per-operation error enum implements it by
/// delegating to its variants.
pub trait HttpStatus {
    /// The status code of the response that carried the error.
    fn http_status(&self) -> u16;
}

/// The human-readable message of an error body, if it has one. Generated error bodies may implement it; it is
/// implemented for [`Json`], the body of an error the spec gives no type.
pub trait ErrorMessage {
    /// The message, if the body carries one.
    fn error_message(&self) -> Option<String>;

    /// The machine-readable error code, if the body carries one.
    fn error_code(&self) -> Option<String> {
        None
    }
}

/// The string at `path` (a list of object keys) in the JSON `text`. Only the objects on the way are read, each entry
/// as raw text, so a number elsewhere never has to fit a float.
fn string_at(text: &str, path: &[&str]) -> Option<String> {
    let mut current = text;
    for key in path {
        let object: HashMap<String, &RawValue> = serde_json::from_str(current).ok()?;
        current = object.get(*key)?.get();
    }
    serde_json::from_str(current).ok()
}

/// The first string found at one of `paths` in the JSON `text`.
fn first_string(text: &str, paths: &[&[&str]]) -> Option<String> {
    paths.iter().find_map(|path| string_at(text, path))
}

impl ErrorMessage for Json {
    /// The first string found at `message`, `error.message`, `title` or `detail`.
    fn error_message(&self) -> Option<String> {
        first_string(self.get(), &[&["message"], &["error", "message"], &["title"], &["detail"]])
    }

    /// The first string found at `code`, `errorCode`, `error.code`, `error.errorCode` or `error.name`, or at `name`
    /// or `type` of a body that also has a message.
    fn error_code(&self) -> Option<String> {
        first_string(
            self.get(),
            &[&["code"], &["errorCode"], &["error", "code"], &["error", "errorCode"], &["error", "name"]],
        )
        .or_else(|| self.error_message().and_then(|_| first_string(self.get(), &[&["name"], &["type"]])))
    }
}

/// `code: message` (each bounded) of a JSON error body, for the `Display` of errors that keep the raw response.
pub fn describe_body(body: &[u8]) -> Option<String> {
    let value = Json::from_text(std::str::from_utf8(body).ok()?).ok()?;
    match (value.error_code(), value.error_message()) {
        (Some(code), Some(message)) => Some(format!("{}: {}", shown(&code), shown(&message))),
        (Some(text), None) | (None, Some(text)) => Some(shown(&text).into_owned()),
        (None, None) => None,
    }
}

/// An error from an API that answers errors with a `[code, message, details]` array.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedError<D> {
    /// The error code, such as `invalid_amount`.
    pub code: String,
    /// The message the API gave.
    pub message: String,
    /// The details, decoded to the type the spec gives for this code.
    pub details: Option<D>,
    /// The response that carried the error.
    pub response: RawResponse,
}

impl<D> fmt::Display for CodedError<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", shown(&self.code), shown(&self.message))
    }
}

impl<D: fmt::Debug> std::error::Error for CodedError<D> {}

impl<D> HttpStatus for CodedError<D> {
    fn http_status(&self) -> u16 {
        self.response.status
    }
}

/// An error the API signals by status code, with its body decoded to `B` and, optionally, documented headers
/// decoded to `H`.
///
/// Display: `HTTP {status}`, followed by `: {message}` when the body is JSON carrying a message where
/// [`ErrorMessage`] for [`Json`] looks for one.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusError<B, H = ()> {
    /// The status code.
    pub status: u16,
    /// The decoded body.
    pub body: B,
    /// The decoded documented headers.
    pub headers: H,
    /// The response that carried the error.
    pub response: RawResponse,
}

impl<B: ErrorMessage, H> StatusError<B, H> {
    /// The message of the decoded body, if it has one.
    pub fn message(&self) -> Option<String> {
        self.body.error_message()
    }
}

impl<B, H> fmt::Display for StatusError<B, H> {
    /// `HTTP {status}`, then `: {code}: {message}` as far as the JSON body carries them (each bounded).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status)?;
        match describe_body(&self.response.body) {
            Some(text) => write!(f, ": {text}"),
            None => Ok(()),
        }
    }
}

impl<B: fmt::Debug, H: fmt::Debug> std::error::Error for StatusError<B, H> {}

impl<B, H> HttpStatus for StatusError<B, H> {
    fn http_status(&self) -> u16 {
        self.status
    }
}

/// A well-formed API error the spec does not list: an undocumented status or code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownApiError {
    /// The status code.
    pub status: u16,
    /// The error code, when the API gave one.
    pub code: Option<String>,
    /// The message, when the API gave one.
    pub message: Option<String>,
    /// The response that carried the error.
    pub response: RawResponse,
}

impl fmt::Display for UnknownApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "undocumented API error (HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, ", code {}", shown(code))?;
        }
        f.write_str(")")?;
        if let Some(message) = &self.message {
            write!(f, ": {}", shown(message))?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownApiError {}

impl HttpStatus for UnknownApiError {
    fn http_status(&self) -> u16 {
        self.status
    }
}

/// For operations that document no errors: `Error<Infallible>` never holds [`Error::Api`].
impl HttpStatus for Infallible {
    fn http_status(&self) -> u16 {
        match *self {}
    }
}

/// The error of every client call, where `E` holds the API errors the operation documents.
///
/// For a call that changes something (any call whose spec does not make it a read), each variant answers "could
/// the request have been processed?" the same way: see [`Error::may_have_been_processed`].
#[derive(Debug)]
pub enum Error<E> {
    /// A documented (or unknown but well-formed) API error. For a call that changes something, only an error the
    /// spec documents as a refusal to act, answered before any attempt may have acted.
    Api(E),
    /// The request was refused before sending.
    InvalidRequest(ValidationError),
    /// No response arrived. For a call that changes something, only when no attempt can have reached the server.
    Transport(TransportError),
    /// A call that must not act twice stopped without knowing whether the server acted: look the result up (by
    /// the call's reference) before sending it again.
    OutcomeUnknown(Box<Unconfirmed>),
    /// A response arrived but could not be understood: wrong content type, undecodable body, undocumented status.
    UnexpectedResponse {
        /// What was wrong with it.
        reason: String,
        /// The response.
        response: RawResponse,
    },
    /// A paginated walk stopped because the server sent back a position (cursor or offset) it had already sent,
    /// which would otherwise repeat pages for ever.
    Pagination(String),
    /// No credentials could be had for the call (the OAuth2 token endpoint refused or failed), so the call itself
    /// was not sent.
    Credentials(crate::oauth2::CredentialsError),
}

impl<E: HttpStatus> Error<E> {
    /// The HTTP status of the response, or `None` when no response was received (or the request was never sent).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(error) => Some(error.http_status()),
            Error::InvalidRequest(_) | Error::Transport(_) | Error::Pagination(_) | Error::Credentials(_) => None,
            Error::OutcomeUnknown(unconfirmed) => unconfirmed.response().map(|response| response.status),
            Error::UnexpectedResponse { response, .. } => Some(response.status),
        }
    }
}

impl<E: ApiError> Error<E> {
    /// Whether the request may have been processed by the server, for a call that changes something: `true` only
    /// for [`Error::OutcomeUnknown`] and for an API error the spec does not document as a refusal to act. Every
    /// other error of such a call means nothing was done.
    pub fn may_have_been_processed(&self) -> bool {
        match self {
            Error::Api(error) => !error.is_refusal(),
            Error::OutcomeUnknown(_) => true,
            Error::InvalidRequest(_)
            | Error::Transport(_)
            | Error::UnexpectedResponse { .. }
            | Error::Pagination(_)
            | Error::Credentials(_) => false,
        }
    }
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(error) => write!(f, "API error: {error}"),
            Error::InvalidRequest(error) => write!(f, "request not sent: {error}"),
            Error::Transport(error) => write!(f, "no response: {error}"),
            Error::OutcomeUnknown(unconfirmed) => write!(f, "{unconfirmed}"),
            Error::UnexpectedResponse { reason, response } => {
                write!(f, "unexpected response (HTTP {}): {}", response.status, shown(reason))
            }
            Error::Pagination(reason) => write!(f, "pagination stopped: {reason}"),
            Error::Credentials(error) => write!(f, "request not sent: {error}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Api(error) => Some(error),
            Error::InvalidRequest(error) => Some(error),
            Error::Transport(error) => Some(error),
            Error::OutcomeUnknown(unconfirmed) => Some(unconfirmed.as_ref()),
            Error::Credentials(error) => Some(error),
            Error::UnexpectedResponse { .. } | Error::Pagination(_) => None,
        }
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(error: ValidationError) -> Self {
        Error::InvalidRequest(error)
    }
}

impl<E> From<TransportError> for Error<E> {
    fn from(error: TransportError) -> Self {
        Error::Transport(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Json {
        Json::from_text(text).expect(text)
    }

    fn raw(status: u16, body: &str) -> RawResponse {
        RawResponse {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn raw_responses() {
        let response =
            HttpResponse { status: 404, headers: vec![("X-Request-Id".into(), "r1".into())], body: b"nope".to_vec() };
        let raw = RawResponse::from(response);
        assert_eq!((raw.status, raw.header("x-request-id"), raw.body_text()), (404, Some("r1"), "nope".to_owned()));
        assert_eq!(raw.header("missing"), None);
        assert!(format!("{raw:?}").contains(r#"body: "nope""#));
    }

    #[test]
    fn error_messages_of_json_bodies() {
        let message = |text: &str| json(text).error_message();
        assert_eq!(message(r#"{"message": "a", "title": "b"}"#).as_deref(), Some("a"));
        assert_eq!(message(r#"{"error": {"message": "nested"}}"#).as_deref(), Some("nested"));
        assert_eq!(message(r#"{"title": "Bad", "detail": "d"}"#).as_deref(), Some("Bad"));
        assert_eq!(message(r#"{"detail": "d", "amount": 1e400}"#).as_deref(), Some("d"), "any number beside it");
        assert_eq!(message(r#"{"message": "say \"hi\""}"#).as_deref(), Some(r#"say "hi""#));
        assert_eq!(message(r#"{"message": 3}"#), None);
        assert_eq!(message(r#"["x"]"#), None);
        let code = |text: &str| json(text).error_code();
        assert_eq!(code(r#"{"error": {"errorCode": "E1", "message": "m"}}"#).as_deref(), Some("E1"));
        assert_eq!(code(r#"{"type": "about:blank", "title": "t"}"#).as_deref(), Some("about:blank"));
        assert_eq!(code(r#"{"type": "about:blank"}"#), None, "a type alone is not a code");
    }

    #[test]
    fn coded_errors() {
        let error = CodedError::<Json> {
            code: "invalid_amount".into(),
            message: "Amount too small".into(),
            details: None,
            response: raw(422, "[]"),
        };
        assert_eq!(error.to_string(), "invalid_amount: Amount too small");
        assert_eq!(error.http_status(), 422);
        let error: Error<_> = Error::Api(error);
        assert_eq!(error.status(), Some(422));
        assert_eq!(error.to_string(), "API error: invalid_amount: Amount too small");
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn status_errors() {
        let error = StatusError {
            status: 400,
            body: json(r#"{"title": "Invalid"}"#),
            headers: (),
            response: raw(400, r#"{"title":"Invalid"}"#),
        };
        assert_eq!(error.to_string(), "HTTP 400: Invalid");
        assert_eq!(error.message().as_deref(), Some("Invalid"));
        #[derive(Debug)]
        struct Opaque;
        let error = StatusError { status: 503, body: Opaque, headers: ("retry-after", 5), response: raw(503, "busy") };
        assert_eq!(error.to_string(), "HTTP 503");
        assert_eq!(Error::Api(error).status(), Some(503));
    }

    #[test]
    fn unknown_api_errors() {
        let mut error = UnknownApiError { status: 418, code: None, message: None, response: raw(418, "") };
        assert_eq!(error.to_string(), "undocumented API error (HTTP 418)");
        error.code = Some("teapot".into());
        error.message = Some("short and stout".into());
        assert_eq!(error.to_string(), "undocumented API error (HTTP 418, code teapot): short and stout");
    }

    #[test]
    fn error_variants() {
        let error: Error<Infallible> = ValidationError::new("Iban", "must not be empty").into();
        assert_eq!(error.to_string(), "request not sent: invalid Iban: must not be empty");
        assert_eq!(error.status(), None);
        let error: Error<Infallible> = TransportError::timeout("30s").into();
        assert_eq!(error.to_string(), "no response: timed out: 30s");
        assert_eq!(error.status(), None);
        assert!(std::error::Error::source(&error).is_some());
        let error: Error<Infallible> =
            Error::UnexpectedResponse { reason: "not JSON".into(), response: raw(200, "<html>") };
        assert_eq!(error.to_string(), "unexpected response (HTTP 200): not JSON");
        assert_eq!(error.status(), Some(200));
        assert!(std::error::Error::source(&error).is_none());
    }
}
