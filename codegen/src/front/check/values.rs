//! Does a JSON value fit a type? Used for defaults, examples and sample exchanges, so that what the docs show and
//! what the round-trip tests feed the generated types is valid by the spec's own rules.
//!
//! Every rule about one value (formats, lengths, bounds, decimal places, widths, patterns) is `codegen_rules`, the
//! same code the runtime runs in the generated clients; this module walks the value and words the problems.

use crate::front::ast::{Constraints, Primitive, StringFormat, TypeDef, TypeExpr, TypeKind};
use codegen_rules::bounds::{self, BoundRefusal};
use codegen_rules::length::{self, LengthRefusal};
use codegen_rules::Format;
use regex::Regex;
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

pub(crate) type Types<'s> = BTreeMap<&'s str, &'s TypeDef>;

/// Checks `value` against a type expression plus the constraints written where it is used. The error says where in
/// the value (a JSON pointer) and what is wrong.
pub(crate) fn validate(
    types: &Types<'_>,
    value: &J,
    expr: &TypeExpr,
    nullable: bool,
    constraints: &Constraints,
) -> Result<(), String> {
    let mut at = String::new();
    check_value(types, value, expr, nullable, constraints, &mut at, 0)
}

fn fail(at: &str, why: String) -> Result<(), String> {
    if at.is_empty() {
        Err(why)
    } else {
        Err(format!("at `{at}`: {why}"))
    }
}

fn show(value: &J) -> String {
    let text = value.to_string();
    if text.len() > 40 {
        format!("{}...", &text[..text.char_indices().nth(37).map_or(text.len(), |(i, _)| i)])
    } else {
        text
    }
}

fn check_value(
    types: &Types<'_>,
    value: &J,
    expr: &TypeExpr,
    nullable: bool,
    constraints: &Constraints,
    at: &mut String,
    depth: usize,
) -> Result<(), String> {
    if depth > 64 {
        return fail(at, "the value nests too deeply".into());
    }
    if value.is_null() {
        return if nullable || *expr == TypeExpr::Primitive(Primitive::Json) {
            Ok(())
        } else {
            fail(at, "`null` is not allowed here (the value is not `nullable`)".into())
        };
    }
    match expr {
        TypeExpr::Primitive(p) => check_primitive(value, *p, at)?,
        TypeExpr::Array(inner) => {
            let J::Array(items) = value else { return fail(at, format!("{} is not an array", show(value))) };
            for (i, item) in items.iter().enumerate() {
                let len = at.len();
                at.push_str(&format!("/{i}"));
                check_value(types, item, inner, false, &Constraints::default(), at, depth + 1)?;
                at.truncate(len);
            }
        }
        TypeExpr::Map(inner) => {
            let J::Object(entries) = value else { return fail(at, format!("{} is not an object", show(value))) };
            for (key, item) in entries {
                let len = at.len();
                at.push_str(&format!("/{key}"));
                check_value(types, item, inner, false, &Constraints::default(), at, depth + 1)?;
                at.truncate(len);
            }
        }
        TypeExpr::Named(name) => {
            // An unknown type is reported by the type check; nothing more to say about the value.
            let Some(def) = types.get(name.as_str()) else { return Ok(()) };
            check_named(types, value, def, at, depth)?;
        }
        // The ID (any string), or the object itself.
        TypeExpr::Expandable(_) if value.is_string() => {}
        TypeExpr::Expandable(name) => {
            let Some(def) = types.get(name.as_str()) else { return Ok(()) };
            if !value.is_object() {
                return fail(at, format!("{} is neither an ID nor a `{name}` object", show(value)));
            }
            check_named(types, value, def, at, depth)?;
        }
    }
    check_constraints(value, constraints, at)
}

