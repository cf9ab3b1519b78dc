//! A field that holds either the ID of an object or the object itself (`expandable<T>` in a spec), as Stripe sends
//! `destination` or `balance_transaction`: the ID unless the request asked to expand the field.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};

/// The ID of an object, or the object, as the server sent it.
#[derive(Clone, Debug, PartialEq)]
pub enum Expandable<T> {
    /// The object's ID: the field was not expanded.
    Id(String),
    /// The whole object: the field was expanded.
    Object(Box<T>),
}

impl<T> Expandable<T> {
    /// The ID, when that is what was sent.
    pub fn as_id(&self) -> Option<&str> {
        match self {
            Expandable::Id(id) => Some(id),
            Expandable::Object(_) => None,
        }
    }

    /// The object, when the field was expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }

    /// Whether the field was expanded.
    pub fn is_expanded(&self) -> bool {
        matches!(self, Expandable::Object(_))
    }
}

/// Written back as it came: the ID as a string, the object as an object.
impl<T: Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => serializer.serialize_str(id),
            Expandable::Object(object) => object.serialize(serializer),
        }
    }
}

/// A JSON string is the ID; a JSON object is decoded as `T`, with `T`'s own rules; anything else is refused.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ExpandableVisitor(PhantomData))
    }
}

struct ExpandableVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ExpandableVisitor<T> {
    type Value = Expandable<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an ID (a string) or the object it identifies")
    }

    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<Self::Value, E> {
        Ok(Expandable::Id(id.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, id: String) -> Result<Self::Value, E> {
        Ok(Expandable::Id(id))
    }

    // The map is handed on as it is, so the object's values (exact decimals among them) are read from the input.
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|object| Expandable::Object(Box::new(object)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ExactDecimal;

    #[derive(Clone, Debug, PartialEq, Serialize)]
    struct Account {
        id: String,
        balance: ExactDecimal,
    }
    crate::object_decoder!(Account closed {
        0 id ["id"] required: String;
        1 balance ["balance"] required: ExactDecimal;
    });

    #[test]
    fn an_id_or_the_object() {
        let id: Expandable<Account> = serde_json::from_str(r#""ba_123""#).expect("an ID");
        assert_eq!(id.as_id(), Some("ba_123"));
        let object: Expandable<Account> =
            serde_json::from_str(r#"{"id": "ba_123", "balance": 10.50}"#).expect("an object");
        let account = object.as_object().expect("expanded");
        assert_eq!(account.balance.to_string(), "10.50");
        assert_eq!(serde_json::to_string(&object).expect("written"), r#"{"id":"ba_123","balance":10.50}"#);
        assert_eq!(serde_json::to_string(&id).expect("written"), r#""ba_123""#);
    }

    #[test]
    fn anything_else_is_refused_with_the_objects_own_rules() {
        let error = serde_json::from_str::<Expandable<Account>>("12").expect_err("a number");
        assert!(error.to_string().contains("an ID (a string) or the object it identifies"), "{error}");
        let error = serde_json::from_str::<Expandable<Account>>(r#"{"id": "ba_1"}"#).expect_err("incomplete");
        assert!(error.to_string().contains("missing field `balance`"), "{error}");
        let error =
            serde_json::from_str::<Expandable<Account>>(r#"{"id": "ba_1", "balance": 1, "x": 2}"#).expect_err("closed");
        assert!(error.to_string().contains("unknown field `x`"), "{error}");
    }
}
