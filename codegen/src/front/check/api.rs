//! Rules for the API-wide sections: `api`, `servers`, `versioning`, `auth` and `errors`.

use super::Ctx;
use crate::front::ast::{AuthKind, ErrorBody, ErrorStyle, Style};
use crate::front::messages::{self as msg, Mismatch, Statuses};
use crate::naming;

pub(super) fn check(ctx: &mut Ctx<'_, '_>) {
    api_name_is_snake_case(ctx);
    rpc_needs_a_path_prefix(ctx);
    server_urls_are_absolute_https(ctx);
    server_variables_match_placeholders(ctx);
    version_default_is_listed(ctx);
    auth_header_fits_kind(ctx);
    oauth2_keys_fit_kind(ctx);
    auth_environments_exist(ctx);
    error_style_keys_fit(ctx);
    error_statuses_are_distinct(ctx);
    error_types_exist(ctx);
}

/// The API name becomes a module, a Cargo feature and a file name.
fn api_name_is_snake_case(ctx: &mut Ctx<'_, '_>) {
    if let Some(name) = &ctx.spec.api.name {
        if !naming::is_snake_case(&name.value) || !naming::is_identifier(&name.value) {
            let fixed = naming::snake(&name.value);
            ctx.diagnostics.push(msg::bad_name_case(
                name.span,
                "api.name",
                &name.value,
                "the API name",
                "snake_case",
                &fixed,
            ));
        }
    }
}

/// RPC paths are derived from the prefix, so the prefix must exist and join cleanly; REST paths are written out.
fn rpc_needs_a_path_prefix(ctx: &mut Ctx<'_, '_>) {
    let api = &ctx.spec.api;
    match (api.style.as_ref().map(|s| s.value), &api.path_prefix) {
        (Some(Style::Rpc), None) => ctx.require(api.span, "api", "path_prefix"),
        (Some(Style::Rpc), Some(prefix)) if !(prefix.value.starts_with('/') && prefix.value.ends_with('/')) => {
            ctx.diagnostics.push(msg::bad_scalar(
                prefix.span,
                "api.path_prefix",
                &prefix.value,
                "a path that starts and ends with `/`",
            ))
        }
        (Some(Style::Rest), Some(prefix)) => {
            ctx.diagnostics.push(msg::style_mismatch(prefix.span, "api.path_prefix", Mismatch::PathPrefixOnRest))
        }
        _ => {}
    }
}

/// Credentials travel on every request, so only TLS base URLs are accepted; a trailing `/` would double up with paths.
fn server_urls_are_absolute_https(ctx: &mut Ctx<'_, '_>) {
    for server in &ctx.spec.servers {
        let path = format!("servers.{}", server.name.value);
        let name = &server.name.value;
        let of = msg::NameOf::Other { what: "server" };
        if !naming::is_snake_case(name) {
            let fixed = naming::snake(name);
            let (span, what) = (server.name.span, "the environment name");
            ctx.diagnostics.push(msg::bad_name_case(span, &path, name, what, "snake_case", &fixed));
        } else if naming::is_keyword(&naming::camel(name)) || naming::is_keyword(name) {
            let suggestion = format!("{name}_server");
            ctx.diagnostics.push(msg::rust_keyword(server.name.span, &path, name, name, of, &suggestion));
        } else if !naming::is_identifier(name) {
            // Its `Environment` variant is `UpperCamelCase`; letters outside ASCII are not guessed at.
            let spelled = naming::snake(&naming::spell_leading_digits(name));
            let suggestion = if naming::is_identifier(&spelled) { spelled } else { "server".to_owned() };
            ctx.diagnostics.push(msg::not_an_identifier(server.name.span, &path, name, name, of, &suggestion));
        }
        let Some(url) = &server.url else { continue };
        let why = if !url.value.starts_with("https://") {
            Some("is not an `https://` URL")
        } else if url.value.ends_with('/') {
            Some("ends with `/`")
        } else if url.value.len() <= "https://".len() || url.value.contains(char::is_whitespace) {
            Some("is not a complete URL")
        } else {
            None
        };
        if let Some(why) = why {
            ctx.diagnostics.push(msg::bad_url(url.span, &format!("{path}.url"), &url.value, why));
        }
    }
}

