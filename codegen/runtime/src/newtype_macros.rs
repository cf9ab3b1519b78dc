//! The macros that give a generated newtype or string enum its constructor, accessors and trait impls.
//!
//! Generated code declares the type itself, with its docs and derives, and then names the rules it has (each a field
//! of the type's table in [`crate::newtypes`], given without its `Some`):
//!
//! ```
//! use codegen_runtime as rt;
//!
//! /// A three-letter code.
//! #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
//! pub struct CurrencyCode(String);
//! rt::text_newtype!(CurrencyCode { length = 3, pattern = "[A-Z]{3}" });
//!
//! assert_eq!(CurrencyCode::new("GBP").map(|code| code.to_string()), Ok("GBP".to_owned()));
//! assert!("gbp".parse::<CurrencyCode>().is_err());
//! ```
//!
//! Every path in a macro body is absolute (`::std::...`, `$crate::...`): the generated module may declare a type
//! called `Result` or `Option`, and that must not change what these impls mean. The impls are short and call the
//! runtime, so each newtype adds little for the compiler.

/// The rule table `$rules` of the type `$name`: its name, a fixed `prefix` where the type has one (IDs), and each
/// optional rule the declaration gives (`max_length = 18` sets `Some(18)`). Every newtype macro builds its table here.
#[doc(hidden)]
#[macro_export]
macro_rules! __rules {
    ($rules:path, $name:ident, prefix = $prefix:expr $(, $rule:ident = $value:expr)*) => {{
        let mut rules = $crate::__rules!($rules, $name $(, $rule = $value)*);
        rules.prefix = $prefix;
        rules
    }};
    ($rules:path, $name:ident $(, $rule:ident = $value:expr)*) => {{
        let mut rules = <$rules>::NONE;
        rules.name = ::std::stringify!($name);
        $(rules.$rule = ::std::option::Option::Some($value);)*
        rules
    }};
}

/// Display (the number as it is) and FromStr (parsed by the type's rules, then checked) of a number newtype.
#[doc(hidden)]
#[macro_export]
macro_rules! __number_impls {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::ValidationError;
            #[inline]
            fn from_str(text: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::new(Self::RULES.parse(text)?)
            }
        }
    };
}

/// Display and serde for a newtype over `String` whose checked constructor is `$check`; `$keep` reads a value of a
/// server's response (see [`crate::as_received()`]).
#[doc(hidden)]
#[macro_export]
macro_rules! __text_impls {
    ($name:ident, $check:ident, $keep:ident) => {
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::newtypes::deserialize_checked::<D, ::std::string::String, Self>(
                    deserializer,
                    Self::$check,
                    Self::$keep,
                )
            }
        }
    };
}

/// A text newtype `struct $name(String)`: `new` (checks the rules), `as_str`, `into_inner`, Display, FromStr,
/// `AsRef<str>` and serde that checks on the way in. The rules are the fields of [`crate::newtypes::TextRules`] the
/// type has.
#[macro_export]
macro_rules! text_newtype {
    ($name:ident { $($rule:ident = $value:expr),* $(,)? }) => {
        impl $name {
            const RULES: $crate::newtypes::TextRules = $crate::__rules!($crate::newtypes::TextRules, $name $(, $rule = $value)*);

            /// Checks `value` against the rules above.
            #[inline]
            pub fn new(value: impl ::std::convert::Into<::std::string::String>) -> ::std::result::Result<Self, $crate::ValidationError> {
                let value = value.into();
                Self::RULES.check(&value, Self::pattern())?;
                ::std::result::Result::Ok(Self(value))
            }

            /// Checks the value against the rules above. A value built with `new` always keeps them; one read from a
            /// server's response is kept as the server sent it, and may not.
            #[inline]
            pub fn check(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                Self::RULES.check(&self.0, Self::pattern())
            }

            /// The compiled pattern, built on first use.
            #[inline]
            fn pattern() -> &'static $crate::validate::Pattern {
                static PATTERN: $crate::validate::Pattern = $crate::validate::Pattern::new($name::RULES.pattern_source());
                &PATTERN
            }

            /// A value of a server's response, kept as sent.
            #[inline]
            fn as_received(value: ::std::string::String) -> ::std::result::Result<Self, $crate::ValidationError> {
                Self::RULES.check_as_received(&value)?;
                ::std::result::Result::Ok(Self(value))
            }

            /// The value as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The value as an owned string.
            #[inline]
            pub fn into_inner(self) -> ::std::string::String {
                self.0
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::ValidationError;
            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::new(value)
            }
        }

        impl ::std::convert::AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        $crate::__text_impls!($name, new, as_received);
    };
}

