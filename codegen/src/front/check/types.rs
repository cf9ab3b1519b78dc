//! Rules for named types and for the fields of object types.

use super::values;
use super::Ctx;
use crate::front::ast::{Constraints, Field, Primitive, StringFormat, TypeExpr, TypeKind};
use crate::front::messages as msg;
use crate::naming;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    for ty in &spec.types {
        type_name_is_upper_camel_case(ctx, &ty.name.value, ty.name.span, &ty.path);
        let Some(kind) = ty.kind.as_ref().map(|k| k.value) else { continue };
        match kind {
            TypeKind::Enum => enum_has_values(ctx, ty),
            TypeKind::Id => id_has_prefix(ctx, ty),
            TypeKind::Integer => {
                integer_width_is_known(ctx, ty);
                integer_bounds_fit(ctx, &ty.constraints, &ty.path);
            }
            TypeKind::String => string_format_fits(ctx, ty),
            TypeKind::Union => union_is_well_formed(ctx, ty),
            TypeKind::Object => {
                currency_decimals_name_their_fields(ctx, ty);
                wire_names_are_unique(ctx, ty);
            }
            TypeKind::Decimal => {}
        }
        constraints_are_consistent(ctx, &ty.constraints, &ty.path);
        // A type that lost a line to syntax-error recovery cannot judge its own default and example.
        let judged = if ty.incomplete { None } else { Some(ty) };
        if let Some(default) = judged.and_then(|ty| ty.default.as_ref()) {
            let expr = TypeExpr::Named(ty.name.value.clone());
            if let Err(why) = values::validate(&ctx.types, &default.value, &expr, false, &Constraints::default()) {
                ctx.diagnostics.push(msg::value_violates(
                    default.span,
                    &format!("{}.default", ty.path),
                    "default",
                    &default.value.to_string(),
                    &why,
                ));
            }
        }
        if let Some(example) = judged.and_then(|ty| ty.example.as_ref()) {
            let expr = TypeExpr::Named(ty.name.value.clone());
            if let Err(why) = values::validate(&ctx.types, &example.value, &expr, false, &Constraints::default()) {
                ctx.diagnostics.push(msg::value_violates(
                    example.span,
                    &format!("{}.example", ty.path),
                    "example",
                    &example.value.to_string(),
                    &why,
                ));
            }
        }
        for field in &ty.fields {
            check_field(ctx, field);
        }
    }
}

/// Type names are used as Rust type names as written, so they must already be `UpperCamelCase`.
/// A key read from the wire fills one field: a name used twice among an object's wire names and aliases would leave
/// the decoder to pick one of the fields it could mean.
fn wire_names_are_unique(ctx: &mut Ctx<'_, '_>, ty: &crate::front::ast::TypeDef) {
    let mut seen: Vec<(&str, crate::source::Span)> = Vec::new();
    for field in &ty.fields {
        for name in std::iter::once(&field.name).chain(&field.aliases) {
            match seen.iter().find(|(seen, _)| *seen == name.value) {
                Some((_, first)) => ctx.diagnostics.push(msg::duplicate_name(
                    name.span,
                    *first,
                    &field.path,
                    &name.value,
                    "wire name or alias",
                )),
                None => seen.push((&name.value, name.span)),
            }
        }
    }
}

fn type_name_is_upper_camel_case(ctx: &mut Ctx<'_, '_>, name: &str, span: crate::source::Span, path: &str) {
    let of = msg::NameOf::Other { what: "type" };
    if !naming::is_upper_camel_case(name) {
        let fixed = naming::camel(name);
        ctx.diagnostics.push(msg::bad_name_case(span, path, name, "the type name", "UpperCamelCase", &fixed));
    } else if naming::is_keyword(name) {
        ctx.diagnostics.push(msg::rust_keyword(span, path, name, name, of, &format!("{name}Value")));
    } else if !naming::is_identifier(name) {
        // Rightly cased, but no ASCII identifier (`Payé`, `3ds` cased): letters outside ASCII are not guessed at.
        let spelled = naming::camel(&naming::spell_leading_digits(name));
        let suggestion = if naming::is_identifier(&spelled) { spelled } else { "Value".to_owned() };
        ctx.diagnostics.push(msg::not_an_identifier(span, path, name, name, of, &suggestion));
    }
}

