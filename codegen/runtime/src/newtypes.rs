//! The rules of generated newtypes, as const tables, and the checks and serde steps every newtype shares.
//!
//! Generated code declares a newtype and hands its rules to one of the runtime's newtype macros
//! (`rt::text_newtype!(RefId { max_length = 18 })`); the macro writes the constructor and the trait impls, which
//! call the functions here. A rule the type does not have is `None` and costs nothing.

use crate::validate::{self, Format, Pattern, ValidationError};
use rust_decimal::Decimal;

/// The rules of a text newtype, checked in field order: format, decimal places of a decimal text, length, pattern.
#[derive(Clone, Copy, Debug)]
pub struct TextRules {
    /// The type's name, used in errors.
    pub name: &'static str,
    /// The format the text is written in.
    pub format: Option<Format>,
    /// The most digits after the `.` of a text in [`Format::Decimal`].
    pub decimal_places: Option<u32>,
    /// The fewest characters.
    pub min_length: Option<u64>,
    /// The most characters.
    pub max_length: Option<u64>,
    /// The exact number of characters (wins over the bounds).
    pub length: Option<u64>,
    /// A regular expression the whole value must match, in Rust `regex` syntax.
    pub pattern: Option<&'static str>,
}

impl TextRules {
    /// No rules: the base that a generated table fills in.
    pub const NONE: TextRules = TextRules {
        name: "",
        format: None,
        decimal_places: None,
        min_length: None,
        max_length: None,
        length: None,
        pattern: None,
    };

    /// The source handed to the type's compiled [`Pattern`] (empty when there is no pattern; it is then never used).
    pub const fn pattern_source(&self) -> &'static str {
        match self.pattern {
            Some(source) => source,
            None => "",
        }
    }

    /// Checks `value`; `pattern` is the compiled form of [`TextRules::pattern`], kept in a `static` of the type.
    pub fn check(&self, value: &str, pattern: &Pattern) -> Result<(), ValidationError> {
        if let Some(format) = self.format {
            validate::check_format(self.name, value, format)?;
            if let (Format::Decimal, Some(places)) = (format, self.decimal_places) {
                validate::check_decimal_text_places(self.name, value, places)?;
            }
        }
        if self.length.is_some() || self.min_length.is_some() || self.max_length.is_some() {
            validate::check_length(self.name, value, self.min_length, self.max_length, self.length)?;
        }
        if self.pattern.is_some() {
            validate::check_pattern(self.name, value, pattern)?;
        }
        Ok(())
    }

    /// What a value read from a server's response must still be: a decimal text must be a decimal, since the type
    /// reads it as one (`to_decimal`). Every other rule is the spec's word on what to send, and is not applied.
    #[inline]
    pub fn check_as_received(&self, value: &str) -> Result<(), ValidationError> {
        match self.format {
            Some(Format::Decimal) => validate::check_format(self.name, value, Format::Decimal),
            _ => Ok(()),
        }
    }
}

/// The rules of an API's own ID: not empty, at most `max_length` characters, starting with `prefix`.
#[derive(Clone, Copy, Debug)]
pub struct IdRules {
    /// The type's name, used in errors.
    pub name: &'static str,
    /// What every ID of the API's own starts with.
    pub prefix: &'static str,
    /// The most characters.
    pub max_length: Option<u64>,
}

impl IdRules {
    /// No rules, the base of a generated table.
    pub const NONE: IdRules = IdRules { name: "", prefix: "", max_length: None };

    /// Checks a value that must be the API's own ID.
    pub fn check_uid(&self, value: &str) -> Result<(), ValidationError> {
        self.check_common(value)?;
        validate::check_prefix(self.name, value, self.prefix)
    }

    /// Checks a value that must be an external ID: it must not start with the prefix, or the API would read it as
    /// its own ID.
    pub fn check_external(&self, value: &str) -> Result<(), ValidationError> {
        self.check_common(value)?;
        if value.starts_with(self.prefix) {
            return Err(ValidationError::new(
                self.name,
                format!("an external ID must not start with `{}`, which marks the API's own IDs", self.prefix),
            ));
        }
        Ok(())
    }

    fn check_common(&self, value: &str) -> Result<(), ValidationError> {
        validate::check_not_empty(self.name, value)?;
        if self.max_length.is_some() {
            validate::check_length(self.name, value, None, self.max_length, None)?;
        }
        Ok(())
    }
}

