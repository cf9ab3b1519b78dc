//! Rules for endpoints: wire shape, arguments, groups, response, pagination, errors, idempotency and examples.

use super::types::check_field;
use super::values;
use super::Ctx;
use crate::front::ast::*;
use crate::front::messages::{self as msg, Mismatch, Statuses};
use std::collections::BTreeSet;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    // A type's field is reported once, however many form endpoints reach it.
    let mut form_names_reported = BTreeSet::new();
    for endpoint in &spec.endpoints {
        method_and_path_fit_style(ctx, endpoint);
        for argument in &endpoint.arguments {
            check_field(ctx, argument);
            argument_location_fits_style(ctx, endpoint, argument);
            encoding_fits_argument(ctx, argument);
        }
        path_arguments_match_placeholders(ctx, endpoint);
        body_encoding_has_a_body(ctx, endpoint);
        auth_scheme_is_declared(ctx, endpoint);
        form_names_have_no_brackets(ctx, endpoint, &mut form_names_reported);
        for group in &endpoint.groups {
            group_names_known_optional_arguments(ctx, endpoint, group);
            group_sets_fix_enum_arguments(ctx, endpoint, group);
        }
        if let Some(response) = &endpoint.response {
            response_is_a_success(ctx, response, &endpoint.path_in_spec);
        }
        if let Some(pagination) = &endpoint.pagination {
            pagination_points_at_real_things(ctx, endpoint, pagination);
        }
        endpoint_errors_are_declared(ctx, endpoint);
        idempotency_reference_exists(ctx, endpoint);
        generated_key_fits(ctx, endpoint);
        duplicate_error_fits(ctx, endpoint);
        lookup_fits(ctx, endpoint);
        examples_fit_the_endpoint(ctx, endpoint);
    }
}

fn style(ctx: &Ctx<'_, '_>) -> Option<Style> {
    ctx.spec.api.style.as_ref().map(|s| s.value)
}

/// RPC endpoints derive method and path from their name; REST endpoints must give both.
fn method_and_path_fit_style(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let path = &endpoint.path_in_spec;
    match style(ctx) {
        Some(Style::Rest) => {
            if endpoint.method.is_none() {
                ctx.require(endpoint.name.span, path, "method");
            }
            match &endpoint.path {
                None => ctx.require(endpoint.name.span, path, "path"),
                Some(p)
                    if !p.value.starts_with('/') || p.value.contains(char::is_whitespace) || p.value.contains('?') =>
                {
                    ctx.diagnostics.push(msg::bad_scalar(
                        p.span,
                        &format!("{path}.path"),
                        &p.value,
                        "a path starting with `/`, without spaces or a query",
                    ))
                }
                _ => {}
            }
        }
        Some(Style::Rpc) => {
            if let Some(method) = endpoint.method.as_ref().filter(|m| m.value != Method::Post) {
                ctx.diagnostics.push(msg::style_mismatch(
                    method.span,
                    &format!("{path}.method"),
                    Mismatch::RpcMethod { method: method.value.as_str() },
                ));
            }
            if let Some(p) = &endpoint.path {
                let prefix = ctx.spec.api.path_prefix.as_ref().map_or("/", |p| p.value.as_str());
                let derived = format!("{prefix}{}", endpoint.name.value.replace('_', "-"));
                ctx.diagnostics.push(msg::style_mismatch(
                    p.span,
                    &format!("{path}.path"),
                    Mismatch::RpcPath { derived: &derived },
                ));
            }
        }
        None => {}
    }
}

/// RPC arguments are fields of the JSON body; REST arguments must say where they travel.
fn argument_location_fits_style(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, argument: &Field) {
    let path = format!("{}.in", argument.path);
    match (style(ctx), &argument.location) {
        (Some(Style::Rest), None) => ctx.require(argument.name.span, &argument.path, "in"),
        (Some(Style::Rpc), Some(location)) if location.value != Location::Body => ctx.diagnostics.push(
            msg::style_mismatch(location.span, &path, Mismatch::RpcArgumentIn { location: location.value.name() }),
        ),
        (Some(Style::Rest), Some(location))
            if location.value == Location::Body && endpoint.method.as_ref().is_some_and(|m| m.value == Method::Get) =>
        {
            ctx.diagnostics.push(msg::style_mismatch(location.span, &path, Mismatch::GetWithBody))
        }
        _ => {}
    }
}

/// Where an argument travels: as written, or `body` for an RPC argument that does not say. `None` when that cannot
/// be told (a REST argument without `in`, or an `in` that could not be read; both are reported already).
fn location_of(ctx: &Ctx<'_, '_>, argument: &Field) -> Option<Location> {
    match (&argument.location, style(ctx)) {
        (Some(location), _) => Some(location.value),
        (None, Some(Style::Rpc))
            if matches!(ctx.key_state(&argument.path, "in"), KeyState::Absent | KeyState::Empty(_)) =>
        {
            Some(Location::Body)
        }
        _ => None,
    }
}

fn is_array_of_strings(ctx: &Ctx<'_, '_>, expr: &TypeExpr) -> bool {
    match expr {
        TypeExpr::Array(inner) => match inner.as_ref() {
            TypeExpr::Primitive(Primitive::String) => true,
            // A type that is undeclared or of unreadable kind is reported already; it gets the benefit of the doubt.
            TypeExpr::Named(_) => ctx
                .type_def(inner)
                .and_then(|t| t.kind.as_ref())
                .is_none_or(|k| matches!(k.value, TypeKind::String | TypeKind::Enum | TypeKind::Id)),
            _ => false,
        },
        _ => false,
    }
}