/// The fields of an object value (`skip`: a union's tag, which is not one of the object's fields).
fn check_object(
    types: &Types<'_>,
    entries: &serde_json::Map<String, J>,
    def: &TypeDef,
    skip: Option<&str>,
    at: &mut String,
    depth: usize,
) -> Result<(), String> {
    let name = &def.name.value;
    if def.incomplete {
        return Ok(());
    }
    for field in &def.fields {
        let key = &field.name.value;
        let found = entries.get(key).or_else(|| field.aliases.iter().find_map(|a| entries.get(&a.value)));
        match (found, &field.ty) {
            _ if field.incomplete => {}
            (None, _) if field.required => return fail(at, format!("required field `{key}` of `{name}` is missing")),
            (Some(item), Some(ty)) => {
                let len = at.len();
                at.push_str(&format!("/{key}"));
                check_value(types, item, &ty.expr, field.nullable, &field.constraints, at, depth + 1)?;
                at.truncate(len);
            }
            _ => {}
        }
    }
    if let Some(rule) = &def.currency_decimals {
        currency_decimals_hold(rule, def, entries, at)?;
    }
    if def.closed {
        for key in entries.keys().filter(|key| Some(key.as_str()) != skip) {
            let known = def.fields.iter().any(|f| &f.name.value == key || f.aliases.iter().any(|a| &a.value == key));
            if !known {
                return fail(at, format!("`{name}` is closed and has no field `{key}`"));
            }
        }
    }
    Ok(())
}

/// An amount with more decimal places than its currency takes (what the generated object refuses to send).
fn currency_decimals_hold(
    rule: &crate::front::ast::CurrencyDecimals,
    def: &TypeDef,
    entries: &serde_json::Map<String, J>,
    at: &str,
) -> Result<(), String> {
    let (Some(amount), Some(currency)) = (&rule.amount, &rule.currency) else { return Ok(()) };
    // A field's value may come under one of its aliases.
    let value_of = |name: &str| {
        let field = def.fields.iter().find(|f| f.name.value == name)?;
        entries.get(name).or_else(|| field.aliases.iter().find_map(|a| entries.get(&a.value)))
    };
    let (amount_text, is_number) = match value_of(&amount.value) {
        Some(J::Number(n)) => (n.to_string(), true),
        Some(J::String(s)) => (s.clone(), false),
        _ => return Ok(()),
    };
    let Some(code) = value_of(&currency.value).and_then(J::as_str) else { return Ok(()) };
    let listed = rule.places.iter().find(|(c, _)| c.value.eq_ignore_ascii_case(code)).map(|(_, p)| p.value);
    let Some(allowed) = listed.or(rule.default.as_ref().map(|d| d.value)) else { return Ok(()) };
    let written = codegen_rules::decimal::amount_places(&amount_text, is_number);
    if written > allowed {
        return fail(
            at,
            format!(
                "`{}` {amount_text} has {written} decimal place{}; `{code}` takes at most {allowed}",
                amount.value,
                if written == 1 { "" } else { "s" }
            ),
        );
    }
    Ok(())
}

fn check_primitive(value: &J, p: Primitive, at: &str) -> Result<(), String> {
    let ok = match p {
        Primitive::Json => true,
        Primitive::Boolean => value.is_boolean(),
        Primitive::Integer | Primitive::UnixTime => value.as_i64().is_some(),
        Primitive::Int32 => value.as_i64().is_some_and(|n| bounds::fits_width(n, 32)),
        Primitive::Decimal => value.is_number() && decimal_of(value).is_some(),
        Primitive::String => value.is_string(),
        Primitive::Date => value.as_str().is_some_and(|s| format_ok(StringFormat::Date, s)),
        Primitive::DateTime => value.as_str().is_some_and(|s| format_ok(StringFormat::DateTime, s)),
        Primitive::Uri => value.as_str().is_some_and(|s| format_ok(StringFormat::Uri, s)),
        Primitive::Email => value.as_str().is_some_and(|s| format_ok(StringFormat::Email, s)),
    };
    if ok {
        Ok(())
    } else {
        fail(at, format!("{} is not a valid `{}`", show(value), p.name()))
    }
}

