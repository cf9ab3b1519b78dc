//! Exact decimals read from their written digits: the `decimal` type, `format: decimal` strings, and the decimal
//! bounds of a spec.
//!
//! A number is never sent through `f64`: it is refused when an exact [`Decimal`] cannot hold it (more than 28
//! significant digits, a magnitude above 2^96 - 1, more than 28 decimal places), never rounded.

use rust_decimal::Decimal;

/// The largest scale (digits after the point) a [`Decimal`] holds.
const MAX_SCALE: u32 = 28;

/// Why a decimal text was refused. The reason never quotes the text itself: it may be an amount in a log line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalRefusal {
    /// The text is not a decimal number in the notation accepted.
    NotANumber,
    /// The number has more significant digits, more decimal places or a larger magnitude than a decimal holds.
    NotExact,
}

impl DecimalRefusal {
    /// The rule the text broke, worded for a validation error or a decode error.
    pub fn reason(self) -> &'static str {
        match self {
            DecimalRefusal::NotANumber => "must be a decimal number",
            DecimalRefusal::NotExact => {
                "cannot be held exactly by a decimal (at most 28 significant digits and 28 decimal places)"
            }
        }
    }
}

impl std::fmt::Display for DecimalRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the number {}", self.reason())
    }
}

impl std::error::Error for DecimalRefusal {}

/// Reads `text` written as a JSON number (`-12.50`, `9.99e0`, `1E+3`), or as plain `-?digits(.digits)?` when
/// `allow_exponent` is false, into the exact decimal its digits spell, in one pass over the text. Leading zeros are
/// accepted (JSON refuses them earlier, strings may have them); every written digit is kept (trailing zeros included,
/// so `2.50` has scale 2), and the exponent moves the point. A text that is not a number in that notation is
/// `NotANumber`, even where it also has too many digits.
fn read(text: &str, allow_exponent: bool) -> Result<Decimal, DecimalRefusal> {
    let bytes = text.as_bytes();
    let negative = bytes.first() == Some(&b'-');
    let mut at = usize::from(negative);
    let mut digits = Significant::default();
    let integer = digits.read(bytes, &mut at);
    // The number of fraction digits, `None` without a point; a point with no digit after it is not a number.
    let fraction = match bytes.get(at) {
        Some(b'.') => {
            at += 1;
            Some(digits.read(bytes, &mut at))
        }
        _ => None,
    };
    let exponent = match bytes.get(at) {
        Some(b'e' | b'E') if allow_exponent => {
            let exponent = parse_exponent(&text[at + 1..]);
            at = bytes.len();
            exponent
        }
        _ => Some(0),
    };
    let (Some(exponent), true, true, true) = (exponent, integer > 0, fraction != Some(0), at == bytes.len()) else {
        return Err(DecimalRefusal::NotANumber);
    };
    let fraction = fraction.unwrap_or(0);
    // Scale = digits after the point minus the exponent; a negative scale means zeros to append.
    let scale = i64::try_from(fraction).unwrap_or(i64::MAX).saturating_sub(exponent);
    // Zero needs no appended zeros whatever its exponent (`0e40` is 0).
    let appended = if scale < 0 && digits.count > 0 { usize::try_from(-scale).unwrap_or(usize::MAX) } else { 0 };
    // 29 digits may still fit under 2^96 - 1 (79228162514264337593543950335); 30 never do.
    if digits.count.saturating_add(appended) > 29 || scale > i64::from(MAX_SCALE) {
        return Err(DecimalRefusal::NotExact);
    }
    let mut mantissa = digits.value;
    for _ in 0..appended {
        mantissa *= 10;
    }
    let scale = u32::try_from(scale.max(0)).map_err(|_| DecimalRefusal::NotExact)?;
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| DecimalRefusal::NotExact)
}

/// The significant digits read so far (leading zeros dropped): how many, and their value while they fit.
#[derive(Default)]
struct Significant {
    count: usize,
    value: i128,
}

