//! Decoding generated objects from a table of their fields, instead of a derived decoder per type.
//!
//! A derived `Deserialize` writes, for every struct, a field enum with its own visitor, a map visitor and a sequence
//! visitor: about 300 lines of code per type for the compiler. Here the walk over the object is written once
//! ([`decode`]); a generated type only lists its fields ([`object_decoder!`](crate::object_decoder)), and its part of
//! the work is a `match` from a key to its field, one that decodes a value into its slot and one struct literal that
//! checks the required ones.
//!
//! The rules are serde's: wire names and aliases; a required field missing is `missing field`, a field given twice
//! `duplicate field`; an optional field may be absent or `null` (both `None`), and a nullable optional one keeps absent
//! (`None`) and `null` (`Some(None)`) apart. An open object keeps every unlisted field as its exact JSON text
//! ([`UnknownFields`]); a closed one refuses it. The input must be a JSON object.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::json::UnknownFields;

/// A generated object, as [`decode`] reads it. Written by [`object_decoder!`](crate::object_decoder).
pub trait Object: Sized {
    /// Every name the object reads (wire names and aliases), with the index of its field.
    const NAMES: &'static [(&'static str, usize)];
    /// The wire name of each field, by index, for messages.
    const WIRE_NAMES: &'static [&'static str];
    /// Whether unlisted fields are kept (`true`) or refused.
    const OPEN: bool;
    /// One slot per field, empty until the field is read.
    type Partial;

    /// The index of the field `name` names (a wire name or an alias). A `match` on the names, which the compiler
    /// turns into a switch on the length and a comparison with the names of that length, as serde's derive does.
    fn index_of(name: &str) -> Option<usize>;

    /// Every slot empty.
    fn empty() -> Self::Partial;

    /// Decodes `value` into the slot of field `index`; a slot already filled is a duplicate field.
    fn set<'de, D: Deserializer<'de>>(partial: &mut Self::Partial, index: usize, value: D) -> Result<(), D::Error>;

    /// The object from its slots and unlisted fields, or the wire name of a required field that is missing.
    fn finish(partial: Self::Partial, unknown: UnknownFields) -> Result<Self, &'static str>;
}

/// Decodes the object `O` from a JSON object.
pub fn decode<'de, D: Deserializer<'de>, O: Object>(deserializer: D) -> Result<O, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// The value of a required field, or its wire name when it is missing.
pub fn required<T>(slot: Option<T>, name: &'static str) -> Result<T, &'static str> {
    slot.ok_or(name)
}

/// Adds the unlisted field `name` to `fields`, the unlisted fields of an `O`, unless `O` reads that name (a wire name or
/// an alias) itself.
pub fn add_field<O: Object>(
    fields: &mut UnknownFields,
    name: &str,
    value: &impl serde::Serialize,
) -> Result<(), crate::ValidationError> {
    let listed: Vec<&str> = O::NAMES.iter().map(|(listed, _)| *listed).collect();
    fields.add(&listed, name, value)
}

/// The error of a field given twice, for [`Object::set`].
pub fn duplicate<E: Error>(name: &'static str) -> E {
    E::duplicate_field(name)
}

struct ObjectVisitor<O>(PhantomData<O>);

impl<'de, O: Object> Visitor<'de> for ObjectVisitor<O> {
    type Value = O;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<O, A::Error> {
        let mut fields = Fields::<O>::new();
        fields.read_rest(&mut map, None)?;
        fields.finish()
    }
}

/// The fields of an `O` read so far: its slots and its unlisted fields. A union fills one with the fields it read
/// before its tag, then lets it read the rest of the object straight from the input.
pub(crate) struct Fields<O: Object> {
    partial: O::Partial,
    unknown: UnknownFields,
}

impl<O: Object> Fields<O> {
    pub(crate) fn new() -> Self {
        Fields { partial: O::empty(), unknown: UnknownFields::new() }
    }

    /// Reads one field from its JSON text, kept by a union that had not yet seen its tag.
    pub(crate) fn read_kept<E: Error>(&mut self, key: String, raw: Box<RawValue>) -> Result<(), E> {
        match O::index_of(&key) {
            Some(index) => {
                let mut value = serde_json::Deserializer::from_str(raw.get());
                O::set(&mut self.partial, index, &mut value).map_err(E::custom)
            }
            None if O::OPEN => {
                self.unknown.push(key, raw);
                Ok(())
            }
            None => Err(E::unknown_field(&key, O::WIRE_NAMES)),
        }
    }

    /// Reads the rest of `map`. `tag_key`, a union's tag already read, may not come again.
    pub(crate) fn read_rest<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        tag_key: Option<&'static str>,
    ) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if let Some(tag_key) = tag_key.filter(|tag_key| *tag_key == key.as_str()) {
                return Err(A::Error::duplicate_field(tag_key));
            }
            match O::index_of(key.as_str()) {
                Some(index) => map.next_value_seed(FieldSeed::<O> { partial: &mut self.partial, index })?,
                None if O::OPEN => {
                    let value: Box<RawValue> = map.next_value()?;
                    self.unknown.push(key.into_string(), value);
                }
                None => return Err(A::Error::unknown_field(key.as_str(), O::WIRE_NAMES)),
            }
        }
        Ok(())
    }

    /// The object, or the error naming a required field that is missing.
    pub(crate) fn finish<E: Error>(self) -> Result<O, E> {
        O::finish(self.partial, self.unknown).map_err(E::missing_field)
    }
}

