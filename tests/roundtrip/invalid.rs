//! Values that break a rule of their spec type, derived from the IR, which decoding must refuse.

use codegen::ir::{Constraints, CurrencyDecimals, Field, Primitive, StringFormat, TypeDefKind, TypeExpr};
use payout_clients::runtime::Decimal;
use serde_json::{json, Value};

use super::model::{Ctx, Shape};
use super::strategy::{number, samples, Gen};

/// Which rule of the spec a value breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// A constraint of a constrained scalar type: length, pattern, format, bounds, decimal places, ID prefix.
    Constraint,
    /// An object whose field holds a value that breaks its type's constraint.
    NestedConstraint,
    /// An object without a required field, or with a field a closed object does not list.
    Structure,
    /// `null` where the spec does not allow it (a field that is not `nullable`).
    Null,
    /// A value of the wrong JSON type (a string where a number is expected...).
    JsonType,
    /// A field of a built-in type with a format (`uri`, `email`, `date`, `date_time`) holding text not in it.
    BuiltinFormat,
}

impl Rule {
    pub fn label(self) -> &'static str {
        match self {
            Rule::Constraint => "constraints",
            Rule::NestedConstraint => "nested constraints",
            Rule::Structure => "required/closed fields",
            Rule::Null => "nulls",
            Rule::JsonType => "JSON types",
            Rule::BuiltinFormat => "built-in formats",
        }
    }
}

pub struct Invalid {
    pub rule: Rule,
    pub why: String,
    pub value: Value,
}

fn invalid(rule: Rule, why: impl Into<String>, value: Value) -> Invalid {
    Invalid { rule, why: why.into(), value }
}

/// Values the generated type `name` must refuse, or `None` when no accepted value of it could be found to start from.
pub fn for_type(ctx: &Ctx<'_>, name: &str) -> Option<Vec<Invalid>> {
    let shape = ctx.shape(name)?;
    // The shortest of a few generated values that decode, to start from (mutated objects stay readable).
    let valid = || {
        let mut generator = Gen::conservative(ctx);
        generator.unlisted_fields = false;
        let strategy = generator.type_named(name).expect("a known type");
        samples(&strategy, 32)
            .into_iter()
            .filter(|v| ctx.roundtrip(name, v.clone()).is_ok())
            .min_by_key(|v| v.to_string().len())
    };
    Some(match shape {
        Shape::Inline(field) => scalar(&field.ty, &field.constraints, valid().as_ref()),
        Shape::Def(def) => match &def.kind {
            TypeDefKind::Object { fields, closed, currency_decimals } => {
                // Only the required fields of the value, so that each mutation is easy to read in a report.
                let mut base = valid()?;
                if let Value::Object(members) = &mut base {
                    members.retain(|name, _| fields.iter().any(|f| f.required && f.wire_name == *name));
                }
                let mut out = object(ctx, &def.name, fields, *closed, &base);
                out.extend(currency_decimals.as_ref().and_then(|rule| too_many_places(rule, &base)));
                out
            }
            TypeDefKind::Union { tag, .. } => {
                let mut out = vec![
                    invalid(Rule::JsonType, "a string", json!("text")),
                    invalid(Rule::JsonType, "null", Value::Null),
                    invalid(Rule::Structure, "an object without its tag", json!({})),
                    invalid(Rule::JsonType, "a number as its tag", json!({ tag.as_str(): 7 })),
                ];
                // A listed tag with its object's rules broken: the variant's own required fields are enforced.
                if let Some(Value::Object(mut members)) = valid() {
                    let object_tag = members.get(tag.as_str()).cloned();
                    members.retain(|name, _| name == tag);
                    let variant = variants_needing_fields(ctx, &def.name, object_tag.as_ref());
                    if variant {
                        out.push(invalid(
                            Rule::Structure,
                            "a listed tag without its object's fields",
                            Value::Object(members),
                        ));
                    }
                }
                out
            }
            TypeDefKind::Enum { .. } => vec![
                invalid(Rule::JsonType, "a number", json!(42)),
                invalid(Rule::JsonType, "null", Value::Null),
                invalid(Rule::JsonType, "an array", json!(["SOMETHING_NEW"])),
            ],
            TypeDefKind::String { constraints, format } => string(*format, constraints, valid().as_ref()),
            TypeDefKind::Integer { constraints, width } => integer(constraints, *width),
            TypeDefKind::Decimal { constraints } => decimal(constraints),
            TypeDefKind::Id { uid_prefix, external, max_length } => {
                let mut out = vec![
                    invalid(Rule::Constraint, "the empty string", json!("")),
                    invalid(Rule::JsonType, "a number", json!(42)),
                    invalid(Rule::JsonType, "null", Value::Null),
                ];
                if !external {
                    let other = format!("not-{uid_prefix}1");
                    out.push(invalid(
                        Rule::Constraint,
                        format!("no `{uid_prefix}` prefix (not external)"),
                        json!(other),
                    ));
                }
                if let Some(max) = max_length {
                    let long = format!("{uid_prefix}{}", "7".repeat(*max as usize));
                    out.push(invalid(Rule::Constraint, format!("longer than {max}"), json!(long)));
                }
                out
            }
        },
    })
}