/// An ID of the API's own, `struct $name(String)` starting with `$prefix`: `PREFIX`, `new` (checks it), `as_str`,
/// Display, FromStr and serde that checks on the way in.
#[macro_export]
macro_rules! id_newtype {
    ($name:ident { prefix = $prefix:expr $(, $rule:ident = $value:expr)* $(,)? }) => {
        impl $name {
            const RULES: $crate::newtypes::IdRules = $crate::__rules!($crate::newtypes::IdRules, $name, prefix = $prefix $(, $rule = $value)*);

            /// The prefix every such ID starts with.
            pub const PREFIX: &'static str = Self::RULES.prefix;

            /// Checks that `value` is an ID of this kind.
            #[inline]
            pub fn new(
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                let value = value.into();
                Self::RULES.check_uid(&value)?;
                ::std::result::Result::Ok(Self(value))
            }

            /// Checks that the value is an ID of this kind. One built with `new` always is; one read from a server's
            /// response is kept as the server sent it, and may not be.
            #[inline]
            pub fn check(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                Self::RULES.check_uid(&self.0)
            }

            /// The ID as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A value of a server's response, kept as sent.
            #[inline]
            fn as_received(value: ::std::string::String) -> ::std::result::Result<Self, $crate::ValidationError> {
                ::std::result::Result::Ok(Self(value))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::ValidationError;
            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::new(value)
            }
        }

        $crate::__text_impls!($name, new, as_received);
    };
}

/// An ID that is either the API's own (starting with `$prefix`) or one the caller chose, `struct $name { value:
/// String, external: bool }`: `UID_PREFIX`, `uid`, `external`, `is_external`, `as_str`, Display, FromStr (by the
/// prefix) and serde.
#[macro_export]
macro_rules! external_id {
    ($name:ident { prefix = $prefix:expr $(, $rule:ident = $value:expr)* $(,)? }) => {
        impl $name {
            const RULES: $crate::newtypes::IdRules = $crate::__rules!($crate::newtypes::IdRules, $name, prefix = $prefix $(, $rule = $value)*);

            /// The prefix of the API's own IDs.
            pub const UID_PREFIX: &'static str = Self::RULES.prefix;

            /// The API's own ID; it must start with the prefix.
            #[inline]
            pub fn uid(
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                let value = value.into();
                Self::RULES.check_uid(&value)?;
                ::std::result::Result::Ok(Self { value, external: false })
            }

            /// Your own external ID. It must not start with the prefix, or the API would read it as its own ID.
            #[inline]
            pub fn external(
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                let value = value.into();
                Self::RULES.check_external(&value)?;
                ::std::result::Result::Ok(Self { value, external: true })
            }

            /// Whether this is an external ID you chose (rather than the API's own).
            #[inline]
            pub fn is_external(&self) -> bool {
                self.external
            }

            /// Checks the value against the rules of its kind. One built with `uid` or `external` always keeps them;
            /// one read from a server's response is kept as the server sent it, and may not.
            #[inline]
            pub fn check(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                if self.external {
                    Self::RULES.check_external(&self.value)
                } else {
                    Self::RULES.check_uid(&self.value)
                }
            }

            /// A value of a server's response, kept as sent: the API's own ID when it starts with the prefix.
            #[inline]
            fn as_received(value: ::std::string::String) -> ::std::result::Result<Self, $crate::ValidationError> {
                let external = !value.starts_with(Self::UID_PREFIX);
                ::std::result::Result::Ok(Self { value, external })
            }

            /// The ID as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                &self.value
            }

            /// Reads a wire value: the API's own ID when it starts with the prefix, else an external ID.
            #[inline]
            fn from_wire(value: ::std::string::String) -> ::std::result::Result<Self, $crate::ValidationError> {
                if value.starts_with(Self::UID_PREFIX) {
                    Self::uid(value)
                } else {
                    Self::external(value)
                }
            }
        }

        /// Reads a wire value (a header, a query): the API's own ID when it starts with the prefix, else an external ID.
        impl ::std::str::FromStr for $name {
            type Err = $crate::ValidationError;
            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::from_wire(value.to_owned())
            }
        }

        $crate::__text_impls!($name, from_wire, as_received);
    };
}