/// Every `{placeholder}` needs a declared variable (the client asks for its value) and vice versa.
fn server_variables_match_placeholders(ctx: &mut Ctx<'_, '_>) {
    for server in &ctx.spec.servers {
        let Some(url) = &server.url else { continue };
        let path = format!("servers.{}", server.name.value);
        let placeholders = crate::template::placeholder_spans(&url.value);
        for (name, range) in &placeholders {
            if !server.variables.iter().any(|v| &v.name.value == name)
                && ctx.certainly_undeclared(&path, "variables", name)
            {
                let span = url.sub_span(range.clone());
                ctx.diagnostics.push(msg::server_variable_undeclared(span, &format!("{path}.url"), name));
            }
        }
        for var in &server.variables {
            if !placeholders.iter().any(|(name, _)| *name == var.name.value) {
                ctx.diagnostics.push(msg::server_variable_unused(
                    var.name.span,
                    &format!("{path}.variables.{}", var.name.value),
                    &var.name.value,
                ));
            }
        }
    }
}

fn version_default_is_listed(ctx: &mut Ctx<'_, '_>) {
    let Some(versioning) = &ctx.spec.versioning else { return };
    // No versions (missing, empty or unreadable) is reported where `versions` is; the default cannot be judged.
    if versioning.versions.is_empty() {
        return;
    }
    if let Some(default) = &versioning.default {
        if !versioning.versions.iter().any(|v| v.value == default.value) {
            let versions: Vec<String> = versioning.versions.iter().map(|v| v.value.clone()).collect();
            ctx.diagnostics.push(msg::version_not_listed(default.span, &default.value, &versions));
        }
    }
}

/// `bearer` and `basic` always use `Authorization`; only `api_key` names its own header.
fn auth_header_fits_kind(ctx: &mut Ctx<'_, '_>) {
    for scheme in &ctx.spec.auth {
        let path = format!("auth.schemes.{}", scheme.name.value);
        let Some(kind) = &scheme.kind else { continue };
        match (kind.value, &scheme.header) {
            (AuthKind::ApiKey, None) => ctx.require(scheme.name.span, &path, "header"),
            (AuthKind::Bearer | AuthKind::Basic | AuthKind::OAuth2ClientCredentials, Some(header)) => {
                ctx.diagnostics.push(msg::style_mismatch(
                    header.span,
                    &format!("{path}.header"),
                    Mismatch::AuthHeader { kind: kind.value.name() },
                ))
            }
            _ => {}
        }
        if let (Some(format), false) = (&scheme.format, kind.value == AuthKind::Bearer) {
            ctx.diagnostics.push(msg::style_mismatch(
                format.span,
                &format!("{path}.format"),
                Mismatch::FormatNotBearer { kind: kind.value.name() },
            ));
        }
    }
}

/// OAuth2 client credentials need the token endpoint's path; no other kind reads it, or the scopes.
fn oauth2_keys_fit_kind(ctx: &mut Ctx<'_, '_>) {
    for scheme in &ctx.spec.auth {
        let path = format!("auth.schemes.{}", scheme.name.value);
        let Some(kind) = &scheme.kind else { continue };
        let oauth2 = kind.value == AuthKind::OAuth2ClientCredentials;
        match (&scheme.token_url, oauth2) {
            (None, true) => ctx.require(scheme.name.span, &path, "token_url"),
            (Some(url), true) if !url.value.starts_with('/') || url.value.contains(['?', '#', ' ']) => {
                ctx.diagnostics.push(msg::oauth2_token_url(url.span, &format!("{path}.token_url"), &url.value))
            }
            _ => {}
        }
        let misplaced = scheme
            .token_url
            .iter()
            .map(|t| ("token_url", t.span))
            .chain(scheme.scopes.first().map(|s| ("scopes", s.span)));
        for (key, span) in misplaced.filter(|_| !oauth2) {
            let kind_name = kind.value.name();
            ctx.diagnostics.push(msg::style_mismatch(
                span,
                &format!("{path}.{key}"),
                Mismatch::KeyNotInKind {
                    key,
                    kind: kind_name,
                    help: "remove it; only `kind: oauth2_client_credentials` fetches a token",
                },
            ));
        }
    }
}