/// Hands the value of one field to the object's [`Object::set`].
struct FieldSeed<'a, O: Object> {
    partial: &'a mut O::Partial,
    index: usize,
}

impl<'de, O: Object> DeserializeSeed<'de> for FieldSeed<'_, O> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        O::set(self.partial, self.index, deserializer)
    }
}

/// An object's key, borrowed from the input when it has no escapes (the usual case), owned otherwise.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Key<'de> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    fn into_string(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }

            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }

            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }

            fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}

/// `Deserialize` for a generated object, through [`Object`]: the type's name, `open` (unlisted fields are kept in
/// its `additional_fields`) or `closed` (they are refused), then each field as its index, its Rust name, its wire
/// name and aliases, how it is read and the type of its value `T`:
///
/// - `required`: a `T`, which must be present;
/// - `required_nullable`: an `Option<T>`, which must be present, `None` when `null`;
/// - `optional`: an `Option<T>`, `None` when absent or `null`;
/// - `optional_nullable`: an `Option<Option<T>>`, `None` when absent, `Some(None)` when `null`.
///
/// ```
/// use codegen_runtime as rt;
///
/// #[derive(Debug, PartialEq)]
/// pub struct Payout {
///     pub amount: i64,
///     pub note: Option<String>,
///     pub sent_at: Option<Option<String>>,
///     additional_fields: rt::UnknownFields,
/// }
/// rt::object_decoder!(Payout open {
///     0 amount ["amount" | "sum"] required: i64;
///     1 note ["note"] optional: String;
///     2 sent_at ["sentAt"] optional_nullable: String;
/// });
///
/// let payout: Payout = rt::serde_json::from_str(r#"{"sum": 5, "sentAt": null, "rate": 1.50}"#).unwrap();
/// assert_eq!((payout.amount, payout.note.as_deref(), payout.sent_at), (5, None, Some(None)));
/// assert_eq!(payout.additional_fields.get("rate").map(|raw| raw.get()), Some("1.50"));
/// ```
#[macro_export]
macro_rules! object_decoder {
    ($type:ident open { $($fields:tt)* }) => {
        $crate::__object_decoder!($type, true, unknown, [additional_fields: unknown,] { $($fields)* });

        // A private type (a test's own) need not use its escape hatch.
        #[allow(dead_code)]
        impl $type {
            /// Adds a field the spec does not list, sent after the listed ones (see `runtime::extras`), or replaces
            /// an unlisted field of that name. Refused when the spec lists `name`: set it through its own field.
            #[inline]
            pub fn add_field(
                mut self,
                name: &str,
                value: impl $crate::serde::Serialize,
            ) -> ::std::result::Result<Self, $crate::ValidationError> {
                $crate::object::add_field::<Self>(&mut self.additional_fields, name, &value)?;
                ::std::result::Result::Ok(self)
            }
        }
    };
    ($type:ident closed { $($fields:tt)* }) => {
        $crate::__object_decoder!($type, false, unknown, [] { $($fields)* });
    };
}