/// The inclusive bounds of an integer newtype.
#[derive(Clone, Copy, Debug)]
pub struct IntegerRules {
    /// The type's name, used in errors.
    pub name: &'static str,
    /// The smallest value.
    pub min: Option<i64>,
    /// The largest value.
    pub max: Option<i64>,
}

impl IntegerRules {
    /// No rules, the base of a generated table.
    pub const NONE: IntegerRules = IntegerRules { name: "", min: None, max: None };

    /// Checks `value`.
    pub fn check(&self, value: i64) -> Result<(), ValidationError> {
        validate::check_range_i64(self.name, value, self.min, self.max)
    }

    /// Reads a whole number from text (a header, a query) before checking it.
    pub fn parse<T: std::str::FromStr>(&self, text: &str) -> Result<T, ValidationError> {
        text.parse().map_err(|_| ValidationError::new(self.name, "must be a whole number"))
    }
}

/// The rules of a decimal newtype. Bounds are written as the spec's decimal literals and read exactly.
#[derive(Clone, Copy, Debug)]
pub struct DecimalRules {
    /// The type's name, used in errors.
    pub name: &'static str,
    /// The smallest value, as a decimal literal.
    pub min: Option<&'static str>,
    /// The largest value, as a decimal literal.
    pub max: Option<&'static str>,
    /// The most decimal places (trailing zeros count).
    pub places: Option<u32>,
}

impl DecimalRules {
    /// No rules, the base of a generated table.
    pub const NONE: DecimalRules = DecimalRules { name: "", min: None, max: None, places: None };

    /// Checks `value`.
    pub fn check(&self, value: &Decimal) -> Result<(), ValidationError> {
        if self.min.is_some() || self.max.is_some() {
            let (min, max) = (self.min.map(validate::decimal), self.max.map(validate::decimal));
            validate::check_range_decimal(self.name, value, min, max)?;
        }
        if let Some(places) = self.places {
            validate::check_decimal_places(self.name, value, places)?;
        }
        Ok(())
    }

    /// Reads a decimal from its digits (a header, a query), as the JSON form is: never through a float.
    pub fn parse(&self, text: &str) -> Result<Decimal, ValidationError> {
        text.parse::<crate::ExactDecimal>()
            .map(crate::ExactDecimal::get)
            .map_err(|_| ValidationError::new(self.name, "must be a decimal number"))
    }
}

/// How many items a list newtype may hold.
#[derive(Clone, Copy, Debug)]
pub struct ListRules {
    /// The type's name, used in errors.
    pub name: &'static str,
    /// The fewest items.
    pub min_length: Option<u64>,
    /// The most items.
    pub max_length: Option<u64>,
    /// The exact number of items (checked first).
    pub length: Option<u64>,
}

impl ListRules {
    /// No rules, the base of a generated table.
    pub const NONE: ListRules = ListRules { name: "", min_length: None, max_length: None, length: None };

    /// Checks a list of `count` items.
    pub fn check(&self, count: usize) -> Result<(), ValidationError> {
        crate::lists::check_count(self.name, count, self.min_length, self.max_length, self.length)
    }
}

/// The rules of a map written on its field: the number of entries and, for each key, its length and pattern.
#[derive(Clone, Copy, Debug)]
pub struct MapRules {
    /// The type's name, used in errors.
    pub name: &'static str,
    /// The fewest entries.
    pub min_length: Option<u64>,
    /// The most entries.
    pub max_length: Option<u64>,
    /// The exact number of entries (checked first).
    pub length: Option<u64>,
    /// The fewest characters of a key.
    pub key_min_length: Option<u64>,
    /// The most characters of a key.
    pub key_max_length: Option<u64>,
    /// A regular expression every whole key must match, in Rust `regex` syntax.
    pub key_pattern: Option<&'static str>,
}

impl MapRules {
    /// No rules, the base of a generated table.
    pub const NONE: MapRules = MapRules {
        name: "",
        min_length: None,
        max_length: None,
        length: None,
        key_min_length: None,
        key_max_length: None,
        key_pattern: None,
    };

