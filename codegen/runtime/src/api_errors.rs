//! How a generated error enum reads an error response and answers for its variants.
//!
//! A generated enum declares its variants (one per documented error, and `Unknown`), then hands the rest to one of
//! two macros: [`crate::status_errors!`] for APIs that tell errors apart by status (each variant's payload a
//! [`StatusError`]), [`crate::code_errors!`] (in [`crate::coded_errors`]) for APIs whose error bodies carry a code
//! (each payload a [`CodedError`], or a [`StatusError`] for an error of such an API told by its status alone). Each writes the enum's accessors, [`ApiError`](crate::call::ApiError), `Display` and
//! `std::error::Error` from one line per variant; the decoding itself lives in the generic functions of this module,
//! compiled once per payload type rather than once per variant.

use serde::de::DeserializeOwned;

use crate::client::{decode_json, is_json};
use crate::error::{CodedError, Error, RawResponse, StatusError, UnknownApiError};
use crate::http::HttpResponse;

/// Documented headers of an error response, read before its body is taken.
pub trait ErrorHeaders: Sized {
    /// The headers of `response`, or why one of them cannot be read.
    fn read(response: &HttpResponse) -> Result<Self, String>;
}

/// An error without documented headers.
impl ErrorHeaders for () {
    fn read(_: &HttpResponse) -> Result<Self, String> {
        Ok(())
    }
}

/// How the body of a documented `by_status` error is read: decoded as JSON of its type, or not at all for an error the
/// spec documents without a body ([`NoBody`]).
pub trait ErrorBody: Sized {
    /// The body of `response`, or why it cannot be read.
    fn read(response: &HttpResponse) -> Result<Self, String>;
}

impl<T: DeserializeOwned> ErrorBody for T {
    fn read(response: &HttpResponse) -> Result<Self, String> {
        if !is_json(response) {
            return Err(format!("HTTP {} came with a body that is not JSON", response.status));
        }
        decode_json(response).map_err(|why| format!("the HTTP {} body does not match the spec: {why}", response.status))
    }
}

/// The body of an error the spec documents without one (`body: none`), such as a refusal told by its status and
/// headers alone: whatever arrived is not read, and stays in the error's raw response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoBody;

impl ErrorBody for NoBody {
    fn read(_: &HttpResponse) -> Result<Self, String> {
        Ok(NoBody)
    }
}

impl crate::error::ErrorMessage for NoBody {
    fn error_message(&self) -> Option<String> {
        None
    }
}

/// The payload of one variant of a generated error enum: the response it came from.
pub trait ErrorPayload {
    /// The response that carried the error.
    fn raw_response(&self) -> &RawResponse;
    /// The response that carried the error, taken.
    fn into_raw_response(self) -> RawResponse;
}

impl<B, H> ErrorPayload for StatusError<B, H> {
    fn raw_response(&self) -> &RawResponse {
        &self.response
    }
    fn into_raw_response(self) -> RawResponse {
        self.response
    }
}

impl<D> ErrorPayload for CodedError<D> {
    fn raw_response(&self) -> &RawResponse {
        &self.response
    }
    fn into_raw_response(self) -> RawResponse {
        self.response
    }
}

impl ErrorPayload for UnknownApiError {
    fn raw_response(&self) -> &RawResponse {
        &self.response
    }
    fn into_raw_response(self) -> RawResponse {
        self.response
    }
}

/// The code and message of an error of an API whose errors carry a code, as the server sent them (empty when it sent
/// none, or for an error told by its status alone).
pub trait CodedPayload {
    /// The error code.
    fn code(&self) -> &str;
    /// The message.
    fn message(&self) -> &str;
}

impl<D> CodedPayload for CodedError<D> {
    fn code(&self) -> &str {
        &self.code
    }
    fn message(&self) -> &str {
        &self.message
    }
}

impl<B, H> CodedPayload for StatusError<B, H> {
    fn code(&self) -> &str {
        ""
    }
    fn message(&self) -> &str {
        ""
    }
}

