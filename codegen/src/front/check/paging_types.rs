//! Rules for the types pagination works with. The page walks of `emit::pagination` read and write these values
//! directly, so a type they were not written for would generate a client that does not compile:
//!
//! - `cursor_body`: `next` and `previous` are sent back as the next request body, so they are `json`.
//! - `offset_token`: `next_offset` is a `string` field (an empty one ends the walk) set into the `offset` argument,
//!   an optional plain `string`; `limit` is an integer argument.
//! - `limit_offset`: `limit` and `offset` are optional integer arguments (the walk counts items); `total_header` is
//!   an `integer` or `int32` header.
//! - `last_item`: `last_item` is a field of an item, a `string`, a named string type or an integer, whose text goes
//!   into the `offset` argument, an optional plain `string`.
//! - `page_number`: `offset` (the page number) is an optional integer argument; `total_pages` is an `integer` or
//!   `int32` response field.
//! - `next_link`: `link` is a `string` field (the next page's URL), or an array of objects whose `rel` and `href` are
//!   `string` fields (the relations of a page, the one whose `rel` is `next`); `link_header` is a `string` header.
//! - any kind: `has_more` is a `boolean` response field; `limit`, where a kind takes it, an integer argument.

use super::endpoints::resolve_field;
use super::Ctx;
use crate::front::ast::{Endpoint, Field, PageKind, Pagination, Primitive, Text, TypeExpr, TypeKind};
use crate::front::messages as msg;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    for endpoint in &spec.endpoints {
        let Some(pagination) = &endpoint.pagination else { continue };
        walked_arguments_are_direct(ctx, endpoint, pagination);
        match pagination.kind.as_ref().map(|k| k.value) {
            Some(PageKind::CursorBody) => cursors_are_json(ctx, endpoint, pagination),
            Some(PageKind::OffsetToken) => offset_token_types(ctx, endpoint, pagination),
            Some(PageKind::LimitOffset) => limit_offset_types(ctx, endpoint, pagination),
            Some(PageKind::LastItem) => last_item_types(ctx, endpoint, pagination),
            Some(PageKind::PageNumber) => page_number_types(ctx, endpoint, pagination),
            Some(PageKind::NextLink) => next_link_types(ctx, endpoint, pagination),
            None => {}
        }
        has_more_is_boolean(ctx, endpoint, pagination);
    }
}

/// The walk sets `limit` and `offset` on the request itself; an argument inside a group lives in the group's enum,
/// where no walk can reach it.
fn walked_arguments_are_direct(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    for (key, target) in [("limit", &p.limit), ("offset", &p.offset)] {
        let Some(target) = target else { continue };
        if super::endpoints::is_grouped(endpoint, &target.value) {
            let why = "is an argument of a group".to_owned();
            report(ctx, endpoint, key, target, why, "take the page arguments out of the group");
        }
    }
}

/// What a type is, as far as pagination cares. `None` when that cannot be told (reported elsewhere).
fn is_integer(ctx: &Ctx<'_, '_>, expr: &TypeExpr) -> Option<bool> {
    match expr {
        TypeExpr::Primitive(p) => Some(matches!(p, Primitive::Integer | Primitive::Int32)),
        TypeExpr::Named(_) => ctx.type_def(expr).and_then(|d| d.kind.as_ref()).map(|k| k.value == TypeKind::Integer),
        _ => Some(false),
    }
}

/// The response field a dotted pagination key names, when it resolves (a missing one is reported elsewhere).
fn response_field<'a>(ctx: &'a Ctx<'_, '_>, endpoint: &'a Endpoint, dotted: &str) -> Option<&'a Field> {
    let ty = endpoint.response.as_ref()?.ty.as_ref()?;
    resolve_field(ctx, &ty.expr, dotted).ok().flatten()
}

fn argument<'a>(endpoint: &'a Endpoint, name: &Text) -> Option<&'a Field> {
    endpoint.arguments.iter().find(|a| a.name.value == name.value)
}

fn report(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, key: &str, target: &Text, why: String, help: &str) {
    let path = format!("{}.pagination.{key}", endpoint.path_in_spec);
    ctx.diagnostics.push(msg::pagination_unusable(target.span, &path, key, &target.value, &why, help));
}

fn type_of(field: &Field) -> Option<&TypeExpr> {
    field.ty.as_ref().map(|t| &t.expr)
}

