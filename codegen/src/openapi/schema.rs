//! Named types, type expressions and fields as OpenAPI 3.0 Schema Objects.

use super::describe_with;
use crate::ir::{Api, Constraints, Field, Primitive, StringFormat, TypeDef, TypeDefKind, TypeExpr};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

const UNIX_TIME_NOTE: &str = "Seconds since the Unix epoch (1970-01-01T00:00:00Z), as a whole number.";
const DECIMAL_NOTE: &str = "An exact decimal number: read it without rounding it through a binary float.";

pub(super) fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The schema of a type expression, on its own.
pub(super) fn of(ty: &TypeExpr) -> Value {
    match ty {
        TypeExpr::Primitive(p) => primitive(*p),
        TypeExpr::Named(name) => reference(name),
        TypeExpr::Array(inner) => json!({ "type": "array", "items": of(inner) }),
        TypeExpr::Map(inner) => json!({ "type": "object", "additionalProperties": of(inner) }),
        // The ID alone, or the object it identifies (Stripe's expandable fields).
        TypeExpr::Expandable(name) => json!({ "anyOf": [{ "type": "string" }, reference(name)], "x-expandable": true }),
    }
}

fn primitive(p: Primitive) -> Value {
    match p {
        Primitive::String => json!({ "type": "string" }),
        Primitive::Boolean => json!({ "type": "boolean" }),
        Primitive::Integer => json!({ "type": "integer", "format": "int64" }),
        Primitive::Int32 => json!({ "type": "integer", "format": "int32" }),
        Primitive::Decimal => json!({ "type": "number", "format": "decimal", "description": DECIMAL_NOTE }),
        Primitive::Date => json!({ "type": "string", "format": "date" }),
        Primitive::DateTime => json!({ "type": "string", "format": "date-time" }),
        Primitive::UnixTime => json!({ "type": "integer", "format": "int64", "description": UNIX_TIME_NOTE }),
        Primitive::Uri => json!({ "type": "string", "format": "uri" }),
        Primitive::Email => json!({ "type": "string", "format": "email" }),
        // Any JSON value, `null` included: no `type`.
        Primitive::Json => json!({}),
    }
}

/// What JSON value a type expression stands for, as far as constraints care.
#[derive(Clone, Copy, PartialEq)]
enum Shape {
    String,
    Integer,
    Number,
    Array,
    Map,
    Other,
}

fn shape(api: &Api, ty: &TypeExpr) -> Shape {
    match ty {
        TypeExpr::Primitive(p) => match p {
            Primitive::String | Primitive::Date | Primitive::DateTime | Primitive::Uri | Primitive::Email => {
                Shape::String
            }
            Primitive::Integer | Primitive::Int32 | Primitive::UnixTime => Shape::Integer,
            Primitive::Decimal => Shape::Number,
            Primitive::Boolean | Primitive::Json => Shape::Other,
        },
        TypeExpr::Named(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeDefKind::String { .. } | TypeDefKind::Enum { .. } | TypeDefKind::Id { .. }) => Shape::String,
            Some(TypeDefKind::Integer { .. }) => Shape::Integer,
            Some(TypeDefKind::Decimal { .. }) => Shape::Number,
            Some(TypeDefKind::Object { .. } | TypeDefKind::Union { .. }) | None => Shape::Other,
        },
        TypeExpr::Array(_) => Shape::Array,
        TypeExpr::Map(_) => Shape::Map,
        TypeExpr::Expandable(_) => Shape::Other,
    }
}

/// A number with exactly the value of `d`, written without trailing zeros.
pub(super) fn number(d: Decimal) -> Value {
    let text = d.normalize().to_string();
    serde_json::from_str::<serde_json::Number>(&text).map_or(Value::Null, Value::Number)
}

/// `10^-places`: the step of a decimal with at most `places` digits after the point.
fn step(places: u64) -> Value {
    let text = if places == 0 { "1".to_owned() } else { format!("0.{}1", "0".repeat(places as usize - 1)) };
    serde_json::from_str::<serde_json::Number>(&text).map_or(Value::Null, Value::Number)
}

