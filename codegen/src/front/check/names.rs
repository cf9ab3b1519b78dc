//! Rules for the Rust names derived from wire names: no keyword, no collision after case conversion.
//!
//! The derived names are exactly those the generator emits (`crate::naming`), so a spec that passes here generates
//! code that compiles.

use super::Ctx;
use crate::front::ast::{Field, Text};
use crate::front::messages as msg;
use crate::naming;
use crate::source::Span;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    for ty in &spec.types {
        fields_have_distinct_rust_names(ctx, &ty.fields, &format!("{}.fields", ty.path));
        let values: Vec<(&Text, Option<&Text>)> = ty.values.iter().map(|v| (&v.value, v.rust_name.as_ref())).collect();
        variants_have_distinct_rust_names(ctx, &values, &format!("{}.values", ty.path));
    }
    for endpoint in &spec.endpoints {
        endpoint_name_is_snake_case(ctx, &endpoint.name, &endpoint.path_in_spec);
        fields_have_distinct_rust_names(ctx, &endpoint.arguments, &format!("{}.arguments", endpoint.path_in_spec));
        if let Some(response) = &endpoint.response {
            fields_have_distinct_rust_names(
                ctx,
                &response.headers,
                &format!("{}.response.headers", endpoint.path_in_spec),
            );
        }
    }
    if let Some(errors) = &spec.errors {
        let names: Vec<(&Text, Option<&Text>)> = errors.codes.iter().map(|c| (&c.name, None)).collect();
        variants_have_distinct_rust_names(ctx, &names, "errors.codes");
        for code in &errors.codes {
            fields_have_distinct_rust_names(ctx, &code.headers, &format!("{}.headers", code.path));
        }
    }
}

/// Endpoint names become method names as written.
fn endpoint_name_is_snake_case(ctx: &mut Ctx<'_, '_>, name: &Text, path: &str) {
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
    } else if !naming::is_identifier(&name.value) {
        ctx.diagnostics.push(msg::rust_keyword(name.span, path, &name.value, &name.value));
    }
}

/// Fields become struct fields in `snake_case`: `refId` and `ref_id` would both be `ref_id`, and `type` cannot be a
/// field name at all.
fn fields_have_distinct_rust_names(ctx: &mut Ctx<'_, '_>, fields: &[Field], path: &str) {
    let mut seen: Vec<(String, &str, Span)> = Vec::new();
    for field in fields {
        let field_path = field.path.as_str();
        let rust = match &field.rust_name {
            Some(given) => {
                if !naming::is_identifier(&given.value) || !naming::is_snake_case(&given.value) {
                    ctx.diagnostics.push(msg::bad_rust_name(given.span, field_path, &given.value));
                    continue;
                }
                given.value.clone()
            }
            None => {
                let derived = naming::snake(&field.name.value);
                if naming::is_keyword(&derived) {
                    ctx.diagnostics.push(msg::rust_keyword(field.name.span, field_path, &field.name.value, &derived));
                    continue;
                }
                if !naming::is_identifier(&derived) {
                    ctx.diagnostics.push(msg::bad_rust_name(field.name.span, field_path, &field.name.value));
                    continue;
                }
                derived
            }
        };
        match seen.iter().find(|(r, _, _)| *r == rust) {
            Some((_, other, first)) => ctx.diagnostics.push(msg::name_collision(
                field.name.span,
                *first,
                path,
                &field.name.value,
                other,
                &rust,
            )),
            None => seen.push((rust, &field.name.value, field.name.span)),
        }
    }
}

/// Enum values and error names become variants in `UpperCamelCase`: `in-progress` and `IN_PROGRESS` would collide,
/// and `3ds` is no identifier.
fn variants_have_distinct_rust_names(ctx: &mut Ctx<'_, '_>, values: &[(&Text, Option<&Text>)], path: &str) {
    let mut seen: Vec<(String, &str, Span)> = Vec::new();
    for (value, rust_name) in values {
        let value_path = format!("{path}.{}", value.value);
        let (rust, span) = match rust_name {
            Some(given) => (given.value.clone(), given.span),
            None => (naming::camel(&value.value), value.span),
        };
        // `Unknown` carries values the spec does not list, so no documented value may take it.
        if !naming::is_identifier(&rust) || !naming::is_upper_camel_case(&rust) || rust == "Unknown" {
            ctx.diagnostics.push(msg::bad_rust_name(span, &value_path, &rust));
            continue;
        }
        match seen.iter().find(|(r, _, _)| *r == rust) {
            Some((_, other, first)) => {
                ctx.diagnostics.push(msg::name_collision(value.span, *first, path, &value.value, other, &rust))
            }
            None => seen.push((rust, &value.value, value.span)),
        }
    }
}