fn cursors_are_json(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    for (key, target) in [("next", &p.next), ("previous", &p.previous)] {
        let Some(target) = target else { continue };
        let Some(ty) = response_field(ctx, endpoint, &target.value).and_then(type_of) else { continue };
        if *ty != TypeExpr::Primitive(Primitive::Json) {
            let why = format!("is a `{ty}`");
            let help = "a `cursor_body` cursor is the next request body, sent back as it came: declare the field as `type: json`";
            report(ctx, endpoint, key, target, why, help);
        }
    }
}

fn offset_token_types(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    let string = TypeExpr::Primitive(Primitive::String);
    if let Some(target) = &p.next_offset {
        if let Some(ty) = response_field(ctx, endpoint, &target.value).and_then(type_of) {
            if *ty != string {
                let why = format!("is a `{ty}`");
                let help =
                    "with `offset_token` the next offset is a `string` field (an empty or absent one ends the walk)";
                report(ctx, endpoint, "next_offset", target, why, help);
            }
        }
    }
    let help =
        "with `offset_token` the offset is an optional `string` argument without constraints, set from `next_offset`";
    offset_is_plain_text(ctx, endpoint, p, help);
    limit_is_integer(ctx, endpoint, p);
}

/// The `offset` argument a walk sets to text read from a page.
fn offset_is_plain_text(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination, help: &str) {
    let string = TypeExpr::Primitive(Primitive::String);
    let Some(target) = &p.offset else { return };
    let Some(offset) = argument(endpoint, target) else { return };
    match type_of(offset) {
        Some(ty) if *ty != string => report(ctx, endpoint, "offset", target, format!("is a `{ty}`"), help),
        Some(_) if !offset.constraints.is_empty() => {
            report(ctx, endpoint, "offset", target, "has constraints of its own".to_owned(), help)
        }
        Some(_) if offset.required => report(ctx, endpoint, "offset", target, "is required".to_owned(), help),
        _ => {}
    }
}

fn limit_is_integer(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    let Some(target) = &p.limit else { return };
    let Some(ty) = argument(endpoint, target).and_then(type_of) else { return };
    if is_integer(ctx, ty) == Some(false) {
        let help = "the page size is an integer argument (`integer`, `int32` or a named integer type)";
        report(ctx, endpoint, "limit", target, format!("is a `{ty}`"), help);
    }
}

fn last_item_types(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    let help =
        "with `last_item` the offset is an optional `string` argument without constraints, set from the last item";
    offset_is_plain_text(ctx, endpoint, p, help);
    limit_is_integer(ctx, endpoint, p);
    let Some(target) = &p.last_item else { return };
    let Some(item) = item_type(ctx, endpoint, p) else { return };
    let path = format!("{}.pagination.last_item", endpoint.path_in_spec);
    let field = match resolve_field(ctx, &item, &target.value) {
        Ok(Some(field)) => field,
        Ok(None) => return,
        Err(why) => {
            ctx.diagnostics.push(msg::pagination_unknown_field(target.span, &path, "last_item", &target.value, &why));
            return;
        }
    };
    let Some(ty) = type_of(field) else { return };
    let textual = match ty {
        TypeExpr::Primitive(p) => matches!(p, Primitive::String | Primitive::Integer | Primitive::Int32),
        TypeExpr::Named(_) => ctx
            .type_def(ty)
            .and_then(|d| d.kind.as_ref())
            .is_none_or(|k| matches!(k.value, TypeKind::String | TypeKind::Integer)),
        _ => false,
    };
    if !textual {
        let help = "the last item's position is a `string`, a named string type or an integer: its text is sent back";
        report(ctx, endpoint, "last_item", target, format!("is a `{ty}`"), help);
    }
}

/// The type of a page's items, when the list is a plain array (either the body or its `items` field).
fn item_type(ctx: &Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) -> Option<TypeExpr> {
    let body = &endpoint.response.as_ref()?.ty.as_ref()?.expr;
    let list = match &p.items {
        Some(items) => &resolve_field(ctx, body, &items.value).ok()??.ty.as_ref()?.expr,
        None => body,
    };
    match list {
        TypeExpr::Array(item) => Some((**item).clone()),
        _ => None,
    }
}

