//! Exact decimals and JSON values passed through text: reading a JSON number digit for digit, whatever its notation,
//! and converting between typed values and `serde_json::Value` without going through a binary float.
//!
//! Money never passes through `f64` here: a number is read from its written digits, and refused when an exact
//! [`Decimal`] cannot hold it (more than 28 significant digits, a magnitude above 2^96 - 1, more than 28 decimal
//! places), never rounded.

use rust_decimal::Decimal;
use serde_json::value::RawValue;

// Reading decimals from their digits is a value rule of the spec language, shared with `codegen check`.
pub use codegen_rules::decimal::{parse_decimal, parse_json_number, DecimalRefusal};

/// The exact decimal of a text that [`parse_decimal`] already accepted, such as the text of a generated
/// `format: decimal` newtype, whose constructor runs that check.
///
/// # Panics
///
/// When the text was not checked: an amount read as zero or rounded would be worse than stopping.
pub fn decimal_of_checked_text(text: &str) -> Decimal {
    match parse_decimal(text) {
        Ok(value) => value,
        Err(refusal) => panic!("a decimal text that was checked no longer parses: it {}", refusal.reason()),
    }
}

/// Reads a JSON number as an exact [`Decimal`], digit for digit, whatever its notation.
///
/// Refuses what a decimal cannot hold exactly (more than 28 significant digits or decimal places, or out of range)
/// instead of rounding it, and refuses a number written as a string: where the spec says number, a string is a
/// different value.
///
/// The number is read as its raw JSON text ([`RawValue`]), which needs no serde_json feature that would change how
/// the rest of an application reads numbers. It must therefore come straight from serde_json text, or from a
/// `serde_json::Value` (which holds only what it holds: a fraction as `f64`, unless the application turns on
/// `arbitrary_precision`), not through serde's buffering for `#[serde(flatten)]` or untagged enums, which has already
/// turned it into a float: that is refused, never rounded.
pub fn deserialize_exact_decimal<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    use serde::de::Error as _;
    let raw = <Box<RawValue> as serde::Deserialize>::deserialize(deserializer)?;
    let text = raw.get().trim();
    if text.starts_with('"') {
        return Err(D::Error::custom("a decimal amount must be a JSON number, not a string"));
    }
    parse_json_number(text).map_err(|refusal| D::Error::custom(format!("a decimal amount {}", refusal.reason())))
}

/// Writes a decimal as a JSON number with exactly its digits (`10.50` stays `10.50`), through [`RawValue`] rather
/// than a float.
///
/// Meant for serde_json; another serializer sees serde_json's private raw-value struct.
pub fn serialize_exact_decimal<S: serde::Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::Error as _;
    let raw = RawValue::from_string(value.to_string()).map_err(S::Error::custom)?;
    serde::Serialize::serialize(&raw, serializer)
}

/// A [`Decimal`] written on the wire as a JSON number with exactly its digits: the type of a `decimal` the spec
/// gives no rules (constrained decimals get a generated newtype that checks them).
///
/// It reads and writes through [`deserialize_exact_decimal`] and [`serialize_exact_decimal`], so it needs no serde
/// feature: a plain [`Decimal`] elsewhere in the application keeps rust_decimal's own serde form.
///
/// ```
/// use codegen_runtime::ExactDecimal;
///
/// let amount: ExactDecimal = codegen_runtime::serde_json::from_str("10.50").unwrap();
/// assert_eq!(amount.get().to_string(), "10.50");
/// assert_eq!(codegen_runtime::serde_json::to_string(&amount).unwrap(), "10.50");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExactDecimal(Decimal);

impl ExactDecimal {
    /// The decimal, written with its own scale.
    pub fn new(value: Decimal) -> Self {
        ExactDecimal(value)
    }

    /// The exact decimal value.
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl From<Decimal> for ExactDecimal {
    fn from(value: Decimal) -> Self {
        ExactDecimal(value)
    }
}

impl From<ExactDecimal> for Decimal {
    fn from(value: ExactDecimal) -> Self {
        value.0
    }
}

impl std::str::FromStr for ExactDecimal {
    type Err = DecimalRefusal;

    /// Reads `-?digits(.digits)?` exactly, as [`parse_decimal`].
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_decimal(text).map(ExactDecimal)
    }
}

impl std::fmt::Display for ExactDecimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl serde::Serialize for ExactDecimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_exact_decimal(&self.0, serializer)
    }
}

impl<'de> serde::Deserialize<'de> for ExactDecimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_exact_decimal(deserializer).map(ExactDecimal)
    }
}

/// Decodes a JSON value as `T` by way of its text.
///
/// `serde_json::from_value` hands numbers to the target type as floats or 64-bit integers when it can, which is not
/// exact for every decimal and refuses integers above `u64` (even inside fields kept as raw JSON). Going through the
/// text, which keeps every digit, is exact.
pub fn from_json_value<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, serde_json::Error> {
    serde_json::from_str(&value.to_string())
}

