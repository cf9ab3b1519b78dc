//! Errors told apart by a code inside the body, wherever the API puts it: `/error/code` in an object, `/name` at the
//! top, `/0` in a `[code, message, details]` array. The spec gives the places as JSON pointers ([`CodeRules`]); a
//! generated enum lists its errors as `(status, code)` pairs, plus any errors of the same API told by their status
//! alone (a refusal documented with headers and no body), and [`crate::code_errors!`] writes the rest.

use serde::de::DeserializeOwned;

use crate::api_errors::{status_variant, ErrorBody, ErrorHeaders};
use crate::client::is_json;
use crate::error::{CodedError, Error, StatusError, UnknownApiError};
use crate::http::HttpResponse;
use crate::json::Json;

/// Where an API's error bodies carry their code, message and details (JSON pointers, RFC 6901), and how codes are
/// compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeRules {
    /// The code: a string.
    pub code: &'static str,
    /// The message for developers, a string, when the API sends one.
    pub message: Option<&'static str>,
    /// The part of the body an error's details type describes (`""`: the whole body).
    pub details: &'static str,
    /// The one status every handled error of the API arrives with, for an API that says so: a response with any
    /// other status, or without a code, is then not an error of the API but an unexpected response.
    pub only_status: Option<u16>,
    /// Codes compare ignoring ASCII case.
    pub ignore_case: bool,
}

/// An error response, read as far as its code and message.
#[derive(Debug)]
pub struct CodedResponse {
    body: Option<Json>,
    code: Option<String>,
    message: Option<String>,
    response: HttpResponse,
    rules: CodeRules,
}

impl CodedResponse {
    /// Reads the code and message of `response` where `rules` say; a body that is not JSON, or has no string there,
    /// has none.
    pub fn read(response: HttpResponse, rules: CodeRules) -> Self {
        let body = is_json(&response)
            .then(|| std::str::from_utf8(&response.body).ok().and_then(|text| Json::from_text(text).ok()))
            .flatten();
        let text_at = |pointer: &str| body.as_ref()?.pointer(pointer)?.decode::<String>().ok();
        let code = text_at(rules.code);
        let message = rules.message.and_then(text_at);
        CodedResponse { body, code, message, response, rules }
    }

    /// Whether the response has one of `statuses` and the code `code` (compared as the rules say).
    pub fn is(&self, statuses: &[u16], code: &str) -> bool {
        let Some(sent) = self.code.as_deref().filter(|_| statuses.contains(&self.response.status)) else {
            return false;
        };
        if self.rules.ignore_case {
            sent.eq_ignore_ascii_case(code)
        } else {
            sent == code
        }
    }

    /// The response's HTTP status.
    pub fn status(&self) -> u16 {
        self.response.status
    }

    /// The documented error `variant`, told by its code: its details read with their type from where the rules say
    /// (absent or `null`: `None`); details that do not fit are [`Error::UnexpectedResponse`].
    pub fn coded<D: DeserializeOwned, E>(self, variant: fn(CodedError<D>) -> E) -> Error<E> {
        let CodedResponse { body, code, message, response, rules } = self;
        let code = code.unwrap_or_default();
        let details = body.and_then(|body| body.pointer(rules.details)).filter(|details| !details.is_null());
        let details = match details.map(|details| details.decode()).transpose() {
            Ok(details) => details,
            Err(why) => {
                let reason = format!("the details of `{}` do not match the spec: {why}", crate::text::shown(&code));
                return Error::UnexpectedResponse { reason, response: response.into() };
            }
        };
        let message = message.unwrap_or_default();
        Error::Api(variant(CodedError { code, message, details, response: response.into() }))
    }

    /// The documented error `variant` told by its status alone, read as such errors are (headers, then body).
    pub fn by_status<B: ErrorBody, H: ErrorHeaders, E>(self, variant: fn(StatusError<B, H>) -> E) -> Error<E> {
        status_variant(self.response, variant)
    }

    /// A response no documented error of the endpoint matches: `unknown`, with whatever code and message it has,
    /// when it is a well-formed error; otherwise [`Error::UnexpectedResponse`].
    pub fn unknown<E>(self, unknown: fn(UnknownApiError) -> E) -> Error<E> {
        let CodedResponse { body, code, message, response, rules } = self;
        let status = response.status;
        let unexpected = |reason: String| Error::UnexpectedResponse { reason, response: response.clone().into() };
        if let Some(only) = rules.only_status {
            if status != only {
                return unexpected(format!(
                    "HTTP {status} is not a response this API documents (handled errors are HTTP {only})"
                ));
            }
            if code.is_none() {
                return unexpected(format!("an HTTP {status} body without an error code at `{}`", rules.code));
            }
        }
        if status < 400 {
            return unexpected(format!("HTTP {status} is not a response this endpoint documents"));
        }
        if body.is_none() {
            return unexpected(format!("HTTP {status} came with a body that is not JSON"));
        }
        Error::Api(unknown(UnknownApiError { status, code, message, response: response.into() }))
    }
}

