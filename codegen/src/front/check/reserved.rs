//! Rules for spec names that would collide with a name the generator makes itself: a type named `Client` or
//! `GetPayoutRequest`, a server named `custom`, a field called `additional_fields`, an endpoint called `new` or
//! `x_pages` beside a paginated `x`. Each would generate a module that does not compile, or a method that hides another.
//!
//! The generated names come from `crate::naming`, the functions the emitter builds them with.

use super::Ctx;
use crate::front::ast::{Field, PageKind, TypeKind};
use crate::front::messages as msg;
use crate::naming::{self, Paging};
use crate::source::Span;
use std::collections::HashMap;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    types_avoid_generated_items(ctx);
    servers_avoid_custom(ctx);
    fields_avoid_additional_fields(ctx);
    endpoints_avoid_client_methods(ctx);
    request_members_are_distinct(ctx);
}

/// The Rust name of a field as the generator derives it.
fn rust_name(field: &Field) -> String {
    field.rust_name.as_ref().map_or_else(|| naming::snake(&field.name.value), |r| r.value.clone())
}

/// Whether a field gets a newtype of its own: constraints written on it, on a type the emitter makes a checked
/// newtype for (`emit::model::Model::add_inline`).
fn gets_inline_type(field: &Field) -> bool {
    field.ty.as_ref().is_some_and(|t| naming::gets_inline_type(&t.expr, !field.constraints.is_empty()))
}

/// An item the generator makes besides the spec's types.
struct GeneratedItem {
    name: String,
    /// The spec name it is made from, and its spec path (none for the items every module has).
    from: Option<(Span, String)>,
    /// What it is, for messages.
    what: String,
}

/// Every item name the generator makes for this spec besides its types.
fn generated_items(ctx: &Ctx<'_, '_>) -> Vec<GeneratedItem> {
    let spec = ctx.spec;
    let item = |name: String, from: Option<(Span, String)>, what: String| GeneratedItem { name, from, what };
    let mut items: Vec<GeneratedItem> = naming::MODULE_ITEMS
        .iter()
        .map(|(name, what)| item((*name).to_owned(), None, format!("`{name}`, {what}")))
        .collect();
    for ty in &spec.types {
        for field in ty.fields.iter().filter(|f| gets_inline_type(f)) {
            let name = naming::inline_type(&ty.name.value, &rust_name(field));
            let what = format!(
                "the newtype generated for the constrained field `{}` of `{}`",
                field.name.value, ty.name.value
            );
            items.push(item(name, Some((field.name.span, field.path.clone())), what));
        }
    }
    for endpoint in &spec.endpoints {
        let e = &endpoint.name.value;
        let from = || Some((endpoint.name.span, endpoint.path_in_spec.clone()));
        items.push(item(naming::request_type(e), from(), format!("the request struct of endpoint `{e}`")));
        items.push(item(naming::error_type(e), from(), format!("the error enum of endpoint `{e}`")));
        if endpoint.response.as_ref().is_some_and(|r| !r.headers.is_empty()) {
            items.push(item(naming::response_type(e), from(), format!("the response struct of endpoint `{e}`")));
        }
        for group in &endpoint.groups {
            let what = format!("the enum of group `{}` of endpoint `{e}`", group.name.value);
            let from = Some((group.name.span, group.path.clone()));
            items.push(item(naming::group_type(e, &group.name.value), from, what));
        }
        let headers = endpoint.response.iter().flat_map(|r| &r.headers);
        for field in endpoint.arguments.iter().chain(headers).filter(|f| gets_inline_type(f)) {
            let name = naming::inline_type(&naming::camel(e), &rust_name(field));
            let what = format!("the newtype generated for the constrained `{}` of endpoint `{e}`", field.name.value);
            items.push(item(name, Some((field.name.span, field.path.clone())), what));
        }
    }
    for code in spec.errors.iter().flat_map(|e| &e.codes).filter(|c| !c.headers.is_empty()) {
        let variant = code.rust_name.as_ref().map_or_else(|| naming::camel(&code.name.value), |r| r.value.clone());
        let name = naming::error_headers_type(&variant);
        let what = format!("the headers struct of error `{}`", code.name.value);
        items.push(item(name, Some((code.name.span, code.path.clone())), what));
    }
    items
}

/// Spec types and generated items share the API's module, so no two of them may have the same name.
fn types_avoid_generated_items(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    let mut taken: HashMap<String, String> = HashMap::new();
    for GeneratedItem { name, from, what } in generated_items(ctx) {
        match (taken.get(&name), from) {
            (Some(first), Some((span, path))) => {
                ctx.diagnostics.push(msg::generated_name_twice(span, &path, &name, &what, first));
            }
            _ => {
                taken.insert(name, what);
            }
        }
    }
    for ty in &spec.types {
        if let Some(what) = taken.get(&ty.name.value) {
            let help = format!("rename the type, for example to `{}Value`", ty.name.value);
            ctx.diagnostics.push(msg::reserved_name(ty.name.span, &ty.path, "type", &ty.name.value, what, &help));
        }
    }
}

