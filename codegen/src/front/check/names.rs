//! Rules for the Rust names derived from wire names: no keyword, no collision after case conversion.
//!
//! The derived names are exactly those the generator emits (`crate::naming`), so a spec that passes here generates
//! code that compiles.

use super::Ctx;
use crate::front::ast::{ErrorStyle, Field, Text, TypeExpr};
use crate::front::messages::{self as msg, NameOf};
use crate::naming;
use crate::source::Span;
use std::collections::HashMap;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    for ty in &spec.types {
        fields_have_distinct_rust_names(ctx, &ty.fields, &naming::snake(&ty.name.value));
        let values: Vec<(&Text, Option<&Text>)> = ty.values.iter().map(|v| (&v.value, v.rust_name.as_ref())).collect();
        variants_have_distinct_rust_names(ctx, &values, &format!("{}.values", ty.path), NameOf::EnumValue);
        let tags: Vec<(&Text, Option<&Text>)> = ty.variants.iter().map(|v| (&v.tag, v.rust_name.as_ref())).collect();
        variants_have_distinct_rust_names(ctx, &tags, &format!("{}.variants", ty.path), NameOf::UnionVariant);
    }
    for endpoint in &spec.endpoints {
        endpoint_name_is_snake_case(ctx, endpoint);
        // What an endpoint acts on, for suggested names: `get_payout` -> `payout`.
        let noun = endpoint.name.value.rsplit('_').next().unwrap_or("value");
        fields_have_distinct_rust_names(ctx, &endpoint.arguments, noun);
        if let Some(response) = &endpoint.response {
            fields_have_distinct_rust_names(ctx, &response.headers, noun);
        }
    }
    for endpoint in &spec.endpoints {
        for group in &endpoint.groups {
            // A group is a member of the request (`snake_case`) holding an enum of its alternatives (`UpperCamelCase`).
            derived_name_is_identifier(ctx, &group.name, &group.path, naming::snake, "group");
            for alternative in &group.alternatives {
                derived_name_is_identifier(ctx, &alternative.name, &alternative.path, naming::camel, "alternative");
            }
        }
    }
    for scheme in &spec.auth {
        let path = format!("auth.schemes.{}", scheme.name.value);
        derived_name_is_identifier(ctx, &scheme.name, &path, naming::camel, "auth scheme");
    }
    for server in &spec.servers {
        for variable in &server.variables {
            let path = format!("servers.{}.variables.{}", server.name.value, variable.name.value);
            derived_name_is_identifier(ctx, &variable.name, &path, naming::snake, "server variable");
        }
    }
    if let Some(errors) = &spec.errors {
        // Errors told by code are named by their wire code.
        let code_array =
            errors.style.as_ref().is_some_and(|s| matches!(s.value, ErrorStyle::CodeArray | ErrorStyle::ByCode));
        let names: Vec<(&Text, Option<&Text>)> = errors.codes.iter().map(|c| (&c.name, c.rust_name.as_ref())).collect();
        variants_have_distinct_rust_names(ctx, &names, "errors.codes", NameOf::Error { code_array });
        for code in &errors.codes {
            fields_have_distinct_rust_names(ctx, &code.headers, "error");
        }
    }
}

/// A name without `rust_name` whose derived Rust name (`derive` of it) must be a plain ASCII identifier, not a
/// keyword: `destinación` or `3ds` make no identifier, `type` is a keyword.
fn derived_name_is_identifier(
    ctx: &mut Ctx<'_, '_>,
    name: &Text,
    path: &str,
    derive: fn(&str) -> String,
    what: &'static str,
) {
    let derived = derive(&name.value);
    let of = NameOf::Other { what };
    if naming::is_keyword(&derived) {
        let suggestion = format!("{}_value", name.value);
        ctx.diagnostics.push(msg::rust_keyword(name.span, path, &name.value, &derived, of, &suggestion));
    } else if !naming::is_identifier(&derived) {
        // A suggestion in the spec's own spelling (these names are written in snake_case). Letters outside ASCII
        // are not guessed at: dropping them would suggest a different word.
        let spelled = naming::snake(&naming::spell_leading_digits(&name.value));
        let suggestion = if naming::is_identifier(&derive(&spelled)) { spelled } else { "value".to_owned() };
        ctx.diagnostics.push(msg::not_an_identifier(name.span, path, &name.value, &derived, of, &suggestion));
    }
}

/// Endpoint names become method names as written.
fn endpoint_name_is_snake_case(ctx: &mut Ctx<'_, '_>, endpoint: &crate::front::ast::Endpoint) {
    let (name, path) = (&endpoint.name, &endpoint.path_in_spec);
    if !naming::is_snake_case(&name.value) {
        let fixed = naming::snake(&name.value);
        ctx.diagnostics.push(msg::bad_name_case(
            name.span,
            path,
            &name.value,
            "the endpoint name",
            "snake_case",
            &fixed,
        ));
    } else if naming::is_keyword(&name.value) {
        // Suggest a name after what the endpoint returns (`move` returning `Payout` -> `move_payout`).
        let returned = endpoint.response.as_ref().and_then(|r| r.ty.as_ref()).and_then(|t| named_type(&t.expr));
        let noun = returned.map_or_else(|| "payout".to_owned(), naming::snake);
        let suggestion = format!("{}_{noun}", name.value);
        ctx.diagnostics.push(msg::rust_keyword(
            name.span,
            path,
            &name.value,
            &name.value,
            NameOf::Endpoint,
            &suggestion,
        ));
    } else if !naming::is_identifier(&name.value) {
        let suggestion = naming::snake(&naming::spell_leading_digits(&name.value));
        ctx.diagnostics.push(msg::not_an_identifier(
            name.span,
            path,
            &name.value,
            &name.value,
            NameOf::Endpoint,
            &suggestion,
        ));
    }
}

