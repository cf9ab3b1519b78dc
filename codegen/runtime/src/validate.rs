//! The checks generated code runs before a value is accepted or a request is sent.
//!
//! The rules themselves live in `codegen_rules`, which `codegen check` also applies to a spec's examples and
//! defaults, so a value the checker accepts is a value these checks accept. This module words the refusals.
//!
//! Every check takes the name of the type (or field) being checked first and returns a [`ValidationError`] that says
//! which rule failed. Errors never contain the rejected value: values may be national IDs, account numbers or secrets,
//! and errors end up in logs.

use std::fmt;
use std::sync::OnceLock;

use codegen_rules::bounds::{self, BoundRefusal};
use codegen_rules::length::{self, LengthRefusal};
use regex::Regex;
use rust_decimal::Decimal;

use crate::exact;

pub use codegen_rules::Format;

/// A value refused by a check: which type refused it and which rule it broke, never the value itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    type_name: &'static str,
    reason: String,
}

impl ValidationError {
    /// An error for `type_name` with `reason`, a rule such as "must be exactly 13 characters long".
    ///
    /// The reason must not quote the rejected value.
    pub fn new(type_name: &'static str, reason: impl Into<String>) -> Self {
        ValidationError { type_name, reason: reason.into() }
    }

    /// The name of the type (or field) that refused the value.
    pub fn type_name(&self) -> &'static str {
        self.type_name
    }

    /// The rule the value broke.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}: {}", self.type_name, self.reason)
    }
}

impl std::error::Error for ValidationError {}

/// A regular expression that must match a whole value, compiled on first use so it can live in a `static` (what it is
/// for: the compiled regex is kept for the rest of the program, as a `static` keeps it):
///
/// ```
/// use codegen_runtime::validate::Pattern;
///
/// static IBAN: Pattern = Pattern::new("[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}");
/// assert!(IBAN.is_match("GB33BUKB20201555555555"));
/// assert!(!IBAN.is_match("x GB33BUKB20201555555555"));
/// ```
pub struct Pattern {
    source: &'static str,
    // Borrowed for ever rather than owned: rustc compiles the drop glue of a `static`'s type in the crate that declares
    // it, and every generated newtype with rules declares one, so an owned regex made each generated crate compile
    // the regex engine's cache machinery. A static is never dropped, so leaking its one compiled regex loses nothing.
    compiled: OnceLock<Option<&'static Regex>>,
}

impl Pattern {
    /// A pattern with `source` in Rust `regex` syntax, without anchors (they are added).
    pub const fn new(source: &'static str) -> Pattern {
        Pattern { source, compiled: OnceLock::new() }
    }

    /// Whether the whole of `text` matches. A pattern that does not compile matches nothing.
    ///
    /// The source must compile on its own before it is wrapped in anchors: otherwise a source such as `[0-9]+)|(x`
    /// would close the anchoring group itself and turn the whole-value check into a prefix check.
    pub fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| codegen_rules::pattern::anchored(self.source).map(|regex| &*Box::leak(Box::new(regex))))
            .is_some_and(|regex| regex.is_match(text))
    }

    /// The pattern as written, without the added anchors.
    pub fn source(&self) -> &'static str {
        self.source
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Checks the length of `value` in characters (Unicode scalar values, not bytes).
///
/// `exact` wins over `min` and `max` when given.
pub fn check_length(
    type_name: &'static str,
    value: &str,
    min: Option<u64>,
    max: Option<u64>,
    exact: Option<u64>,
) -> Result<(), ValidationError> {
    let reason = match length::check(length::of_text(value), min, max, exact) {
        Ok(()) => return Ok(()),
        Err(LengthRefusal::NotExactly(exact)) => {
            format!("must be exactly {} long", plural(exact, "character", "characters"))
        }
        Err(LengthRefusal::Shorter(min)) => format!("must be at least {} long", plural(min, "character", "characters")),
        Err(LengthRefusal::Longer(max)) => format!("must be at most {} long", plural(max, "character", "characters")),
    };
    Err(ValidationError::new(type_name, reason))
}

/// Checks that the whole of `value` matches `pattern`.
pub fn check_pattern(type_name: &'static str, value: &str, pattern: &Pattern) -> Result<(), ValidationError> {
    if pattern.is_match(value) {
        Ok(())
    } else {
        Err(ValidationError::new(type_name, format!("must match the pattern `{}`", pattern.source())))
    }
}