/// Encodes `value` as a JSON value by way of its text, the exact counterpart of [`from_json_value`].
pub fn to_json_value<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::from_str(&serde_json::to_string(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, serde::Serialize)]
    struct Holder {
        #[serde(deserialize_with = "deserialize_exact_decimal", serialize_with = "serialize_exact_decimal")]
        amount: Decimal,
    }

    #[test]
    fn decimals_are_written_with_their_digits() {
        for text in ["0.10", "-12", "79228162514264337593543950335", "0.0000000000000000000000000001"] {
            let json = format!(r#"{{"amount":{text}}}"#);
            let holder: Holder = serde_json::from_str(&json).expect(text);
            assert_eq!(serde_json::to_string(&holder).expect(text), json);
        }
    }

    /// A `serde_json::Value` holds a fraction as `f64` (unless the application turns on `arbitrary_precision`): what it
    /// holds is read exactly, and what it rounded is not made up again.
    #[test]
    fn values_give_what_they_hold() {
        let read = |value: serde_json::Value| serde_json::from_value::<Holder>(value).map(|h| h.amount.to_string());
        assert_eq!(read(serde_json::json!({"amount": -12})).expect("an integer"), "-12");
        assert_eq!(read(serde_json::json!({"amount": 0.5})).expect("a fraction"), "0.5");
        assert!(read(serde_json::json!({"amount": "0.5"})).is_err(), "a string is not a number");
    }

    fn read(json: &str) -> Result<String, String> {
        serde_json::from_str::<Holder>(json).map(|h| h.amount.to_string()).map_err(|e| e.to_string())
    }

    #[test]
    fn exact_digits_are_kept_and_inexact_ones_refused() {
        assert_eq!(read(r#"{"amount":0.10}"#).unwrap(), "0.10");
        assert_eq!(read(r#"{"amount":983856177571862.3}"#).unwrap(), "983856177571862.3");
        assert_eq!(read(r#"{"amount":-12}"#).unwrap(), "-12");
        assert_eq!(read(r#"{"amount":79228162514264337593543950335}"#).unwrap(), "79228162514264337593543950335");
        assert!(read(r#"{"amount":0.12345678901234567890123456789012}"#).is_err(), "too many digits");
        assert!(read(r#"{"amount":79228162514264337593543950336}"#).is_err(), "out of range");
        assert!(read(r#"{"amount":"1.5"}"#).is_err(), "a string is not a number");
    }

    /// The exponent moves the point; exactness is decided on the digits, never through a float.
    #[test]
    fn exponent_form_is_read_from_its_digits() {
        assert_eq!(read(r#"{"amount":1.50e1}"#).unwrap(), "15.0");
        assert_eq!(read(r#"{"amount":25E-1}"#).unwrap(), "2.5");
        assert_eq!(read(r#"{"amount":1e+3}"#).unwrap(), "1000");
        assert_eq!(read(r#"{"amount":-7.5e-27}"#).unwrap(), format!("-0.{}75", "0".repeat(26)));
        assert_eq!(read(r#"{"amount":0e40}"#).unwrap(), "0");
        // 32 significant digits round to 10 through a float, and to a 28-digit decimal through `from_scientific`.
        let error = read(r#"{"amount":9.9999999999999999999999999999999e0}"#).unwrap_err();
        assert!(error.contains("cannot be held exactly"), "{error}");
        assert!(read(r#"{"amount":1e-29}"#).is_err(), "29 decimal places");
        assert!(read(r#"{"amount":1e29}"#).is_err(), "above 2^96");
        assert!(read(r#"{"amount":1e400}"#).is_err(), "far above 2^96");
        assert!(read(r#"{"amount":1e-400}"#).is_err(), "far below the smallest step");
    }

    /// Nested in arrays, options and maps, a bare decimal still keeps its digits and refuses what it cannot hold.
    #[test]
    fn bare_decimals_are_exact_wherever_they_sit() {
        type Nested = Vec<Option<std::collections::BTreeMap<String, ExactDecimal>>>;
        let text = r#"[{"a":0.10,"b":-79228162514264337593543950335},null]"#;
        let nested: Nested = serde_json::from_str(text).expect("decodes");
        assert_eq!(serde_json::to_string(&nested).expect("encodes"), text);
        assert!(serde_json::from_str::<Nested>(r#"[{"a":1e29}]"#).is_err(), "above 2^96");
        assert!(serde_json::from_str::<Nested>(r#"[{"a":"1"}]"#).is_err(), "a string is not a number");
        assert_eq!("2.50".parse::<ExactDecimal>().map(|d| d.get().to_string()), Ok("2.50".to_owned()));
        assert_eq!("1e3".parse::<ExactDecimal>(), Err(DecimalRefusal::NotANumber));
    }
}
