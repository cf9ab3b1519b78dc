//! Free-form JSON kept as its exact text ([`Json`]), and objects that keep the fields the spec does not list, without
//! going through serde's buffering.
//!
//! `#[serde(flatten)]` buffers a whole object in serde's private `Content` before handing it out, and numbers come out
//! of that buffer as `f64`, `u64` or `i64`: an exact decimal or an unlisted `12345678901234567890.123456789` would be
//! changed on the way. Generated objects are decoded by [`crate::object`] instead, which reads each listed field
//! straight from the input and sets the rest aside as raw JSON text ([`serde_json::value::RawValue`]), as
//! [`UnknownFields`], byte for byte.

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

/// The fields of an object that its spec does not list, in the order received, each kept as its raw JSON text.
///
/// Written back exactly as read (numbers keep every digit), after the listed fields.
#[derive(Clone, Default)]
pub struct UnknownFields {
    entries: Vec<(String, Box<RawValue>)>,
}

impl UnknownFields {
    /// No fields.
    pub fn new() -> Self {
        UnknownFields::default()
    }

    /// Keeps one more field, after those already kept.
    pub(crate) fn push(&mut self, name: String, value: Box<RawValue>) {
        self.entries.push((name, value));
    }

    /// Sets the field `name` to `value`: in its place when there is one, else after the others.
    pub(crate) fn replace(&mut self, name: &str, value: Box<RawValue>) {
        match self.entries.iter_mut().find(|(key, _)| key == name) {
            Some((_, kept)) => *kept = value,
            None => self.entries.push((name.to_owned(), value)),
        }
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The raw JSON text of the field named `name`, if the object had one.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.entries.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_ref())
    }

    /// Every field as its name and raw JSON text, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.entries.iter().map(|(key, value)| (key.as_str(), value.as_ref()))
    }

    /// Decodes the field named `name` as `T`, from its exact text; `None` when there is no such field.
    pub fn decode<T: DeserializeOwned>(&self, name: &str) -> Option<Result<T, serde_json::Error>> {
        self.get(name).map(|raw| serde_json::from_str(raw.get()))
    }
}

impl PartialEq for UnknownFields {
    /// Same names, in the same order, with the same JSON text.
    fn eq(&self, other: &Self) -> bool {
        self.iter().map(|(k, v)| (k, v.get())).eq(other.iter().map(|(k, v)| (k, v.get())))
    }
}

impl fmt::Debug for UnknownFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter().map(|(k, v)| (k, v.get()))).finish()
    }
}

impl Serialize for UnknownFields {
    /// A map of the fields; under `#[serde(flatten)]` they are written after the listed fields of their object.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (key, value) in &self.entries {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// Free-form JSON, for values the spec leaves untyped (`json` fields, error details, cursors), kept as its exact text.
///
/// Numbers keep every digit and the value is written back as it was read, so a cursor or an unlisted amount goes back
/// to the server unchanged; no serde_json feature that would change the rest of an application is needed for that.
/// [`Json::decode`] reads it as a typed value, [`Json::to_value`] as a `serde_json::Value` to inspect.
///
/// Two values are equal when their texts are equal apart from whitespace between tokens (`{"a": 1}` equals
/// `{"a":1}`; `1.0` and `1`, or the same keys in another order, are different texts).
///
/// Decoding works from serde_json (text or a `serde_json::Value`), not through serde's buffering for
/// `#[serde(flatten)]` or untagged enums, which cannot hand out raw text.
#[derive(Clone)]
pub struct Json(Box<RawValue>);

impl Json {
    /// JSON `null`.
    pub fn null() -> Json {
        Json::from_text("null").unwrap_or_else(|_| unreachable!("`null` is JSON"))
    }

    /// The value written in `text`, which must be one JSON value (surrounding whitespace is dropped).
    pub fn from_text(text: &str) -> Result<Json, serde_json::Error> {
        RawValue::from_string(text.trim().to_owned()).map(Json)
    }

    /// The value `value` encodes to, written by serde_json.
    pub fn encode<T: Serialize + ?Sized>(value: &T) -> Result<Json, serde_json::Error> {
        serde_json::value::to_raw_value(value).map(Json)
    }

    /// The exact JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// Whether the value is `null`.
    pub fn is_null(&self) -> bool {
        self.get() == "null"
    }

    /// Decodes the value as `T`, from its exact text.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, serde_json::Error> {
        serde_json::from_str(self.get())
    }

    /// The value a JSON pointer (RFC 6901: `""` is the whole value, `/error/code` a member of a member, `/0` the
    /// first item) names inside this one, with its exact text; `None` when nothing is there.
    ///
    /// Each step parses only the level it walks through, keeping members and items as raw text, so numbers stay exact
    /// and the depth is bounded by serde_json's recursion limit.
    pub fn pointer(&self, pointer: &str) -> Option<Json> {
        let mut current = self.0.clone();
        // A pointer is empty or starts with `/`; each token after a `/` names one member or item.
        let mut tokens = pointer.split('/');
        if tokens.next() != Some("") {
            return None;
        }
        for token in tokens {
            let token = token.replace("~1", "/").replace("~0", "~");
            current = match current.get().as_bytes().first() {
                Some(b'{') => {
                    let mut members: std::collections::BTreeMap<String, Box<RawValue>> =
                        serde_json::from_str(current.get()).ok()?;
                    members.remove(&token)?
                }
                Some(b'[') => {
                    let index: usize = token.parse().ok().filter(|_| token == "0" || !token.starts_with('0'))?;
                    let items: Vec<Box<RawValue>> = serde_json::from_str(current.get()).ok()?;
                    items.into_iter().nth(index)?
                }
                _ => return None,
            };
        }
        Some(Json(current))
    }