/// Writes the accessors and trait implementations of a generated error enum of an API whose errors carry a code,
/// from one line per documented variant: `Variant = status "code",` under `codes`, and `Variant = status "NAME",`
/// under `statuses` for errors of the API told by status alone (`400 | 422` for an error with several statuses). `rules` are the [`CodeRules`] fields; `refusals`
/// and `duplicate` as in [`crate::status_errors!`].
#[macro_export]
macro_rules! code_errors {
    (
        $name:ident rules { $($rule:ident: $value:expr),* $(,)? }
        codes { $($variant:ident = $($status:literal)|+ $code:literal,)* }
        statuses { $($by_status:ident = $($only:literal)|+ $label:literal,)* }
        refusals [$($refusal:ident),*] duplicate [$($duplicate:ident)?]
    ) => {
        impl $name {
            /// The raw response the error came from.
            #[inline]
            pub fn response(&self) -> &$crate::RawResponse {
                $crate::__error_payload!(self, $name [$($variant)* $($by_status)*], |error| $crate::api_errors::ErrorPayload::raw_response(error))
            }

            /// The HTTP status of the error.
            #[inline]
            pub fn status(&self) -> u16 {
                self.response().status
            }

            /// The error code as the server sent it (empty for an error told by its status alone, or sent without one).
            #[inline]
            pub fn code(&self) -> &str {
                $crate::__error_payload!(self, $name [$($variant)* $($by_status)*], |error| $crate::api_errors::CodedPayload::code(error))
            }

            /// The server's message (empty when it sent none where the spec says it would be).
            #[inline]
            pub fn message(&self) -> &str {
                $crate::__error_payload!(self, $name [$($variant)* $($by_status)*], |error| $crate::api_errors::CodedPayload::message(error))
            }
        }

        impl $crate::ApiError for $name {
            // Inline: compiled, with the decoders it reaches, only in a crate that calls the endpoint.
            #[inline]
            fn from_response(response: $crate::HttpResponse) -> $crate::Error<Self> {
                const RULES: $crate::coded_errors::CodeRules = $crate::coded_errors::CodeRules { $($rule: $value),* };
                let coded = $crate::coded_errors::CodedResponse::read(response, RULES);
                // Codes first: an error told by status alone answers what no code at its status matched.
                $(
                    if coded.is(&[$($status),+], $code) {
                        return coded.coded(Self::$variant);
                    }
                )*
                $(
                    if ::core::matches!(coded.status(), $($only)|+) {
                        return coded.by_status(Self::$by_status);
                    }
                )*
                coded.unknown(Self::Unknown)
            }

            $crate::__error_rules!($name [$($variant)* $($by_status)*] refusals [$($refusal),*] duplicate [$($duplicate)?]);
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $(Self::$variant(error) => ::core::fmt::Display::fmt(error, f),)*
                    $(Self::$by_status(error) => ::core::write!(f, "{}: {}", $label, error),)*
                    Self::Unknown(error) => ::core::fmt::Display::fmt(error, f),
                }
            }
        }

        $crate::__error_traits!($name [$($variant)* $($by_status)*]);
    };
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // Test errors hold whole responses; size does not matter here.
mod tests {
    use super::*;
    use crate::api_errors::test_responses::{reason, response};
    use crate::api_errors::NoBody;

    #[derive(Debug, PartialEq)]
    enum Errors {
        Coded(CodedError<Vec<u32>>),
        Locked(StatusError<NoBody>),
        Unknown(UnknownApiError),
    }

    const ARRAY: CodeRules =
        CodeRules { code: "/0", message: Some("/1"), details: "/2", only_status: Some(400), ignore_case: true };
    const OBJECT: CodeRules = CodeRules {
        code: "/error/code",
        message: Some("/error/message"),
        details: "",
        only_status: None,
        ignore_case: false,
    };

    fn read(status: u16, body: &str, rules: CodeRules) -> CodedResponse {
        CodedResponse::read(response(status, "application/json", body), rules)
    }