/// Encodings describe how a query value is spelled; each fits one shape of value.
fn encoding_fits_argument(ctx: &mut Ctx<'_, '_>, argument: &Field) {
    let Some(encoding) = &argument.encoding else { return };
    let path = format!("{}.encoding", argument.path);
    let Some(location) = location_of(ctx, argument) else { return };
    if location != Location::Query {
        ctx.diagnostics.push(msg::encoding_misuse(encoding.span, &path, "only applies to `in: query` arguments"));
        return;
    }
    let Some(ty) = &argument.ty else { return };
    let why = match encoding.value {
        Encoding::Repeated | Encoding::Comma if !matches!(ty.expr, TypeExpr::Array(_)) => {
            Some("needs an `array<...>` argument")
        }
        Encoding::Sort if !is_array_of_strings(ctx, &ty.expr) => {
            Some("needs an array of field names, such as `array<string>`")
        }
        Encoding::Filter if ty.expr != TypeExpr::Primitive(Primitive::String) => Some("needs a `string` argument"),
        // Bracketed keys write any value.
        Encoding::Form => None,
        _ => None,
    };
    if let Some(why) = why {
        ctx.diagnostics.push(msg::encoding_misuse(encoding.span, &path, why));
    }
}

/// `body_encoding` says how a body is written, so an endpoint that sends none cannot have one. An argument whose
/// `in` could not be read may be a body argument (it is reported already).
fn body_encoding_has_a_body(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let Some(encoding) = &endpoint.body_encoding else { return };
    if style(ctx) != Some(Style::Rest) {
        return;
    }
    let may_send_body =
        endpoint.arguments.iter().any(|a| a.location.as_ref().is_none_or(|l| l.value == Location::Body));
    if !may_send_body {
        let path = format!("{}.body_encoding", endpoint.path_in_spec);
        ctx.diagnostics.push(msg::body_encoding_without_body(encoding.span, &path));
    }
}

/// A form reads `[` and `]` in a key as nesting (`created[gte]` is `gte` inside `created`), so a name written into a
/// form key, that of a form body's argument or of a field of an object inside a form body or a `form` query value,
/// cannot hold them: the client would refuse every request that sets it.
fn form_names_have_no_brackets(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, reported: &mut BTreeSet<String>) {
    let api_form = ctx.spec.api.body_encoding.as_ref().is_some_and(|b| b.value == BodyEncoding::Form);
    let form_body = endpoint.body_encoding.as_ref().map_or(api_form, |b| b.value == BodyEncoding::Form);
    let mut seen = BTreeSet::new();
    for argument in &endpoint.arguments {
        let location = argument.location.as_ref().map(|l| l.value);
        let in_form_body = form_body && (location == Some(Location::Body) || style(ctx) == Some(Style::Rpc));
        let form_query =
            location == Some(Location::Query) && argument.encoding.as_ref().is_some_and(|e| e.value == Encoding::Form);
        if in_form_body {
            bracket_free(ctx, reported, &argument.name, &argument.path);
        }
        if in_form_body || form_query {
            if let Some(ty) = &argument.ty {
                form_fields_have_no_brackets(ctx, reported, &ty.expr, &mut seen);
            }
        }
    }
}

/// The fields of every object type `expr` reaches, each type once.
fn form_fields_have_no_brackets<'a>(
    ctx: &mut Ctx<'a, '_>,
    reported: &mut BTreeSet<String>,
    expr: &TypeExpr,
    seen: &mut BTreeSet<&'a str>,
) {
    match expr {
        TypeExpr::Array(item) | TypeExpr::Map(item) => form_fields_have_no_brackets(ctx, reported, item, seen),
        TypeExpr::Primitive(_) => {}
        TypeExpr::Named(name) | TypeExpr::Expandable(name) => {
            let Some(def) = ctx.types.get(name.as_str()).copied() else { return };
            if !seen.insert(def.name.value.as_str()) {
                return;
            }
            for field in &def.fields {
                bracket_free(ctx, reported, &field.name, &field.path);
                if let Some(ty) = &field.ty {
                    form_fields_have_no_brackets(ctx, reported, &ty.expr, seen);
                }
            }
        }
    }
}

fn bracket_free(ctx: &mut Ctx<'_, '_>, reported: &mut BTreeSet<String>, name: &Text, path: &str) {
    if name.value.contains(['[', ']']) && reported.insert(path.to_owned()) {
        ctx.diagnostics.push(msg::form_name_bracket(name.span, path, &name.value));
    }
}

/// A path argument fills a `{placeholder}`: both must exist, and a path cannot have a hole.
fn path_arguments_match_placeholders(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let Some(path) = &endpoint.path else { return };
    let placeholders = crate::template::placeholder_spans(&path.value);
    for argument in &endpoint.arguments {
        if argument.location.as_ref().is_some_and(|l| l.value == Location::Path) {
            if !placeholders.iter().any(|(name, _)| *name == argument.name.value) {
                ctx.diagnostics.push(msg::path_param_missing(argument.name.span, &argument.path, &argument.name.value));
            } else if !argument.required && ctx.key_state(&argument.path, "required") != KeyState::Unknown {
                ctx.diagnostics.push(msg::path_param_optional(
                    argument.name.span,
                    &argument.path,
                    &argument.name.value,
                ));
            }
        }
    }
    for (name, range) in placeholders {
        // An argument of that name whose `in` could not be read may well be the path argument; with no argument of
        // that name, it may have been on a line a syntax error made the reader skip.
        let mut same_name = endpoint.arguments.iter().filter(|a| a.name.value == name).peekable();
        let undeclared = if same_name.peek().is_none() {
            ctx.certainly_undeclared(&endpoint.path_in_spec, "arguments", &name)
        } else {
            !same_name.any(|a| match &a.location {
                Some(location) => location.value == Location::Path,
                None => !matches!(ctx.key_state(&a.path, "in"), KeyState::Absent | KeyState::Empty(_)),
            })
        };
        if undeclared {
            ctx.diagnostics.push(msg::path_param_undeclared(
                path.sub_span(range),
                &format!("{}.path", endpoint.path_in_spec),
                &name,
            ));
        }
    }
}