/// The body of [`object_decoder!`]; `$extra` completes the struct literal (the unlisted fields of an open object,
/// named `$unknown`, which comes from the caller's tokens like `$extra` so that both name the same variable).
#[doc(hidden)]
#[macro_export]
macro_rules! __object_decoder {
    (
        $type:ident, $open:literal, $unknown:ident, [$($extra:tt)*]
        { $($index:tt $field:ident [$($name:literal)|+] $kind:ident: $ty:ty;)* }
    ) => {
        impl<'de> $crate::serde::Deserialize<'de> for $type {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                $crate::object::decode(deserializer)
            }
        }

        impl $crate::object::Object for $type {
            const NAMES: &'static [(&'static str, usize)] = &[$($(($name, $index),)+)*];
            const WIRE_NAMES: &'static [&'static str] = &[$($crate::__first_name!($($name)|+),)*];
            const OPEN: bool = $open;
            type Partial = ($(::std::option::Option<$crate::__field_type!($kind, $ty)>,)*);

            #[inline]
            fn index_of(name: &str) -> ::std::option::Option<usize> {
                match name {
                    $($($name)|+ => ::std::option::Option::Some($index),)*
                    _ => ::std::option::Option::None,
                }
            }

            // Inline, like `finish`: compiled only in a crate that decodes the type.
            #[inline]
            fn empty() -> Self::Partial {
                ($(::std::option::Option::<$crate::__field_type!($kind, $ty)>::None,)*)
            }

            fn set<'de, __D: $crate::serde::Deserializer<'de>>(
                partial: &mut Self::Partial,
                index: usize,
                value: __D,
            ) -> ::std::result::Result<(), __D::Error> {
                let _ = &value;
                match index {
                    $($index => {
                        if partial.$index.is_some() {
                            return ::std::result::Result::Err($crate::object::duplicate(
                                $crate::__first_name!($($name)|+),
                            ));
                        }
                        partial.$index = ::std::option::Option::Some($crate::__read_field!($kind, $ty, value)?);
                    })*
                    _ => {}
                }
                ::std::result::Result::Ok(())
            }

            #[inline]
            fn finish(
                partial: Self::Partial,
                $unknown: $crate::UnknownFields,
            ) -> ::std::result::Result<Self, &'static str> {
                let _ = (&partial, &$unknown);
                ::std::result::Result::Ok(Self {
                    $($field: $crate::__finish_field!($kind, partial.$index, $crate::__first_name!($($name)|+)),)*
                    $($extra)*
                })
            }
        }
    };
}

/// The first of a field's names: its wire name.
#[doc(hidden)]
#[macro_export]
macro_rules! __first_name {
    ($first:literal $(| $rest:literal)*) => {
        $first
    };
}

/// The Rust type of a field whose value is `$ty`, as its kind says.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_type {
    (required, $ty:ty) => { $ty };
    (required_nullable, $ty:ty) => { ::std::option::Option<$ty> };
    (optional, $ty:ty) => { ::std::option::Option<$ty> };
    (optional_nullable, $ty:ty) => { ::std::option::Option<::std::option::Option<$ty>> };
}

/// Reads one field's value as its kind says: `null` is `Some(None)` for an optional nullable field.
#[doc(hidden)]
#[macro_export]
macro_rules! __read_field {
    (optional_nullable, $ty:ty, $value:ident) => {
        $crate::nullable::deserialize::<$ty, _>($value)
    };
    ($kind:ident, $ty:ty, $value:ident) => {
        <$crate::__field_type!($kind, $ty) as $crate::serde::Deserialize>::deserialize($value)
    };
}