/// `currency_decimals` names two fields of its object: one holding an amount that is written with decimal places (a
/// decimal, or a string of format `decimal`), one holding the currency code as text. More places than an exact
/// decimal holds (28) could never be sent.
fn currency_decimals_name_their_fields(ctx: &mut Ctx<'_, '_>, ty: &crate::front::ast::TypeDef) {
    let Some(rule) = &ty.currency_decimals else { return };
    let path = format!("{}.currency_decimals", ty.path);
    let fits_amount: fn(&Ctx<'_, '_>, &TypeExpr) -> bool = is_decimal_text;
    let fits_currency: fn(&Ctx<'_, '_>, &TypeExpr) -> bool = is_code_text;
    let roles = [
        ("amount", &rule.amount, fits_amount, "is not a `decimal` or a string of format `decimal`"),
        (
            "currency",
            &rule.currency,
            fits_currency,
            "does not hold a currency code as text (a `string`, a string type or an enum)",
        ),
    ];
    for (key, name, fits, wrong_type) in roles {
        let Some(name) = name else { continue };
        let why = match ty.fields.iter().find(|f| f.name.value == name.value) {
            None if !ty.incomplete => "is not a field of the object",
            Some(f) if f.ty.as_ref().is_some_and(|t| !fits(ctx, &t.expr)) => wrong_type,
            _ => continue,
        };
        ctx.diagnostics.push(msg::currency_decimals_field(name.span, &format!("{path}.{key}"), &name.value, why));
    }
    // A listed code the currency field can never hold would never apply.
    let currency_enum = rule
        .currency
        .as_ref()
        .and_then(|name| ty.fields.iter().find(|f| f.name.value == name.value))
        .and_then(|f| f.ty.as_ref())
        .and_then(|t| match &t.expr {
            TypeExpr::Named(name) => ctx.types.get(name.as_str()).copied(),
            _ => None,
        })
        .filter(|def| def.kind.as_ref().is_some_and(|k| k.value == TypeKind::Enum));
    if let Some(def) = currency_enum {
        for (code, _) in &rule.places {
            if !def.values.iter().any(|v| v.value.value.eq_ignore_ascii_case(&code.value)) {
                let at = format!("{path}.places.{}", code.value);
                ctx.diagnostics.push(msg::currency_decimals_code(code.span, &at, &code.value, &def.name.value));
            }
        }
    }
    let places = rule.places.iter().map(|(code, places)| (format!("{path}.places.{}", code.value), places));
    for (at, places) in places.chain(rule.default.iter().map(|d| (format!("{path}.default"), d))) {
        if places.value > 28 {
            ctx.diagnostics.push(msg::bad_scalar(
                places.span,
                &at,
                &places.value.to_string(),
                "a number of places from 0 to 28",
            ));
        }
    }
}

fn is_decimal_text(ctx: &Ctx<'_, '_>, expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Primitive(p) => *p == Primitive::Decimal,
        TypeExpr::Named(_) => ctx.type_def(expr).is_none_or(|def| match def.kind.as_ref().map(|k| k.value) {
            Some(TypeKind::Decimal) => true,
            Some(TypeKind::String) => def.format.as_ref().is_some_and(|f| f.value == StringFormat::Decimal),
            Some(_) => false,
            None => true,
        }),
        _ => false,
    }
}

fn is_code_text(ctx: &Ctx<'_, '_>, expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Primitive(p) => *p == Primitive::String,
        TypeExpr::Named(_) => ctx
            .type_def(expr)
            .and_then(|def| def.kind.as_ref())
            .is_none_or(|k| matches!(k.value, TypeKind::String | TypeKind::Enum)),
        _ => false,
    }
}