/// Violations of a scalar type written as a type expression with constraints (an inline newtype).
fn scalar(ty: &TypeExpr, constraints: &Constraints, valid: Option<&Value>) -> Vec<Invalid> {
    match ty {
        TypeExpr::Primitive(Primitive::String) => string(None, constraints, valid),
        TypeExpr::Primitive(Primitive::Uri) => string(Some(StringFormat::Uri), constraints, valid),
        TypeExpr::Primitive(Primitive::Email) => string(Some(StringFormat::Email), constraints, valid),
        TypeExpr::Primitive(Primitive::Integer) => integer(constraints, 64),
        TypeExpr::Primitive(Primitive::Int32) => integer(constraints, 32),
        TypeExpr::Primitive(Primitive::Decimal) => decimal(constraints),
        TypeExpr::Array(_) | TypeExpr::Map(_) => collection(ty, constraints, valid),
        other => panic!("no inline newtype is made for `{other}`"),
    }
}

/// Violations of a list or map with rules of its own: the wrong JSON type, and one entry too many or too few (built
/// from an entry of `valid`, when it has one).
fn collection(ty: &TypeExpr, constraints: &Constraints, valid: Option<&Value>) -> Vec<Invalid> {
    let list = matches!(ty, TypeExpr::Array(_));
    let mut out = vec![
        invalid(Rule::JsonType, if list { "an object" } else { "a list" }, if list { json!({}) } else { json!([]) }),
        invalid(Rule::JsonType, "a number", json!(42)),
    ];
    let entry = match valid {
        Some(Value::Array(items)) => items.first().cloned(),
        Some(Value::Object(entries)) => entries.values().next().cloned(),
        _ => None,
    };
    let Some(entry) = entry else { return out };
    let sized = |n: u64| -> Value {
        if list {
            Value::Array(vec![entry.clone(); n as usize])
        } else {
            // Keys that fit the usual key rules (letters only); a map with key rules of its own gets none of these.
            Value::Object((0..n).map(|i| (format!("k{}", "k".repeat(i as usize)), entry.clone())).collect())
        }
    };
    let keys_free = constraints.key_pattern.is_none()
        && constraints.key_min_length.is_none()
        && constraints.key_max_length.is_none();
    if !list && !keys_free {
        return out;
    }
    let unit = if list { "items" } else { "entries" };
    let max = constraints.length.or(constraints.max_length).filter(|&max| max < 64);
    if let Some(max) = max {
        out.push(invalid(Rule::Constraint, format!("{} {unit}, above {max}", max + 1), sized(max + 1)));
    }
    if let Some(min) = constraints.length.or(constraints.min_length).filter(|&min| min > 0) {
        out.push(invalid(Rule::Constraint, format!("{} {unit}, below {min}", min - 1), sized(min - 1)));
    }
    out
}

