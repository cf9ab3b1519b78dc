//! Objects that keep the fields the spec does not list, without going through serde's buffering.
//!
//! `#[serde(flatten)]` buffers a whole object in serde's private `Content` before handing it out, and numbers come out
//! of that buffer as `f64`, `u64` or `i64`: an exact decimal or an unlisted `12345678901234567890.123456789` would be
//! changed on the way. [`deserialize_open_object`] reads an object's entries as raw JSON text instead
//! ([`serde_json::value::RawValue`]), decodes the listed ones as the generated type, and keeps the rest as
//! [`UnknownFields`], byte for byte.

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer, Error as _, MapAccess, Visitor};
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

/// Every entry of a JSON object, in order, each value as raw text.
struct RawEntries(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for RawEntries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = RawEntries;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    entries.push(entry);
                }
                Ok(RawEntries(entries))
            }
        }

        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// Decodes a JSON object whose listed fields (`known`, wire names and aliases) make up `T`, and keeps every other
/// field as [`UnknownFields`].
///
/// `T` is the generated type's listed fields alone (without `#[serde(flatten)]`), so serde's derive still decides
/// names, aliases, defaults, `null` handling and duplicate fields; it decodes from the exact text of those entries,
/// so numbers are never buffered as floats.
pub fn deserialize_open_object<'de, D, T>(deserializer: D, known: &[&str]) -> Result<(T, UnknownFields), D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let RawEntries(entries) = RawEntries::deserialize(deserializer)?;
    let (listed, unknown): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(key, _)| known.contains(&key.as_str()));
    let text = object_text(&listed).map_err(D::Error::custom)?;
    let value = serde_json::from_str(&text).map_err(|error| D::Error::custom(without_position(&error)))?;
    Ok((value, UnknownFields { entries: unknown }))
}

/// The JSON text of an object with the given entries.
fn object_text(entries: &[(String, Box<RawValue>)]) -> Result<String, serde_json::Error> {
    let mut text = String::from("{");
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(key)?);
        text.push(':');
        text.push_str(value.get());
    }
    text.push('}');
    Ok(text)
}

/// The message of an error from decoding the rebuilt object, without a line and column that point into that rebuilt
/// text rather than the caller's input.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rsplit_once(" at line ") {
        Some((message, _)) if error.line() > 0 => message.to_owned(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Listed {
        #[serde(alias = "sum")]
        amount: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    }

    #[derive(Debug, PartialEq, Serialize)]
    struct Payment {
        #[serde(flatten)]
        listed: Listed,
        #[serde(flatten)]
        unknown: UnknownFields,
    }

    impl<'de> Deserialize<'de> for Payment {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let (listed, unknown) = deserialize_open_object(deserializer, &["amount", "sum", "note"])?;
            Ok(Payment { listed, unknown })
        }
    }

    #[test]
    fn unknown_fields_keep_their_exact_text() {
        let text = r#"{"amount":100,"rate":12345678901234567890.123456789,"tags":[1,2.50,1e400],"note":"n"}"#;
        let payment: Payment = serde_json::from_str(text).expect("decodes");
        assert_eq!(payment.listed, Listed { amount: 100, note: Some("n".into()) });
        assert_eq!(payment.unknown.len(), 2);
        assert_eq!(payment.unknown.get("rate").map(RawValue::get), Some("12345678901234567890.123456789"));
        assert_eq!(payment.unknown.decode::<Vec<serde_json::Value>>("tags").map(|t| t.is_err()), Some(false));
        let written = serde_json::to_string(&payment).expect("encodes");
        assert_eq!(written, r#"{"amount":100,"note":"n","rate":12345678901234567890.123456789,"tags":[1,2.50,1e400]}"#);
        let again: Payment = serde_json::from_str(&written).expect("decodes again");
        assert_eq!(again, payment);
    }

    #[test]
    fn listed_fields_keep_serde_rules() {
        let payment: Payment = serde_json::from_str(r#"{"sum":5,"note":null}"#).expect("alias, null as absent");
        assert_eq!(payment.listed, Listed { amount: 5, note: None });
        assert!(payment.unknown.is_empty());
        let error = serde_json::from_str::<Payment>(r#"{"note":"x"}"#).expect_err("amount is required");
        assert!(error.to_string().starts_with("missing field `amount`"), "{error}");
        let error = serde_json::from_str::<Payment>(r#"{"amount":1,"amount":2}"#).expect_err("twice");
        assert!(error.to_string().starts_with("duplicate field `amount`"), "{error}");
        assert!(serde_json::from_str::<Payment>(r#"[1]"#).is_err());
        let from_value: Payment =
            serde_json::from_value(serde_json::json!({"amount": 7, "x": {"y": true}})).expect("from a Value");
        assert_eq!(from_value.unknown.get("x").map(RawValue::get), Some(r#"{"y":true}"#));
    }
}