/// A union names the key of its tag and, for each tag value, an object type that does not list that key itself (the
/// union writes the tag; a variant that also wrote it would send the key twice). Each object type is one variant
/// only: decoding must know which tag a value of it came with.
fn union_is_well_formed(ctx: &mut Ctx<'_, '_>, ty: &crate::front::ast::TypeDef) {
    match &ty.tag {
        None => ctx.require(ty.name.span, &ty.path, "tag"),
        Some(tag) if tag.value.is_empty() => {
            ctx.diagnostics.push(msg::empty_text(tag.span, &format!("{}.tag", ty.path), "tag"))
        }
        Some(_) => {}
    }
    if ty.variants.is_empty() && !ty.incomplete {
        match ctx.key_state(&ty.path, "variants") {
            crate::front::ast::KeyState::Absent => ctx.require(ty.name.span, &ty.path, "variants"),
            _ => ctx.diagnostics.push(msg::union_without_variants(ty.name.span, &ty.path)),
        }
    }
    let tag = ty.tag.as_ref().map(|t| t.value.as_str());
    let mut seen: std::collections::HashMap<&str, &str> = std::collections::HashMap::new();
    for variant in &ty.variants {
        let path = format!("{}.variants.{}", ty.path, variant.tag.value);
        let name = variant.ty.value.as_str();
        let Some(def) = ctx.types.get(name).copied() else {
            if ctx.certainly_undeclared("", "types", name) {
                let candidates: Vec<String> = ctx.types.keys().map(|k| k.to_string()).collect();
                ctx.diagnostics.push(msg::unknown_type(variant.ty.span, &path, name, &candidates));
            }
            continue;
        };
        match def.kind.as_ref().map(|k| k.value) {
            Some(TypeKind::Object) => {}
            Some(kind) => {
                ctx.diagnostics.push(msg::union_variant_not_object(variant.ty.span, &path, name, kind.name()));
                continue;
            }
            None => continue,
        }
        if let Some(first) = seen.insert(name, &variant.tag.value) {
            ctx.diagnostics.push(msg::union_variant_twice(variant.ty.span, &path, name, first));
        }
        let writes_tag = def
            .fields
            .iter()
            .find(|f| Some(f.name.value.as_str()) == tag || f.aliases.iter().any(|a| Some(a.value.as_str()) == tag));
        if let (Some(field), Some(tag)) = (writes_tag, tag) {
            ctx.diagnostics.push(msg::union_variant_has_tag(variant.ty.span, &path, name, tag, &field.path));
        }
    }
}

/// An enum without values can hold nothing; it is almost always a forgotten list.
fn enum_has_values(ctx: &mut Ctx<'_, '_>, ty: &crate::front::ast::TypeDef) {
    if !ty.values.is_empty() {
        return;
    }
    match ty.empty_values {
        Some(span) => ctx.diagnostics.push(msg::empty_enum(span, &format!("{}.values", ty.path))),
        None => ctx.require(ty.name.span, &ty.path, "values"),
    }
}

/// The prefix is what tells an internal ID from an external one.
fn id_has_prefix(ctx: &mut Ctx<'_, '_>, ty: &crate::front::ast::TypeDef) {
    match &ty.uid_prefix {
        None => ctx.require(ty.name.span, &ty.path, "uid_prefix"),
        Some(prefix) if prefix.value.is_empty() => {
            ctx.diagnostics.push(msg::empty_text(prefix.span, &format!("{}.uid_prefix", ty.path), "uid_prefix"))
        }
        _ => {}
    }
}

fn integer_width_is_known(ctx: &mut Ctx<'_, '_>, ty: &crate::front::ast::TypeDef) {
    if let Some(width) = &ty.width {
        if width.value != 32 && width.value != 64 {
            ctx.diagnostics.push(msg::bad_scalar(
                width.span,
                &format!("{}.width", ty.path),
                &width.value.to_string(),
                "`32` or `64`",
            ));
        }
    }
}

/// An integer check compares with 64-bit bounds, rounded towards the stricter side (`min: 1.5` admits 2 and up); a
/// bound beyond 64 bits would have to be dropped, which admits everything, so it is refused.
fn integer_bounds_fit(ctx: &mut Ctx<'_, '_>, c: &Constraints, path: &str) {
    let min = c.min.as_ref().filter(|min| i64::try_from(min.value.ceil()).is_err()).map(|min| ("min", min));
    let max = c.max.as_ref().filter(|max| i64::try_from(max.value.floor()).is_err()).map(|max| ("max", max));
    for (key, bound) in min.into_iter().chain(max) {
        let path = format!("{path}.{key}");
        ctx.diagnostics.push(msg::integer_bound_out_of_range(bound.span, &path, key, &bound.value.to_string()));
    }
}