    /// The source handed to the type's compiled key [`Pattern`] (empty when there is none; it is then never used).
    pub const fn key_pattern_source(&self) -> &'static str {
        match self.key_pattern {
            Some(source) => source,
            None => "",
        }
    }

    /// Checks the number of entries and every key; `key_pattern` is the compiled [`MapRules::key_pattern`].
    pub fn check<'a>(
        &self,
        count: usize,
        keys: impl IntoIterator<Item = &'a String>,
        key_pattern: &Pattern,
    ) -> Result<(), ValidationError> {
        crate::lists::check_count(self.name, count, self.min_length, self.max_length, self.length)?;
        let key_rules = self.key_min_length.is_some() || self.key_max_length.is_some() || self.key_pattern.is_some();
        for key in keys.into_iter().filter(|_| key_rules) {
            let refused = |error: ValidationError| ValidationError::new(self.name, format!("a key {}", error.reason()));
            if self.key_min_length.is_some() || self.key_max_length.is_some() {
                validate::check_length(self.name, key, self.key_min_length, self.key_max_length, None)
                    .map_err(refused)?;
            }
            if self.key_pattern.is_some() {
                validate::check_pattern(self.name, key, key_pattern).map_err(refused)?;
            }
        }
        Ok(())
    }
}

/// Decodes a value through its plain form `T`: with the newtype's checked constructor `check`, turning a refusal
/// into a decoding error, or, while a server's response is read ([`crate::as_received()`]), with `keep`, which wraps the
/// value as sent and refuses only what the type cannot hold.
#[inline]
pub fn deserialize_checked<'de, D, T, N>(
    deserializer: D,
    check: impl FnOnce(T) -> Result<N, ValidationError>,
    keep: impl FnOnce(T) -> Result<N, ValidationError>,
) -> Result<N, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    let plain = T::deserialize(deserializer)?;
    let read = if crate::as_received::reading_as_received() { keep(plain) } else { check(plain) };
    read.map_err(<D::Error as serde::de::Error>::custom)
}

/// Decodes a string enum from its wire text through `from_wire`, which never fails; a borrowed text is read without
/// a copy, so a documented value allocates nothing.
pub fn deserialize_wire_text<'de, D, T>(deserializer: D, from_wire: fn(&str) -> T) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct WireText<T>(fn(&str) -> T);

    impl<T> serde::de::Visitor<'_> for WireText<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<T, E> {
            Ok((self.0)(text))
        }
    }

    deserializer.deserialize_str(WireText(from_wire))
}

#[cfg(test)]
mod tests {
    use super::*;

    static NO_PATTERN: Pattern = Pattern::new("");

    #[test]
    fn text_rules_check_only_the_rules_given() {
        let rules = TextRules { name: "Code", length: Some(3), ..TextRules::NONE };
        assert!(rules.check("GBP", &NO_PATTERN).is_ok());
        let error = rules.check("GB", &NO_PATTERN).expect_err("too short");
        assert_eq!((error.type_name(), error.reason()), ("Code", "must be exactly 3 characters long"));
        assert!(TextRules::NONE.check("", &NO_PATTERN).is_ok());
    }

    #[test]
    fn text_rules_match_the_whole_value_against_the_pattern() {
        static LETTERS: Pattern = Pattern::new("[A-Z]+");
        let rules = TextRules { name: "Letters", pattern: Some("[A-Z]+"), ..TextRules::NONE };
        assert!(rules.check("ABC", &LETTERS).is_ok());
        assert!(rules.check("ABC1", &LETTERS).is_err());
    }

    #[test]
    fn ids_check_prefix_and_external_ids_refuse_it() {
        let rules = IdRules { name: "PayoutId", prefix: "po:", max_length: Some(8) };
        assert!(rules.check_uid("po:1").is_ok());
        assert_eq!(rules.check_uid("1").expect_err("no prefix").reason(), "must start with `po:`");
        assert_eq!(rules.check_uid("").expect_err("empty").reason(), "must not be empty");
        assert!(rules.check_uid("po:123456").is_err());
        assert!(rules.check_external("mine").is_ok());
        assert!(rules.check_external("po:mine").is_err());
    }

    #[test]
    fn numbers_check_their_bounds_and_parse_from_text() {
        let rules = IntegerRules { name: "Limit", min: Some(1), max: Some(200) };
        assert!(rules.check(1).is_ok() && rules.check(0).is_err() && rules.check(201).is_err());
        assert_eq!(rules.parse::<i32>("12"), Ok(12));
        assert_eq!(rules.parse::<i32>("x").expect_err("text").reason(), "must be a whole number");
        let rules = DecimalRules { name: "Amount", min: Some("0.01"), places: Some(2), ..DecimalRules::NONE };
        let value = rules.parse("10.23").expect("a decimal");
        assert!(rules.check(&value).is_ok());
        assert!(rules.check(&rules.parse("0.001").expect("a decimal")).is_err());
        assert!(rules.check(&rules.parse("0").expect("a decimal")).is_err());
        assert!(rules.parse("1e400x").is_err());
    }
}