    #[test]
    fn code_arrays_by_position() {
        let coded = read(400, r#"["Invalid_Amount", "Too small", [1, 2]]"#, ARRAY);
        assert!(coded.is(&[400], "invalid_amount") && !coded.is(&[422], "invalid_amount"));
        assert!(coded.is(&[422, 400], "invalid_amount"));
        let Error::Api(Errors::Coded(error)) = coded.coded(Errors::Coded) else { panic!("not coded") };
        assert_eq!((error.code.as_str(), error.message.as_str()), ("Invalid_Amount", "Too small"));
        assert_eq!(error.details, Some(vec![1, 2]));
        let coded = read(400, r#"["x", "m", "not a list"]"#, ARRAY);
        assert!(reason(coded.coded(Errors::Coded)).starts_with("the details of `x` do not match the spec"));
        let coded = read(400, r#"["x", "m", null]"#, ARRAY);
        let Error::Api(Errors::Coded(error)) = coded.coded(Errors::Coded) else { panic!("not coded") };
        assert_eq!(error.details, None);
        let Error::Api(Errors::Unknown(error)) = read(400, r#"["x", "m"]"#, ARRAY).unknown(Errors::Unknown) else {
            panic!("not unknown")
        };
        assert_eq!((error.code.as_deref(), error.message.as_deref()), (Some("x"), Some("m")));
        let wrong_status = read(500, r#"["x", "m"]"#, ARRAY).unknown(Errors::Unknown);
        assert!(reason(wrong_status).starts_with("HTTP 500 is not a response this API documents"));
        let no_code = read(400, r#"{"code": "x"}"#, ARRAY).unknown(Errors::Unknown);
        assert_eq!(reason(no_code), "an HTTP 400 body without an error code at `/0`");
    }

    #[test]
    fn codes_inside_objects() {
        let body = r#"{"error": {"code": "balance_insufficient", "message": "Too little", "type": "x"}}"#;
        let coded = read(400, body, OBJECT);
        assert!(coded.is(&[400], "balance_insufficient") && !coded.is(&[400], "Balance_Insufficient"));
        // The whole body is the details here; it is not a list of numbers, so it does not fit `Vec<u32>`.
        assert!(reason(coded.coded(Errors::Coded)).contains("do not match the spec"));
        // Well-formed errors without a listed code, or without any code, are unknown; other answers unexpected.
        let Error::Api(Errors::Unknown(error)) = read(402, body, OBJECT).unknown(Errors::Unknown) else { panic!() };
        assert_eq!((error.status, error.code.as_deref()), (402, Some("balance_insufficient")));
        let Error::Api(Errors::Unknown(error)) = read(500, r#"{"error": {}}"#, OBJECT).unknown(Errors::Unknown) else {
            panic!()
        };
        assert_eq!((error.code, error.message), (None, None));
        let html = CodedResponse::read(response(502, "text/html", "<html>"), OBJECT).unknown(Errors::Unknown);
        assert_eq!(reason(html), "HTTP 502 came with a body that is not JSON");
        assert_eq!(
            reason(read(302, "{}", OBJECT).unknown(Errors::Unknown)),
            "HTTP 302 is not a response this endpoint documents"
        );
    }

    #[test]
    fn errors_told_by_status_alone() {
        let coded = CodedResponse::read(response(403, "text/plain", "denied"), OBJECT);
        assert!(!coded.is(&[403], "denied"));
        let Error::Api(Errors::Locked(error)) = coded.by_status(Errors::Locked) else { panic!("not by status") };
        assert_eq!((error.status, error.response.body_text()), (403, "denied".to_owned()));
    }

    #[test]
    fn pointers() {
        let json = Json::from_text(r#"{"a": [10, {"b/c": 1e400, "~d": "x"}], "": true}"#).expect("JSON");
        let at = |pointer: &str| json.pointer(pointer).map(|value| value.get().to_owned());
        assert_eq!(at("").as_deref(), Some(json.get()));
        assert_eq!(at("/a/0").as_deref(), Some("10"));
        assert_eq!(at("/a/1/b~1c").as_deref(), Some("1e400"));
        assert_eq!(at("/a/1/~0d").as_deref(), Some(r#""x""#));
        assert_eq!(at("/").as_deref(), Some("true"));
        for nothing in ["/a/2", "/a/01", "/a/-1", "/a/0/x", "/b", "a"] {
            assert_eq!(at(nothing), None, "{nothing}");
        }
    }
}