impl Significant {
    /// Reads the ASCII digits of `bytes` from `at` on, moving `at` past them; returns how many there were.
    fn read(&mut self, bytes: &[u8], at: &mut usize) -> usize {
        let start = *at;
        while let Some(digit) = bytes.get(*at).filter(|b| b.is_ascii_digit()) {
            if self.count > 0 || *digit != b'0' {
                self.count += 1;
                // Past 29 digits the number is refused anyway; the value stops growing so that it cannot overflow.
                if self.count <= 29 {
                    self.value = self.value * 10 + i128::from(digit - b'0');
                }
            }
            *at += 1;
        }
        *at - start
    }
}

/// An exponent `[+-]digits`. One too large for `i64` is clamped: it is far beyond what a decimal holds either way.
fn parse_exponent(text: &str) -> Option<i64> {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let magnitude = digits.parse::<i64>().unwrap_or(i64::MAX);
    Some(if negative { -magnitude } else { magnitude })
}

/// Reads a decimal written `-?digits(.digits)?` exactly, as `format: decimal` strings are written.
///
/// ```
/// use codegen_rules::decimal::{parse_decimal, DecimalRefusal};
///
/// assert_eq!(parse_decimal("10.50").unwrap().to_string(), "10.50");
/// assert_eq!(parse_decimal("123456789012345678901234567890123.45"), Err(DecimalRefusal::NotExact));
/// assert_eq!(parse_decimal("1e3"), Err(DecimalRefusal::NotANumber));
/// ```
pub fn parse_decimal(text: &str) -> Result<Decimal, DecimalRefusal> {
    read(text, false)
}

/// Reads a number written as JSON writes numbers (`-12.50`, `9.99e0`, `1E+3`) exactly, from its digits: the
/// exponent moves the point, it never sends the value through a float. `1.50e1` is `15.0`, `25e-1` is `2.5`.
///
/// ```
/// use codegen_rules::decimal::{parse_json_number, DecimalRefusal};
///
/// assert_eq!(parse_json_number("1.50e1").unwrap().to_string(), "15.0");
/// assert_eq!(parse_json_number("9.9999999999999999999999999999999e0"), Err(DecimalRefusal::NotExact));
/// ```
pub fn parse_json_number(text: &str) -> Result<Decimal, DecimalRefusal> {
    read(text, true)
}