fn argument_names(endpoint: &Endpoint) -> Vec<String> {
    endpoint.arguments.iter().map(|a| a.name.value.clone()).collect()
}

/// Alternatives pick among optional arguments; an argument in two alternatives would make them overlap.
fn group_names_known_optional_arguments(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, group: &Group) {
    let known = argument_names(endpoint);
    let mut used: Vec<(&str, crate::source::Span)> = Vec::new();
    for alternative in &group.alternatives {
        let lists = [("arguments", &alternative.arguments), ("optional", &alternative.optional)];
        for (key, list) in lists {
            let path = format!("{}.{key}", alternative.path);
            for name in list {
                let Some(argument) = endpoint.arguments.iter().find(|a| a.name.value == name.value) else {
                    if ctx.certainly_undeclared(&endpoint.path_in_spec, "arguments", &name.value) {
                        ctx.diagnostics.push(msg::unknown_reference(name.span, &path, "argument", &name.value, &known));
                    }
                    continue;
                };
                if argument.required {
                    ctx.diagnostics.push(msg::group_argument_required(name.span, &path, &name.value));
                }
                match used.iter().find(|(n, _)| *n == name.value) {
                    Some((_, first)) => {
                        ctx.diagnostics.push(msg::group_argument_twice(name.span, *first, &path, &name.value))
                    }
                    None => used.push((&name.value, name.span)),
                }
            }
        }
    }
}

/// `sets` fixes a discriminator such as `payout_method`; it must be an enum argument outside the alternatives.
fn group_sets_fix_enum_arguments(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, group: &Group) {
    let known = argument_names(endpoint);
    let in_alternatives =
        |name: &str| group.alternatives.iter().any(|a| a.arguments.iter().chain(&a.optional).any(|n| n.value == name));
    for alternative in &group.alternatives {
        for (name, value) in &alternative.sets {
            let path = format!("{}.sets.{}", alternative.path, name.value);
            let Some(argument) = endpoint.arguments.iter().find(|a| a.name.value == name.value) else {
                ctx.diagnostics.push(msg::unknown_reference(name.span, &path, "argument", &name.value, &known));
                continue;
            };
            if in_alternatives(&name.value) {
                ctx.diagnostics.push(msg::group_sets_invalid(
                    name.span,
                    &path,
                    "names an argument that an alternative also takes",
                ));
                continue;
            }
            let def = argument.ty.as_ref().and_then(|t| ctx.type_def(&t.expr));
            match def {
                // A type of unreadable kind is reported already.
                Some(def) if def.kind.is_none() => {}
                Some(def) if def.kind.as_ref().is_some_and(|k| k.value == TypeKind::Enum) => {
                    if !def.values.iter().any(|v| v.value.value == value.value) {
                        let values: Vec<String> = def.values.iter().map(|v| v.value.value.clone()).collect();
                        ctx.diagnostics.push(msg::unknown_reference(
                            value.span,
                            &path,
                            &format!("value of `{}`", def.name.value),
                            &value.value,
                            &values,
                        ));
                    }
                }
                _ => ctx.diagnostics.push(msg::group_sets_invalid(
                    name.span,
                    &path,
                    &format!("needs `{}` to be an enum argument", name.value),
                )),
            }
        }
    }
}

fn response_is_a_success(ctx: &mut Ctx<'_, '_>, response: &Response, path: &str) {
    let path = format!("{path}.response");
    if let Some(status) = &response.status {
        if !(200..=299).contains(&status.value) {
            ctx.diagnostics.push(msg::bad_status(
                status.span,
                &format!("{path}.status"),
                status.value,
                Statuses::Success,
            ));
        }
    }
    if let Some(ty) = &response.ty {
        ctx.check_type_ref(ty, &format!("{path}.type"));
    }
    for header in &response.headers {
        check_field(ctx, header);
    }
}

/// Follows a dotted field path (`paging.offset`) through object types. `Ok(None)` when it cannot be told, because a
/// type on the way is undeclared or of unreadable kind (already reported).
pub(super) fn resolve_field<'a>(
    ctx: &'a Ctx<'_, '_>,
    mut expr: &'a TypeExpr,
    dotted: &str,
) -> Result<Option<&'a Field>, String> {
    let mut found = None;
    for part in dotted.split('.') {
        let def = match expr {
            TypeExpr::Named(_) => match ctx.type_def(expr) {
                Some(def) => def,
                None => return Ok(None),
            },
            _ => return Err(format!("cannot be looked up: `{expr}` is not an object type")),
        };
        match def.kind.as_ref().map(|k| k.value) {
            None => return Ok(None),
            Some(TypeKind::Object) => {}
            Some(_) => return Err(format!("cannot be looked up: `{expr}` is not an object type")),
        }
        let Some(field) = def.fields.iter().find(|f| f.name.value == part) else {
            return Err(format!("does not exist: `{}` has no field `{part}`", def.name.value));
        };
        let Some(ty) = &field.ty else { return Ok(None) };
        expr = &ty.expr;
        found = Some(field);
    }
    Ok(found)
}