impl CodedPayload for UnknownApiError {
    fn code(&self) -> &str {
        self.code.as_deref().unwrap_or("")
    }
    fn message(&self) -> &str {
        self.message.as_deref().unwrap_or("")
    }
}

/// An error response of a `by_status` API, once it is known to be JSON; anything else is
/// [`Error::UnexpectedResponse`].
pub fn json_error<E>(response: HttpResponse) -> Result<HttpResponse, Error<E>> {
    if is_json(&response) {
        return Ok(response);
    }
    let reason = format!("HTTP {} came with a body that is not JSON", response.status);
    Err(Error::UnexpectedResponse { reason, response: response.into() })
}

/// The documented error `variant` of a `by_status` API: its headers, then its body, each read with its type; a
/// response that does not fit them is [`Error::UnexpectedResponse`].
pub fn status_variant<B: ErrorBody, H: ErrorHeaders, E>(
    response: HttpResponse,
    variant: fn(StatusError<B, H>) -> E,
) -> Error<E> {
    let status = response.status;
    let body = match B::read(&response) {
        Ok(body) => body,
        Err(reason) => return Error::UnexpectedResponse { reason, response: response.into() },
    };
    let headers = match H::read(&response) {
        Ok(headers) => headers,
        Err(reason) => return Error::UnexpectedResponse { reason, response: response.into() },
    };
    Error::Api(variant(StatusError { status, body, headers, response: response.into() }))
}

/// A status the `by_status` API does not list for the endpoint: an error status is `unknown`, any other
/// [`Error::UnexpectedResponse`].
pub fn undocumented_status<E>(response: HttpResponse, unknown: fn(UnknownApiError) -> E) -> Error<E> {
    let status = response.status;
    if status >= 400 {
        return Error::Api(unknown(UnknownApiError { status, code: None, message: None, response: response.into() }));
    }
    let reason = format!("HTTP {status} is not a response this endpoint documents");
    Error::UnexpectedResponse { reason, response: response.into() }
}

/// Writes the accessors and trait implementations of a generated error enum of a `by_status` API, from one line per
/// documented variant: `Variant = status "SPEC_NAME",`, or `Variant = 400 | 422 "SPEC_NAME",` for an error with
/// several statuses (the name leads its `Display`). `refusals [..]` lists the
/// variants the spec documents as refusals to act, `duplicate [..]` the variant a repeated reference is answered
/// with, if any. The enum itself, with its docs, is declared before.
#[macro_export]
macro_rules! status_errors {
    (
        $name:ident { $($variant:ident = $($status:literal)|+ $label:literal,)* }
        refusals [$($refusal:ident),*] duplicate [$($duplicate:ident)?]
    ) => {
        impl $name {
            /// The raw response the error came from.
            #[inline]
            pub fn response(&self) -> &$crate::RawResponse {
                $crate::__error_payload!(self, $name [$($variant)*], |error| $crate::api_errors::ErrorPayload::raw_response(error))
            }

            /// The HTTP status of the error.
            #[inline]
            pub fn status(&self) -> u16 {
                self.response().status
            }
        }

        impl $crate::ApiError for $name {
            // Inline: compiled, with the decoders it reaches, only in a crate that calls the endpoint.
            #[inline]
            fn from_response(response: $crate::HttpResponse) -> $crate::Error<Self> {
                // Each documented status reads its body as its variant says (JSON of a type, or none at all).
                match response.status {
                    $($($status)|+ => $crate::api_errors::status_variant(response, Self::$variant),)*
                    _ => match $crate::api_errors::json_error(response) {
                        ::core::result::Result::Ok(response) => {
                            $crate::api_errors::undocumented_status(response, Self::Unknown)
                        }
                        ::core::result::Result::Err(unexpected) => unexpected,
                    },
                }
            }

            $crate::__error_rules!($name [$($variant)*] refusals [$($refusal),*] duplicate [$($duplicate)?]);
        }

        impl ::core::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $(Self::$variant(error) => ::core::write!(f, "{}: {}", $label, error),)*
                    Self::Unknown(error) => ::core::fmt::Display::fmt(error, f),
                }
            }
        }

        $crate::__error_traits!($name [$($variant)*]);
    };
}

