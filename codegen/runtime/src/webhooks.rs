//! Webhook deliveries: checking a delivery's signature and reading its event.
//!
//! A generated API module with a `webhooks` section declares its signature scheme as a [`Scheme`] constant (which
//! header carries the signature, how it is written, what is signed, with which algorithm) and its events as an enum
//! ([`webhook_events!`](crate::webhook_events)); everything that checks and reads is here, written once.
//!
//! What this module guarantees, for every scheme:
//!
//! - The signature is checked over the body **as received**, byte for byte: the body is never parsed and written
//!   again before the check, so a body re-encoded with other whitespace fails.
//! - Comparison runs in constant time (ring's HMAC verification), and any one of several signatures may match (a
//!   secret being rotated: Stripe sends one `v1` per active secret).
//! - A timestamp outside the tolerance is refused, in both directions (a delivery from the future is as suspect as
//!   an old one replayed).
//! - Nothing secret is printed: the secret is held as ring's key, and errors name headers, never their values.
//! - The event is read only after the signature holds, as the server sent it ([`crate::as_received()`]).

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ring::{hmac, signature};

use crate::auth::Secret;
use crate::validate::ValidationError;

/// How a vendor signs its deliveries, as the spec's `webhooks.signature` describes it.
#[derive(Clone, Copy, Debug)]
pub struct Scheme {
    /// The header that carries the signature (or signatures).
    pub header: &'static str,
    /// How that header's value is written.
    pub value: SignatureValue,
    /// How the signature is computed.
    pub algorithm: Algorithm,
    /// How a signature is written as text.
    pub encoding: Encoding,
    /// What is signed: these parts, one after the other.
    pub signed: &'static [Part],
    /// How far, in seconds, a delivery's timestamp may be from the receiver's clock; `None`: not checked.
    pub tolerance: Option<u64>,
}

/// How the signature header's value is written.
#[derive(Clone, Copy, Debug)]
pub enum SignatureValue {
    /// The signature alone.
    Whole,
    /// A fixed prefix, then the signature (`hmac_sha256=<hex>`).
    Prefixed(&'static str),
    /// Comma-separated `key=value` parts (`t=1492774577,v1=<hex>,v1=<hex>`): the timestamp under `timestamp`, and one
    /// signature under each `signature` key; parts with other keys are ignored.
    Parts {
        /// The key of the timestamp (Unix seconds), if the header carries one.
        timestamp: Option<&'static str>,
        /// The key of each signature.
        signature: &'static str,
    },
}

/// A signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Algorithm {
    /// HMAC-SHA256 with a shared secret.
    HmacSha256,
    /// RSA PKCS #1 v1.5 with SHA-256, checked with the vendor's public keys.
    RsaSha256,
}

/// How a signature is written as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Hexadecimal, either case.
    Hex,
    /// Standard base64, with padding.
    Base64,
}

/// One part of what is signed.
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// Fixed text.
    Text(&'static str),
    /// The raw body.
    Body,
    /// The timestamp, as the signature header gives it.
    Timestamp,
    /// The value of a header, as received.
    Header(&'static str),
    /// The CRC-32 of the raw body, as an unsigned decimal number (PayPal).
    BodyCrc32,
    /// The ID the vendor gave the webhook subscription, which the receiver configures.
    WebhookId,
}

/// Why a delivery is refused. Every variant says what is wrong without quoting a header's value or any secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebhookError {
    /// A header the scheme needs is absent (or empty).
    MissingHeader(&'static str),
    /// A header is present but not written as the scheme says.
    MalformedHeader {
        /// The header.
        header: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// No signature matches the body: a wrong secret or key, or a body changed on the way.
    SignatureMismatch,
    /// The timestamp is further from the receiver's clock than the tolerance allows.
    TimestampOutsideTolerance {
        /// The delivery's timestamp (Unix seconds).
        timestamp: i64,
        /// The receiver's clock (Unix seconds).
        now: i64,
        /// The tolerance, in seconds.
        tolerance: u64,
    },
    /// The signature holds, but the body is not an event this API describes (with the path of the field).
    Undecodable(String),
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::MissingHeader(header) => write!(f, "the webhook has no `{header}` header"),
            WebhookError::MalformedHeader { header, reason } => write!(f, "the webhook's `{header}` header {reason}"),
            WebhookError::SignatureMismatch => f.write_str("no signature of the webhook matches its body"),
            WebhookError::TimestampOutsideTolerance { timestamp, now, tolerance } => write!(
                f,
                "the webhook's timestamp {timestamp} is {} s from the receiver's clock ({now}), more than {tolerance} s",
                timestamp.abs_diff(*now)
            ),
            WebhookError::Undecodable(reason) => write!(f, "the webhook is not a documented event: {reason}"),
        }
    }
}