/// An integer newtype `struct $name($inner)` (`i32` or `i64`): `new` (checks the bounds of
/// [`crate::newtypes::IntegerRules`]), `get`, Display, FromStr and serde that checks on the way in.
#[macro_export]
macro_rules! integer_newtype {
    ($name:ident($inner:ty) { $($rule:ident = $value:expr),* $(,)? }) => {
        impl $name {
            const RULES: $crate::newtypes::IntegerRules = $crate::__rules!($crate::newtypes::IntegerRules, $name $(, $rule = $value)*);

            /// Checks `value` against the rules above.
            #[inline]
            pub fn new(value: $inner) -> ::std::result::Result<Self, $crate::ValidationError> {
                Self::RULES.check(::std::primitive::i64::from(value))?;
                ::std::result::Result::Ok(Self(value))
            }

            /// Checks the value against the rules above. A value built with `new` always keeps them; one read from a
            /// server's response is kept as the server sent it, and may not.
            #[inline]
            pub fn check(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                Self::RULES.check(::std::primitive::i64::from(self.0))
            }

            /// The number.
            #[inline]
            pub fn get(self) -> $inner {
                self.0
            }
        }

        $crate::__number_impls!($name);

        // Counts read from a page (`total_pages`) widen to `i64` whatever their width or rules.
        impl ::core::convert::From<$name> for ::std::primitive::i64 {
            #[inline]
            fn from(value: $name) -> Self {
                ::std::primitive::i64::from(value.0)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::newtypes::deserialize_checked::<D, $inner, Self>(deserializer, Self::new, |value| ::std::result::Result::Ok(Self(value)))
            }
        }
    };
}

/// A decimal newtype `struct $name(rt::Decimal)`: `new` (checks [`crate::newtypes::DecimalRules`]), `get`,
/// Display, FromStr (from the digits, never through a float) and serde as an exact JSON number.
#[macro_export]
macro_rules! decimal_newtype {
    ($name:ident { $($rule:ident = $value:expr),* $(,)? }) => {
        impl $name {
            const RULES: $crate::newtypes::DecimalRules = $crate::__rules!($crate::newtypes::DecimalRules, $name $(, $rule = $value)*);

            /// Checks `value` against the rules above.
            #[inline]
            pub fn new(value: $crate::Decimal) -> ::std::result::Result<Self, $crate::ValidationError> {
                Self::RULES.check(&value)?;
                ::std::result::Result::Ok(Self(value))
            }

            /// Checks the value against the rules above. A value built with `new` always keeps them; one read from a
            /// server's response is kept as the server sent it, and may not.
            #[inline]
            pub fn check(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                Self::RULES.check(&self.0)
            }

            /// The exact decimal value.
            #[inline]
            pub fn get(self) -> $crate::Decimal {
                self.0
            }
        }

        $crate::__number_impls!($name);

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::serialize_exact_decimal(&self.0, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                // The number must be an exact decimal either way; only the rules are left to `check`.
                let value = $crate::deserialize_exact_decimal(deserializer)?;
                if $crate::as_received::reading_as_received() {
                    return ::std::result::Result::Ok(Self(value));
                }
                Self::new(value).map_err(<D::Error as $crate::serde::de::Error>::custom)
            }
        }
    };
}