fn string(format: Option<StringFormat>, constraints: &Constraints, valid: Option<&Value>) -> Vec<Invalid> {
    let mut out = vec![invalid(Rule::JsonType, "a number", json!(42)), invalid(Rule::JsonType, "null", Value::Null)];
    let sevens = |n: u64| json!("7".repeat(n as usize));
    if let Some(length) = constraints.length {
        out.push(invalid(Rule::Constraint, format!("{} characters, not {length}", length + 1), sevens(length + 1)));
        if length > 0 {
            out.push(invalid(Rule::Constraint, format!("{} characters, not {length}", length - 1), sevens(length - 1)));
        }
    }
    if let Some(min) = constraints.min_length.filter(|&m| m > 0) {
        out.push(invalid(Rule::Constraint, format!("{} characters, below {min}", min - 1), sevens(min - 1)));
    }
    if let Some(max) = constraints.max_length {
        out.push(invalid(Rule::Constraint, format!("{} characters, above {max}", max + 1), sevens(max + 1)));
    }
    if let Some(pattern) = &constraints.pattern {
        let compiled = codegen_rules::pattern::anchored(pattern);
        let pattern_matches = |text: &str| compiled.as_ref().is_some_and(|regex| regex.is_match(text));
        let base = valid.and_then(Value::as_str).unwrap_or("A");
        let candidates = [
            format!(" {base}"),
            format!("{base} "),
            format!("{base}\n"),
            format!("#{base}"),
            format!("{base}_"),
            format!("{base}\u{e9}"),
            String::new(),
        ];
        let (min, max) = match constraints.length {
            Some(length) => (length, Some(length)),
            None => (constraints.min_length.unwrap_or(0), constraints.max_length),
        };
        let fits = |s: &String| {
            let n = s.chars().count() as u64;
            n >= min && max.is_none_or(|max| n <= max)
        };
        // Prefer text that breaks the pattern only, with a length the type accepts.
        let mut breaking: Vec<&String> = candidates.iter().filter(|c| !pattern_matches(c) && fits(c)).collect();
        if breaking.is_empty() {
            breaking = candidates.iter().filter(|c| !pattern_matches(c)).collect();
        }
        for text in breaking.into_iter().take(3) {
            out.push(invalid(Rule::Constraint, format!("does not match `{pattern}`"), json!(text)));
        }
    }
    if let Some(format) = format {
        // Text of a length the type accepts, so that the format is the only rule broken.
        let n = constraints.length.unwrap_or_else(|| constraints.min_length.unwrap_or(0).max(4)) as usize;
        let texts: Vec<String> = match format {
            StringFormat::Date => vec!["2023-02-29".into(), "2024-1-05".into(), "2024-01-05T00:00:00Z".into()],
            StringFormat::DateTime => {
                vec!["2024-01-05T10:00:00".into(), "2024-01-05 10:00:00Z".into(), "2024-01-05".into()]
            }
            StringFormat::LocalDateTime => {
                vec!["2018-08-28 07:43:55Z".into(), "2023-02-29 10:00:00".into(), "2018-08-28".into()]
            }
            StringFormat::Uri => vec!["example.com/no-scheme".into(), "https://exa mple.com".into()],
            StringFormat::Email => vec!["a@b".into(), "a b@example.com".into(), "example.com".into()],
            StringFormat::Digits => {
                vec![format!("{}a", "1".repeat(n - 1)), "\u{661}".repeat(n), format!("-{}", "1".repeat(n - 1))]
            }
            StringFormat::PositiveInteger => {
                vec![format!("0{}", "1".repeat(n.saturating_sub(1))), "0".into(), "-1".into(), "1.5".into(), "".into()]
            }
            StringFormat::Decimal => vec!["1.".into(), "1e5".into(), ".5".into(), "+1".into(), "".into(), "1,5".into()],
        };
        out.extend(texts.into_iter().map(|t| invalid(Rule::Constraint, format!("not in format {format:?}"), json!(t))));
        if let (StringFormat::Decimal, Some(places)) = (format, constraints.max_decimals) {
            let text = format!("1.{}", "5".repeat(places as usize + 1));
            out.push(invalid(Rule::Constraint, format!("more than {places} decimal places"), json!(text)));
        }
    }
    out
}

