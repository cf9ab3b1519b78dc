//! Tagged unions (`kind: union` in a spec): one JSON object whose tag field (`"object": "card"`) says which object
//! type the rest of its fields belong to, as Stripe sends an expanded payout `destination`.
//!
//! A generated union is an enum with one boxed variant per documented tag and `Unknown` ([`OtherVariant`]) for a tag
//! the spec does not list (a value the server adds later still decodes, and is written back unchanged). The variants
//! are generated objects, so decoding reuses their tables ([`Object`]): the fields before the tag are kept as raw text,
//! and once the tag names the variant, they and the rest of the object are read as that variant's fields. Writing puts
//! the tag first, then the variant's own fields.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
use serde::ser::{Error as _, Impossible, SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::json::Json;
use crate::object::{Fields, Object};

/// A variant whose tag the spec does not list: its tag and the whole object, each kept as received.
///
/// It has no public constructor: a client only sends the variants its spec documents.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherVariant {
    tag: String,
    object: Json,
}

impl OtherVariant {
    /// The tag the server sent.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The whole object, tag included, as its exact JSON text.
    pub fn object(&self) -> &Json {
        &self.object
    }
}

impl Serialize for OtherVariant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.object.serialize(serializer)
    }
}

/// How deeply a union's value may nest (objects and arrays, at any depth inside it). Each union reads its fields again
/// from their text, which starts serde_json's own depth count afresh; without this bound a server could nest unions
/// until the client's stack overflows.
pub const MAX_NESTING: usize = 64;

/// A generated union, as [`decode`] reads it. Written by [`tagged_union!`](crate::tagged_union).
pub trait Tagged: Sized {
    /// The key of the field that names the variant.
    const TAG_KEY: &'static str;

    /// The variant `tag` names, read from `rest`: [`Rest::object`] for a listed tag, [`Rest::other`] otherwise.
    fn read_variant<'de, A: MapAccess<'de>>(tag: &str, rest: Rest<'_, A>) -> Result<Self, A::Error>;
}

/// Decodes the union `U` from a JSON object whose string field [`Tagged::TAG_KEY`] names its variant; anything else
/// is refused. The fields before the tag are kept as text, then read as the variant's; the fields after it are read
/// straight from the input, as a plain object's are. Servers mostly write the tag early (Stripe writes `object`
/// second), so little is kept. The object is read as a map (not as one raw text), so that it can also come from
/// inside another value's decoder (an expandable field's object).
pub fn decode<'de, D: Deserializer<'de>, U: Tagged>(deserializer: D) -> Result<U, D::Error> {
    deserializer.deserialize_map(UnionVisitor::<U>(PhantomData))
}

struct UnionVisitor<U>(PhantomData<U>);

impl<'de, U: Tagged> Visitor<'de> for UnionVisitor<U> {
    type Value = U;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with a `{}` tag", U::TAG_KEY)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let mut kept: Vec<(String, Box<RawValue>)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let raw = keep_value(&mut map)?;
            if key == U::TAG_KEY {
                let tag: String = serde_json::from_str(raw.get())
                    .map_err(|_| A::Error::custom(format!("the tag `{}` must be a string", U::TAG_KEY)))?;
                kept.push((key, raw));
                return U::read_variant(&tag, Rest { tag_key: U::TAG_KEY, kept, map: &mut map });
            }
            kept.push((key, raw));
        }
        Err(A::Error::missing_field(U::TAG_KEY))
    }
}

/// The next value of `map` as its exact text, refused when it nests deeper than [`MAX_NESTING`]: a kept value is read
/// again from its text, where serde_json's depth count starts afresh.
fn keep_value<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Box<RawValue>, A::Error> {
    let raw: Box<RawValue> = map.next_value()?;
    if nesting(raw.get()) >= MAX_NESTING {
        return Err(A::Error::custom(format!("a union nested more than {MAX_NESTING} levels deep")));
    }
    Ok(raw)
}

/// A union's object once its tag is read: the fields that came before the tag (the tag among them), kept as text,
/// and the input, positioned after the tag.
pub struct Rest<'a, A> {
    tag_key: &'static str,
    kept: Vec<(String, Box<RawValue>)>,
    map: &'a mut A,
}