/// Whether a type is a JSON array; `None` when that cannot be told (undeclared, or of unreadable kind).
fn is_array(ctx: &Ctx<'_, '_>, expr: &TypeExpr) -> Option<bool> {
    match expr {
        TypeExpr::Array(_) => Some(true),
        TypeExpr::Primitive(Primitive::Json) => None,
        TypeExpr::Named(_) => ctx.type_def(expr).and_then(|def| def.kind.as_ref()).map(|_| false),
        _ => Some(false),
    }
}

/// Paging walks real fields, arguments and headers; a typo here would make every page request wrong.
fn pagination_points_at_real_things(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, p: &Pagination) {
    let path = format!("{}.pagination", endpoint.path_in_spec);
    let Some(kind) = p.kind.as_ref().map(|k| k.value) else { return };
    let response_ty = endpoint.response.as_ref().and_then(|r| r.ty.as_ref()).map(|t| t.expr.clone());
    let needed: &[(&str, &Option<Text>)] = match kind {
        PageKind::CursorBody => &[("next", &p.next), ("previous", &p.previous)],
        PageKind::OffsetToken => &[("limit", &p.limit), ("offset", &p.offset), ("next_offset", &p.next_offset)],
        PageKind::LimitOffset => &[("limit", &p.limit), ("offset", &p.offset)],
        PageKind::LastItem => &[("offset", &p.offset), ("last_item", &p.last_item)],
        PageKind::PageNumber => &[("offset", &p.offset)],
        // One of `link` and `link_header`, which `next_link_has_one_source` checks.
        PageKind::NextLink => &[],
    };
    for (key, value) in needed {
        if value.is_none() {
            ctx.require(p.span, &path, key);
        }
    }
    // Each kind reads its own keys (and `items`, and `has_more`, which any walk can stop at); any other is a
    // misunderstanding that would silently do nothing.
    let (kind_word, optional): (&str, &[&str]) = match kind {
        PageKind::CursorBody => ("cursor_body", &["has_more"]),
        PageKind::OffsetToken => ("offset_token", &["has_more"]),
        PageKind::LimitOffset => ("limit_offset", &["total_header", "has_more"]),
        PageKind::LastItem => ("last_item", &["limit", "has_more"]),
        PageKind::PageNumber => ("page_number", &["limit", "first_page", "total_pages", "has_more"]),
        PageKind::NextLink => ("next_link", &["link", "link_header", "has_more"]),
    };
    if kind == PageKind::NextLink {
        next_link_has_one_source(ctx, &path, p);
        // The link decides the path the request goes to: only a read can be sent anywhere on the API's origin.
        if let Some(method) = endpoint.method.as_ref().filter(|m| m.value != Method::Get) {
            let kind_span = p.kind.as_ref().map_or(p.span, |k| k.span);
            ctx.diagnostics.push(msg::next_link_not_get(kind_span, &path, method.value.as_str()));
        }
    }
    let used: Vec<&str> = needed.iter().map(|(key, _)| *key).chain(optional.iter().copied()).collect();
    let first_page = p.first_page.as_ref().map(|f| Text { value: f.value.to_string(), span: f.span });
    let all = [
        ("next", &p.next),
        ("previous", &p.previous),
        ("limit", &p.limit),
        ("offset", &p.offset),
        ("next_offset", &p.next_offset),
        ("total_header", &p.total_header),
        ("last_item", &p.last_item),
        ("first_page", &first_page),
        ("total_pages", &p.total_pages),
        ("link", &p.link),
        ("link_header", &p.link_header),
        ("has_more", &p.has_more),
    ];
    for (key, value) in all {
        if let Some(value) = value.as_ref().filter(|_| !used.contains(&key)) {
            let key_path = format!("{path}.{key}");
            ctx.diagnostics.push(msg::pagination_key_unused(value.span, &key_path, key, kind_word, &used));
        }
    }
    let Some(response_ty) = response_ty else { return };
    match &p.items {
        Some(items) => match resolve_field(ctx, &response_ty, &items.value) {
            Ok(Some(field)) => {
                let ty = field.ty.as_ref().map(|t| &t.expr);
                if let Some(ty) = ty.filter(|ty| is_array(ctx, ty) == Some(false)) {
                    ctx.diagnostics.push(msg::pagination_items_not_array(
                        items.span,
                        &format!("{path}.items"),
                        &items.value,
                        &ty.to_string(),
                    ))
                }
            }
            Ok(None) => {}
            Err(why) => ctx.diagnostics.push(msg::pagination_unknown_field(
                items.span,
                &format!("{path}.items"),
                "items",
                &items.value,
                &why,
            )),
        },
        None if is_array(ctx, &response_ty) == Some(false) => {
            if matches!(ctx.key_state(&path, "items"), KeyState::Absent | KeyState::Empty(_)) {
                ctx.diagnostics.push(msg::pagination_items_needed(p.span, &path, &response_ty.to_string()))
            }
        }
        None => {}
    }
    let response_paths = [
        ("next", &p.next),
        ("previous", &p.previous),
        ("next_offset", &p.next_offset),
        ("total_pages", &p.total_pages),
        ("link", &p.link),
        ("has_more", &p.has_more),
    ];
    for (key, value) in response_paths {
        let Some(value) = value else { continue };
        if let Err(why) = resolve_field(ctx, &response_ty, &value.value) {
            ctx.diagnostics.push(msg::pagination_unknown_field(
                value.span,
                &format!("{path}.{key}"),
                key,
                &value.value,
                &why,
            ));
        }
    }
    let arguments = argument_names(endpoint);
    for (key, value) in [("limit", &p.limit), ("offset", &p.offset)] {
        let Some(value) = value else { continue };
        if !arguments.contains(&value.value)
            && ctx.certainly_undeclared(&endpoint.path_in_spec, "arguments", &value.value)
        {
            ctx.diagnostics.push(msg::pagination_unknown_argument(
                value.span,
                &format!("{path}.{key}"),
                key,
                &value.value,
                &arguments,
            ));
        }
    }
    for (key, value) in [("total_header", &p.total_header), ("link_header", &p.link_header)] {
        let Some(header) = value else { continue };
        let headers = endpoint.response.as_ref().map(|r| r.headers.as_slice()).unwrap_or(&[]);
        if !headers.iter().any(|h| h.name.value.eq_ignore_ascii_case(&header.value)) {
            let known: Vec<String> = headers.iter().map(|h| h.name.value.clone()).collect();
            ctx.diagnostics.push(msg::pagination_unknown_header(
                header.span,
                &format!("{path}.{key}"),
                key,
                &header.value,
                &known,
            ));
        }
    }
}