fn check_named(types: &Types<'_>, value: &J, def: &TypeDef, at: &mut String, depth: usize) -> Result<(), String> {
    let name = &def.name.value;
    // A type that lost a line to syntax-error recovery (a field, a value, a constraint) cannot judge a value.
    if def.incomplete {
        return Ok(());
    }
    let Some(kind) = def.kind.as_ref().map(|k| k.value) else { return Ok(()) };
    match kind {
        TypeKind::Object => {
            let J::Object(entries) = value else {
                return fail(at, format!("{} is not a `{name}` object", show(value)));
            };
            check_object(types, entries, def, None, at, depth)
        }
        TypeKind::Union => {
            let tag_key = def.tag.as_ref().map_or("", |t| t.value.as_str());
            let J::Object(entries) = value else {
                return fail(at, format!("{} is not a `{name}` object", show(value)));
            };
            let Some(tag) = entries.get(tag_key) else {
                return fail(at, format!("the tag `{tag_key}` of `{name}` is missing"));
            };
            let Some(variant) = def.variants.iter().find(|v| Some(v.tag.value.as_str()) == tag.as_str()) else {
                let tags: Vec<String> = def.variants.iter().map(|v| format!("`{}`", v.tag.value)).collect();
                return fail(at, format!("{} is not a tag of `{name}` ({})", show(tag), tags.join(", ")));
            };
            match types.get(variant.ty.value.as_str()) {
                Some(object) if object.kind.as_ref().is_some_and(|k| k.value == TypeKind::Object) => {
                    check_object(types, entries, object, Some(tag_key), at, depth)
                }
                // Not an object type: reported where the variant is declared.
                _ => Ok(()),
            }
        }
        TypeKind::Enum => {
            let Some(text) = value.as_str() else {
                return fail(at, format!("{} is not a `{name}` value", show(value)));
            };
            if def.values.iter().any(|v| v.value.value == text) {
                Ok(())
            } else {
                fail(at, format!("`{text}` is not one of the values of `{name}`"))
            }
        }
        TypeKind::String => {
            let Some(text) = value.as_str() else {
                return fail(at, format!("{} is not a string (`{name}`)", show(value)));
            };
            if let Some(format) = &def.format {
                if !format_ok(format.value, text) {
                    return fail(at, format!("`{text}` does not have the format of `{name}`"));
                }
                if let (StringFormat::Decimal, Some(max)) = (format.value, &def.constraints.max_decimals) {
                    if codegen_rules::decimal::text_places(text) > max.value {
                        return fail(at, format!("`{text}` has more than {} decimal places (`{name}`)", max.value));
                    }
                }
            }
            check_constraints(value, &def.constraints, at)
        }
        TypeKind::Integer => {
            let Some(n) = value.as_i64() else {
                return fail(at, format!("{} is not an integer (`{name}`)", show(value)));
            };
            if def.width.as_ref().is_some_and(|w| w.value == 32) && !bounds::fits_width(n, 32) {
                return fail(at, format!("{n} does not fit in 32 bits (`{name}`)"));
            }
            check_constraints(value, &def.constraints, at)
        }
        TypeKind::Decimal => {
            if !value.is_number() {
                return fail(at, format!("{} is not a number (`{name}`)", show(value)));
            }
            check_constraints(value, &def.constraints, at)
        }
        TypeKind::Id => {
            let Some(text) = value.as_str() else {
                return fail(at, format!("{} is not an ID string (`{name}`)", show(value)));
            };
            if let Some(prefix) = &def.uid_prefix {
                if !def.external && !text.starts_with(&prefix.value) {
                    return fail(at, format!("`{text}` does not start with `{}` (`{name}`)", prefix.value));
                }
            }
            if text.is_empty() {
                return fail(at, format!("an empty string is not a `{name}`"));
            }
            let max = def.constraints.max_length.as_ref().map(|m| m.value);
            match max {
                Some(max) if length::of_text(text) > max => {
                    fail(at, format!("`{text}` is longer than {max} characters"))
                }
                _ => Ok(()),
            }
        }
    }
}

fn check_constraints(value: &J, c: &Constraints, at: &str) -> Result<(), String> {
    let length = match value {
        J::String(s) => Some(length::of_text(s)),
        J::Array(items) => Some(items.len() as u64),
        // Only a map's own field carries lengths (an object type's fields cannot), and they count its entries.
        J::Object(entries) => Some(entries.len() as u64),
        _ => None,
    };
    if let Some(len) = length {
        let value_of = |key: &Option<crate::front::ast::Spanned<u64>>| key.as_ref().map(|k| k.value);
        let refusal = length::check(len, value_of(&c.min_length), value_of(&c.max_length), value_of(&c.length));
        match refusal {
            Ok(()) => {}
            Err(LengthRefusal::NotExactly(exact)) => {
                return fail(at, format!("{} has length {len}, not {exact}", show(value)))
            }
            Err(LengthRefusal::Shorter(min)) => return fail(at, format!("{} is shorter than {min}", show(value))),
            Err(LengthRefusal::Longer(max)) => return fail(at, format!("{} is longer than {max}", show(value))),
        }
    }
    if let (Some(pattern), J::String(s)) = (&c.pattern, value) {
        // An invalid pattern is reported by the type check.
        if let Some(re) = anchored(&pattern.value) {
            if !re.is_match(s) {
                return fail(at, format!("`{s}` does not match the pattern `{}`", pattern.value));
            }
        }
    }
    if let J::Object(entries) = value {
        for key in entries.keys() {
            key_fits(key, c, at)?;
        }
    }
    if let Some(n) = decimal_of(value) {
        match bounds::check(n, c.min.as_ref().map(|m| m.value), c.max.as_ref().map(|m| m.value)) {
            Ok(()) => {}
            Err(BoundRefusal::Below(min)) => return fail(at, format!("{n} is below the minimum {min}")),
            Err(BoundRefusal::Above(max)) => return fail(at, format!("{n} is above the maximum {max}")),
        }
        if let Some(places) = c.max_decimals.as_ref().filter(|places| !bounds::places_fit(&n, places.value)) {
            return fail(at, format!("{n} has more than {} decimal places", places.value));
        }
    }
    Ok(())
}

