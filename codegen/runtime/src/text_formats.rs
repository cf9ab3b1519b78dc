//! `Uri` and `Email`: strings the spec gives a format, checked when built and when decoded, except in a server's
//! response, which is read as sent (see [`crate::as_received()`]).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

// The formats are the rules of `codegen_rules::formats`, which `codegen check` applies to examples too.
use crate::validate::{check_format, Format, ValidationError};

/// Declares a string newtype whose every value satisfies one [`Format`].
macro_rules! formatted_text {
    ($(#[$doc:meta])* $name:ident, $format:expr, $type_name:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks the format and wraps the text.
            pub fn new(value: impl Into<String>) -> Result<Self, ValidationError> {
                let value = value.into();
                check_format($type_name, &value, $format)?;
                Ok(Self(value))
            }

            /// Checks the format. A value built with `new` always has it; one read from a server's response is kept
            /// as the server sent it, and may not.
            pub fn check(&self) -> Result<(), ValidationError> {
                check_format($type_name, &self.0, $format)
            }

            /// The text as it travels on the wire.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = ValidationError;

            fn from_str(text: &str) -> Result<Self, ValidationError> {
                Self::new(text)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                // A server's response is read as sent (see `crate::as_received`); `check` tells.
                if crate::as_received::reading_as_received() {
                    return Ok(Self(text));
                }
                Self::new(text).map_err(serde::de::Error::custom)
            }
        }
    };
}

formatted_text!(
    /// An absolute URI (`scheme:rest`, no white space), such as `https://example.com/payouts?id=1`.
    Uri,
    Format::Uri,
    "URI"
);

formatted_text!(
    /// An e-mail address (`name@domain.tld`, no white space).
    Email,
    Format::Email,
    "e-mail address"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_checked_on_build_and_decode() {
        assert!(Uri::new("https://example.com/a?b=c").is_ok());
        assert!(Uri::new("https://exa mple.com").is_err());
        assert!(Email::new("a@b.co").is_ok());
        assert!(Email::new("a@b").is_err());
        assert!(serde_json::from_str::<Uri>("\"not a uri\"").is_err());
        let email: Email = serde_json::from_str("\"payouts@example.com\"").expect("valid");
        let kept: Email = crate::as_received(|| serde_json::from_str("\"payouts at example\"")).expect("kept");
        assert!(kept.check().is_err());
        assert!(email.check().is_ok());
        assert_eq!(serde_json::to_string(&email).expect("encodes"), "\"payouts@example.com\"");
    }
}