/// A field's value from its slot: a required one must be there; an optional one is `None` when absent.
#[doc(hidden)]
#[macro_export]
macro_rules! __finish_field {
    (required, $slot:expr, $name:expr) => {
        $crate::object::required($slot, $name)?
    };
    (required_nullable, $slot:expr, $name:expr) => {
        $crate::object::required($slot, $name)?
    };
    (optional, $slot:expr, $name:expr) => {
        ::std::option::Option::flatten($slot)
    };
    (optional_nullable, $slot:expr, $name:expr) => {
        ::std::option::Option::flatten($slot)
    };
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::value::RawValue;

    use crate::{Json, UnknownFields};

    #[derive(Debug, PartialEq, Serialize)]
    struct Payment {
        amount: i64,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", with = "crate::nullable")]
        settled: Option<Option<String>>,
        #[serde(flatten)]
        additional_fields: UnknownFields,
    }
    crate::object_decoder!(Payment open {
        0 amount ["amount" | "sum"] required: i64;
        1 note ["note"] optional: String;
        2 settled ["settled"] optional_nullable: String;
    });

    #[derive(Debug, PartialEq, Serialize)]
    struct Limit {
        max: Option<u32>,
    }
    crate::object_decoder!(Limit closed {
        0 max ["max"] required_nullable: u32;
    });

    #[test]
    fn unknown_fields_keep_their_exact_text() {
        let text = r#"{"amount":100,"rate":12345678901234567890.123456789,"tags":[1,2.50,1e400],"note":"n"}"#;
        let payment: Payment = serde_json::from_str(text).expect("decodes");
        assert_eq!((payment.amount, payment.note.as_deref(), &payment.settled), (100, Some("n"), &None));
        assert_eq!(payment.additional_fields.len(), 2);
        let rate = payment.additional_fields.get("rate").map(RawValue::get);
        assert_eq!(rate, Some("12345678901234567890.123456789"));
        let tags = payment.additional_fields.decode::<Vec<Json>>("tags").expect("a tags field").expect("an array");
        assert_eq!(tags.iter().map(Json::get).collect::<Vec<_>>(), ["1", "2.50", "1e400"]);
        let written = serde_json::to_string(&payment).expect("encodes");
        assert_eq!(written, r#"{"amount":100,"note":"n","rate":12345678901234567890.123456789,"tags":[1,2.50,1e400]}"#);
        let again: Payment = serde_json::from_str(&written).expect("decodes again");
        assert_eq!(again, payment);
    }

    #[test]
    fn fields_keep_serde_rules() {
        let payment: Payment = serde_json::from_str(r#"{"sum":5,"note":null,"settled":null}"#).expect("alias, nulls");
        assert_eq!((payment.amount, payment.note, payment.settled), (5, None, Some(None)));
        let payment: Payment = serde_json::from_str(r#"{"amount":5,"settled":"2024-01-06"}"#).expect("a value");
        assert_eq!(payment.settled, Some(Some("2024-01-06".to_owned())));
        let error = serde_json::from_str::<Payment>(r#"{"note":"x"}"#).expect_err("amount is required");
        assert!(error.to_string().starts_with("missing field `amount`"), "{error}");
        let error = serde_json::from_str::<Payment>(r#"{"amount":1,"sum":2}"#).expect_err("twice, by its alias");
        assert!(error.to_string().starts_with("duplicate field `amount`"), "{error}");
        let error = serde_json::from_str::<Payment>(r#"{"amount":"1"}"#).expect_err("a string");
        assert!(error.to_string().starts_with("invalid type: string \"1\", expected i64"), "{error}");
        assert!(serde_json::from_str::<Payment>("[1]").is_err(), "an array is not an object");
        let from_value: Payment =
            serde_json::from_value(serde_json::json!({"amount": 7, "x": {"y": true}})).expect("from a Value");
        assert_eq!(from_value.additional_fields.get("x").map(RawValue::get), Some(r#"{"y":true}"#));
    }

    #[test]
    fn closed_objects_refuse_unlisted_fields() {
        let limit: Limit = serde_json::from_str(r#"{"max":null}"#).expect("required, nullable");
        assert_eq!(limit, Limit { max: None });
        assert!(serde_json::from_str::<Limit>("{}").is_err(), "required even when nullable");
        let error = serde_json::from_str::<Limit>(r#"{"max":1,"min":0}"#).expect_err("unlisted");
        assert!(error.to_string().starts_with("unknown field `min`, expected `max`"), "{error}");
    }
}