impl<A> Rest<'_, A> {
    /// The object `O`, with `O`'s own rules (required fields, duplicates, unlisted fields kept or refused): the kept
    /// fields but the tag, then the rest of the input. A second tag is a duplicate field.
    pub fn object<'de, O: Object>(self) -> Result<Box<O>, A::Error>
    where
        A: MapAccess<'de>,
    {
        let mut fields = Fields::<O>::new();
        for (key, raw) in self.kept {
            if key != self.tag_key {
                fields.read_kept::<A::Error>(key, raw)?;
            }
        }
        fields.read_rest(self.map, Some(self.tag_key))?;
        fields.finish().map(Box::new)
    }

    /// The object as received, for a `tag` the spec does not list: its fields in their order, each value as its
    /// exact text (keys are written back in JSON's plain escaping, without the spaces between tokens).
    pub fn other<'de>(mut self, tag: &str) -> Result<OtherVariant, A::Error>
    where
        A: MapAccess<'de>,
    {
        while let Some(key) = self.map.next_key::<String>()? {
            if key == self.tag_key {
                return Err(A::Error::duplicate_field(self.tag_key));
            }
            let raw = keep_value(self.map)?;
            self.kept.push((key, raw));
        }
        let mut text = String::from("{");
        for (index, (key, raw)) in self.kept.iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            text.push_str(&serde_json::to_string(key).map_err(A::Error::custom)?);
            text.push(':');
            text.push_str(raw.get());
        }
        text.push('}');
        Ok(OtherVariant { tag: tag.to_owned(), object: Json::from_text(&text).map_err(A::Error::custom)? })
    }
}

/// The deepest nesting of objects and arrays in a JSON text (strings skipped), counted in one pass.
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for byte in text.bytes() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') => in_string = false,
            (true, false, _) => {}
            (false, _, b'"') => in_string = true,
            (false, _, b'{' | b'[') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (false, _, b'}' | b']') => depth = depth.saturating_sub(1),
            (false, _, _) => {}
        }
    }
    deepest
}

/// Writes `value`, an object, with the field `tag_key: tag` before its own fields.
pub fn serialize_tagged<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    tag_key: &'static str,
    tag: &'static str,
    value: &T,
) -> Result<S::Ok, S::Error> {
    value.serialize(TagFirst { inner: serializer, tag_key, tag })
}

/// A serializer that opens the object of the value it is given with the tag: a generated object writes itself as a
/// struct (closed) or a map (open, for its unlisted fields), and both begin with the tag here.
struct TagFirst<S> {
    inner: S,
    tag_key: &'static str,
    tag: &'static str,
}

/// The entries of an open variant after the tag: an entry under the tag's own key (an unlisted field the object kept
/// when it was read on its own) is left out, so the tag is sent once, as the union says.
pub struct WithoutTag<M> {
    map: M,
    tag_key: &'static str,
    skipping: bool,
}

impl<M: SerializeMap> SerializeMap for WithoutTag<M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        self.skipping = serde_json::to_string(key).is_ok_and(|text| text.trim_matches('"') == self.tag_key);
        if self.skipping {
            return Ok(());
        }
        self.map.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        if std::mem::take(&mut self.skipping) {
            return Ok(());
        }
        self.map.serialize_value(value)
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.map.end()
    }
}

/// Every way of writing a value that is not an object: refused, since a union variant is always an object.
macro_rules! not_an_object {
    ($($method:ident($($arg:ident: $ty:ty),*) -> $out:ty;)*) => {
        $(fn $method(self, $($arg: $ty),*) -> Result<$out, S::Error> {
            let _ = ($($arg,)*);
            Err(S::Error::custom("a variant of a tagged union must be an object"))
        })*
    };
}

impl<S: Serializer> Serializer for TagFirst<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = WithoutTag<S::SerializeMap>;
    type SerializeStruct = S::SerializeStruct;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let mut map = self.inner.serialize_map(len.map(|len| len + 1))?;
        map.serialize_entry(self.tag_key, self.tag)?;
        Ok(WithoutTag { map, tag_key: self.tag_key, skipping: false })
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<S::SerializeStruct, S::Error> {
        let mut object = self.inner.serialize_struct(name, len + 1)?;
        object.serialize_field(self.tag_key, self.tag)?;
        Ok(object)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom("a variant of a tagged union must be an object"))
    }

    not_an_object! {
        serialize_bool(v: bool) -> S::Ok;
        serialize_i8(v: i8) -> S::Ok;
        serialize_i16(v: i16) -> S::Ok;
        serialize_i32(v: i32) -> S::Ok;
        serialize_i64(v: i64) -> S::Ok;
        serialize_u8(v: u8) -> S::Ok;
        serialize_u16(v: u16) -> S::Ok;
        serialize_u32(v: u32) -> S::Ok;
        serialize_u64(v: u64) -> S::Ok;
        serialize_f32(v: f32) -> S::Ok;
        serialize_f64(v: f64) -> S::Ok;
        serialize_char(v: char) -> S::Ok;
        serialize_str(v: &str) -> S::Ok;
        serialize_bytes(v: &[u8]) -> S::Ok;
        serialize_none() -> S::Ok;
        serialize_unit() -> S::Ok;
        serialize_unit_struct(name: &'static str) -> S::Ok;
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str) -> S::Ok;
        serialize_seq(len: Option<usize>) -> Self::SerializeSeq;
        serialize_tuple(len: usize) -> Self::SerializeTuple;
        serialize_tuple_struct(name: &'static str, len: usize) -> Self::SerializeTupleStruct;
        serialize_tuple_variant(name: &'static str, index: u32, variant: &'static str, len: usize)
            -> Self::SerializeTupleVariant;
        serialize_struct_variant(name: &'static str, index: u32, variant: &'static str, len: usize)
            -> Self::SerializeStructVariant;
    }
}