impl std::error::Error for WebhookError {}

/// The headers of a delivery, as a web framework hands them over: the first value of a header, by name (compared
/// without case).
pub trait Headers {
    /// The first value of the header `name`, if it is there and is text.
    fn value_of(&self, name: &str) -> Option<&str>;
}

impl Headers for hyper::HeaderMap {
    fn value_of(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|value| value.to_str().ok())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for [(K, V)] {
    fn value_of(&self, name: &str) -> Option<&str> {
        self.iter().find(|(key, _)| key.as_ref().eq_ignore_ascii_case(name)).map(|(_, value)| value.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Headers for Vec<(K, V)> {
    fn value_of(&self, name: &str) -> Option<&str> {
        Headers::value_of(self.as_slice(), name)
    }
}

/// What a signature is checked with.
enum Key {
    Hmac(hmac::Key),
    /// Each key as `RSAPublicKey` DER: a delivery signed with any one of them is accepted.
    Rsa(Vec<Vec<u8>>),
}

/// Checks deliveries signed with one [`Scheme`]. Generated code builds it from the caller's secret or keys.
pub struct Verifier {
    scheme: &'static Scheme,
    key: Key,
    webhook_id: Option<String>,
}

impl fmt::Debug for Verifier {
    /// The scheme only: the key is never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier").field("header", &self.scheme.header).finish_non_exhaustive()
    }
}

impl Verifier {
    /// A verifier of an HMAC scheme keyed with `secret`: its text as it is, or, with `base64`, the bytes its base64
    /// decodes to (a dashboard that shows the key in base64). Refused when the secret is empty or not base64.
    pub fn hmac(scheme: &'static Scheme, secret: &Secret, base64: bool) -> Result<Verifier, ValidationError> {
        let text = secret.expose();
        if text.trim().is_empty() {
            return Err(ValidationError::new("webhook secret", "must not be empty"));
        }
        let bytes = if base64 {
            STANDARD
                .decode(text.trim())
                .map_err(|_| ValidationError::new("webhook secret", "must be the base64 text the vendor shows"))?
        } else {
            text.as_bytes().to_vec()
        };
        Ok(Verifier { scheme, key: Key::Hmac(hmac::Key::new(hmac::HMAC_SHA256, &bytes)), webhook_id: None })
    }

    /// A verifier of an RSA scheme that accepts a signature made with any of `public_keys` (PEM, `PUBLIC KEY` or
    /// `RSA PUBLIC KEY`). Refused when there is none, or one is not an RSA public key.
    pub fn rsa(scheme: &'static Scheme, public_keys: &[&str]) -> Result<Verifier, ValidationError> {
        if public_keys.is_empty() {
            return Err(ValidationError::new("webhook public key", "at least one is needed"));
        }
        let keys = public_keys
            .iter()
            .map(|pem| {
                codegen_rules::public_key::rsa_public_key(pem)
                    .map_err(|refusal| ValidationError::new("webhook public key", refusal.reason()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Verifier { scheme, key: Key::Rsa(keys), webhook_id: None })
    }

    /// The same verifier, for a scheme that signs the webhook subscription's ID (`{webhook_id}`).
    pub fn with_webhook_id(mut self, webhook_id: impl Into<String>) -> Result<Verifier, ValidationError> {
        let webhook_id = webhook_id.into();
        if webhook_id.trim().is_empty() {
            return Err(ValidationError::new("webhook ID", "must not be empty"));
        }
        self.webhook_id = Some(webhook_id);
        Ok(self)
    }

    /// Checks the delivery's signature against the receiver's clock.
    pub fn verify(&self, body: &[u8], headers: &(impl Headers + ?Sized)) -> Result<(), WebhookError> {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_secs());
        self.verify_at(body, headers, i64::try_from(now).unwrap_or(i64::MAX))
    }

    /// Checks the delivery's signature as at `now` (Unix seconds), for tests and for deliveries stored and checked
    /// later.
    pub fn verify_at(&self, body: &[u8], headers: &(impl Headers + ?Sized), now: i64) -> Result<(), WebhookError> {
        let scheme = self.scheme;
        let value = present(headers, scheme.header)?;
        let (timestamp, signatures) = split_value(scheme, value)?;
        if let (Some(tolerance), Some(text)) = (scheme.tolerance, timestamp) {
            let malformed = WebhookError::MalformedHeader {
                header: scheme.header,
                reason: "has a timestamp that is not whole seconds",
            };
            let timestamp: i64 = text.parse().map_err(|_| malformed)?;
            if timestamp.abs_diff(now) > tolerance {
                return Err(WebhookError::TimestampOutsideTolerance { timestamp, now, tolerance });
            }
        }
        let message = self.signed(body, headers, timestamp)?;
        let mut decodable = false;
        for text in signatures {
            // A signature that does not decode is not a match; only when none decodes is the header malformed.
            let Some(bytes) = decode(scheme.encoding, text) else { continue };
            decodable = true;
            if self.matches(&message, &bytes) {
                return Ok(());
            }
        }
        if decodable {
            Err(WebhookError::SignatureMismatch)
        } else {
            let reason = match scheme.encoding {
                Encoding::Hex => "carries no signature written in hexadecimal",
                Encoding::Base64 => "carries no signature written in base64",
            };
            Err(WebhookError::MalformedHeader { header: scheme.header, reason })
        }
    }

    /// What was signed: the scheme's parts, in order.
    fn signed(
        &self,
        body: &[u8],
        headers: &(impl Headers + ?Sized),
        timestamp: Option<&str>,
    ) -> Result<Vec<u8>, WebhookError> {
        let mut message = Vec::with_capacity(body.len() + 64);
        for part in self.scheme.signed {
            match part {
                Part::Text(text) => message.extend_from_slice(text.as_bytes()),
                Part::Body => message.extend_from_slice(body),
                Part::Timestamp => {
                    let missing =
                        WebhookError::MalformedHeader { header: self.scheme.header, reason: "has no timestamp" };
                    message.extend_from_slice(timestamp.ok_or(missing)?.as_bytes());
                }
                Part::Header(name) => message.extend_from_slice(present(headers, name)?.as_bytes()),
                Part::BodyCrc32 => message.extend_from_slice(crc32(body).to_string().as_bytes()),
                // The generated constructor requires the ID when the scheme signs it.
                Part::WebhookId => message.extend_from_slice(self.webhook_id.as_deref().unwrap_or_default().as_bytes()),
            }
        }
        Ok(message)
    }

    /// Whether `signature` is the signature of `message` (in constant time for HMAC).
    fn matches(&self, message: &[u8], signature: &[u8]) -> bool {
        match &self.key {
            Key::Hmac(key) => hmac::verify(key, message, signature).is_ok(),
            Key::Rsa(keys) => keys.iter().any(|key| {
                signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, key)
                    .verify(message, signature)
                    .is_ok()
            }),
        }
    }
}

/// The value of header `name`, which the scheme needs.
fn present<'h>(headers: &'h (impl Headers + ?Sized), name: &'static str) -> Result<&'h str, WebhookError> {
    match headers.value_of(name).map(str::trim) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(WebhookError::MissingHeader(name)),
    }
}

/// The timestamp and the signatures a signature header's value holds.
fn split_value<'v>(scheme: &Scheme, value: &'v str) -> Result<(Option<&'v str>, Vec<&'v str>), WebhookError> {
    let malformed = |reason| WebhookError::MalformedHeader { header: scheme.header, reason };
    match scheme.value {
        SignatureValue::Whole => Ok((None, vec![value])),
        SignatureValue::Prefixed(prefix) => match value.strip_prefix(prefix) {
            Some(signature) => Ok((None, vec![signature])),
            None => Err(malformed("does not start with the scheme's prefix")),
        },
        SignatureValue::Parts { timestamp, signature } => {
            let parts: Vec<(&str, &str)> =
                value.split(',').filter_map(|part| part.split_once('=')).map(|(k, v)| (k.trim(), v.trim())).collect();
            let found = timestamp.and_then(|key| parts.iter().find(|(k, _)| *k == key).map(|(_, v)| *v));
            if timestamp.is_some() && found.is_none() {
                return Err(malformed("has no timestamp"));
            }
            let signatures: Vec<&str> = parts.iter().filter(|(k, _)| *k == signature).map(|(_, v)| *v).collect();
            if signatures.is_empty() {
                return Err(malformed("has no signature of the scheme"));
            }
            Ok((found, signatures))
        }
    }
}

/// A signature's bytes, or `None` when the text is not in the encoding.
fn decode(encoding: Encoding, text: &str) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Base64 => STANDARD.decode(text).ok(),
        Encoding::Hex => {
            if text.is_empty() || text.len() % 2 != 0 {
                return None;
            }
            (0..text.len()).step_by(2).map(|at| u8::from_str_radix(text.get(at..at + 2)?, 16).ok()).collect()
        }
    }
}

