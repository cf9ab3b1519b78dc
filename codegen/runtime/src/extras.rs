//! The escape hatch: what a request or an object sends beyond what its spec lists.
//!
//! An API's documentation is rarely complete. Token.io's definition requires a `paymentType` in the payout initiation
//! that it never defines; a vendor may add a query parameter or a header before a spec catches up. Every open object
//! and every request can therefore carry fields, query parameters and headers by name (`add_field`, `add_query`,
//! `add_header`). They are sent as given, after the listed ones, and they can never replace what the spec defines: a
//! name the spec gives the object or request (or a header the client sets itself, such as `Authorization`) is refused.

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use crate::auth::HeaderValue;
use crate::json::UnknownFields;
use crate::text::shown;
use crate::validate::ValidationError;

/// Headers the client writes itself: credentials, the body's framing and type, and the connection's. An extra header
/// may not replace them.
const CLIENT_HEADERS: &[&str] =
    &["authorization", "content-type", "content-length", "transfer-encoding", "host", "connection", "user-agent"];

impl UnknownFields {
    /// Adds the field `name` with `value` (as JSON), or replaces the value of an unlisted field of that name.
    /// Refused when `listed` (the names the spec gives the object) holds `name`: a listed field is set through its
    /// own setter, and an extra field must not override it.
    pub fn add(&mut self, listed: &[&str], name: &str, value: &impl Serialize) -> Result<(), ValidationError> {
        if listed.contains(&name) {
            return Err(ValidationError::new(
                "extra field",
                format!("`{}` is a field the spec defines; set it through its own field or setter", shown(name)),
            ));
        }
        let value: Box<RawValue> = serde_json::value::to_raw_value(value).map_err(|why| {
            ValidationError::new("extra field", format!("`{}` cannot be written as JSON: {why}", shown(name)))
        })?;
        self.replace(name, value);
        Ok(())
    }
}

/// What a request sends beyond its spec's arguments: body fields, query parameters and headers, each in the order
/// added. Every generated request holds one; see [`request_extras!`](crate::request_extras).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestExtras {
    fields: UnknownFields,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
}

impl RequestExtras {
    /// Nothing extra.
    pub fn new() -> Self {
        RequestExtras::default()
    }

    /// Adds the body field `name` (see [`UnknownFields::add`]); `listed` is every body argument's wire name.
    pub fn add_field(&mut self, listed: &[&str], name: &str, value: &impl Serialize) -> Result<(), ValidationError> {
        self.fields.add(listed, name, value)
    }

    /// Adds the query parameter `name=value`, after the spec's; refused when `listed` (every query argument's wire
    /// name) holds `name`, or when the name is empty. A name added twice is sent twice (`a=1&a=2`).
    pub fn add_query(&mut self, listed: &[&str], name: &str, value: String) -> Result<(), ValidationError> {
        if name.is_empty() {
            return Err(ValidationError::new("extra query parameter", "needs a name"));
        }
        if listed.contains(&name) {
            return Err(ValidationError::new(
                "extra query parameter",
                format!("`{}` is a query parameter the spec defines; set it through its setter", shown(name)),
            ));
        }
        self.query.push((name.to_owned(), value));
        Ok(())
    }

    /// Adds the header `name: value`; refused when `listed` (every header argument's name) holds `name` or it is
    /// one the client writes itself (both compared without case), or when the name or value could not travel in a
    /// header.
    pub fn add_header(&mut self, listed: &[&str], name: &str, value: String) -> Result<(), ValidationError> {
        let is = |other: &&str| other.eq_ignore_ascii_case(name);
        if listed.iter().any(is) || CLIENT_HEADERS.iter().any(is) {
            return Err(ValidationError::new(
                "extra header",
                format!("`{}` is a header the spec or the client defines; it cannot be replaced", shown(name)),
            ));
        }
        if name.is_empty() || !name.bytes().all(is_token_byte) {
            return Err(ValidationError::new("extra header", "its name must be a non-empty HTTP token"));
        }
        // Visible ASCII and tabs: a line break would let the value start a header of its own.
        if !value.bytes().all(|byte| byte == b'\t' || (0x20..0x7f).contains(&byte)) {
            return Err(ValidationError::new(
                "extra header",
                format!("the value of `{}` has a character an HTTP header cannot carry", shown(name)),
            ));
        }
        self.headers.push((name.to_owned(), value));
        Ok(())
    }

    /// Appends the extra query parameters and headers to a call's own: after them, so that a server reading the
    /// first of a repeated name reads the spec's.
    pub(crate) fn append_to(&self, query: &mut crate::url::Query, headers: &mut Vec<(String, HeaderValue)>) {
        for (name, value) in &self.query {
            query.push(name, value.clone());
        }
        for (name, value) in &self.headers {
            headers.push((name.clone(), HeaderValue::plain(value)));
        }
    }
}

