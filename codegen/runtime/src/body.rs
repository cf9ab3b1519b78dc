//! Request bodies: a value written as JSON, or as an HTML form (`application/x-www-form-urlencoded`) whose nested
//! values take bracketed keys, and the same bracketed form for a query parameter that holds an object.
//!
//! The form is written from the value's JSON, so everything that decides the JSON (wire names, fields left out,
//! exact decimals, `null`) decides the form the same way. The rules, which are the spec language's:
//!
//! - an object's member is `key[member]`, an array's item `key[index]` counting from 0, at any depth:
//!   `{"metadata": {"order": "6735"}, "expand": ["destination"]}` is `metadata[order]=6735&expand[0]=destination`;
//! - a string is its text, a number its digits as written (`10.50` stays `10.50`), a boolean `true` or `false`;
//! - `null`, an empty array and an empty object are the key with an empty value (`description=`): the form has no
//!   other way to say "nothing", and APIs that take forms read it as "clear this";
//! - keys and values are percent-encoded as browsers encode forms (a space is `+`, `[` is `%5B`);
//! - a member name holding `[` or `]` is refused before anything is sent: the server would read it as more nesting.

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::value::RawValue;
use std::fmt;

use crate::validate::ValidationError;

/// How a request body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`, nested values under bracketed keys.
    Form,
}

impl BodyEncoding {
    /// The `Content-Type` of a body written this way.
    pub fn content_type(self) -> &'static str {
        match self {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Form => "application/x-www-form-urlencoded",
        }
    }
}

/// A request body and its content type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    bytes: Vec<u8>,
    encoding: BodyEncoding,
}

impl Body {
    /// `value` written with `encoding`; refused when it cannot be (a form body must be an object, and its member
    /// names cannot hold brackets).
    pub fn encode<T: Serialize + ?Sized>(encoding: BodyEncoding, value: &T) -> Result<Body, ValidationError> {
        let json = serde_json::to_vec(value).map_err(|why| ValidationError::new("request body", why.to_string()))?;
        let bytes = match encoding {
            BodyEncoding::Json => json,
            BodyEncoding::Form => form_of_json(&json)?,
        };
        Ok(Body { bytes, encoding })
    }

    /// Bytes sent as they are, with `encoding`'s content type.
    pub fn raw(encoding: BodyEncoding, bytes: Vec<u8>) -> Body {
        Body { bytes, encoding }
    }

    /// The bytes sent.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The bytes sent, taken.
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    /// The `Content-Type` sent with it.
    pub fn content_type(&self) -> &'static str {
        self.encoding.content_type()
    }
}

/// The form of a JSON object's text: its pairs, encoded.
fn form_of_json(json: &[u8]) -> Result<Vec<u8>, ValidationError> {
    let raw: &RawValue = serde_json::from_slice(json).map_err(invalid)?;
    if !raw.get().starts_with('{') {
        return Err(ValidationError::new("request body", "a form body must be an object, with one field per key"));
    }
    let mut pairs = Vec::new();
    walk(String::new(), raw, &mut pairs)?;
    let mut form = form_urlencoded::Serializer::new(String::new());
    for (key, value) in &pairs {
        form.append_pair(key, value);
    }
    Ok(form.finish().into_bytes())
}

/// The pairs of `value` under the parameter `name`, nested as in a form body (`name[member]`, `name[0]`): the query
/// of a parameter that holds an object or an array of them. Not yet percent-encoded.
pub fn form_pairs<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<Vec<(String, String)>, ValidationError> {
    let json = serde_json::to_string(value).map_err(|why| ValidationError::new("query parameter", why.to_string()))?;
    let raw: &RawValue = serde_json::from_str(&json).map_err(invalid)?;
    let mut pairs = Vec::new();
    walk(name.to_owned(), raw, &mut pairs)?;
    Ok(pairs)
}

fn invalid(why: serde_json::Error) -> ValidationError {
    ValidationError::new("request body", format!("the value is not JSON: {why}"))
}