/// The CRC-32 (ISO-HDLC, the one of zip and PNG) of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let carry = crc & 1;
            crc >>= 1;
            if carry == 1 {
                crc ^= 0xEDB8_8320;
            }
        }
    }
    !crc
}

/// The event type at `path` (the wire names leading to it) in a body, or `None` when it is not there or not text.
/// Fails only when the body is not a JSON object.
pub fn event_type(body: &[u8], path: &[&str]) -> Result<Option<String>, WebhookError> {
    let mut current: &serde_json::value::RawValue = serde_json::from_slice(body)
        .map_err(|why| WebhookError::Undecodable(format!("the body is not JSON: {why}")))?;
    for name in path {
        let object: std::collections::HashMap<String, &serde_json::value::RawValue> =
            match serde_json::from_str(current.get()) {
                Ok(object) => object,
                Err(_) => return Ok(None),
            };
        match object.get(*name) {
            Some(value) => current = value,
            None => return Ok(None),
        }
    }
    Ok(serde_json::from_str::<String>(current.get()).ok())
}

/// Reads a verified body as `T`, as the server sent it (see [`crate::as_received()`]).
pub fn decode_event<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    crate::client::decode_json_body(body).map_err(WebhookError::Undecodable)
}

/// The event enum of a generated `webhooks` module: `from_verified_body` (reads a body whose signature holds, by the
/// event type at `path`) and `event_type`. Each entry maps an event's wire name to the variant that holds its
/// payload; every other event type becomes `Unknown` with its raw JSON.
#[macro_export]
macro_rules! webhook_events {
    ($event:ident at [$($path:literal),*] { $($wire:literal => $variant:ident),* $(,)? }) => {
        impl $event {
            /// Reads the event of a delivery whose signature already holds (see `Verifier::verify`), as the server
            /// sent it. An event type the spec does not list is `Unknown`, with its raw JSON.
            // Inline: otherwise the crate that declares the event compiles the decoding of every payload, used or not.
            #[inline]
            pub fn from_verified_body(body: &[u8]) -> ::std::result::Result<Self, $crate::webhooks::WebhookError> {
                let event_type = $crate::webhooks::event_type(body, &[$($path),*])?;
                ::std::result::Result::Ok(match event_type.as_deref() {
                    $(::std::option::Option::Some($wire) => Self::$variant($crate::webhooks::decode_event(body)?),)*
                    _ => Self::Unknown { event_type, payload: $crate::webhooks::decode_event(body)? },
                })
            }

            /// The event type, as the delivery names it (`None` for an unknown event that names none).
            #[inline]
            pub fn event_type(&self) -> ::std::option::Option<&str> {
                match self {
                    $(Self::$variant(_) => ::std::option::Option::Some($wire),)*
                    Self::Unknown { event_type, .. } => event_type.as_deref(),
                }
            }
        }
    };
}