/// The named type an expression is about: `Payout`, `array<Payout>` and `map<Payout>` are all about `Payout`.
fn named_type(expr: &TypeExpr) -> Option<&str> {
    match expr {
        TypeExpr::Named(name) | TypeExpr::Expandable(name) => Some(name),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => named_type(inner),
        TypeExpr::Primitive(_) => None,
    }
}

/// Fields become struct fields in `snake_case`: `refId` and `ref_id` would both be `ref_id`, and `type` cannot be a
/// field name at all. `owner` is what the fields belong to, for suggested names (`payout` -> `payout_type`).
fn fields_have_distinct_rust_names(ctx: &mut Ctx<'_, '_>, fields: &[Field], owner: &str) {
    // By Rust name, so that a type with many thousands of fields or values is checked in one pass.
    let mut seen: HashMap<String, (&str, Span)> = HashMap::new();
    for field in fields {
        let field_path = field.path.as_str();
        let rust = match &field.rust_name {
            Some(given) => {
                let path = format!("{field_path}.rust_name");
                if !naming::is_identifier(&given.value) {
                    ctx.diagnostics.push(msg::rust_name_unusable(given.span, &path, &given.value));
                    continue;
                }
                if !naming::is_snake_case(&given.value) {
                    let fixed = naming::snake(&given.value);
                    let case = "snake_case";
                    ctx.diagnostics.push(msg::rust_name_case(
                        given.span,
                        &path,
                        &given.value,
                        NameOf::Field,
                        case,
                        &fixed,
                    ));
                    continue;
                }
                given.value.clone()
            }
            None => {
                let wire = &field.name.value;
                let derived = naming::snake(wire);
                if naming::is_keyword(&derived) {
                    let suggestion = format!("{owner}_{derived}");
                    ctx.diagnostics.push(msg::rust_keyword(
                        field.name.span,
                        field_path,
                        wire,
                        &derived,
                        NameOf::Field,
                        &suggestion,
                    ));
                    continue;
                }
                if !naming::is_identifier(&derived) {
                    let spelled = naming::snake(&naming::spell_leading_digits(wire));
                    let suggestion = if naming::is_identifier(&spelled) { spelled } else { format!("{owner}_value") };
                    ctx.diagnostics.push(msg::not_an_identifier(
                        field.name.span,
                        field_path,
                        wire,
                        &derived,
                        NameOf::Field,
                        &suggestion,
                    ));
                    continue;
                }
                derived
            }
        };
        match seen.get(&rust) {
            Some((other, first)) => ctx.diagnostics.push(msg::name_collision(
                field.name.span,
                *first,
                field_path,
                &field.name.value,
                other,
                &rust,
                NameOf::Field,
            )),
            None => {
                seen.insert(rust, (&field.name.value, field.name.span));
            }
        }
    }
}

/// Enum values and error names become variants in `UpperCamelCase`: `in-progress` and `IN_PROGRESS` would collide,
/// `3ds` is no identifier, and `Unknown` is the variant that keeps values the spec does not list.
fn variants_have_distinct_rust_names(ctx: &mut Ctx<'_, '_>, values: &[(&Text, Option<&Text>)], path: &str, of: NameOf) {
    // By Rust name, so that a type with many thousands of fields or values is checked in one pass.
    let mut seen: HashMap<String, (&str, Span)> = HashMap::new();
    for (value, rust_name) in values {
        let value_path = format!("{path}.{}", value.value);
        let rust = match rust_name {
            Some(given) => {
                let given_path = format!("{value_path}.rust_name");
                if !naming::is_identifier(&given.value) || given.value == "Unknown" {
                    ctx.diagnostics.push(msg::rust_name_unusable(given.span, &given_path, &given.value));
                    continue;
                }
                if !naming::is_upper_camel_case(&given.value) {
                    let fixed = naming::camel(&given.value);
                    let case = "UpperCamelCase";
                    ctx.diagnostics.push(msg::rust_name_case(given.span, &given_path, &given.value, of, case, &fixed));
                    continue;
                }
                given.value.clone()
            }
            None => {
                let wire = &value.value;
                let derived = naming::camel(wire);
                if derived == "Unknown" {
                    ctx.diagnostics.push(msg::reserved_unknown(value.span, &value_path, wire, of));
                    continue;
                }
                if naming::is_keyword(&derived) {
                    let suggestion = format!("{derived}Value");
                    ctx.diagnostics.push(msg::rust_keyword(value.span, &value_path, wire, &derived, of, &suggestion));
                    continue;
                }
                if !naming::is_identifier(&derived) {
                    let spelled = naming::camel(&naming::spell_leading_digits(wire));
                    let suggestion = if naming::is_identifier(&spelled) { spelled } else { "Value".to_owned() };
                    ctx.diagnostics.push(msg::not_an_identifier(
                        value.span,
                        &value_path,
                        wire,
                        &derived,
                        of,
                        &suggestion,
                    ));
                    continue;
                }
                derived
            }
        };
        match seen.get(&rust) {
            Some((other, first)) => ctx.diagnostics.push(msg::name_collision(
                value.span,
                *first,
                &value_path,
                &value.value,
                other,
                &rust,
                of,
            )),
            None => {
                seen.insert(rust, (&value.value, value.span));
            }
        }
    }
}