fn integer(constraints: &Constraints, width: u8) -> Vec<Invalid> {
    let mut out = vec![
        invalid(Rule::JsonType, "a fraction", number("1.5")),
        invalid(Rule::JsonType, "a string", json!("1")),
        invalid(Rule::JsonType, "null", Value::Null),
    ];
    if let Some(min) = constraints.min {
        out.push(invalid(
            Rule::Constraint,
            format!("below the minimum {min}"),
            number(&(min - Decimal::ONE).to_string()),
        ));
    }
    if let Some(max) = constraints.max {
        out.push(invalid(
            Rule::Constraint,
            format!("above the maximum {max}"),
            number(&(max + Decimal::ONE).to_string()),
        ));
    }
    if width == 32 {
        out.push(invalid(Rule::Constraint, "wider than 32 bits", json!(i64::from(i32::MAX) + 1)));
        out.push(invalid(Rule::Constraint, "wider than 32 bits", json!(i64::from(i32::MIN) - 1)));
    }
    out.push(invalid(Rule::Constraint, "wider than 64 bits", number("9223372036854775808")));
    out
}

fn decimal(constraints: &Constraints) -> Vec<Invalid> {
    let mut out = vec![
        invalid(Rule::JsonType, "null", Value::Null),
        invalid(Rule::JsonType, "a boolean", json!(true)),
        invalid(Rule::JsonType, "a string", json!("1.5")),
    ];
    if let Some(min) = constraints.min {
        let below = min - Decimal::new(1, 2);
        out.push(invalid(Rule::Constraint, format!("below the minimum {min}"), number(&below.to_string())));
    }
    if let Some(max) = constraints.max {
        let above = max + Decimal::new(1, 2);
        out.push(invalid(Rule::Constraint, format!("above the maximum {max}"), number(&above.to_string())));
    }
    if let Some(places) = constraints.max_decimals {
        let text = format!("0.{}1", "0".repeat(places as usize));
        out.push(invalid(Rule::Constraint, format!("more than {places} decimal places"), number(&text)));
    }
    out
}

/// Violations of an object: structure, nulls, JSON types and formats of its fields, and values of constrained types.
fn object(ctx: &Ctx<'_>, owner: &str, fields: &[Field], closed: bool, base: &Value) -> Vec<Invalid> {
    let mut out = vec![
        invalid(Rule::JsonType, "an array", json!([])),
        invalid(Rule::JsonType, "a string", json!("text")),
        invalid(Rule::JsonType, "null", Value::Null),
    ];
    let with = |name: &str, value: Option<Value>| {
        let mut object = base.as_object().expect("an object").clone();
        match value {
            Some(value) => object.insert(name.to_owned(), value),
            None => object.remove(name),
        };
        Value::Object(object)
    };
    if closed {
        out.push(invalid(Rule::Structure, "a field a closed object does not list", with("x_unlisted", Some(json!(1)))));
    }
    for field in fields {
        let name = &field.wire_name;
        if field.required {
            out.push(invalid(Rule::Structure, format!("without required field `{name}`"), with(name, None)));
        }
        // Optional fields accept `null` as absent (see `null_in_an_optional_field_reads_as_absent`), so only required
        // fields can be shown refusing it.
        if field.required && !field.nullable && !matches!(field.ty, TypeExpr::Primitive(Primitive::Json)) {
            out.push(invalid(
                Rule::Null,
                format!("`null` in non-nullable field `{name}`"),
                with(name, Some(Value::Null)),
            ));
        }
        if let Some((what, wrong)) = wrong_json_type(ctx, &field.ty) {
            out.push(invalid(Rule::JsonType, format!("{what} in field `{name}`"), with(name, Some(wrong))));
        }
        for (rule, what, bad) in field_violations(ctx, owner, field) {
            out.push(invalid(rule, format!("field `{name}`: {what}"), with(name, Some(bad))));
        }
    }
    out
}

/// The value with its amount given one decimal place more than the first listed currency takes, in that currency.
fn too_many_places(rule: &CurrencyDecimals, base: &Value) -> Option<Invalid> {
    let (code, places) = rule.places.first()?;
    let mut value = base.clone();
    let members = value.as_object_mut()?;
    let amount = format!("1.{}", "1".repeat(*places as usize + 1));
    let amount = match members.get(&rule.amount.1)? {
        Value::String(_) => Value::String(amount),
        _ => serde_json::from_str(&amount).ok()?,
    };
    members.insert(rule.amount.1.clone(), amount);
    members.insert(rule.currency.1.clone(), Value::String(code.clone()));
    Some(invalid(Rule::Constraint, format!("{} places in {code}", places + 1), value))
}