/// How many digits a decimal written as text has after its `.` (none when there is no `.`); trailing zeros count.
pub fn text_places(text: &str) -> u64 {
    text.split_once('.').map_or(0, |(_, fraction)| fraction.chars().count() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limits_count_significant_digits_and_places_as_written() {
        let exact = |text: &str| parse_decimal(text).map(|d| d.to_string());
        // 28 digits always fit; 29 fit only below 2^96 (79228162514264337593543950336).
        assert_eq!(exact(&"9".repeat(28)), Ok("9".repeat(28)));
        assert_eq!(exact(&"9".repeat(29)), Err(DecimalRefusal::NotExact));
        assert_eq!(exact(&format!("7{}", "9".repeat(27))), Ok(format!("7{}", "9".repeat(27))));
        assert_eq!(exact(&format!("7{}", "9".repeat(28))), Err(DecimalRefusal::NotExact));
        // Leading zeros are not significant; trailing zeros are, and count as places.
        assert_eq!(exact(&format!("{}1.5", "0".repeat(40))), Ok("1.5".to_owned()));
        assert_eq!(exact(&format!("1.{}", "0".repeat(28))), Ok(format!("1.{}", "0".repeat(28))));
        assert_eq!(exact(&format!("1.{}", "0".repeat(29))), Err(DecimalRefusal::NotExact));
        assert_eq!(exact(&format!("0.{}", "1".repeat(28))), Ok(format!("0.{}", "1".repeat(28))));
        assert_eq!(exact(&format!("0.{}", "1".repeat(29))), Err(DecimalRefusal::NotExact));
        // Too many digits in a text that is not a number at all: it is not a number.
        assert_eq!(exact(&format!("{}x", "9".repeat(40))), Err(DecimalRefusal::NotANumber));
    }

    #[test]
    fn plain_text_is_exact_or_refused() {
        assert_eq!(parse_decimal("-0012.340").unwrap().to_string(), "-12.340");
        assert_eq!(
            parse_decimal("0.0000000000000000000000000001").unwrap().to_string(),
            "0.0000000000000000000000000001"
        );
        assert_eq!(
            parse_decimal("79228162514264337593543950335").unwrap().to_string(),
            "79228162514264337593543950335"
        );
        assert_eq!(parse_decimal("79228162514264337593543950336"), Err(DecimalRefusal::NotExact));
        assert_eq!(parse_decimal("123456789012345678901234567890123.45"), Err(DecimalRefusal::NotExact));
        assert_eq!(parse_decimal("0.00000000000000000000000000001"), Err(DecimalRefusal::NotExact));
        for text in ["", "-", "1.", ".5", "+1", "1e3", "1.2.3", "1_000", "١٢", " 1"] {
            assert_eq!(parse_decimal(text), Err(DecimalRefusal::NotANumber), "{text:?}");
        }
    }

    /// The exponent moves the point; exactness is decided on the digits, never through a float.
    #[test]
    fn json_numbers_are_read_from_their_digits() {
        assert_eq!(parse_json_number("1.50e1").unwrap().to_string(), "15.0");
        assert_eq!(parse_json_number("25E-1").unwrap().to_string(), "2.5");
        assert_eq!(parse_json_number("1e+3").unwrap().to_string(), "1000");
        assert_eq!(parse_json_number("0e99999999999999999999999").unwrap(), Decimal::ZERO);
        assert_eq!(parse_json_number("9.9999999999999999999999999999999e0"), Err(DecimalRefusal::NotExact));
        assert_eq!(parse_json_number("1e29"), Err(DecimalRefusal::NotExact));
        assert_eq!(parse_json_number("1e-29"), Err(DecimalRefusal::NotExact));
        assert_eq!(parse_json_number("1e99999999999999999999999"), Err(DecimalRefusal::NotExact));
        for text in ["1e", "1e+", "e5", "1.e5", "1ee5"] {
            assert_eq!(parse_json_number(text), Err(DecimalRefusal::NotANumber), "{text:?}");
        }
    }

    #[test]
    fn places_of_text_count_trailing_zeros() {
        assert_eq!(text_places("12"), 0);
        assert_eq!(text_places("12.50"), 2);
        assert_eq!(text_places("-0.001"), 3);
    }
}

/// The decimal places of an amount as it travels: a JSON number's exact scale (`1.50e1` is `15.0`, one place; the
/// client writes numbers as plain decimals), or the digits after the `.` of a decimal string (trailing zeros count).
/// What a server that limits an amount's places per currency reads.
pub fn amount_places(text: &str, is_json_number: bool) -> u64 {
    if is_json_number {
        if let Ok(exact) = parse_json_number(text) {
            return u64::from(exact.scale());
        }
    }
    text_places(text)
}

#[cfg(test)]
mod amount_places_tests {
    use super::amount_places;

    #[test]
    fn places_are_those_the_amount_travels_with() {
        assert_eq!(amount_places("10.50", false), 2);
        assert_eq!(amount_places("10", false), 0);
        assert_eq!(amount_places("10.50", true), 2);
        assert_eq!(amount_places("1.50e1", true), 1);
        assert_eq!(amount_places("1e-7", true), 7);
        assert_eq!(amount_places("15e0", true), 0);
        assert_eq!(amount_places(".", false), 0);
        assert_eq!(amount_places("", true), 0);
    }
}