/// A `next_link` walk reads the next page's link from one place: a body field or a header. With neither it would
/// have nothing to follow; with both, which one wins would be a guess.
fn next_link_has_one_source(ctx: &mut Ctx<'_, '_>, path: &str, p: &Pagination) {
    match (&p.link, &p.link_header) {
        (None, None) => ctx.diagnostics.push(msg::next_link_source_missing(p.span, path)),
        (Some(_), Some(header)) => {
            ctx.diagnostics.push(msg::next_link_sources_both(header.span, &format!("{path}.link_header")))
        }
        _ => {}
    }
}

/// `auth:` is `required`, `none`, or the name of a declared scheme, the one the endpoint authenticates with.
fn auth_scheme_is_declared(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let Some(scheme) = &endpoint.auth_scheme else { return };
    if ctx.spec.auth.iter().any(|s| s.name.value == scheme.value) {
        return;
    }
    let mut known: Vec<String> = vec!["required".to_owned(), "none".to_owned()];
    known.extend(ctx.spec.auth.iter().map(|s| s.name.value.clone()));
    let path = format!("{}.auth", endpoint.path_in_spec);
    ctx.diagnostics.push(msg::unknown_reference(scheme.span, &path, "auth scheme", &scheme.value, &known));
}

/// An endpoint can only describe errors the API declares; otherwise the error enum would miss it.
fn endpoint_errors_are_declared(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    for error in &endpoint.errors {
        if !ctx.errors.contains_key(error.name.value.as_str())
            && ctx.certainly_undeclared("errors", "codes", &error.name.value)
        {
            let path = format!("{}.errors.{}", endpoint.path_in_spec, error.name.value);
            ctx.diagnostics.push(msg::undeclared_error(error.name.span, &path, &error.name.value, &ctx.error_names()));
        }
    }
}

/// The reference must be something the caller sends, or a retry could not carry it.
fn idempotency_reference_exists(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let Some(idempotency) = &endpoint.idempotency else { return };
    let Some(reference) = &idempotency.reference else { return };
    let path = format!("{}.reference", idempotency.path);
    let (head, rest) = match reference.value.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (reference.value.as_str(), None),
    };
    let Some(argument) = endpoint.arguments.iter().find(|a| a.name.value == head) else {
        if !ctx.certainly_undeclared(&endpoint.path_in_spec, "arguments", head) {
            return;
        }
        ctx.diagnostics.push(msg::idempotency_reference(
            reference.span,
            &path,
            &reference.value,
            "is not an argument of this endpoint",
        ));
        return;
    };
    // A grouped argument lives inside an enum of the request, where no single path reaches it.
    if is_grouped(endpoint, head) {
        let why = "is an argument of a group; name an argument outside every group";
        ctx.diagnostics.push(msg::idempotency_reference(reference.span, &path, &reference.value, why));
        return;
    }
    let leaf = match (rest, &argument.ty) {
        (Some(rest), Some(ty)) => match resolve_field(ctx, &ty.expr, rest) {
            Ok(field) => field.and_then(|f| f.ty.as_ref()),
            Err(why) => {
                ctx.diagnostics.push(msg::idempotency_reference(reference.span, &path, &reference.value, &why));
                return;
            }
        },
        (None, ty) => ty.as_ref(),
        (Some(_), None) => None,
    };
    // The reference is sent as text and compared as text (blank ones identify nothing), so it must be a scalar.
    let scalar = leaf.map(|ty| match &ty.expr {
        TypeExpr::Primitive(p) => !matches!(p, Primitive::Json | Primitive::Boolean),
        TypeExpr::Named(_) => ctx
            .type_def(&ty.expr)
            .and_then(|d| d.kind.as_ref())
            .is_none_or(|k| !matches!(k.value, TypeKind::Object | TypeKind::Enum | TypeKind::Union)),
        _ => false,
    });
    if scalar == Some(false) {
        let why = "is not a text or number value, so it cannot identify a request";
        ctx.diagnostics.push(msg::idempotency_reference(reference.span, &path, &reference.value, why));
    }
}