/// `max_decimals` only means something for decimal strings.
fn string_format_fits(ctx: &mut Ctx<'_, '_>, ty: &crate::front::ast::TypeDef) {
    let is_decimal = ty.format.as_ref().is_some_and(|f| f.value == StringFormat::Decimal);
    if let (Some(places), false) = (&ty.constraints.max_decimals, is_decimal) {
        ctx.diagnostics.push(msg::max_decimals_needs_decimal_format(places.span, &format!("{}.max_decimals", ty.path)));
    }
}

/// Bounds that no value can satisfy, patterns that do not compile, and exact lengths mixed with ranges.
pub(super) fn constraints_are_consistent(ctx: &mut Ctx<'_, '_>, c: &Constraints, path: &str) {
    if let (Some(min), Some(max)) = (&c.min, &c.max) {
        if min.value > max.value {
            ctx.diagnostics.push(msg::min_above_max(
                min.span,
                max.span,
                &format!("{path}.min"),
                "min",
                &min.value.to_string(),
                "max",
                &max.value.to_string(),
            ));
        }
    }
    let length_bounds = [
        (("min_length", &c.min_length), ("max_length", &c.max_length)),
        (("key_min_length", &c.key_min_length), ("key_max_length", &c.key_max_length)),
    ];
    for ((min_key, min), (max_key, max)) in length_bounds {
        if let (Some(min), Some(max)) = (min, max) {
            if min.value > max.value {
                ctx.diagnostics.push(msg::min_above_max(
                    min.span,
                    max.span,
                    &format!("{path}.{min_key}"),
                    min_key,
                    &min.value.to_string(),
                    max_key,
                    &max.value.to_string(),
                ));
            }
        }
    }
    if let Some(length) = &c.length {
        if c.min_length.is_some() || c.max_length.is_some() {
            ctx.diagnostics.push(msg::length_conflict(length.span, &format!("{path}.length")));
        }
    }
    for (key, pattern) in [("pattern", &c.pattern), ("key_pattern", &c.key_pattern)] {
        let Some(pattern) = pattern else { continue };
        if pattern.value.starts_with('^') || pattern.value.ends_with('$') {
            ctx.diagnostics.push(msg::anchored_pattern(pattern.span, &format!("{path}.{key}")));
        } else if let Some(what) = values::pattern_problem(&pattern.value) {
            ctx.diagnostics.push(msg::bad_pattern(pattern.span, &format!("{path}.{key}"), &what));
        }
    }
}

/// The base kind a type expression resolves to, for deciding which constraints apply.
enum Base {
    Number,
    Text,
    Array,
    Map,
    Other,
    /// An undeclared type, or one whose kind could not be read: already reported, so any constraint is let be.
    Unknown,
}

fn base_of(ctx: &Ctx<'_, '_>, expr: &TypeExpr) -> Base {
    match expr {
        TypeExpr::Primitive(Primitive::Integer | Primitive::Int32 | Primitive::Decimal | Primitive::UnixTime) => {
            Base::Number
        }
        TypeExpr::Primitive(Primitive::String | Primitive::Uri | Primitive::Email) => Base::Text,
        TypeExpr::Array(_) => Base::Array,
        TypeExpr::Map(_) => Base::Map,
        TypeExpr::Named(_) => match ctx.type_def(expr).and_then(|t| t.kind.as_ref()).map(|k| k.value) {
            Some(TypeKind::Integer | TypeKind::Decimal) => Base::Number,
            Some(TypeKind::String | TypeKind::Id) => Base::Text,
            Some(TypeKind::Object | TypeKind::Enum | TypeKind::Union) => Base::Other,
            None => Base::Unknown,
        },
        _ => Base::Other,
    }
}