/// `verify` and `verify_at` for a generated verifier, a newtype of [`Verifier`] whose events are `$event` (made by
/// [`webhook_events!`](crate::webhook_events)).
#[macro_export]
macro_rules! webhook_verifier {
    ($verifier:ident reads $event:ident) => {
        impl $verifier {
            /// The event of a delivery, once its signature holds against the receiver's clock: `body` exactly as
            /// received (never parsed and written again), `headers` as the web framework gives them.
            pub fn verify(
                &self,
                body: &[u8],
                headers: &(impl $crate::webhooks::Headers + ?::std::marker::Sized),
            ) -> ::std::result::Result<$event, $crate::webhooks::WebhookError> {
                self.0.verify(body, headers)?;
                $event::from_verified_body(body)
            }

            /// [`Self::verify`] as at `now` (Unix seconds): for tests, and for deliveries stored and checked later.
            pub fn verify_at(
                &self,
                body: &[u8],
                headers: &(impl $crate::webhooks::Headers + ?::std::marker::Sized),
                now: i64,
            ) -> ::std::result::Result<$event, $crate::webhooks::WebhookError> {
                self.0.verify_at(body, headers, now)?;
                $event::from_verified_body(body)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    const STRIPE: Scheme = Scheme {
        header: "Stripe-Signature",
        value: SignatureValue::Parts { timestamp: Some("t"), signature: "v1" },
        algorithm: Algorithm::HmacSha256,
        encoding: Encoding::Hex,
        signed: &[Part::Timestamp, Part::Text("."), Part::Body],
        tolerance: Some(300),
    };

    #[test]
    fn crc32_is_the_zip_one() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn hex_and_base64_signatures_decode() {
        assert_eq!(decode(Encoding::Hex, "00fFa1"), Some(vec![0, 255, 161]));
        assert_eq!(decode(Encoding::Hex, "0g"), None);
        assert_eq!(decode(Encoding::Hex, "abc"), None);
        assert_eq!(decode(Encoding::Base64, "AP+h"), Some(vec![0, 255, 161]));
        assert_eq!(decode(Encoding::Base64, "AP+"), None);
    }

    #[test]
    fn parts_give_the_timestamp_and_every_signature() {
        let (timestamp, signatures) = split_value(&STRIPE, "t=12, v1=aa,v0=bb,v1=cc").expect("parts");
        assert_eq!((timestamp, signatures), (Some("12"), vec!["aa", "cc"]));
        assert!(split_value(&STRIPE, "v1=aa").is_err(), "no timestamp");
        assert!(split_value(&STRIPE, "t=12,v0=bb").is_err(), "no v1");
    }

    #[test]
    fn an_empty_or_non_base64_secret_is_refused() {
        assert!(Verifier::hmac(&STRIPE, &Secret::new(" "), false).is_err());
        assert!(Verifier::hmac(&STRIPE, &Secret::new("not base64!"), true).is_err());
        let verifier = Verifier::hmac(&STRIPE, &Secret::new("whsec_test"), false).expect("a secret");
        assert!(!format!("{verifier:?}").contains("whsec"), "the secret is never printed");
    }

    #[test]
    fn the_event_type_is_read_at_its_path() {
        let body = br#"{"type": "payout.paid", "data": {"kind": {"name": "x"}}}"#;
        assert_eq!(event_type(body, &["type"]), Ok(Some("payout.paid".to_owned())));
        assert_eq!(event_type(body, &["data", "kind", "name"]), Ok(Some("x".to_owned())));
        assert_eq!(event_type(body, &["data", "missing"]), Ok(None));
        assert_eq!(event_type(body, &["data"]), Ok(None), "not text");
        assert!(event_type(b"[1", &["type"]).is_err());
    }
}