/// Whether the variant of union `name` that `tag` names has a required field, so that leaving every field out breaks it.
fn variants_needing_fields(ctx: &Ctx<'_>, name: &str, tag: Option<&Value>) -> bool {
    let TypeDefKind::Union { variants, .. } = &ctx.type_def(name).kind else { return false };
    let Some(variant) = variants.iter().find(|v| tag.and_then(Value::as_str) == Some(v.wire.as_str())) else {
        return false;
    };
    match &ctx.type_def(&variant.object).kind {
        TypeDefKind::Object { fields, .. } => fields.iter().any(|f| f.required),
        _ => false,
    }
}

/// A value of the wrong JSON type for `ty`, and what it is.
fn wrong_json_type(ctx: &Ctx<'_>, ty: &TypeExpr) -> Option<(&'static str, Value)> {
    Some(match ty {
        TypeExpr::Primitive(Primitive::Json) => return None,
        TypeExpr::Primitive(Primitive::Boolean) => ("a string", json!("true")),
        TypeExpr::Primitive(Primitive::Integer | Primitive::Int32 | Primitive::UnixTime | Primitive::Decimal) => {
            ("a string", json!("1"))
        }
        TypeExpr::Primitive(_) => ("a number", json!(42)),
        TypeExpr::Array(_) => ("an object", json!({})),
        TypeExpr::Map(_) => ("an array", json!([])),
        TypeExpr::Expandable(_) => ("a number", json!(42)),
        TypeExpr::Named(name) => match &ctx.type_def(name).kind {
            TypeDefKind::Object { .. } | TypeDefKind::Union { .. } => ("a string", json!("text")),
            TypeDefKind::Integer { .. } | TypeDefKind::Decimal { .. } => ("a string", json!("1")),
            _ => ("a number", json!(42)),
        },
    })
}

/// Values that break the rules of a field's type: constraints of its named or inline type (also as an array item),
/// and the format of a built-in `uri`, `email`, `date` or `date_time`.
fn field_violations(ctx: &Ctx<'_>, owner: &str, field: &Field) -> Vec<(Rule, String, Value)> {
    let constraint_violations = |name: &str| -> Vec<Invalid> {
        match for_type(ctx, name) {
            Some(all) => all.into_iter().filter(|i| i.rule == Rule::Constraint).take(2).collect(),
            None => Vec::new(),
        }
    };
    if let Some(inline) = ctx.inline_name(owner, field) {
        return constraint_violations(inline)
            .into_iter()
            .map(|i| (Rule::NestedConstraint, format!("{inline}: {}", i.why), i.value))
            .collect();
    }
    let (ty, in_array) = match &field.ty {
        TypeExpr::Array(inner) => (inner.as_ref(), true),
        other => (other, false),
    };
    let wrap = |value: Value| if in_array { json!([value]) } else { value };
    match ty {
        TypeExpr::Named(name)
            if !matches!(ctx.type_def(name).kind, TypeDefKind::Object { .. } | TypeDefKind::Union { .. }) =>
        {
            constraint_violations(name)
                .into_iter()
                .map(|i| (Rule::NestedConstraint, format!("{name}: {}", i.why), wrap(i.value)))
                .collect()
        }
        TypeExpr::Primitive(p) => {
            let texts: &[&str] = match p {
                Primitive::Uri => &["example.com/no-scheme", "https://exa mple.com"],
                Primitive::Email => &["a@b", "not an email"],
                Primitive::Date => &["2023-02-29", "05/01/2024"],
                Primitive::DateTime => &["2024-01-05T10:00:00", "2024-01-05 10:00:00Z"],
                _ => &[],
            };
            texts.iter().map(|t| (Rule::BuiltinFormat, format!("`{p:?}` `{t}`"), wrap(json!(t)))).collect()
        }
        _ => Vec::new(),
    }
}