/// A key the client generates (a UUID, 36 characters) fills an argument the caller may leave out: a plain optional
/// `string` argument of its own whose rules a UUID meets.
fn generated_key_fits(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let Some(idempotency) = &endpoint.idempotency else { return };
    let (Some(generate), Some(reference)) = (&idempotency.generate, &idempotency.reference) else { return };
    let path = format!("{}.generate", idempotency.path);
    let Some(argument) = endpoint.arguments.iter().find(|a| a.name.value == reference.value) else {
        if reference.value.contains('.') {
            let why = format!("the client can only generate a whole argument, not the field `{}`", reference.value);
            ctx.diagnostics.push(msg::idempotency(generate.span, &path, why, GENERATE_HELP));
        }
        return;
    };
    let c = &argument.constraints;
    const UUID_LENGTH: u64 = 36;
    let why = if argument.ty.as_ref().is_some_and(|t| t.expr != TypeExpr::Primitive(Primitive::String)) {
        Some(format!("`{}` is not a `string` argument, so a generated UUID cannot fill it", reference.value))
    } else if argument.required || argument.nullable {
        Some(format!("`{}` is required or nullable; a generated key fills an optional argument", reference.value))
    } else if c.pattern.is_some()
        || c.length.as_ref().is_some_and(|l| l.value != UUID_LENGTH)
        || c.min_length.as_ref().is_some_and(|l| l.value > UUID_LENGTH)
        || c.max_length.as_ref().is_some_and(|l| l.value < UUID_LENGTH)
    {
        Some(format!("the rules of `{}` do not admit a UUID (36 characters, hex digits and `-`)", reference.value))
    } else {
        None
    };
    if let Some(why) = why {
        ctx.diagnostics.push(msg::idempotency(generate.span, &path, why, GENERATE_HELP));
    }
}

const GENERATE_HELP: &str = "`generate: uuid` needs a `reference` that is an optional `string` argument of its own \
                             (a header such as `Idempotency-Key`, or a body field) without a `pattern`";

/// Whether a group decides `argument`: it is inside one of its alternatives, or set by one.
pub(super) fn is_grouped(endpoint: &Endpoint, argument: &str) -> bool {
    endpoint.groups.iter().flat_map(|g| &g.alternatives).any(|a| {
        a.arguments.iter().chain(&a.optional).any(|t| t.value == argument)
            || a.sets.iter().any(|(k, _)| k.value == argument)
    })
}

/// `duplicate_error` names the answer to a repeated reference, which only a server that rejects repeats gives, and
/// which must be one of this endpoint's errors.
fn duplicate_error_fits(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let Some(idempotency) = &endpoint.idempotency else { return };
    let Some(error) = &idempotency.duplicate_error else { return };
    let path = format!("{}.duplicate_error", idempotency.path);
    if idempotency.repeat.as_ref().is_some_and(|r| r.value != Repeat::Rejected) {
        let why = "is only meaningful with `repeat: rejected`";
        ctx.diagnostics.push(msg::idempotency(error.span, &path, format!("`duplicate_error` {why}"), "remove it"));
        return;
    }
    let common = ctx.errors.get(error.value.as_str()).is_some_and(|e| e.common);
    if !common && !endpoint.errors.iter().any(|e| e.name.value == error.value) {
        let candidates: Vec<String> = endpoint.errors.iter().map(|e| e.name.value.clone()).collect();
        ctx.diagnostics.push(msg::unknown_reference(
            error.span,
            &path,
            "error of this endpoint",
            &error.value,
            &candidates,
        ));
    }
}