fn auth_environments_exist(ctx: &mut Ctx<'_, '_>) {
    let servers: Vec<String> = ctx.spec.servers.iter().map(|s| s.name.value.clone()).collect();
    for scheme in &ctx.spec.auth {
        for env in &scheme.environments {
            if !servers.contains(&env.value) && ctx.certainly_undeclared("", "servers", &env.value) {
                let path = format!("auth.schemes.{}.environments", scheme.name.value);
                ctx.diagnostics.push(msg::unknown_reference(env.span, &path, "server", &env.value, &servers));
            }
        }
    }
}

/// `code_array` and `by_code` errors are told apart by code and carry details; `by_status` errors, and `by_code`
/// errors with `match: status`, by status, and carry a body.
fn error_style_keys_fit(ctx: &mut Ctx<'_, '_>) {
    let Some(errors) = &ctx.spec.errors else { return };
    let Some(style) = errors.style.as_ref().map(|s| s.value) else { return };
    let style_name = match style {
        ErrorStyle::CodeArray => "code_array",
        ErrorStyle::ByCode => "by_code",
        ErrorStyle::ByStatus => "by_status",
    };
    let not_in_style = |span, path: &str, key: &str, help: &str| {
        msg::style_mismatch(span, path, Mismatch::ErrorKeyNotInStyle { key, style: style_name, help })
    };
    match (style, &errors.status) {
        (ErrorStyle::CodeArray, None) => ctx.require(errors.span, "errors", "status"),
        (ErrorStyle::CodeArray, Some(status)) if !(400..=599).contains(&status.value) => {
            ctx.diagnostics.push(msg::bad_status(status.span, "errors.status", status.value, Statuses::Error))
        }
        (ErrorStyle::ByStatus, Some(status)) => {
            ctx.diagnostics.push(msg::style_mismatch(status.span, "errors.status", Mismatch::ErrorsStatusByStatus))
        }
        (ErrorStyle::ByCode, Some(status)) => ctx.diagnostics.push(not_in_style(
            status.span,
            "errors.status",
            "status",
            "remove it, and give each error under `errors.codes` its own `status`",
        )),
        _ => {}
    }
    if let Some(flag) = errors.case_insensitive_codes.as_ref().filter(|f| f.value && style == ErrorStyle::ByStatus) {
        ctx.diagnostics.push(msg::style_mismatch(
            flag.span,
            "errors.case_insensitive_codes",
            Mismatch::CaseInsensitiveByStatus,
        ));
    }
    // The places of the code, the message and the details: given with `by_code`, fixed by position otherwise.
    for (key, pointer) in [("code", &errors.code), ("message", &errors.message), ("details", &errors.details)] {
        let path = format!("errors.{key}");
        match (style, pointer) {
            (ErrorStyle::ByCode, Some(pointer)) if !is_json_pointer(&pointer.value) => {
                ctx.diagnostics.push(msg::bad_json_pointer(pointer.span, &path, &pointer.value))
            }
            (ErrorStyle::ByCode, None) if key == "code" => ctx.require(errors.span, "errors", "code"),
            (ErrorStyle::ByCode, _) | (_, None) => {}
            (_, Some(pointer)) => ctx.diagnostics.push(not_in_style(
                pointer.span,
                &path,
                key,
                "remove it, or use `style: by_code`, which reads the code, message and details where JSON pointers \
                 say",
            )),
        }
    }
    for code in &errors.codes {
        if let Some(matched) = code.matched_by.as_ref().filter(|_| style != ErrorStyle::ByCode) {
            ctx.diagnostics.push(not_in_style(
                matched.span,
                &format!("{}.match", code.path),
                "match",
                "remove it; only `style: by_code` mixes errors told by code with errors told by status",
            ));
        }
        let by_status = code.told_by_status(style);
        match style {
            ErrorStyle::CodeArray => {
                if let Some(status) = &code.status {
                    ctx.diagnostics.push(msg::style_mismatch(
                        status.span,
                        &format!("{}.status", code.path),
                        Mismatch::CodeStatusWithCodeArray,
                    ));
                }
                if let Some(body) = &code.body {
                    ctx.diagnostics.push(msg::style_mismatch(
                        body.span(),
                        &format!("{}.body", code.path),
                        Mismatch::CodeBodyWithCodeArray,
                    ));
                }
            }
            ErrorStyle::ByStatus | ErrorStyle::ByCode => {
                if code.status.is_none() {
                    ctx.require(code.name.span, &code.path, "status");
                }
                if by_status && code.body.is_none() {
                    ctx.require(code.name.span, &code.path, "body");
                }
                if let Some(body) = code.body.as_ref().filter(|_| !by_status) {
                    ctx.diagnostics.push(not_in_style(
                        body.span(),
                        &format!("{}.body", code.path),
                        "body",
                        "an error told by its code describes its part of the body with `details`; add \
                         `match: status` for an error told by its status alone",
                    ));
                }
                if let Some(details) = code.details.as_ref().filter(|_| by_status) {
                    ctx.diagnostics.push(msg::style_mismatch(
                        details.span,
                        &format!("{}.details", code.path),
                        Mismatch::DetailsWithByStatus,
                    ));
                }
            }
        }
        for status in code.statuses().filter(|status| !(400..=599).contains(&status.value)) {
            ctx.diagnostics.push(msg::bad_status(
                status.span,
                &format!("{}.status", code.path),
                status.value,
                Statuses::Error,
            ));
        }
    }
}