/// A whole-value pattern: the spec's patterns are implicitly anchored, OpenAPI's are searches.
fn anchored(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

/// Writes `(exact, min, max)` bounds under the schema keywords `(min_key, max_key)`; an exact length is both.
fn lengths(out: &mut Map<String, Value>, bounds: (Option<u64>, Option<u64>, Option<u64>), keys: (&str, &str)) {
    let (exact, min, max) = bounds;
    let (min_key, max_key) = keys;
    if let Some(n) = exact {
        out.insert(min_key.into(), json!(n));
        out.insert(max_key.into(), json!(n));
    }
    if let Some(n) = min {
        out.insert(min_key.into(), json!(n));
    }
    if let Some(n) = max {
        out.insert(max_key.into(), json!(n));
    }
}

/// Writes the constraints that apply to a value of `shape` into `out`.
fn constraints(out: &mut Map<String, Value>, shape: Shape, c: &Constraints, pattern: Option<String>) {
    match shape {
        Shape::String => {
            lengths(out, (c.length, c.min_length, c.max_length), ("minLength", "maxLength"));
            if let Some(pattern) = pattern {
                out.insert("pattern".into(), json!(pattern));
            }
        }
        Shape::Integer | Shape::Number => {
            if let Some(min) = c.min {
                out.insert("minimum".into(), number(min));
            }
            if let Some(max) = c.max {
                out.insert("maximum".into(), number(max));
            }
            if let (Shape::Number, Some(places)) = (shape, c.max_decimals) {
                out.insert("multipleOf".into(), step(places));
            }
        }
        Shape::Array => lengths(out, (c.length, c.min_length, c.max_length), ("minItems", "maxItems")),
        Shape::Map => {
            lengths(out, (c.length, c.min_length, c.max_length), ("minProperties", "maxProperties"));
            let mut keys = Map::new();
            lengths(&mut keys, (None, c.key_min_length, c.key_max_length), ("minLength", "maxLength"));
            if let Some(pattern) = &c.key_pattern {
                keys.insert("pattern".into(), json!(anchored(pattern)));
            }
            if !keys.is_empty() {
                // `propertyNames` is JSON Schema's; OpenAPI 3.0 has no word for rules on keys.
                out.insert("x-property-names".into(), Value::Object(keys));
            }
        }
        Shape::Other => {}
    }
}

/// The schema of a field's value: its type with the field's description (when `with_description`), constraints,
/// nullability, read-only flag, default, example and aliases.
pub(super) fn field(api: &Api, f: &Field, with_description: bool) -> Value {
    let mut extra = Map::new();
    constraints(&mut extra, shape(api, &f.ty), &f.constraints, f.constraints.pattern.as_deref().map(anchored));
    if f.nullable {
        extra.insert("nullable".into(), json!(true));
    }
    if f.read_only {
        extra.insert("readOnly".into(), json!(true));
    }
    if let Some(default) = &f.default {
        extra.insert("default".into(), default.clone());
    }
    if let Some(example) = &f.example {
        extra.insert("example".into(), example.clone());
    }
    if !f.aliases.is_empty() {
        extra.insert("x-aliases".into(), json!(f.aliases));
    }
    let mut base = of(&f.ty);
    // A built-in's own note (unix time, decimals) joins the field's description, before its source.
    let note = base.as_object_mut().and_then(|b| b.remove("description")).and_then(|n| n.as_str().map(str::to_owned));
    let description = if with_description { Some(describe_with(&f.doc, note.as_slice())) } else { note };
    decorate(base, description, extra)
}

/// `base` with a description and more keywords. A `$ref` cannot have siblings in OpenAPI 3.0, so it is wrapped when
/// there is anything to add: in `allOf`, or, when the value may be `null`, in `anyOf` with `{enum: [null]}` (a
/// `nullable` next to `allOf` does not let `null` through the referenced schema).
pub(super) fn decorate(base: Value, description: Option<String>, mut extra: Map<String, Value>) -> Value {
    let Value::Object(base) = base else { return base };
    let mut out = Map::new();
    if base.contains_key("$ref") {
        let nullable = extra.remove("nullable").is_some_and(|n| n == json!(true));
        if description.is_none() && extra.is_empty() && !nullable {
            return Value::Object(base);
        }
        if let Some(description) = description {
            out.insert("description".into(), json!(description));
        }
        if nullable {
            out.insert("anyOf".into(), json!([base, { "enum": [null] }]));
        } else {
            out.insert("allOf".into(), json!([base]));
        }
    } else {
        if let Some(description) =
            description.or_else(|| base.get("description").and_then(Value::as_str).map(Into::into))
        {
            out.insert("description".into(), json!(description));
        }
        for (key, value) in base {
            if key != "description" {
                out.insert(key, value);
            }
        }
    }
    out.extend(extra);
    Value::Object(out)
}

/// The schema of a named type, for `components.schemas`.
pub(super) fn definition(api: &Api, ty: &TypeDef) -> Value {
    let mut out = Map::new();
    let mut notes: Vec<String> = Vec::new();
    let description = |notes: &[String]| json!(describe_with(&ty.doc, notes));
    match &ty.kind {
        TypeDefKind::Object { fields, closed, currency_decimals } => {
            notes.extend(currency_decimals.iter().map(|rule| rule.summary()));
            out.insert("type".into(), json!("object"));
            out.insert("description".into(), description(&notes));
            if let Some(rule) = currency_decimals {
                let places: Map<String, Value> = rule.places.iter().map(|(code, n)| (code.clone(), json!(n))).collect();
                out.insert(
                    "x-currency-decimals".into(),
                    json!({ "amount": rule.amount.1, "currency": rule.currency.1, "default": rule.default, "places": places }),
                );
            }
            let required: Vec<&str> = fields.iter().filter(|f| f.required).map(|f| f.wire_name.as_str()).collect();
            if !required.is_empty() {
                out.insert("required".into(), json!(required));
            }
            let mut properties = Map::new();
            for f in fields {
                properties.insert(f.wire_name.clone(), field(api, f, true));
            }
            out.insert("properties".into(), Value::Object(properties));
            out.insert("additionalProperties".into(), json!(!closed));
        }
        TypeDefKind::Enum { values, default } => {
            let mut list = "Values:\n".to_owned();
            for value in values {
                list.push_str(&format!("\n- `{}`: {}", value.wire, indent(&describe_with(&value.doc, &[]))));
            }
            notes.push(list);
            notes.push(
                "The list is open: a value not listed here may still arrive, and the generated Rust client keeps it."
                    .to_owned(),
            );
            out.insert("type".into(), json!("string"));
            out.insert("description".into(), description(&notes));
            out.insert("enum".into(), json!(values.iter().map(|v| v.wire.as_str()).collect::<Vec<_>>()));
            if let Some(default) = default {
                out.insert("default".into(), json!(default));
            }
            let descriptions: Vec<String> = values.iter().map(|v| describe_with(&v.doc, &[])).collect();
            out.insert("x-enum-descriptions".into(), json!(descriptions));
        }
        TypeDefKind::String { constraints: c, format } => {
            let (format_name, format_pattern, note) = string_format(*format, c.max_decimals);
            notes.extend(note);
            out.insert("type".into(), json!("string"));
            out.insert("description".into(), description(&notes));
            if let Some(name) = format_name {
                out.insert("format".into(), json!(name));
            }
            // Both the format and the spec ask for a pattern: a lookahead checks the first, the rest the second.
            let pattern = match (format_pattern.as_deref(), c.pattern.as_deref()) {
                (Some(format), Some(own)) => Some(format!("^(?=(?:{format})$)(?:{own})$")),
                (Some(only), None) | (None, Some(only)) => Some(anchored(only)),
                (None, None) => None,
            };
            constraints(&mut out, Shape::String, c, pattern);
        }
        TypeDefKind::Integer { constraints: c, width } => {
            out.insert("type".into(), json!("integer"));
            out.insert("description".into(), description(&notes));
            out.insert("format".into(), json!(if *width == 32 { "int32" } else { "int64" }));
            constraints(&mut out, Shape::Integer, c, None);
        }
        TypeDefKind::Decimal { constraints: c } => {
            notes.push(DECIMAL_NOTE.to_owned());
            out.insert("type".into(), json!("number"));
            out.insert("description".into(), description(&notes));
            out.insert("format".into(), json!("decimal"));
            constraints(&mut out, Shape::Number, c, None);
        }
        TypeDefKind::Id { uid_prefix, external, max_length } => {
            notes.push(if *external {
                format!(
                    "Either an ID of the API, which starts with `{uid_prefix}`, or an external ID you chose; both \
                     travel as the same string."
                )
            } else {
                format!("Always starts with `{uid_prefix}`.")
            });
            out.insert("type".into(), json!("string"));
            out.insert("description".into(), description(&notes));
            out.insert("minLength".into(), json!(1));
            if let Some(max) = max_length {
                out.insert("maxLength".into(), json!(max));
            }
            if !external {
                out.insert("pattern".into(), json!(format!("^{}", escape(uid_prefix))));
            }
        }
        TypeDefKind::Union { tag, variants } => {
            notes.push(format!(
                "One object whose `{tag}` field says which of the types below the rest of its fields belong to; a \
                 `{tag}` not listed here may still arrive, and the generated Rust client keeps that object whole. The \
                 variant types do not list `{tag}` themselves: each variant below adds it."
            ));
            out.insert("description".into(), description(&notes));
            // Each variant is its object type plus the tag with its one value, as a discriminator needs.
            let one_of: Vec<Value> = variants
                .iter()
                .map(|v| {
                    let tag_schema = json!({
                        "type": "object",
                        "required": [tag],
                        "properties": { tag.as_str(): { "type": "string", "enum": [v.wire] } },
                    });
                    json!({ "allOf": [reference(&v.object), tag_schema] })
                })
                .collect();
            out.insert("oneOf".into(), Value::Array(one_of));
            let mapping: Map<String, Value> = variants
                .iter()
                .map(|v| (v.wire.clone(), json!(format!("#/components/schemas/{}", v.object))))
                .collect();
            out.insert("discriminator".into(), json!({ "propertyName": tag, "mapping": mapping }));
        }
    }
    if let Some(example) = &ty.example {
        out.insert("example".into(), example.clone());
    }
    Value::Object(out)
}

/// The OpenAPI `format`, the pattern (unanchored) and a sentence for the description, of a string format.
fn string_format(
    format: Option<StringFormat>,
    max_decimals: Option<u64>,
) -> (Option<&'static str>, Option<String>, Option<String>) {
    match format {
        None => (None, None, None),
        Some(StringFormat::Date) => (Some("date"), None, None),
        Some(StringFormat::DateTime) => (Some("date-time"), None, None),
        Some(StringFormat::LocalDateTime) => (
            None,
            Some(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?".into()),
            Some("A date and time without an offset, such as `2018-08-28 07:43:55`.".into()),
        ),
        Some(StringFormat::Uri) => (Some("uri"), None, None),
        Some(StringFormat::Email) => (Some("email"), None, None),
        Some(StringFormat::Digits) => (None, Some("[0-9]+".into()), Some("ASCII digits only.".into())),
        Some(StringFormat::PositiveInteger) => (
            None,
            Some("[1-9][0-9]*".into()),
            Some("A positive whole number written as a string, with no leading zero.".into()),
        ),
        Some(StringFormat::Decimal) => {
            let (fraction, note) = match max_decimals {
                Some(0) => (String::new(), "A whole number written as a string, such as `10`.".to_owned()),
                Some(n) => (
                    format!("(?:\\.[0-9]{{1,{n}}})?"),
                    format!("A decimal number written as a string, such as `10.50`, with at most {n} decimal places."),
                ),
                None => {
                    ("(?:\\.[0-9]+)?".to_owned(), "A decimal number written as a string, such as `10.50`.".to_owned())
                }
            };
            (Some("decimal"), Some(format!("-?[0-9]+{fraction}")), Some(note))
        }
    }
}

/// Indents every line after the first by two spaces, so that a multi-line text stays inside its list item.
fn indent(text: &str) -> String {
    let lines: Vec<String> =
        text.lines().map(|line| if line.is_empty() { String::new() } else { format!("  {line}") }).collect();
    lines.join("\n").trim_start().to_owned()
}

/// Escapes the characters that mean something in an ECMA-262 regular expression.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.|?*+()[]{}/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