    /// The value as a `serde_json::Value`, for inspection. Unless the application turns on serde_json's
    /// `arbitrary_precision`, numbers become `i64`, `u64` or `f64` there (a fraction may be rounded, and a number
    /// beyond `f64` is an error); [`Json::get`] and [`Json::decode`] are exact.
    pub fn to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        self.decode()
    }

    /// The bytes of the text that carry meaning: everything except whitespace between tokens.
    fn significant_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let mut in_string = false;
        let mut escaped = false;
        self.get().bytes().filter(move |&byte| {
            if in_string {
                match (escaped, byte) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => in_string = false,
                    _ => {}
                }
                true
            } else {
                in_string = byte == b'"';
                !byte.is_ascii_whitespace()
            }
        })
    }
}

impl Default for Json {
    /// `null`.
    fn default() -> Self {
        Json::null()
    }
}

impl From<serde_json::Value> for Json {
    /// The value's text as serde_json writes it (exact for what the `Value` holds).
    fn from(value: serde_json::Value) -> Self {
        Json::encode(&value).unwrap_or_else(|_| unreachable!("a `serde_json::Value` always encodes"))
    }
}

impl std::str::FromStr for Json {
    type Err = serde_json::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Json::from_text(text)
    }
}

impl PartialEq for Json {
    /// The same text apart from whitespace between tokens.
    fn eq(&self, other: &Self) -> bool {
        self.significant_bytes().eq(other.significant_bytes())
    }
}

impl Eq for Json {}

impl std::hash::Hash for Json {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.significant_bytes().for_each(|byte| state.write_u8(byte));
    }
}

impl fmt::Debug for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Json({})", self.get())
    }
}

impl fmt::Display for Json {
    /// The exact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for Json {
    /// Writes the exact text (through serde_json's raw value; meant for serde_json).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Json {
    /// Keeps the value's text as received.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(Json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Page {
        next: Json,
    }

    /// A cursor (or any untyped value) goes back to the server with every digit it came with.
    #[test]
    fn json_values_are_written_back_as_read() {
        let text = r#"{"next":{"after":12345678901234567890.123456789,"limit":1e400,"tag":"a\"b"}}"#;
        let page: Page = serde_json::from_str(text).expect("decodes");
        assert_eq!(serde_json::to_string(&page).expect("encodes"), text);
        assert_eq!(page.next.get(), &text[8..text.len() - 1]);
        assert_eq!(page.next.to_string(), page.next.get());
        let from_value: Page =
            serde_json::from_value(serde_json::json!({"next": {"a": [1, "x"]}})).expect("from a Value");
        assert_eq!(from_value.next.get(), r#"{"a":[1,"x"]}"#);
    }

    #[test]
    fn json_values_decode_and_inspect() {
        let value: Json = r#" {"amount": 0.10, "ids": ["a"]} "#.parse().expect("JSON");
        assert_eq!(value.get(), r#"{"amount": 0.10, "ids": ["a"]}"#);
        #[derive(Deserialize)]
        struct Amount {
            #[serde(deserialize_with = "crate::exact::deserialize_exact_decimal")]
            amount: rust_decimal::Decimal,
        }
        assert_eq!(value.decode::<Amount>().expect("typed").amount.to_string(), "0.10");
        let inspected = value.to_value().expect("a Value");
        assert_eq!(inspected["ids"][0], "a");
        assert!(Json::from_text("{").is_err());
        assert!(Json::from_text("1 2").is_err());
        assert!(Json::null().is_null() && Json::default().is_null());
        assert!(!Json::from_text("\"null\"").expect("a string").is_null());
        assert_eq!(Json::encode(&vec!["x"]).expect("encodes").get(), r#"["x"]"#);
        assert_eq!(Json::from(serde_json::json!({"k": true})).get(), r#"{"k":true}"#);
    }

    #[test]
    fn json_equality_ignores_only_whitespace_between_tokens() {
        let json = |text: &str| Json::from_text(text).expect(text);
        assert_eq!(json(r#"{ "a" : [1, 2] }"#), json(r#"{"a":[1,2]}"#));
        assert_ne!(json(r#"{"a":"x y"}"#), json(r#"{"a":"xy"}"#), "whitespace inside a string counts");
        assert_ne!(json(r#"{"a":"\" x"}"#), json(r#"{"a":"\"x"}"#), "an escaped quote does not end the string");
        assert_ne!(json("1.0"), json("1"));
        assert_ne!(json(r#"{"a":1,"b":2}"#), json(r#"{"b":2,"a":1}"#));
        let state = std::hash::RandomState::new();
        let hash = |text: &str| std::hash::BuildHasher::hash_one(&state, json(text));
        assert_eq!(hash(r#"{ "a" : 1 }"#), hash(r#"{"a":1}"#), "equal values hash alike");
    }
}