/// Adds the pairs of the JSON value `raw` under `key` (empty: the top-level object, whose members are bare keys).
fn walk(key: String, raw: &RawValue, pairs: &mut Vec<(String, String)>) -> Result<(), ValidationError> {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'{') | Some(b'[') => {
            let members = serde_json::from_str::<Members<'_>>(text).map_err(invalid)?.0;
            if members.is_empty() && !key.is_empty() {
                pairs.push((key, String::new()));
                return Ok(());
            }
            for (member, value) in members {
                let child = match member {
                    Member::Name(name) if name.contains(['[', ']']) => {
                        return Err(ValidationError::new(
                            "request body",
                            "a key holds `[` or `]`, which a form reads as nesting, so it cannot be sent",
                        ));
                    }
                    Member::Name(name) if key.is_empty() => name,
                    Member::Name(name) => format!("{key}[{name}]"),
                    Member::Index(index) => format!("{key}[{index}]"),
                };
                walk(child, value, pairs)?;
            }
        }
        Some(b'"') => pairs.push((key, serde_json::from_str::<String>(text).map_err(invalid)?)),
        Some(b'n') => pairs.push((key, String::new())),
        // Numbers and booleans: their JSON text, digit for digit.
        _ => pairs.push((key, text.to_owned())),
    }
    Ok(())
}

/// Where a value sits in its object or array.
enum Member {
    Name(String),
    Index(usize),
}

/// The members of a JSON object or the items of an array, in order, each as its raw text.
struct Members<'a>(Vec<(Member, &'a RawValue)>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MembersVisitor(std::marker::PhantomData))
    }
}

struct MembersVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for MembersVisitor<'a> {
    type Value = Members<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or an array")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'a>, A::Error> {
        let mut members = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            members.push((Member::Name(name), map.next_value::<&'a RawValue>()?));
        }
        Ok(Members(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Members<'a>, A::Error> {
        let mut items = Vec::new();
        while let Some(value) = seq.next_element::<&'a RawValue>()? {
            items.push((Member::Index(items.len()), value));
        }
        Ok(Members(items))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The form of a JSON text, written in its own order (a `json!` map would sort its keys).
    fn form(json: &str) -> String {
        let value = RawValue::from_string(json.to_owned()).expect("JSON");
        String::from_utf8(Body::encode(BodyEncoding::Form, &value).expect("encodes").into_bytes()).expect("UTF-8")
    }

    #[test]
    fn nesting_takes_bracketed_keys() {
        let value = r#"{
            "amount": 1100, "currency": "usd",
            "metadata": {"order_id": "6735", "note": "a b&c"},
            "expand": ["destination", "balance_transaction"],
            "items": [{"price": "p_1", "quantity": 2}]
        }"#;
        assert_eq!(
            form(value),
            "amount=1100&currency=usd&metadata%5Border_id%5D=6735&metadata%5Bnote%5D=a+b%26c\
             &expand%5B0%5D=destination&expand%5B1%5D=balance_transaction\
             &items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2"
        );
    }

    #[test]
    fn nothing_is_an_empty_value() {
        let value = r#"{"description": null, "tags": [], "metadata": {}, "flag": false}"#;
        assert_eq!(form(value), "description=&tags=&metadata=&flag=false");
        assert_eq!(form("{}"), "");
    }

    #[test]
    fn numbers_keep_their_digits() {
        let amount = crate::ExactDecimal::from(rust_decimal::Decimal::new(1050, 2));
        #[derive(Serialize)]
        struct Payout {
            amount: crate::ExactDecimal,
        }
        let body = Body::encode(BodyEncoding::Form, &Payout { amount }).expect("encodes");
        assert_eq!(body.bytes(), b"amount=10.50");
        assert_eq!(body.content_type(), "application/x-www-form-urlencoded");
    }

    #[test]
    fn refuses_what_a_form_cannot_say() {
        let error = Body::encode(BodyEncoding::Form, &json!({"metadata": {"a[b]": "1"}})).expect_err("bracket key");
        assert!(error.to_string().contains("a key holds `[` or `]`"), "{error}");
        let error = Body::encode(BodyEncoding::Form, &json!(["a"])).expect_err("not an object");
        assert!(error.to_string().contains("must be an object"), "{error}");
    }

    #[test]
    fn query_objects_nest_under_their_name() {
        let pairs = form_pairs("created", &json!({"gte": 1700000000, "lt": 1800000000})).expect("encodes");
        assert_eq!(pairs, [("created[gte]".into(), "1700000000".into()), ("created[lt]".into(), "1800000000".into())]);
        let pairs = form_pairs("expand", &json!(["destination"])).expect("encodes");
        assert_eq!(pairs, [("expand[0]".to_owned(), "destination".to_owned())]);
        assert_eq!(form_pairs("limit", &json!(10)).expect("encodes"), [("limit".to_owned(), "10".to_owned())]);
    }

    #[test]
    fn json_bodies_are_serde_json() {
        let body = Body::encode(BodyEncoding::Json, &json!({"a": [1, null]})).expect("encodes");
        assert_eq!((body.bytes(), body.content_type()), (&br#"{"a":[1,null]}"#[..], "application/json"));
    }
}
