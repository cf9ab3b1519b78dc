//! YAML output through `serde_norway`.
//!
//! `serde_json` is built with `arbitrary_precision` in this workspace, so a `Number` serializes as a private
//! single-field struct that any serializer but `serde_json`'s own would write out as a mapping. The document is
//! therefore rebuilt as a `serde_norway::Value` first: integers stay exact (within 64 bits), other numbers become
//! `f64`, as a YAML reader would read them anyway. Mappings keep their order.

use serde_json::Value;
use serde_norway::{Mapping, Number};

pub(super) fn to_string(value: &Value) -> String {
    // A tree of plain JSON values always serializes.
    serde_norway::to_string(&convert(value)).unwrap_or_default()
}

fn convert(value: &Value) -> serde_norway::Value {
    match value {
        Value::Null => serde_norway::Value::Null,
        Value::Bool(b) => serde_norway::Value::Bool(*b),
        Value::Number(n) => serde_norway::Value::Number(if let Some(i) = n.as_i64() {
            Number::from(i)
        } else if let Some(u) = n.as_u64() {
            Number::from(u)
        } else {
            Number::from(n.as_f64().unwrap_or(f64::NAN))
        }),
        Value::String(s) => serde_norway::Value::String(s.clone()),
        Value::Array(items) => serde_norway::Value::Sequence(items.iter().map(convert).collect()),
        Value::Object(entries) => {
            let mut mapping = Mapping::with_capacity(entries.len());
            for (key, value) in entries {
                mapping.insert(serde_norway::Value::String(key.clone()), convert(value));
            }
            serde_norway::Value::Mapping(mapping)
        }
    }
}