/// A lookup must be a read that takes the reference and finds items, with every other required argument given.
fn lookup_fits(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let Some(lookup) = endpoint.idempotency.as_ref().and_then(|i| i.lookup.as_ref()) else { return };
    let (Some(name), Some(argument)) = (&lookup.endpoint, &lookup.argument) else { return };
    let spec = ctx.spec;
    let Some(target) = spec.endpoints.iter().find(|e| e.name.value == name.value) else {
        let candidates: Vec<String> = spec.endpoints.iter().map(|e| e.name.value.clone()).collect();
        let path = format!("{}.endpoint", lookup.path);
        ctx.diagnostics.push(msg::unknown_reference(name.span, &path, "endpoint", &name.value, &candidates));
        return;
    };
    let is_get = target.method.as_ref().is_some_and(|m| m.value == Method::Get);
    if !is_get && target.pagination.is_none() {
        let what = format!("lookup endpoint `{}` is not a read (a GET or a paginated list)", name.value);
        ctx.diagnostics.push(msg::idempotency(name.span, &format!("{}.endpoint", lookup.path), what, "name a read"));
    }
    let finds_items = target.pagination.as_ref().is_some_and(|p| p.items.is_some())
        || target.response.as_ref().and_then(|r| r.ty.as_ref()).is_some_and(|t| matches!(t.expr, TypeExpr::Array(_)));
    if !finds_items {
        let what = format!("lookup endpoint `{}` returns no list of items to search", name.value);
        let help = "name a paginated list (with `pagination.items`) or an endpoint that returns an array";
        ctx.diagnostics.push(msg::idempotency(name.span, &format!("{}.endpoint", lookup.path), what, help));
    }
    let grouped = |arg: &str| is_grouped(target, arg);
    // A group without an empty alternative is a constructor argument of the lookup's request that no fixed value
    // can stand for.
    for group in &target.groups {
        if !group.alternatives.iter().any(|a| a.arguments.is_empty() && a.optional.is_empty()) {
            let what = format!("lookup endpoint `{}` needs a choice in its group `{}`", name.value, group.name.value);
            let help = "name a lookup endpoint whose groups all have an alternative without arguments";
            ctx.diagnostics.push(msg::idempotency(name.span, &format!("{}.endpoint", lookup.path), what, help));
        }
    }
    let path = format!("{}.argument", lookup.path);
    match target.arguments.iter().find(|a| a.name.value == argument.value) {
        None => {
            let candidates: Vec<String> = target.arguments.iter().map(|a| a.name.value.clone()).collect();
            let what = format!("argument of `{}`", name.value);
            ctx.diagnostics.push(msg::unknown_reference(argument.span, &path, &what, &argument.value, &candidates));
        }
        Some(_) if grouped(&argument.value) => {
            let what = format!("lookup argument `{}` is an argument of a group", argument.value);
            ctx.diagnostics.push(msg::idempotency(argument.span, &path, what, "name an argument outside every group"));
        }
        Some(found) => {
            let takes_text = found.ty.as_ref().is_some_and(|t| match &t.expr {
                TypeExpr::Array(item) => !matches!(**item, TypeExpr::Array(_) | TypeExpr::Map(_)),
                TypeExpr::Primitive(p) => !matches!(p, Primitive::Json | Primitive::Boolean),
                TypeExpr::Named(_) => true,
                TypeExpr::Map(_) | TypeExpr::Expandable(_) => false,
            });
            if !takes_text {
                let what = format!("lookup argument `{}` cannot take a reference", argument.value);
                let help = "name an argument of text type, or a list of them";
                ctx.diagnostics.push(msg::idempotency(argument.span, &path, what, help));
            }
        }
    }
    for (key, value) in &lookup.with {
        let path = format!("{}.with.{}", lookup.path, key.value);
        match target.arguments.iter().find(|a| a.name.value == key.value) {
            None => {
                let candidates: Vec<String> = target.arguments.iter().map(|a| a.name.value.clone()).collect();
                let what = format!("argument of `{}`", name.value);
                ctx.diagnostics.push(msg::unknown_reference(key.span, &path, &what, &key.value, &candidates));
            }
            Some(arg) if grouped(&key.value) || arg.name.value == argument.value => {
                let what = format!("`with` cannot set `{}`", key.value);
                let help = "set only arguments outside every group, other than the one that takes the reference";
                ctx.diagnostics.push(msg::idempotency(key.span, &path, what, help));
            }
            Some(arg) => {
                if let Some(ty) = &arg.ty {
                    if let Err(why) =
                        values::validate(&ctx.types, &value.value, &ty.expr, arg.nullable, &arg.constraints)
                    {
                        let shown = value.value.to_string();
                        ctx.diagnostics.push(msg::value_violates(value.span, &path, "lookup value", &shown, &why));
                    }
                }
            }
        }
    }
    for required in target.arguments.iter().filter(|a| a.required && a.name.value != argument.value) {
        let given = lookup.with.iter().any(|(k, _)| k.value == required.name.value);
        // Path arguments and grouped ones cannot be fixed in advance; the check above reports what it can.
        if !given && !grouped(&required.name.value) {
            let what = format!(
                "the lookup gives no value for `{}`, a required argument of `{}`",
                required.name.value, name.value
            );
            let help = format!("add `with: {{{}: ...}}` under `lookup`", required.name.value);
            ctx.diagnostics.push(msg::idempotency(lookup.span, &lookup.path, what, &help));
        }
    }
}

/// Examples are shown in the docs and decoded by the round-trip tests, so each must be valid for what it shows.
fn examples_fit_the_endpoint(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint) {
    let mut names: Vec<(&str, crate::source::Span)> = Vec::new();
    for example in &endpoint.examples {
        if let Some(name) = &example.name {
            match names.iter().find(|(n, _)| *n == name.value) {
                Some((_, first)) => ctx.diagnostics.push(msg::duplicate_name(
                    name.span,
                    *first,
                    &format!("{}.name", example.path),
                    &name.value,
                    "example",
                )),
                None => names.push((&name.value, name.span)),
            }
        }
        if example.incomplete {
            continue;
        }
        example_request_fits(ctx, endpoint, example);
        match &example.error {
            Some(error) => example_error_fits(ctx, example, error),
            None => example_success_fits(ctx, endpoint, example),
        }
    }
}

fn example_request_fits(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, example: &Example) {
    let Some(request) = &example.request else { return };
    let Some(object) = request.value.as_object() else {
        ctx.diagnostics.push(msg::example_problem(
            request.span,
            &format!("{}.request", example.path),
            "`request` must map argument names to values",
        ));
        return;
    };
    for argument in &endpoint.arguments {
        if argument.required && !object.contains_key(&argument.name.value) {
            ctx.diagnostics.push(msg::example_problem(
                request.span,
                &format!("{}.request", example.path),
                &format!("request leaves out required argument `{}`", argument.name.value),
            ));
        }
    }
    // The client sends one alternative of each group, so a request naming arguments that only two different
    // alternatives take is one it cannot send.
    for group in &endpoint.groups {
        let only_in = |alternative: &Alternative, name: &str| {
            alternative.arguments.iter().chain(&alternative.optional).any(|a| a.value == name)
                && group
                    .alternatives
                    .iter()
                    .filter(|other| other.name.value != alternative.name.value)
                    .all(|other| !other.arguments.iter().chain(&other.optional).any(|a| a.value == name))
        };
        let chosen: Vec<&str> = group
            .alternatives
            .iter()
            .filter(|alternative| object.keys().any(|key| only_in(alternative, key)))
            .map(|alternative| alternative.name.value.as_str())
            .collect();
        if let [first, second, ..] = chosen[..] {
            ctx.diagnostics.push(msg::example_problem(
                request.span,
                &format!("{}.request", example.path),
                &format!(
                    "request gives arguments of alternatives `{first}` and `{second}` of group `{}`, but the client \
                     sends one alternative (leave `request` out of an example of a request it cannot send)",
                    group.name.value
                ),
            ));
        }
    }
    for (key, value) in object {
        let Some(argument) = endpoint.arguments.iter().find(|a| &a.name.value == key) else {
            ctx.diagnostics.push(msg::example_problem(
                request.span,
                &format!("{}.request", example.path),
                &format!("request gives `{key}`, which is not an argument"),
            ));
            continue;
        };
        let Some(ty) = &argument.ty else { continue };
        if let Err(why) = values::validate(&ctx.types, value, &ty.expr, argument.nullable, &argument.constraints) {
            ctx.diagnostics.push(msg::example_problem(
                request.span,
                &format!("{}.request", example.path),
                &format!("request argument `{key}`: {why}"),
            ));
        }
    }
}