fn page_number_types(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    limit_is_integer(ctx, endpoint, p);
    if let Some(first) = p.first_page.as_ref().filter(|f| f.value > 1) {
        let path = format!("{}.pagination.first_page", endpoint.path_in_spec);
        let why = format!("pagination `first_page` is {}; pages are numbered from 0 or from 1", first.value);
        ctx.diagnostics.push(msg::pagination(
            first.span,
            &path,
            why,
            "write `first_page: 0` or `first_page: 1`".to_owned(),
        ));
    }
    if let Some(target) = &p.offset {
        if let Some(found) = argument(endpoint, target) {
            let help = "with `page_number` the page number is an optional integer argument (`integer`, `int32` or a named integer type)";
            match type_of(found) {
                Some(ty) if is_integer(ctx, ty) == Some(false) => {
                    report(ctx, endpoint, "offset", target, format!("is a `{ty}`"), help)
                }
                Some(_) if found.required => report(ctx, endpoint, "offset", target, "is required".to_owned(), help),
                _ => {}
            }
        }
    }
    let Some(target) = &p.total_pages else { return };
    let Some(ty) = response_field(ctx, endpoint, &target.value).and_then(type_of) else { return };
    if !matches!(ty, TypeExpr::Primitive(Primitive::Integer | Primitive::Int32)) {
        let help = "the number of pages is a response field of type `integer` or `int32`";
        report(ctx, endpoint, "total_pages", target, format!("is a `{ty}`"), help);
    }
}

fn next_link_types(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    if let Some(target) = &p.link {
        let why = response_field(ctx, endpoint, &target.value).and_then(type_of).and_then(|ty| why_not_a_link(ctx, ty));
        if let Some(why) = why {
            let help = "`link` names a `string` field holding the next page's URL, or an array of objects with `rel` \
                        and `href` fields of type `string` (the one whose `rel` is `next` links to the next page)";
            report(ctx, endpoint, "link", target, why, help);
        }
    }
    let Some(target) = &p.link_header else { return };
    let headers = endpoint.response.iter().flat_map(|r| &r.headers);
    let Some(header) = headers.into_iter().find(|h| h.name.value.eq_ignore_ascii_case(&target.value)) else { return };
    if let Some(ty) = type_of(header).filter(|ty| **ty != TypeExpr::Primitive(Primitive::String)) {
        let help = "a link header is read as text (`<url>; rel=\"next\", ...`): declare it `type: string`";
        report(ctx, endpoint, "link_header", target, format!("is a `{ty}`"), help);
    }
}

/// Why a response field cannot give the next page's link, or `None` when it can: a `string`, or an array of objects
/// whose `rel` and `href` are `string` fields. A type that cannot be told is reported elsewhere.
fn why_not_a_link(ctx: &Ctx<'_, '_>, ty: &TypeExpr) -> Option<String> {
    let string = TypeExpr::Primitive(Primitive::String);
    let TypeExpr::Array(item) = ty else {
        return (*ty != string).then(|| format!("is a `{ty}`"));
    };
    ["rel", "href"].into_iter().find_map(|name| match resolve_field(ctx, item, name) {
        Ok(field) => field
            .and_then(type_of)
            .filter(|found| **found != string)
            .map(|found| format!("is an `{ty}` whose `{name}` is a `{found}`")),
        Err(_) => Some(format!("is an `{ty}` whose items have no `{name}` field")),
    })
}

fn has_more_is_boolean(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    let Some(target) = &p.has_more else { return };
    let Some(ty) = response_field(ctx, endpoint, &target.value).and_then(type_of) else { return };
    if *ty != TypeExpr::Primitive(Primitive::Boolean) {
        let help = "`has_more` is a `boolean` response field: `false` (or absent) ends the walk";
        report(ctx, endpoint, "has_more", target, format!("is a `{ty}`"), help);
    }
}

fn limit_offset_types(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    for (key, target) in [("limit", &p.limit), ("offset", &p.offset)] {
        let Some(target) = target else { continue };
        let Some(found) = argument(endpoint, target) else { continue };
        let help = "with `limit_offset` the page size and the offset are optional integer arguments (`integer`, `int32` or a named integer type)";
        match type_of(found) {
            Some(ty) if is_integer(ctx, ty) == Some(false) => {
                report(ctx, endpoint, key, target, format!("is a `{ty}`"), help)
            }
            Some(_) if found.required => report(ctx, endpoint, key, target, "is required".to_owned(), help),
            _ => {}
        }
    }
    let Some(target) = &p.total_header else { return };
    let headers = endpoint.response.iter().flat_map(|r| &r.headers);
    let Some(header) = headers.into_iter().find(|h| h.name.value.eq_ignore_ascii_case(&target.value)) else { return };
    if let Some(ty) = type_of(header) {
        if !matches!(ty, TypeExpr::Primitive(Primitive::Integer | Primitive::Int32)) {
            let help = "the total number of items is a header of type `integer` or `int32`";
            report(ctx, endpoint, "total_header", target, format!("is a `{ty}`"), help);
        }
    }
}