/// Checks that `value` is written in `format`.
pub fn check_format(type_name: &'static str, value: &str, format: Format) -> Result<(), ValidationError> {
    if format == Format::Decimal {
        return check_decimal_text(type_name, value);
    }
    if format.accepts(value) {
        Ok(())
    } else {
        Err(ValidationError::new(type_name, format.rule()))
    }
}

/// Checks that `value` is written `-?digits(.digits)?` and that an exact [`Decimal`] holds it: a decimal string
/// with more digits than that would be read back rounded, or as nothing at all.
fn check_decimal_text(type_name: &'static str, value: &str) -> Result<(), ValidationError> {
    match exact::parse_decimal(value) {
        Ok(_) => Ok(()),
        Err(exact::DecimalRefusal::NotANumber) => Err(ValidationError::new(type_name, Format::Decimal.rule())),
        Err(refusal) => Err(ValidationError::new(type_name, refusal.reason())),
    }
}

fn bound_error<T: fmt::Display>(type_name: &'static str, refusal: BoundRefusal<T>) -> ValidationError {
    match refusal {
        BoundRefusal::Below(min) => ValidationError::new(type_name, format!("must be at least {min}")),
        BoundRefusal::Above(max) => ValidationError::new(type_name, format!("must be at most {max}")),
    }
}

