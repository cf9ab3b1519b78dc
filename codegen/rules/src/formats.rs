//! The string formats a spec can give a string type (`format:`) or a built-in type stands for (`date`, `uri`...).

use crate::{calendar, decimal};
use regex::Regex;
use std::sync::LazyLock;

/// A string format with fixed rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A real calendar date written `YYYY-MM-DD`.
    Date,
    /// An RFC 3339 date-time such as `2024-01-05T10:00:00Z` (date and time separated by `T`).
    DateTime,
    /// A date and time without an offset, `2018-08-28 07:43:55` or `2018-08-28T07:43:55`, the seconds optionally
    /// with a fraction: the zone is what the API's documentation says (Wise writes its `created` times so, in UTC).
    LocalDateTime,
    /// A URI: a scheme, `:`, then at least one more character, with no whitespace.
    Uri,
    /// An email address `name@domain.tld` with no whitespace.
    Email,
    /// One or more ASCII digits.
    Digits,
    /// ASCII digits without a leading zero, so greater than zero.
    PositiveInteger,
    /// A decimal number `-?digits(.digits)?` that an exact decimal holds (at most 28 significant digits and 28
    /// decimal places).
    Decimal,
}

impl Format {
    /// Every format, in the order the spec language documents them.
    pub const ALL: [Format; 8] = [
        Format::Date,
        Format::DateTime,
        Format::LocalDateTime,
        Format::Uri,
        Format::Email,
        Format::Digits,
        Format::PositiveInteger,
        Format::Decimal,
    ];

    /// Whether `text` is written in this format.
    pub fn accepts(self, text: &str) -> bool {
        match self {
            Format::Date => calendar::parse_date(text).is_ok(),
            Format::DateTime => calendar::parse_date_time(text).is_some(),
            Format::LocalDateTime => calendar::parse_local_date_time(text).is_some(),
            Format::Uri => is_uri(text),
            Format::Email => is_email(text),
            Format::Digits => !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()),
            Format::PositiveInteger => {
                text.starts_with(|c: char| matches!(c, '1'..='9')) && text.bytes().all(|b| b.is_ascii_digit())
            }
            Format::Decimal => decimal::parse_decimal(text).is_ok(),
        }
    }

    /// The rule, in words that never quote the value (for the runtime's errors).
    pub fn rule(self) -> &'static str {
        match self {
            Format::Date => "must be a real date written YYYY-MM-DD",
            Format::DateTime => "must be an RFC 3339 date-time such as 2019-08-24T14:15:22Z",
            Format::LocalDateTime => "must be a date and time without an offset, such as 2018-08-28 07:43:55",
            Format::Uri => "must be a URI (scheme:rest, without whitespace)",
            Format::Email => "must be an email address (name@domain.tld, without whitespace)",
            Format::Digits => "must be one or more ASCII digits",
            Format::PositiveInteger => "must be a positive integer written without leading zeros",
            Format::Decimal => "must be a decimal number written -?digits(.digits)?",
        }
    }
}

/// `scheme:rest`: a scheme of an ASCII letter then letters, digits, `+`, `.` or `-`; at least one more character; no
/// whitespace anywhere.
fn is_uri(text: &str) -> bool {
    static URI: LazyLock<Regex> = LazyLock::new(|| whole(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+"));
    URI.is_match(text)
}

/// `name@domain.tld`: one `@`, text before it, and a `.` with text on both sides after it; no whitespace anywhere.
fn is_email(text: &str) -> bool {
    static EMAIL: LazyLock<Regex> = LazyLock::new(|| whole(r"[^\s@]+@[^\s@]+\.[^\s@]+"));
    EMAIL.is_match(text)
}

/// A fixed pattern of this module, anchored at both ends.
fn whole(pattern: &str) -> Regex {
    Regex::new(&format!("^(?:{pattern})$")).expect("the format patterns are valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_accept() {
        let good = [
            (Format::Date, "2024-02-29"),
            (Format::DateTime, "2019-08-24T14:15:22Z"),
            (Format::DateTime, "2024-01-05T10:00:00.123+07:00"),
            (Format::Uri, "https://example.com/a?b=c"),
            (Format::Uri, "urn:isbn:0451450523"),
            (Format::Email, "payouts@example.co.uk"),
            (Format::Email, "a@b.c"),
            (Format::Email, "a@.b.c"),
            (Format::Digits, "0012"),
            (Format::PositiveInteger, "1"),
            (Format::PositiveInteger, "907"),
            (Format::Decimal, "0"),
            (Format::Decimal, "-12.50"),
            (Format::Decimal, "79228162514264337593543950335"),
        ];
        for (format, value) in good {
            assert!(format.accepts(value), "{format:?} {value}");
        }
    }

    #[test]
    fn formats_refuse() {
        let bad = [
            (Format::Date, "2023-02-29"),
            (Format::Date, "2023-02-31"),
            (Format::Date, "2024-1-05"),
            (Format::DateTime, "2024-01-05 10:00:00Z"),
            (Format::DateTime, "2023-02-31T10:00:00Z"),
            (Format::Uri, "example.com"),
            (Format::Uri, "https://exa mple.com"),
            (Format::Uri, "https:"),
            (Format::Uri, "1http://x"),
            (Format::Email, "a@b"),
            (Format::Email, "a b@c.d"),
            (Format::Email, "@b.c"),
            (Format::Email, "a@b.c@d.e"),
            (Format::Email, "a@b."),
            (Format::Digits, "12a"),
            (Format::Digits, "١٢"),
            (Format::PositiveInteger, "0"),
            (Format::PositiveInteger, "012"),
            (Format::PositiveInteger, "-1"),
            (Format::Decimal, "1."),
            (Format::Decimal, ".5"),
            (Format::Decimal, "1e5"),
            (Format::Decimal, "+1"),
            (Format::Decimal, "123456789012345678901234567890123.45"),
        ];
        for (format, value) in bad {
            assert!(!format.accepts(value), "{format:?} {value}");
        }
        for format in Format::ALL {
            assert!(!format.accepts(""), "{format:?}");
        }
    }
}