/// The extra body fields, written after the request's own under `#[serde(flatten)]`.
impl Serialize for RequestExtras {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.fields.serialize(serializer)
    }
}

/// The bytes of an HTTP token (RFC 9110): what a header name is made of.
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// `add_field`, `add_query` and `add_header` on a generated request, refusing the names the spec gives its
/// arguments: `body` (present when the request has a body), `query` and `headers` list those wire names.
///
/// ```
/// use codegen_runtime as rt;
///
/// /// A list request.
/// #[derive(Clone, Debug, Default, PartialEq)]
/// pub struct ListPayouts {
///     limit: Option<u32>,
///     extras: rt::RequestExtras,
/// }
/// rt::request_extras!(ListPayouts { query: ["limit"], headers: [] });
///
/// let request = ListPayouts::default().add_query("region", "eu").unwrap();
/// assert!(ListPayouts::default().add_query("limit", "5").is_err(), "the spec's own argument");
/// assert!(request.add_header("Authorization", "Bearer other").is_err(), "the client's own header");
/// ```
#[macro_export]
macro_rules! request_extras {
    ($type:ident { body: [$($body:literal),* $(,)?], query: [$($query:literal),* $(,)?], headers: [$($header:literal),* $(,)?] }) => {
        impl $type {
            /// Adds a body field the spec does not list, written after the request's own; refused when the spec
            /// defines `name` (see `RequestExtras`).
            #[inline]
            pub fn add_field(
                mut self,
                name: &str,
                value: impl $crate::serde::Serialize,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                self.extras.add_field(&[$($body),*], name, &value)?;
                ::std::result::Result::Ok(self)
            }
        }
        $crate::request_extras!($type { query: [$($query),*], headers: [$($header),*] });
    };
    ($type:ident { query: [$($query:literal),* $(,)?], headers: [$($header:literal),* $(,)?] }) => {
        impl $type {
            /// Adds a query parameter the spec does not list, sent after the request's own; refused when the spec
            /// defines `name`.
            #[inline]
            pub fn add_query(
                mut self,
                name: &str,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                self.extras.add_query(&[$($query),*], name, value.into())?;
                ::std::result::Result::Ok(self)
            }

            /// Adds a header the spec does not list; refused when the spec or the client defines `name`, or when it
            /// cannot travel in a header.
            #[inline]
            pub fn add_header(
                mut self,
                name: &str,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                self.extras.add_header(&[$($header),*], name, value.into())?;
                ::std::result::Result::Ok(self)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_fields_never_replace_listed_ones() {
        let mut fields = UnknownFields::new();
        assert!(fields.add(&["refId"], "refId", &"x").is_err());
        fields.add(&["refId"], "paymentType", &"REGULAR").expect("unlisted");
        fields.add(&["refId"], "paymentType", &"INSTANT").expect("replaced");
        let meta = crate::Json::from_text(r#"{"a":[1,2.50]}"#).expect("JSON");
        fields.add(&["refId"], "meta", &meta).expect("any JSON, numbers with their own digits");
        assert_eq!(serde_json::to_string(&fields).expect("JSON"), r#"{"paymentType":"INSTANT","meta":{"a":[1,2.50]}}"#);
    }

    #[test]
    fn extra_query_and_headers_are_checked() {
        let mut extras = RequestExtras::new();
        assert!(extras.add_query(&["limit"], "limit", "5".into()).is_err());
        assert!(extras.add_query(&[], "", "5".into()).is_err());
        extras.add_query(&["limit"], "region", "eu".into()).expect("unlisted");
        extras.add_query(&["limit"], "region", "us".into()).expect("repeated");
        for (name, value) in [("X-Idempotency", "k"), ("authorization", "Bearer x"), ("Content-Type", "text/plain")] {
            assert!(extras.add_header(&["X-Idempotency"], name, value.into()).is_err(), "{name}");
        }
        assert!(extras.add_header(&[], "Bad Name", "v".into()).is_err());
        assert!(extras.add_header(&[], "X-Trace", "a\r\nInjected: 1".into()).is_err());
        extras.add_header(&[], "X-Trace", "abc".into()).expect("a plain header");
        let mut query = crate::url::Query::new();
        query.push("limit", "5");
        let mut headers = Vec::new();
        extras.append_to(&mut query, &mut headers);
        assert_eq!(query.to_query_string(), "limit=5&region=eu&region=us");
        assert_eq!(headers.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>(), ["X-Trace"]);
    }
}