fn example_success_fits(ctx: &mut Ctx<'_, '_>, endpoint: &Endpoint, example: &Example) {
    let Some(response) = &endpoint.response else { return };
    if let (Some(status), Some(expected)) = (&example.status, &response.status) {
        if status.value != expected.value {
            ctx.diagnostics.push(msg::example_problem(
                status.span,
                &format!("{}.status", example.path),
                &format!("has status {} but the endpoint succeeds with {}", status.value, expected.value),
            ));
        }
    }
    if let (Some(body), Some(ty)) = (&example.response, &response.ty) {
        if let Err(why) = values::validate(&ctx.types, &body.value, &ty.expr, false, &Constraints::default()) {
            ctx.diagnostics.push(msg::example_problem(
                body.span,
                &format!("{}.response", example.path),
                &format!("response does not fit `{}`: {why}", ty.expr),
            ));
        }
    }
    for (name, _) in &example.headers {
        if !response.headers.iter().any(|h| h.name.value.eq_ignore_ascii_case(&name.value)) {
            ctx.diagnostics.push(msg::example_problem(
                name.span,
                &format!("{}.headers.{}", example.path, name.value),
                &format!("shows header `{}`, which the response does not declare", name.value),
            ));
        }
    }
}

fn example_error_fits(ctx: &mut Ctx<'_, '_>, example: &Example, error: &Text) {
    let Some(code) = ctx.errors.get(error.value.as_str()).copied() else {
        if !ctx.certainly_undeclared("errors", "codes", &error.value) {
            return;
        }
        let path = format!("{}.error", example.path);
        ctx.diagnostics.push(msg::undeclared_error(error.span, &path, &error.value, &ctx.error_names()));
        return;
    };
    let Some(errors) = &ctx.spec.errors else { return };
    let style = errors.style.as_ref().map(|s| s.value);
    let expected: Vec<u64> = match style {
        Some(ErrorStyle::CodeArray) => errors.status.iter().map(|s| s.value).collect(),
        _ => code.statuses().map(|s| s.value).collect(),
    };
    if let Some(status) = example.status.as_ref().filter(|s| !expected.is_empty() && !expected.contains(&s.value)) {
        let expected: Vec<String> = expected.iter().map(u64::to_string).collect();
        ctx.diagnostics.push(msg::example_problem(
            status.span,
            &format!("{}.status", example.path),
            &format!("has status {} but `{}` arrives with {}", status.value, error.value, expected.join(" or ")),
        ));
    }
    let Some(body) = &example.response else { return };
    let Some(style) = style else { return };
    let result = match errors.code_places().filter(|_| !code.told_by_status(style)) {
        Some(places) => {
            let ignore_case = errors.case_insensitive_codes.as_ref().is_some_and(|f| f.value);
            coded_body_fits(ctx, &body.value, code, &places, ignore_case)
        }
        // An error documented without a body takes any sample body.
        None => match &code.body {
            Some(ErrorBody::Type(ty)) => {
                values::validate(&ctx.types, &body.value, &ty.expr, false, &Constraints::default())
            }
            Some(ErrorBody::None(_)) | None => Ok(()),
        },
    };
    if let Err(why) = result {
        ctx.diagnostics.push(msg::example_problem(
            body.span,
            &format!("{}.response", example.path),
            &format!("error body does not fit `{}`: {why}", error.value),
        ));
    }
}

/// A sample body of an error told by its code: the code where the spec says, a string message if it says where one
/// is, and details that fit the error's `details` type.
fn coded_body_fits(
    ctx: &Ctx<'_, '_>,
    body: &serde_json::Value,
    code: &ErrorCode,
    places: &CodePlaces,
    case_insensitive: bool,
) -> Result<(), String> {
    let wire_code = body
        .pointer(&places.code)
        .ok_or_else(|| format!("it has no code at `{}`", places.code))?
        .as_str()
        .ok_or_else(|| format!("the code at `{}` must be a string", places.code))?;
    let same =
        if case_insensitive { wire_code.eq_ignore_ascii_case(&code.name.value) } else { wire_code == code.name.value };
    if !same {
        return Err(format!("the code is `{wire_code}`"));
    }
    if let Some(message) = &places.message {
        if body.pointer(message).is_some_and(|m| !m.is_string()) {
            return Err(format!("the message at `{message}` must be a string"));
        }
    }
    match (&code.details, body.pointer(&places.details)) {
        (Some(ty), Some(details)) => values::validate(&ctx.types, details, &ty.expr, true, &Constraints::default()),
        _ => Ok(()),
    }
}