/// One key of a map against the field's `key_*` rules.
fn key_fits(key: &str, c: &Constraints, at: &str) -> Result<(), String> {
    let value_of = |key: &Option<crate::front::ast::Spanned<u64>>| key.as_ref().map(|k| k.value);
    let len = length::of_text(key);
    match length::check(len, value_of(&c.key_min_length), value_of(&c.key_max_length), None) {
        Ok(()) => {}
        Err(LengthRefusal::Shorter(min)) => return fail(at, format!("the key `{key}` is shorter than {min}")),
        Err(LengthRefusal::Longer(max)) => return fail(at, format!("the key `{key}` is longer than {max}")),
        Err(LengthRefusal::NotExactly(exact)) => return fail(at, format!("the key `{key}` is not {exact} long")),
    }
    if let Some(re) = c.key_pattern.as_ref().and_then(|p| anchored(&p.value)) {
        if !re.is_match(key) {
            return fail(
                at,
                format!(
                    "the key `{key}` does not match the pattern `{}`",
                    c.key_pattern.as_ref().map_or("", |p| &p.value)
                ),
            );
        }
    }
    Ok(())
}

/// A JSON number as an exact decimal, read from its digits as the runtime reads it; `None` when a decimal cannot hold
/// it without rounding.
pub(crate) fn decimal_of(value: &J) -> Option<Decimal> {
    let J::Number(n) = value else { return None };
    codegen_rules::decimal::parse_json_number(&n.to_string()).ok()
}

/// Why a spec pattern cannot be used, or `None` when it can (see `codegen_rules::pattern`).
pub(crate) fn pattern_problem(pattern: &str) -> Option<String> {
    codegen_rules::pattern::problem(pattern)
}

/// A spec pattern compiled whole-value anchored, or `None` when it is not usable (see [`pattern_problem`]).
/// Compiled once per thread: a spec reuses a handful of patterns across many examples.
pub(crate) fn anchored(pattern: &str) -> Option<Regex> {
    thread_local! {
        static CACHE: RefCell<HashMap<String, Option<Regex>>> = RefCell::new(HashMap::new());
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 1024 {
            cache.clear();
        }
        cache.entry(pattern.to_owned()).or_insert_with(|| codegen_rules::pattern::anchored(pattern)).clone()
    })
}

/// Whether `text` has a string format: the rule of `codegen_rules`, which the generated newtypes enforce.
pub(crate) fn format_ok(format: StringFormat, text: &str) -> bool {
    rule_of(format).accepts(text)
}

fn rule_of(format: StringFormat) -> Format {
    match format {
        StringFormat::Date => Format::Date,
        StringFormat::DateTime => Format::DateTime,
        StringFormat::LocalDateTime => Format::LocalDateTime,
        StringFormat::Uri => Format::Uri,
        StringFormat::Email => Format::Email,
        StringFormat::Digits => Format::Digits,
        StringFormat::PositiveInteger => Format::PositiveInteger,
        StringFormat::Decimal => Format::Decimal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checker judges examples by the runtime's rules: a day that does not exist is no date.
    #[test]
    fn formats_are_the_runtime_rules() {
        assert!(!format_ok(StringFormat::Date, "2023-02-31"));
        assert!(format_ok(StringFormat::Date, "2024-02-29"));
        assert!(!format_ok(StringFormat::Decimal, "123456789012345678901234567890123.45"));
        assert!(anchored("[0-9]+)|(x").is_none());
        assert!(!anchored("a|b").expect("usable").is_match("ab"));
    }
}