/// `Serialize`, `Deserialize`, `From` each variant's object and `tag()` for a generated union: its name, the key of
/// its tag, then each variant as its Rust name, its object type and its tag. The enum must have one variant per entry
/// holding `Box<Object>`, and `Unknown(rt::union::OtherVariant)`.
///
/// ```
/// use codegen_runtime as rt;
///
/// #[derive(Clone, Debug, PartialEq, rt::serde::Serialize)]
/// #[serde(crate = "rt::serde")]
/// pub struct Card {
///     pub last4: String,
/// }
/// rt::object_decoder!(Card closed { 0 last4 ["last4"] required: String; });
///
/// #[derive(Clone, Debug, PartialEq)]
/// pub enum Destination {
///     Card(Box<Card>),
///     Unknown(rt::union::OtherVariant),
/// }
/// rt::tagged_union!(Destination "object" { Card(Card) = "card", });
///
/// let card: Destination = rt::serde_json::from_str(r#"{"last4": "4242", "object": "card"}"#).unwrap();
/// assert_eq!(card, Destination::from(Card { last4: "4242".into() }));
/// assert_eq!(rt::serde_json::to_string(&card).unwrap(), r#"{"object":"card","last4":"4242"}"#);
///
/// let bank: Destination = rt::serde_json::from_str(r#"{"object": "bank_account", "id": "ba_1"}"#).unwrap();
/// assert_eq!(bank.tag(), "bank_account");
/// // A tag the spec does not list: the object is kept, each value as its exact text, and written back.
/// assert_eq!(rt::serde_json::to_string(&bank).unwrap(), r#"{"object":"bank_account","id":"ba_1"}"#);
/// ```
#[macro_export]
macro_rules! tagged_union {
    ($type:ident $tag_key:literal { $($variant:ident($object:ty) = $tag:literal,)* }) => {
        impl $crate::serde::Serialize for $type {
            fn serialize<__S: $crate::serde::Serializer>(
                &self,
                serializer: __S,
            ) -> ::std::result::Result<__S::Ok, __S::Error> {
                match self {
                    $($type::$variant(value) => $crate::union::serialize_tagged(serializer, $tag_key, $tag, value),)*
                    $type::Unknown(other) => $crate::serde::Serialize::serialize(other, serializer),
                }
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $type {
            fn deserialize<__D: $crate::serde::Deserializer<'de>>(
                deserializer: __D,
            ) -> ::std::result::Result<Self, __D::Error> {
                $crate::union::decode(deserializer)
            }
        }

        impl $crate::union::Tagged for $type {
            const TAG_KEY: &'static str = $tag_key;

            fn read_variant<'de, __A: $crate::serde::de::MapAccess<'de>>(
                tag: &str,
                rest: $crate::union::Rest<'_, __A>,
            ) -> ::std::result::Result<Self, __A::Error> {
                match tag {
                    $($tag => rest.object::<$object>().map($type::$variant),)*
                    _ => rest.other(tag).map($type::Unknown),
                }
            }
        }

        $(impl ::std::convert::From<$object> for $type {
            fn from(value: $object) -> Self {
                $type::$variant(::std::boxed::Box::new(value))
            }
        })*

        impl $type {
            /// The tag of the variant, as it is sent.
            pub fn tag(&self) -> &str {
                match self {
                    $($type::$variant(_) => $tag,)*
                    $type::Unknown(other) => other.tag(),
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use crate::UnknownFields;

    #[derive(Clone, Debug, PartialEq, Serialize)]
    struct Bank {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(flatten)]
        additional_fields: UnknownFields,
    }
    crate::object_decoder!(Bank open {
        0 id ["id"] required: String;
        1 name ["name"] optional: String;
    });

    #[derive(Clone, Debug, PartialEq, Serialize)]
    struct Card {
        last4: String,
    }
    crate::object_decoder!(Card closed { 0 last4 ["last4"] required: String; });

    #[derive(Clone, Debug, PartialEq)]
    enum Destination {
        Bank(Box<Bank>),
        Card(Box<Card>),
        Unknown(super::OtherVariant),
    }
    crate::tagged_union!(Destination "object" { Bank(Bank) = "bank_account", Card(Card) = "card", });

    fn decode(text: &str) -> Result<Destination, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    #[test]
    fn the_tag_picks_the_variant_wherever_it_is() {
        let bank = decode(r#"{"id":"ba_1","rate":1.50,"object":"bank_account"}"#).expect("a bank account");
        let Destination::Bank(inner) = &bank else { panic!("{bank:?}") };
        assert_eq!((inner.id.as_str(), inner.name.as_deref()), ("ba_1", None));
        assert_eq!(inner.additional_fields.get("rate").map(|raw| raw.get()), Some("1.50"), "tag not kept as unknown");
        assert_eq!(inner.additional_fields.len(), 1);
        assert_eq!(
            serde_json::to_string(&bank).expect("encodes"),
            r#"{"object":"bank_account","id":"ba_1","rate":1.50}"#
        );
        let card = decode(r#"{"object":"card","last4":"4242"}"#).expect("a card");
        assert_eq!(card.tag(), "card");
        assert_eq!(serde_json::to_string(&card).expect("encodes"), r#"{"object":"card","last4":"4242"}"#);
    }

    #[test]
    fn an_unlisted_tag_is_kept_whole() {
        let text = r#"{"object":"deleted_card","id":"card_1","n":12345678901234567890.5}"#;
        let other = decode(text).expect("kept");
        let Destination::Unknown(inner) = &other else { panic!("{other:?}") };
        assert_eq!((inner.tag(), inner.object().get()), ("deleted_card", text));
        assert_eq!(serde_json::to_string(&other).expect("encodes"), text);
    }

    #[test]
    fn a_broken_union_is_refused_with_a_reason() {
        assert!(decode(r#"{"id":"ba_1"}"#).expect_err("no tag").starts_with("missing field `object`"));
        assert!(decode(r#"{"object":7}"#).expect_err("a number").contains("must be a string"));
        let twice = decode(r#"{"object":"card","object":"card","last4":"1"}"#).expect_err("twice");
        assert!(twice.starts_with("duplicate field `object`"), "{twice}");
        assert!(decode(r#"{"object":"card"}"#).expect_err("no last4").contains("missing field `last4`"));
        let closed = decode(r#"{"object":"card","last4":"1","x":1}"#).expect_err("closed");
        assert!(closed.contains("unknown field `x`"), "{closed}");
        assert!(decode(r#"["card"]"#).expect_err("not an object").contains("expected a JSON object"));
        assert!(decode(r#"{"object":"card","last4":5}"#).expect_err("wrong type").contains("invalid type"));
    }

    #[test]
    fn an_unlisted_tag_keeps_its_values_exactly_and_deep_nesting_is_refused() {
        let text = r#"{ "object" : "w\u0061llet", "h\u00e9" : [1, 2.50, 1e400] }"#;
        let Destination::Unknown(other) = decode(text).expect("kept") else { panic!("an unknown tag") };
        let kept = r#"{"object":"w\u0061llet","hé":[1, 2.50, 1e400]}"#;
        assert_eq!((other.tag(), other.object().get()), ("wallet", kept));
        // A value before the tag, or in an object whose tag is not listed, is kept as text and read again: bounded.
        let deep = format!(r#"{{"x":{}1{},"object":"bank_account","id":"b"}}"#, "[".repeat(70), "]".repeat(70));
        assert!(decode(&deep).expect_err("too deep").contains("nested more than 64"), "{deep}");
        let fits = format!(r#"{{"x":{}1{},"object":"bank_account","id":"b"}}"#, "[".repeat(60), "]".repeat(60));
        assert!(decode(&fits).is_ok());
        let other = format!(r#"{{"object":"wallet","x":{}1{}}}"#, "[".repeat(70), "]".repeat(70));
        assert!(decode(&other).expect_err("too deep").contains("nested more than 64"), "{other}");
        // After a listed tag, values are read from the input itself, under serde_json's own depth count.
        let streamed = format!(r#"{{"object":"bank_account","id":"b","x":{}1{}}}"#, "[".repeat(70), "]".repeat(70));
        assert!(decode(&streamed).is_ok());
    }

    #[test]
    fn a_tag_kept_among_a_variants_unlisted_fields_is_sent_once() {
        // A bank account read on its own keeps `object` as an unlisted field; the union writes its own tag only.
        let bank: Bank = serde_json::from_str(r#"{"id":"ba_1","object":"card"}"#).expect("a bank account");
        let union = Destination::from(bank);
        assert_eq!(serde_json::to_string(&union).expect("encodes"), r#"{"object":"bank_account","id":"ba_1"}"#);
    }

    #[test]
    fn a_variant_that_is_not_an_object_cannot_be_written() {
        let error = serde_json::to_string(&TaggedOnly).expect_err("a string is not an object");
        assert!(error.to_string().contains("must be an object"), "{error}");
    }

    struct TaggedOnly;

    impl Serialize for TaggedOnly {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            super::serialize_tagged(serializer, "object", "card", "not an object")
        }
    }
}