/// `Environment::Custom` holds a base URL the caller gives; a server named `custom` would be a second variant so
/// named.
fn servers_avoid_custom(ctx: &mut Ctx<'_, '_>) {
    for server in &ctx.spec.servers {
        if naming::camel(&server.name.value) == naming::CUSTOM_ENVIRONMENT {
            let path = format!("servers.{}", server.name.value);
            let what = "`Environment::Custom`, the variant for a base URL the caller gives";
            let help = "rename the server, for example to `custom_server`";
            ctx.diagnostics.push(msg::reserved_name(server.name.span, &path, "server", &server.name.value, what, help));
        }
    }
}

/// Every object struct has an `additional_fields` member that keeps the fields the spec does not list.
fn fields_avoid_additional_fields(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    let objects = spec.types.iter().filter(|t| t.kind.as_ref().is_some_and(|k| k.value == TypeKind::Object));
    for field in objects.flat_map(|t| &t.fields) {
        if rust_name(field) == naming::ADDITIONAL_FIELDS {
            let at = field.rust_name.as_ref().unwrap_or(&field.name);
            let what = "the `additional_fields` member every object has for the fields the spec does not list";
            let help = "add a `rust_name` (for example `rust_name: extra_fields`) to give the field another Rust name";
            ctx.diagnostics.push(msg::reserved_name(at.span, &field.path, "field", &field.name.value, what, help));
        }
    }
}

/// Endpoints become `Client` methods beside the client's own methods and the helpers each endpoint gets.
fn endpoints_avoid_client_methods(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    let mut taken: HashMap<String, String> = naming::CLIENT_METHODS
        .iter()
        .map(|name| ((*name).to_owned(), format!("`Client::{name}`, a method the generated client has")))
        .collect();
    for endpoint in &spec.endpoints {
        let paging = match endpoint.pagination.as_ref().and_then(|p| p.kind.as_ref()).map(|k| k.value) {
            None => Paging::None,
            Some(PageKind::CursorBody) => Paging::Cursor,
            Some(
                PageKind::OffsetToken
                | PageKind::LimitOffset
                | PageKind::LastItem
                | PageKind::PageNumber
                | PageKind::NextLink,
            ) => Paging::Offset,
        };
        let reconciles = endpoint.idempotency.as_ref().is_some_and(|i| i.lookup.is_some());
        for (name, what) in naming::endpoint_helper_methods(&endpoint.name.value, paging, reconciles) {
            let what = format!("`{name}`, {what}");
            match taken.get(&name) {
                // Two helpers of one name, such as `reconcile_list_pages`: the reconcile method of endpoint
                // `list_pages` and the page stream of endpoint `reconcile_list`. Reported at the endpoint whose helper
                // comes second.
                Some(first) => {
                    let (span, path) = (endpoint.name.span, &endpoint.path_in_spec);
                    ctx.diagnostics.push(msg::generated_name_twice(span, path, &name, &what, first));
                }
                None => {
                    taken.insert(name, what);
                }
            }
        }
    }
    for endpoint in &spec.endpoints {
        if let Some(what) = taken.get(&endpoint.name.value) {
            let help = "rename the endpoint (its name becomes the client method)";
            let (name, path) = (&endpoint.name, &endpoint.path_in_spec);
            ctx.diagnostics.push(msg::reserved_name(name.span, path, "endpoint", &name.value, what, help));
        }
    }
}

/// A request struct has a member per argument and per group, all named after them, and `extras` for what it sends
/// beyond them.
fn request_members_are_distinct(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    let extras = |endpoint: &str| {
        format!(
            "`{}::{}`, what the request sends beyond its arguments",
            naming::request_type(endpoint),
            naming::REQUEST_EXTRAS
        )
    };
    for endpoint in &spec.endpoints {
        for argument in &endpoint.arguments {
            if rust_name(argument) == naming::REQUEST_EXTRAS {
                let at = argument.rust_name.as_ref().unwrap_or(&argument.name);
                let what = extras(&endpoint.name.value);
                let help =
                    "add a `rust_name` (for example `rust_name: extras_value`) to give the argument another Rust name";
                ctx.diagnostics.push(msg::reserved_name(
                    at.span,
                    &argument.path,
                    "argument",
                    &argument.name.value,
                    &what,
                    help,
                ));
            }
        }
        for group in &endpoint.groups {
            let member = naming::snake(&group.name.value);
            let what = match endpoint.arguments.iter().find(|a| rust_name(a) == member) {
                Some(argument) => format!("argument `{}`, whose Rust name is also `{member}`", argument.name.value),
                None if member == naming::REQUEST_EXTRAS => extras(&endpoint.name.value),
                None => continue,
            };
            let help =
                "rename the group (its name becomes a member of the request), or give the argument a `rust_name`";
            let (name, path) = (&group.name, &group.path);
            ctx.diagnostics.push(msg::reserved_name(name.span, path, "group", &name.value, &what, help));
        }
    }
}