/// A list newtype `struct $name(Vec<$item>)`: `new` (checks the count of [`crate::newtypes::ListRules`]),
/// `as_slice`, `into_inner`, Deref to a slice, TryFrom<Vec<_>> and serde that checks the count on the way in.
#[macro_export]
macro_rules! list_newtype {
    ($name:ident($item:ty) { $($rule:ident = $value:expr),* $(,)? }) => {
        impl $name {
            const RULES: $crate::newtypes::ListRules = $crate::__rules!($crate::newtypes::ListRules, $name $(, $rule = $value)*);

            /// Checks the number of `items` against the rules above.
            #[inline]
            pub fn new(items: ::std::vec::Vec<$item>) -> ::std::result::Result<Self, $crate::ValidationError> {
                Self::RULES.check(items.len())?;
                ::std::result::Result::Ok(Self(items))
            }

            /// Checks the number of items against the rules above. A value built with `new` always keeps them; one
            /// read from a server's response is kept as the server sent it, and may not.
            #[inline]
            pub fn check(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                Self::RULES.check(self.0.len())
            }

            /// The items.
            #[inline]
            pub fn as_slice(&self) -> &[$item] {
                &self.0
            }

            /// The items, as an owned list.
            #[inline]
            pub fn into_inner(self) -> ::std::vec::Vec<$item> {
                self.0
            }
        }

        impl ::std::ops::Deref for $name {
            type Target = [$item];
            #[inline]
            fn deref(&self) -> &[$item] {
                &self.0
            }
        }

        impl ::std::convert::TryFrom<::std::vec::Vec<$item>> for $name {
            type Error = $crate::ValidationError;
            #[inline]
            fn try_from(items: ::std::vec::Vec<$item>) -> ::std::result::Result<Self, Self::Error> {
                Self::new(items)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                $crate::newtypes::deserialize_checked::<__D, ::std::vec::Vec<$item>, Self>(
                    deserializer,
                    Self::new,
                    |items| ::std::result::Result::Ok(Self(items)),
                )
            }
        }
    };
}

/// A map newtype with rules written on its field (`$name(BTreeMap<String, $item>)`): the number of entries and the
/// length and pattern of every key, checked by `new` and by decoding.
#[macro_export]
macro_rules! map_newtype {
    ($name:ident($item:ty) { $($rule:ident = $value:expr),* $(,)? }) => {
        impl $name {
            const RULES: $crate::newtypes::MapRules = $crate::__rules!($crate::newtypes::MapRules, $name $(, $rule = $value)*);

            /// Checks the entries and keys of `entries` against the rules above.
            #[inline]
            pub fn new(
                entries: ::std::collections::BTreeMap<::std::string::String, $item>,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                Self::RULES.check(entries.len(), entries.keys(), Self::key_pattern())?;
                ::std::result::Result::Ok(Self(entries))
            }

            /// Checks the entries and keys against the rules above. A value built with `new` always keeps them; one
            /// read from a server's response is kept as the server sent it, and may not.
            #[inline]
            pub fn check(&self) -> ::std::result::Result<(), $crate::ValidationError> {
                Self::RULES.check(self.0.len(), self.0.keys(), Self::key_pattern())
            }

            /// The compiled key pattern, built on first use.
            #[inline]
            fn key_pattern() -> &'static $crate::validate::Pattern {
                static KEY_PATTERN: $crate::validate::Pattern =
                    $crate::validate::Pattern::new($name::RULES.key_pattern_source());
                &KEY_PATTERN
            }

            /// The entries, as an owned map.
            #[inline]
            pub fn into_inner(self) -> ::std::collections::BTreeMap<::std::string::String, $item> {
                self.0
            }
        }

        impl ::std::ops::Deref for $name {
            type Target = ::std::collections::BTreeMap<::std::string::String, $item>;
            #[inline]
            fn deref(&self) -> &Self::Target {
                &self.0
            }
        }

        impl ::std::convert::TryFrom<::std::collections::BTreeMap<::std::string::String, $item>> for $name {
            type Error = $crate::ValidationError;
            #[inline]
            fn try_from(
                entries: ::std::collections::BTreeMap<::std::string::String, $item>,
            ) -> ::std::result::Result<Self, Self::Error> {
                Self::new(entries)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(deserializer: __D) -> ::std::result::Result<Self, __D::Error> {
                $crate::newtypes::deserialize_checked::<__D, ::std::collections::BTreeMap<::std::string::String, $item>, Self>(
                    deserializer,
                    Self::new,
                    |entries| ::std::result::Result::Ok(Self(entries)),
                )
            }
        }
    };
}

/// A string enum declared with one unit variant per documented value and `Unknown(String)`: `DOCUMENTED`,
/// `as_str`, `from_wire` (never fails: other values become `Unknown`), Display, FromStr (infallible, for headers)
/// and serde.
#[macro_export]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// Every documented value, in the order the spec lists them.
            pub const DOCUMENTED: &'static [&'static str] = &[$($wire),*];

            /// The value as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(value) => value,
                }
            }

            /// Reads a wire value; values the spec does not list become [`Self::Unknown`].
            #[inline]
            pub fn from_wire(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // Headers and other text are read through `FromStr`; like `from_wire`, it never fails.
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_wire(value))
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::newtypes::deserialize_wire_text(deserializer, Self::from_wire)
            }
        }
    };
}