/// `$body` applied to the payload of whichever variant `$value` holds (`Unknown` included).
#[doc(hidden)]
#[macro_export]
macro_rules! __error_payload {
    ($value:expr, $name:ident [$($variant:ident)*], |$error:ident| $body:expr) => {
        match $value {
            $($name::$variant($error) => $body,)*
            $name::Unknown($error) => $body,
        }
    };
}

/// The [`ApiError`](crate::call::ApiError) methods that depend on the spec's rules rather than the error style.
#[doc(hidden)]
#[macro_export]
macro_rules! __error_rules {
    ($name:ident [$($variant:ident)*] refusals [$($refusal:ident),*] duplicate [$($duplicate:ident)?]) => {
        #[inline]
        fn is_refusal(&self) -> bool {
            false $(|| ::core::matches!(self, Self::$refusal(_)))*
        }

        $(
            #[inline]
            fn is_duplicate_reference(&self) -> bool {
                ::core::matches!(self, Self::$duplicate(_))
            }
        )?

        #[inline]
        fn into_response(self) -> $crate::RawResponse {
            $crate::__error_payload!(self, $name [$($variant)*], |error| $crate::api_errors::ErrorPayload::into_raw_response(error))
        }
    };
}

/// `std::error::Error` (each variant's payload is the source) and [`HttpStatus`](crate::error::HttpStatus).
#[doc(hidden)]
#[macro_export]
macro_rules! __error_traits {
    ($name:ident [$($variant:ident)*]) => {
        impl ::std::error::Error for $name {
            #[inline]
            fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
                $crate::__error_payload!(self, $name [$($variant)*], |error| ::core::option::Option::Some(error))
            }
        }

        impl $crate::HttpStatus for $name {
            #[inline]
            fn http_status(&self) -> u16 {
                self.response().status
            }
        }
    };
}

#[cfg(test)]
pub(crate) mod test_responses {
    //! What the error tests of this module and of [`crate::coded_errors`] build responses with.

    use crate::error::Error;
    use crate::http::HttpResponse;

    /// A response with `status`, `content_type` and `body`.
    pub fn response(status: u16, content_type: &str, body: &str) -> HttpResponse {
        HttpResponse {
            status,
            headers: vec![("Content-Type".to_owned(), content_type.to_owned())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// The reason of an [`Error::UnexpectedResponse`]; any other error fails the test.
    pub fn reason<E: std::fmt::Debug>(error: Error<E>) -> String {
        match error {
            Error::UnexpectedResponse { reason, .. } => reason,
            other => panic!("not unexpected: {other:?}"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // Test errors hold whole responses; size does not matter here.
mod tests {
    use super::test_responses::{reason, response};
    use super::*;
    use crate::json::Json;

    #[derive(Debug, PartialEq)]
    enum Errors {
        Invalid(StatusError<Json>),
        Unknown(UnknownApiError),
    }

    #[test]
    fn status_variants_read_body_and_headers() {
        let error = status_variant(response(400, "application/json", r#"{"title": "Bad"}"#), Errors::Invalid);
        let Error::Api(Errors::Invalid(error)) = error else { panic!("{error:?}") };
        assert_eq!((error.status, error.body.get()), (400, r#"{"title": "Bad"}"#));
        let error = status_variant(response(400, "application/json", "not json"), Errors::Invalid);
        assert!(reason(error).starts_with("the HTTP 400 body does not match the spec"));
        let error = json_error::<Errors>(response(502, "text/html", "<html>")).expect_err("not JSON");
        assert_eq!(reason(error), "HTTP 502 came with a body that is not JSON");
    }

    #[test]
    fn undocumented_statuses() {
        let error = undocumented_status(response(418, "application/json", "{}"), Errors::Unknown);
        assert!(matches!(error, Error::Api(Errors::Unknown(UnknownApiError { status: 418, .. }))));
        let error = undocumented_status(response(302, "application/json", "{}"), Errors::Unknown);
        assert_eq!(reason(error), "HTTP 302 is not a response this endpoint documents");
    }
}
