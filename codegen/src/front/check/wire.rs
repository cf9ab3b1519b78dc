//! Rules for values that travel outside the JSON body: query, path and header arguments, and response and error
//! headers. A query string, a path and a header carry text, so only values with one text form fit there, and a path
//! or a header has no `null`; a header the client already sets cannot also be an argument, or it would be sent
//! twice.

use super::Ctx;
use crate::front::ast::{AuthKind, Encoding, Field, Location, Primitive, TypeExpr, TypeKind};
use crate::front::messages as msg;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    let spec = ctx.spec;
    for endpoint in &spec.endpoints {
        for argument in &endpoint.arguments {
            match argument.location.as_ref().map(|l| l.value) {
                Some(Location::Query) => query_value_is_text(ctx, argument),
                Some(Location::Header) => {
                    one_text_value(ctx, argument, Place::HeaderArgument);
                    header_is_not_set_by_the_client(ctx, argument);
                    not_nullable(ctx, argument, Place::HeaderArgument);
                }
                Some(Location::Path) => {
                    one_text_value(ctx, argument, Place::PathArgument);
                    not_nullable(ctx, argument, Place::PathArgument);
                }
                _ => {}
            }
        }
        for header in endpoint.response.iter().flat_map(|r| &r.headers) {
            one_text_value(ctx, header, Place::ResponseHeader);
        }
    }
    for header in spec.errors.iter().flat_map(|e| &e.codes).flat_map(|c| &c.headers) {
        one_text_value(ctx, header, Place::ErrorHeader);
    }
}

/// Whether a type has a single text form: a scalar other than `json`, an enum, or a named string, number or ID
/// type. `None` when that cannot be told (an undeclared type or one of unreadable kind, both reported already).
fn is_scalar(ctx: &Ctx<'_, '_>, expr: &TypeExpr) -> Option<bool> {
    match expr {
        TypeExpr::Primitive(p) => Some(*p != Primitive::Json),
        TypeExpr::Named(_) => ctx
            .type_def(expr)
            .and_then(|d| d.kind.as_ref())
            .map(|k| !matches!(k.value, TypeKind::Object | TypeKind::Union)),
        TypeExpr::Array(_) | TypeExpr::Map(_) | TypeExpr::Expandable(_) => Some(false),
    }
}

/// A query argument is one `name=value` pair, or one per item of an array of scalars (or one comma-joined value).
fn query_value_is_text(ctx: &mut Ctx<'_, '_>, argument: &Field) {
    let Some(ty) = &argument.ty else { return };
    // With bracketed keys, any value has a text form (`created[gte]=1`, `expand[0]=a`).
    if argument.encoding.as_ref().is_some_and(|e| e.value == Encoding::Form) {
        return;
    }
    let fits = match &ty.expr {
        TypeExpr::Array(item) => is_scalar(ctx, item),
        other => is_scalar(ctx, other),
    };
    if fits == Some(false) {
        let path = format!("{}.type", argument.path);
        ctx.diagnostics.push(msg::location_type(ty.span, &path, "a query argument", &ty.expr.to_string()));
    }
}

/// Where a single text value travels, for its message.
#[derive(Clone, Copy)]
enum Place {
    HeaderArgument,
    PathArgument,
    ResponseHeader,
    ErrorHeader,
}

impl Place {
    fn words(self) -> &'static str {
        match self {
            Place::HeaderArgument => "a header argument",
            Place::PathArgument => "a path argument",
            Place::ResponseHeader => "a response header",
            Place::ErrorHeader => "an error header",
        }
    }
}

/// A header is one line of text, and a path segment one piece of text, so each holds one scalar value.
fn one_text_value(ctx: &mut Ctx<'_, '_>, header: &Field, place: Place) {
    let Some(ty) = &header.ty else { return };
    if is_scalar(ctx, &ty.expr) == Some(false) {
        let path = format!("{}.type", header.path);
        ctx.diagnostics.push(msg::location_type(ty.span, &path, place.words(), &ty.expr.to_string()));
    }
}

/// A header is there or not, and a path segment always is: neither can say JSON `null`.
fn not_nullable(ctx: &mut Ctx<'_, '_>, argument: &Field, place: Place) {
    if argument.nullable {
        ctx.diagnostics.push(msg::location_nullable(argument.name.span, &argument.path, place.words()));
    }
}

/// Headers every request of the client carries whatever the arguments say, with words saying what sets each.
const CLIENT_HEADERS: &[(&str, &str)] = &[
    ("Content-Type", "the client sets for the JSON body"),
    ("Content-Length", "the HTTP client sets for the body"),
    ("Accept", "the client sets to ask for JSON"),
    ("Host", "the HTTP client sets from the server URL"),
    ("User-Agent", "the client sets to name itself"),
    ("Transfer-Encoding", "the HTTP client sets"),
    ("Connection", "the HTTP client sets"),
];

/// The headers the client sets on a request of this spec: its own, the credentials, and the API version.
fn headers_set_by_the_client(ctx: &Ctx<'_, '_>) -> Vec<(String, String)> {
    let mut set: Vec<(String, String)> =
        CLIENT_HEADERS.iter().map(|(name, by)| ((*name).to_owned(), (*by).to_owned())).collect();
    for scheme in &ctx.spec.auth {
        let by = format!("the client sets for the credentials of auth scheme `{}`", scheme.name.value);
        match (scheme.kind.as_ref().map(|k| k.value), &scheme.header) {
            (Some(AuthKind::Bearer | AuthKind::Basic | AuthKind::OAuth2ClientCredentials), _) => {
                set.push(("Authorization".to_owned(), by))
            }
            (Some(AuthKind::ApiKey), Some(header)) => set.push((header.value.clone(), by)),
            _ => {}
        }
    }
    if let Some(header) = ctx.spec.versioning.as_ref().and_then(|v| v.header.as_ref()) {
        set.push((header.value.clone(), "the client sets for the API version (`versioning.header`)".to_owned()));
    }
    set
}

/// Header names compare without regard to ASCII case, so `authorization` is `Authorization`.
fn header_is_not_set_by_the_client(ctx: &mut Ctx<'_, '_>, argument: &Field) {
    let name = &argument.name;
    let set = headers_set_by_the_client(ctx);
    if let Some((header, by)) = set.iter().find(|(header, _)| header.eq_ignore_ascii_case(&name.value)) {
        ctx.diagnostics.push(msg::reserved_header(name.span, &argument.path, &name.value, header, by));
    }
}