/// Checks that an integer lies within the inclusive bounds given.
pub fn check_range_i64(
    type_name: &'static str,
    value: i64,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<(), ValidationError> {
    bounds::check(value, min, max).map_err(|refusal| bound_error(type_name, refusal))
}

/// Checks that a decimal lies within the inclusive bounds given.
pub fn check_range_decimal(
    type_name: &'static str,
    value: &Decimal,
    min: Option<Decimal>,
    max: Option<Decimal>,
) -> Result<(), ValidationError> {
    bounds::check(*value, min, max).map_err(|refusal| bound_error(type_name, refusal))
}

/// A decimal literal from generated code, such as a bound of [`check_range_decimal`], read exactly from its digits
/// in plain (`-12.50`) or scientific (`1e3`) notation.
///
/// # Panics
///
/// When the literal is not a number an exact decimal holds. Generated code only passes literals `codegen check`
/// verified; reading anything else as some other number (zero, say, which would turn a minimum into no minimum)
/// could accept an amount the spec forbids.
pub fn decimal(text: &'static str) -> Decimal {
    match exact::parse_json_number(text) {
        Ok(value) => value,
        Err(refusal) => panic!("the decimal literal `{text}` of a generated check {}", refusal.reason()),
    }
}

fn places_error(type_name: &'static str, max: u32) -> ValidationError {
    ValidationError::new(
        type_name,
        format!("must have at most {}", plural(max.into(), "decimal place", "decimal places")),
    )
}

/// Checks that a decimal has at most `max` decimal places. Trailing zeros count: `1.50` has two places.
pub fn check_decimal_places(type_name: &'static str, value: &Decimal, max: u32) -> Result<(), ValidationError> {
    if !bounds::places_fit(value, max.into()) {
        Err(places_error(type_name, max))
    } else {
        Ok(())
    }
}

/// Checks that a decimal written as text has at most `max` digits after its `.` (none when there is no `.`).
pub fn check_decimal_text_places(type_name: &'static str, value: &str, max: u32) -> Result<(), ValidationError> {
    if codegen_rules::decimal::text_places(value) > u64::from(max) {
        Err(places_error(type_name, max))
    } else {
        Ok(())
    }
}

/// Checks that `value` starts with `prefix`.
pub fn check_prefix(type_name: &'static str, value: &str, prefix: &str) -> Result<(), ValidationError> {
    if value.starts_with(prefix) {
        Ok(())
    } else {
        Err(ValidationError::new(type_name, format!("must start with `{prefix}`")))
    }
}

/// Checks that `value` is not the empty string.
pub fn check_not_empty(type_name: &'static str, value: &str) -> Result<(), ValidationError> {
    if value.is_empty() {
        Err(ValidationError::new(type_name, "must not be empty"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "8501015800084";

    /// Every error names the type and never repeats the value.
    fn refused(result: Result<(), ValidationError>, value: &str) -> String {
        let error = result.expect_err("the value should be refused");
        assert_eq!(error.type_name(), "NationalId");
        let shown = error.to_string();
        assert!(!value.is_empty() && !shown.contains(value), "{shown:?} leaks the value");
        assert!(!format!("{error:?}").contains(value));
        shown
    }

    #[test]
    fn error_display_and_accessors() {
        let error = ValidationError::new("NationalId", "must be exactly 13 characters long");
        assert_eq!(error.to_string(), "invalid NationalId: must be exactly 13 characters long");
        assert_eq!(error.reason(), "must be exactly 13 characters long");
        let boxed: Box<dyn std::error::Error> = Box::new(error.clone());
        assert_eq!(boxed.to_string(), error.to_string());
    }

    #[test]
    fn length_counts_characters() {
        assert!(check_length("NationalId", SECRET, None, None, Some(13)).is_ok());
        assert!(check_length("NationalId", "ééé", Some(3), Some(3), None).is_ok());
        assert!(check_length("NationalId", "", None, Some(3), None).is_ok());
        let shown = refused(check_length("NationalId", "85010158000849", None, None, Some(13)), "85010158000849");
        assert_eq!(shown, "invalid NationalId: must be exactly 13 characters long");
        let shown = refused(check_length("NationalId", "ab", Some(3), None, None), "ab");
        assert_eq!(shown, "invalid NationalId: must be at least 3 characters long");
        let shown = refused(check_length("NationalId", "abcd", Some(1), Some(3), None), "abcd");
        assert_eq!(shown, "invalid NationalId: must be at most 3 characters long");
        let shown = refused(check_length("NationalId", "ab", None, Some(1), None), "ab");
        assert!(shown.ends_with("at most 1 character long"));
    }

    #[test]
    fn pattern_is_anchored_and_lazy() {
        static ID: Pattern = Pattern::new("[0-9]{13}");
        static ALTERNATION: Pattern = Pattern::new("a|b");
        static BROKEN: Pattern = Pattern::new("[a-z");
        assert_eq!(ID.source(), "[0-9]{13}");
        assert!(ID.is_match(SECRET));
        assert!(!ID.is_match("x8501015800084"));
        assert!(!ID.is_match("85010158000841"));
        assert!(ALTERNATION.is_match("a") && ALTERNATION.is_match("b"));
        assert!(!ALTERNATION.is_match("ab"));
        assert!(!BROKEN.is_match("[a-z") && !BROKEN.is_match(""));
        assert!(check_pattern("NationalId", SECRET, &ID).is_ok());
        let shown = refused(check_pattern("NationalId", "85010158000X4", &ID), "85010158000X4");
        assert_eq!(shown, "invalid NationalId: must match the pattern `[0-9]{13}`");
        assert_eq!(format!("{ID:?}"), r#"Pattern("[0-9]{13}")"#);
    }

    #[test]
    fn formats_accept() {
        let good = [
            (Format::Date, "2024-02-29"),
            (Format::DateTime, "2019-08-24T14:15:22Z"),
            (Format::DateTime, "2024-01-05T10:00:00.123+07:00"),
            (Format::LocalDateTime, "2018-08-28 07:43:55"),
            (Format::LocalDateTime, "2018-08-28T07:43:55.5"),
            (Format::Uri, "https://example.com/a?b=c"),
            (Format::Uri, "urn:isbn:0451450523"),
            (Format::Email, "payouts@example.co.uk"),
            (Format::Digits, "0012"),
            (Format::PositiveInteger, "1"),
            (Format::PositiveInteger, "907"),
            (Format::Decimal, "0"),
            (Format::Decimal, "-12.50"),
        ];
        for (format, value) in good {
            assert!(check_format("NationalId", value, format).is_ok(), "{format:?} {value}");
        }
    }

    #[test]
    fn formats_refuse() {
        let bad = [
            (Format::Date, "2023-02-29"),
            (Format::Date, "2024-1-05"),
            (Format::Date, "+2024-01-05"),
            (Format::DateTime, "2024-01-05 10:00:00Z"),
            (Format::DateTime, "2024-01-05T10:00:00"),
            (Format::LocalDateTime, "2018-08-28 07:43:55Z"),
            (Format::LocalDateTime, "2023-02-29 10:00:00"),
            (Format::Uri, "example.com"),
            (Format::Uri, "https://exa mple.com"),
            (Format::Uri, "https:"),
            (Format::Email, "a@b"),
            (Format::Email, "a b@c.d"),
            (Format::Digits, "12a"),
            (Format::Digits, "١٢"),
            (Format::PositiveInteger, "0"),
            (Format::PositiveInteger, "012"),
            (Format::PositiveInteger, "-1"),
            (Format::Decimal, "1."),
            (Format::Decimal, ".5"),
            (Format::Decimal, "1e5"),
            (Format::Decimal, "+1"),
        ];
        for (format, value) in bad {
            let shown = refused(check_format("NationalId", value, format), value);
            assert!(shown.starts_with("invalid NationalId: must be "), "{shown}");
        }
        for format in Format::ALL {
            assert!(check_format("NationalId", "", format).is_err(), "{format:?}");
        }
    }

    #[test]
    fn integer_ranges() {
        assert!(check_range_i64("NationalId", 5, Some(5), Some(5)).is_ok());
        assert!(check_range_i64("NationalId", i64::MIN, None, None).is_ok());
        assert_eq!(
            refused(check_range_i64("NationalId", 4123, Some(5000), None), "4123"),
            "invalid NationalId: must be at least 5000"
        );
        assert_eq!(
            refused(check_range_i64("NationalId", 7123, None, Some(100)), "7123"),
            "invalid NationalId: must be at most 100"
        );
    }

    #[test]
    fn decimal_ranges_and_literals() {
        let value = decimal("10.005");
        assert_eq!(value.to_string(), "10.005");
        assert_eq!(decimal("1e3"), Decimal::from(1000));
        assert_eq!(decimal("1.50e1").to_string(), "15.0");
        assert!(check_range_decimal("NationalId", &value, Some(decimal("0.01")), Some(decimal("10.005"))).is_ok());
        assert!(check_range_decimal("NationalId", &value, None, None).is_ok());
        assert_eq!(
            refused(check_range_decimal("NationalId", &value, Some(decimal("10.01")), None), "10.005"),
            "invalid NationalId: must be at least 10.01"
        );
        assert_eq!(
            refused(check_range_decimal("NationalId", &value, None, Some(decimal("10.00"))), "10.005"),
            "invalid NationalId: must be at most 10.00"
        );
    }

    /// A bound that cannot be read must stop the program rather than become zero (no minimum at all).
    #[test]
    fn unreadable_decimal_literals_are_not_zero() {
        for text in ["not a number", "", "123456789012345678901234567890123.45", "9.9999999999999999999999999999999e0"]
        {
            let read = std::panic::catch_unwind(|| decimal(text));
            assert!(read.is_err(), "{text:?} was read as {read:?}");
        }
    }

    /// A decimal string must be one an exact decimal holds: more digits would be read back rounded, or as zero.
    #[test]
    fn decimal_format_refuses_what_a_decimal_cannot_hold() {
        for value in
            ["123456789012345678901234567890123.45", "0.12345678901234567890123456789", "79228162514264337593543950336"]
        {
            let shown = refused(check_format("NationalId", value, Format::Decimal), value);
            assert!(shown.contains("cannot be held exactly by a decimal"), "{shown}");
        }
        assert!(check_format("NationalId", "79228162514264337593543950335", Format::Decimal).is_ok());
        assert!(check_format("NationalId", "-0.0000000000000000000000000001", Format::Decimal).is_ok());
    }

    #[test]
    fn decimal_places() {
        assert!(check_decimal_places("NationalId", &decimal("12.34"), 2).is_ok());
        assert!(check_decimal_places("NationalId", &decimal("12"), 0).is_ok());
        assert_eq!(
            refused(check_decimal_places("NationalId", &decimal("12.345"), 2), "12.345"),
            "invalid NationalId: must have at most 2 decimal places"
        );
        assert_eq!(
            refused(check_decimal_places("NationalId", &decimal("12.5"), 0), "12.5"),
            "invalid NationalId: must have at most 0 decimal places"
        );
        assert!(check_decimal_text_places("NationalId", "12.34", 2).is_ok());
        assert!(check_decimal_text_places("NationalId", "1234", 0).is_ok());
        assert_eq!(
            refused(check_decimal_text_places("NationalId", "0.123", 1), "0.123"),
            "invalid NationalId: must have at most 1 decimal place"
        );
    }

    #[test]
    fn prefix_and_not_empty() {
        assert!(check_prefix("NationalId", "po_123", "po_").is_ok());
        assert_eq!(
            refused(check_prefix("NationalId", "tr_123", "po_"), "tr_123"),
            "invalid NationalId: must start with `po_`"
        );
        assert!(check_not_empty("NationalId", "x").is_ok());
        let error = check_not_empty("NationalId", "").expect_err("empty is refused");
        assert_eq!(error.to_string(), "invalid NationalId: must not be empty");
    }

    #[test]
    fn a_pattern_that_does_not_stand_alone_matches_nothing() {
        static BREAKS_OUT: Pattern = Pattern::new("[0-9]+)|(x");
        assert!(!BREAKS_OUT.is_match("123abc"), "not a prefix check");
        assert!(!BREAKS_OUT.is_match("123"));
        static WHOLE: Pattern = Pattern::new("[0-9]+|x");
        assert!(WHOLE.is_match("123") && WHOLE.is_match("x") && !WHOLE.is_match("123abc"));
    }
}