/// Rules for one field, argument or header: its type exists, its constraints fit its type, and its default and
/// example satisfy both.
pub(super) fn check_field(ctx: &mut Ctx<'_, '_>, field: &Field) {
    let Some(ty) = &field.ty else { return };
    ctx.check_type_ref(ty, &format!("{}.type", field.path));
    constraints_fit_type(ctx, field, &ty.expr);
    constraints_are_consistent(ctx, &field.constraints, &field.path);
    if let TypeExpr::Primitive(Primitive::Integer | Primitive::Int32) = ty.expr {
        integer_bounds_fit(ctx, &field.constraints, &field.path);
    }
    if let (true, Some(default)) = (field.required, &field.default) {
        ctx.diagnostics.push(msg::not_required_default(default.span, &format!("{}.default", field.path)));
    }
    for (key, value) in [("default", &field.default), ("example", &field.example)] {
        // A field that lost a line to syntax-error recovery cannot judge its values.
        let Some(value) = value.as_ref().filter(|_| !field.incomplete) else { continue };
        if let Err(why) = values::validate(&ctx.types, &value.value, &ty.expr, field.nullable, &field.constraints) {
            ctx.diagnostics.push(msg::value_violates(
                value.span,
                &format!("{}.{key}", field.path),
                key,
                &value.value.to_string(),
                &why,
            ));
        }
    }
}

fn constraints_fit_type(ctx: &mut Ctx<'_, '_>, field: &Field, expr: &TypeExpr) {
    let c = &field.constraints;
    let base = base_of(ctx, expr);
    let numeric = [
        ("min", c.min.as_ref().map(|s| s.span)),
        ("max", c.max.as_ref().map(|s| s.span)),
        ("max_decimals", c.max_decimals.as_ref().map(|s| s.span)),
    ];
    let lengths = [
        ("min_length", c.min_length.as_ref().map(|s| s.span)),
        ("max_length", c.max_length.as_ref().map(|s| s.span)),
        ("length", c.length.as_ref().map(|s| s.span)),
    ];
    let pattern = [("pattern", c.pattern.as_ref().map(|s| s.span))];
    let keys = [
        ("key_min_length", c.key_min_length.as_ref().map(|s| s.span)),
        ("key_max_length", c.key_max_length.as_ref().map(|s| s.span)),
        ("key_pattern", c.key_pattern.as_ref().map(|s| s.span)),
    ];
    // Rules written on a field become a newtype of that field alone, which the generator makes for text, numbers and
    // lists. A named type keeps its own rules, so a field of one cannot add to them: it would be silently ignored.
    if let TypeExpr::Named(name) = expr {
        for (key, span) in numeric.iter().chain(&lengths).chain(&pattern).chain(&keys) {
            if let Some(span) = span {
                let path = format!("{}.{key}", field.path);
                ctx.diagnostics.push(msg::constraint_on_named_type(*span, &path, key, name));
            }
        }
        return;
    }
    let base = if matches!(expr, TypeExpr::Primitive(Primitive::UnixTime)) { Base::Other } else { base };
    let (ok_numeric, ok_length, ok_pattern, ok_keys) = match base {
        Base::Number => (true, false, false, false),
        Base::Text => (false, true, true, false),
        Base::Array => (false, true, false, false),
        // A map's lengths count its entries; the key rules apply to each key.
        Base::Map => (false, true, false, true),
        Base::Other => (false, false, false, false),
        Base::Unknown => (true, true, true, true),
    };
    let groups =
        [(ok_numeric, &numeric[..]), (ok_length, &lengths[..]), (ok_pattern, &pattern[..]), (ok_keys, &keys[..])];
    for (ok, group) in groups {
        if ok {
            continue;
        }
        for (key, span) in group {
            if let Some(span) = span {
                let path = format!("{}.{key}", field.path);
                ctx.diagnostics.push(msg::constraint_not_for_type(*span, &path, key, &expr.to_string()));
            }
        }
    }
    if let (Some(places), TypeExpr::Primitive(Primitive::Integer | Primitive::Int32)) = (&c.max_decimals, expr) {
        let path = format!("{}.max_decimals", field.path);
        ctx.diagnostics.push(msg::constraint_not_for_type(places.span, &path, "max_decimals", &expr.to_string()));
    }
}