/// RFC 6901: empty (the whole document), or `/` before each reference token, where `~` only starts `~0` or `~1`.
fn is_json_pointer(pointer: &str) -> bool {
    if pointer.is_empty() {
        return true;
    }
    let Some(tokens) = pointer.strip_prefix('/') else { return false };
    let mut chars = tokens.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return false;
        }
    }
    true
}

fn error_statuses_are_distinct(ctx: &mut Ctx<'_, '_>) {
    let Some(errors) = &ctx.spec.errors else { return };
    let style = errors.style.as_ref().map_or(ErrorStyle::ByStatus, |s| s.value);
    let mut seen: Vec<(u64, crate::source::Span)> = Vec::new();
    // Errors told by code share statuses freely; one told by its status alone owns it.
    for code in errors.codes.iter().filter(|code| code.told_by_status(style)) {
        for status in code.statuses() {
            match seen.iter().find(|(s, _)| *s == status.value) {
                Some((_, first)) => ctx.diagnostics.push(msg::duplicate_status(
                    status.span,
                    *first,
                    &format!("{}.status", code.path),
                    status.value as u16,
                )),
                None => seen.push((status.value, status.span)),
            }
        }
    }
}

fn error_types_exist(ctx: &mut Ctx<'_, '_>) {
    let Some(errors) = &ctx.spec.errors else { return };
    for code in &errors.codes {
        for (key, ty) in
            [("details", code.details.as_ref()), ("body", code.body.as_ref().and_then(ErrorBody::type_ref))]
        {
            if let Some(ty) = ty {
                ctx.check_type_ref(ty, &format!("{}.{key}", code.path));
            }
        }
        for header in &code.headers {
            if let Some(ty) = &header.ty {
                ctx.check_type_ref(ty, &format!("{}.type", header.path));
            }
        }
    }
}
