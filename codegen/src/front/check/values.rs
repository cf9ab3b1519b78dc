//! Does a JSON value fit a type? Used for defaults, examples and sample exchanges, so that what the docs show and
//! what the round-trip tests feed the generated types is valid by the spec's own rules.

use crate::front::ast::{Constraints, Primitive, StringFormat, TypeDef, TypeExpr, TypeKind};
use regex::Regex;
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

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
    }
    check_constraints(value, constraints, at)
}

fn check_primitive(value: &J, p: Primitive, at: &str) -> Result<(), String> {
    let ok = match p {
        Primitive::Json => true,
        Primitive::Boolean => value.is_boolean(),
        Primitive::Integer | Primitive::UnixTime => value.as_i64().is_some(),
        Primitive::Int32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
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
            for field in &def.fields {
                let key = &field.name.value;
                let found = entries.get(key).or_else(|| field.aliases.iter().find_map(|a| entries.get(&a.value)));
                match (found, &field.ty) {
                    _ if field.incomplete => {}
                    (None, _) if field.required => {
                        return fail(at, format!("required field `{key}` of `{name}` is missing"))
                    }
                    (Some(item), Some(ty)) => {
                        let len = at.len();
                        at.push_str(&format!("/{key}"));
                        check_value(types, item, &ty.expr, field.nullable, &field.constraints, at, depth + 1)?;
                        at.truncate(len);
                    }
                    _ => {}
                }
            }
            if def.closed {
                for key in entries.keys() {
                    let known =
                        def.fields.iter().any(|f| &f.name.value == key || f.aliases.iter().any(|a| &a.value == key));
                    if !known {
                        return fail(at, format!("`{name}` is closed and has no field `{key}`"));
                    }
                }
            }
            Ok(())
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
                    if decimals(text) > max.value {
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
            if def.width.as_ref().is_some_and(|w| w.value == 32) && i32::try_from(n).is_err() {
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
                Some(max) if text.chars().count() as u64 > max => {
                    fail(at, format!("`{text}` is longer than {max} characters"))
                }
                _ => Ok(()),
            }
        }
    }
}

fn check_constraints(value: &J, c: &Constraints, at: &str) -> Result<(), String> {
    let length = match value {
        J::String(s) => Some(s.chars().count() as u64),
        J::Array(items) => Some(items.len() as u64),
        _ => None,
    };
    if let Some(len) = length {
        if let Some(exact) = &c.length {
            if len != exact.value {
                return fail(at, format!("{} has length {len}, not {}", show(value), exact.value));
            }
        }
        if let Some(min) = &c.min_length {
            if len < min.value {
                return fail(at, format!("{} is shorter than {}", show(value), min.value));
            }
        }
        if let Some(max) = &c.max_length {
            if len > max.value {
                return fail(at, format!("{} is longer than {}", show(value), max.value));
            }
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
    if let Some(n) = decimal_of(value) {
        if let Some(min) = &c.min {
            if n < min.value {
                return fail(at, format!("{n} is below the minimum {}", min.value));
            }
        }
        if let Some(max) = &c.max {
            if n > max.value {
                return fail(at, format!("{n} is above the maximum {}", max.value));
            }
        }
        if let Some(places) = &c.max_decimals {
            if u64::from(n.scale()) > places.value {
                return fail(at, format!("{n} has more than {} decimal places", places.value));
            }
        }
    }
    Ok(())
}

/// A JSON number as an exact decimal; `None` when a decimal cannot hold it without rounding.
pub(crate) fn decimal_of(value: &J) -> Option<Decimal> {
    let J::Number(n) = value else { return None };
    let text = n.to_string();
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(&text).ok()
    } else {
        Decimal::from_str_exact(&text).ok()
    }
}

fn decimals(text: &str) -> u64 {
    text.split_once('.').map_or(0, |(_, frac)| frac.len() as u64)
}

/// Why a spec pattern cannot be used, or `None` when it can. It must compile on its own (as the regular expression
/// the author wrote) and `^(?:PATTERN)$` must then mean exactly that expression anchored at both ends. Only wrapping
/// a pattern that stands alone is safe: `[0-9]+)|(x` would close the wrapper's group and turn the whole-value check
/// into `^(?:[0-9]+)|(x)$`, a prefix check.
pub(crate) fn pattern_problem(pattern: &str) -> Option<String> {
    use regex_syntax::hir::{Hir, Look};
    if let Err(error) = Regex::new(pattern) {
        // The regex crate's message ends with a line `error: <what>`; that line is the useful part.
        let error = error.to_string();
        let last = error.lines().last().unwrap_or("").trim();
        return Some(last.strip_prefix("error:").unwrap_or(last).trim().to_owned());
    }
    let whole = |hir: Hir| Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)]);
    match (regex_syntax::parse(pattern), regex_syntax::parse(&format!("^(?:{pattern})$"))) {
        (Ok(alone), Ok(anchored)) if anchored == whole(alone.clone()) => None,
        _ => Some("it cannot be anchored as one whole expression (does a comment or flag reach past its end?)".into()),
    }
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
        cache
            .entry(pattern.to_owned())
            .or_insert_with(|| match pattern_problem(pattern) {
                None => Regex::new(&format!("^(?:{pattern})$")).ok(),
                Some(_) => None,
            })
            .clone()
    })
}

/// The rules of each string format. These are the same rules the generated newtypes enforce.
static FORMATS: LazyLock<[(StringFormat, Regex); 7]> = LazyLock::new(|| {
    let rule = |p: &str| Regex::new(p).expect("format patterns are valid");
    [
        (StringFormat::Date, rule(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")),
        (
            StringFormat::DateTime,
            rule(
                r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$",
            ),
        ),
        (StringFormat::Uri, rule(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")),
        (StringFormat::Email, rule(r"^[^\s@]+@[^\s@]+\.[^\s@]+$")),
        (StringFormat::Digits, rule(r"^[0-9]+$")),
        (StringFormat::PositiveInteger, rule(r"^[1-9][0-9]*$")),
        (StringFormat::Decimal, rule(r"^-?[0-9]+(\.[0-9]+)?$")),
    ]
});

/// Whether `text` has a string format.
pub(crate) fn format_ok(format: StringFormat, text: &str) -> bool {
    FORMATS.iter().find(|(f, _)| *f == format).is_some_and(|(_, re)| re.is_match(text))
}

#[cfg(test)]
mod pattern_tests {
    use super::*;

    #[test]
    fn a_pattern_must_stand_alone_to_be_anchored() {
        for good in ["[0-9]+", "a|b", "(?i)abc", "a(b|c)d", "[)(]", r"\)", "(?x) a b  # spaced\n"] {
            assert_eq!(pattern_problem(good), None, "{good}");
            assert!(anchored(good).is_some(), "{good}");
        }
        // Closes the group it would be wrapped in: alone it does not compile.
        assert!(pattern_problem("[0-9]+)|(x").is_some_and(|why| why.contains("unopened group")));
        assert!(anchored("[0-9]+)|(x").is_none());
        // A comment that would swallow the closing `)$`.
        assert!(pattern_problem("(?x)abc # comment").is_some());
        assert!(pattern_problem("[a-z").is_some());
        // `a|b` is anchored as a whole, not as `^a|b$`.
        assert!(!anchored("a|b").unwrap().is_match("ab"));
    }
}
