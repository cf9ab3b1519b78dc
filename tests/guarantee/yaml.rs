//! Writes a [`Spec`] as the YAML text a user would write, every scalar quoted as JSON (valid YAML), examples in JSON
//! flow syntax. Descriptions are plain sentences: the test is about what is generated and sent, not about prose.

use crate::spec::{AuthKind, Constraints, Endpoint, ErrorStyle, Field, Kind, Pagination, Spec, Ty, TypeDef, PATTERNS};
use serde_json::Value;
use std::fmt::Write as _;

/// A spec and, per endpoint, the request of its one example (the arguments the test sends).
pub fn render(spec: &Spec, requests: &[Option<Value>]) -> String {
    let mut out = String::new();
    let w = &mut out;
    line(w, 0, "spec: 1");
    line(w, 0, "api:");
    line(w, 1, &format!("name: {}", q(&spec.name)));
    line(w, 1, &format!("title: {}", q(&format!("Random API {}", spec.name))));
    line(w, 1, "description: \"A spec built by the guarantee test.\"");
    // Keys that only feed the docs, on about half the specs (decided by the name, so the same spec stays the same).
    let documented = spec.name.bytes().map(u32::from).sum::<u32>() % 2 == 0;
    if documented {
        line(w, 1, "docs_url: \"https://docs.example.com/api\"");
        line(w, 1, "source: \"Written by the guarantee test; no vendor.\"");
    }
    match &spec.rpc_prefix {
        Some(prefix) => {
            line(w, 1, "style: rpc");
            line(w, 1, &format!("path_prefix: {}", q(prefix)));
        }
        None => line(w, 1, "style: rest"),
    }
    if let Some(encoding) = spec.body_encoding {
        line(w, 1, &format!("body_encoding: {}", encoding.word()));
    }
    if !spec.api_headers.is_empty() {
        line(w, 0, "headers:");
        fields(w, spec, 1, "request", &spec.api_headers, false);
    }
    line(w, 0, "servers:");
    for server in &spec.servers {
        line(w, 1, &format!("{}:", q(&server.name)));
        let placeholders: String = server.variables.iter().map(|v| format!("/{{{v}}}")).collect();
        line(w, 2, &format!("url: {}", q(&format!("https://{}.example.com{placeholders}", server.name))));
        line(w, 2, "description: \"A server.\"");
        if !server.variables.is_empty() {
            line(w, 2, "variables:");
            for variable in &server.variables {
                line(w, 3, &format!("{}:", q(variable)));
                line(w, 4, "description: \"A part of the URL.\"");
                if documented {
                    line(w, 4, "example: \"acme\"");
                }
            }
        }
    }
    if let Some(versioning) = &spec.versioning {
        line(w, 0, "versioning:");
        line(w, 1, &format!("header: {}", q(&versioning.header)));
        let versions: Vec<String> = versioning.versions.iter().map(|v| q(v)).collect();
        line(w, 1, &format!("versions: [{}]", versions.join(", ")));
        line(w, 1, &format!("default: {}", q(&versioning.versions[0])));
        line(w, 1, "description: \"Selects the API version.\"");
    }
    if !spec.auth.is_empty() {
        line(w, 0, "auth:");
        line(w, 1, "schemes:");
        for scheme in &spec.auth {
            line(w, 2, &format!("{}:", q(&scheme.name)));
            match &scheme.kind {
                AuthKind::Bearer => line(w, 3, "kind: bearer"),
                AuthKind::Basic => line(w, 3, "kind: basic"),
                AuthKind::ApiKey(header) => {
                    line(w, 3, "kind: api_key");
                    line(w, 3, &format!("header: {}", q(header)));
                }
                AuthKind::OAuth2(token_url) => {
                    line(w, 3, "kind: oauth2_client_credentials");
                    line(w, 3, &format!("token_url: {}", q(token_url)));
                }
            }
            line(w, 3, "description: \"A credential.\"");
            if documented && scheme.kind == AuthKind::Bearer {
                line(w, 3, "format: JWT");
            }
            if documented && spec.servers.len() > 1 {
                line(w, 3, &format!("environments: [{}]", q(&spec.servers[0].name)));
            }
            if documented {
                line(
                    w,
                    3,
                    &format!(
                        "example: {}",
                        q(if scheme.kind == AuthKind::Basic { "user:password" } else { "sk_test_123" })
                    ),
                );
            }
        }
    }
    errors(w, spec, documented);
    if !spec.types.is_empty() {
        line(w, 0, "types:");
        for ty in &spec.types {
            type_def(w, spec, ty);
        }
    }
    line(w, 0, "endpoints:");
    for (endpoint, request) in spec.endpoints.iter().zip(requests) {
        endpoint_yaml(w, spec, endpoint, request.as_ref());
    }
    out
}

fn line(out: &mut String, indent: usize, text: &str) {
    let _ = writeln!(out, "{}{text}", "  ".repeat(indent));
}

/// A JSON-quoted scalar, which YAML reads as the same string.
fn q(text: &str) -> String {
    Value::from(text).to_string()
}

pub fn type_expr(spec: &Spec, ty: &Ty) -> String {
    match ty {
        Ty::Prim(p) => p.word().to_owned(),
        Ty::Named(index) => spec.types[*index].name.clone(),
        Ty::Array(item) => format!("array<{}>", type_expr(spec, item)),
        Ty::Map(item) => format!("map<{}>", type_expr(spec, item)),
        Ty::Expandable(index) => format!("expandable<{}>", spec.types[*index].name),
    }
}

fn errors(w: &mut String, spec: &Spec, documented: bool) {
    line(w, 0, "errors:");
    match spec.errors.style {
        ErrorStyle::CodeArray { status } => {
            line(w, 1, "style: code_array");
            line(w, 1, &format!("status: {status}"));
        }
        ErrorStyle::ByCode { code, message, details } => {
            line(w, 1, "style: by_code");
            line(w, 1, &format!("code: {}", q(code)));
            if let Some(message) = message {
                line(w, 1, &format!("message: {}", q(message)));
            }
            line(w, 1, &format!("details: {}", q(details)));
        }
        ErrorStyle::ByStatus => line(w, 1, "style: by_status"),
    }
    line(w, 1, "description: \"How errors travel.\"");
    if documented {
        if matches!(spec.errors.style, ErrorStyle::CodeArray { .. }) {
            line(w, 1, "case_insensitive_codes: true");
        }
        line(w, 1, "content_types: [application/json, application/problem+json]");
    }
    line(w, 1, "codes:");
    if spec.errors.codes.is_empty() {
        w.pop();
        w.push_str(" {}\n");
    }
    for code in &spec.errors.codes {
        line(w, 2, &format!("{}:", q(&code.name)));
        line(w, 3, "description: \"An error.\"");
        // The catch-all variant is `Unknown`: a documented error of that name gets another Rust name.
        if codegen::naming::camel(&code.name) == "Unknown" {
            line(w, 3, "rust_name: UnknownCode");
        }
        if code.common {
            line(w, 3, "common: true");
        }
        match (code.status, &code.also[..]) {
            (Some(status), []) => line(w, 3, &format!("status: {status}")),
            (Some(status), also) => {
                let more: Vec<String> = also.iter().map(u16::to_string).collect();
                line(w, 3, &format!("status: [{status}, {}]", more.join(", ")));
            }
            (None, _) => {}
        }
        let told_by_status = match spec.errors.style {
            ErrorStyle::ByStatus => true,
            ErrorStyle::CodeArray { .. } => false,
            ErrorStyle::ByCode { .. } => code.by_status,
        };
        if code.by_status {
            line(w, 3, "match: status");
        }
        if let Some(body) = &code.body {
            line(w, 3, &format!("body: {}", q(&type_expr(spec, body))));
        } else if told_by_status {
            line(w, 3, "body: none");
        }
        if let Some(details) = &code.details {
            line(w, 3, &format!("details: {}", q(&type_expr(spec, details))));
        }
        if let Some(outcome) = code.outcome {
            line(w, 3, &format!("outcome: {outcome}"));
        }
        fields(w, spec, 3, "headers", &code.headers, false);
    }
}

fn type_def(w: &mut String, spec: &Spec, ty: &TypeDef) {
    line(w, 1, &format!("{}:", q(&ty.name)));
    line(w, 2, "description: \"A type.\"");
    match &ty.kind {
        Kind::Object { fields: list, closed } => {
            line(w, 2, "kind: object");
            if *closed {
                line(w, 2, "closed: true");
            }
            if list.is_empty() {
                line(w, 2, "fields: {}");
            }
            fields(w, spec, 2, "fields", list, false);
            if let Some(rule) = &ty.currency_decimals {
                line(w, 2, "currency_decimals:");
                line(w, 3, &format!("amount: {}", q(&rule.amount)));
                line(w, 3, &format!("currency: {}", q(&rule.currency)));
                if let Some(default) = rule.default {
                    line(w, 3, &format!("default: {default}"));
                }
                let places: Vec<String> = rule.places.iter().map(|(code, n)| format!("{}: {n}", q(code))).collect();
                line(w, 3, &format!("places: {{{}}}", places.join(", ")));
            }
        }
        Kind::Union { tag, variants } => {
            line(w, 2, "kind: union");
            line(w, 2, &format!("tag: {}", q(tag)));
            line(w, 2, "variants:");
            for (wire, object) in variants {
                line(w, 3, &format!("{}: {}", q(wire), q(&spec.types[*object].name)));
            }
        }
        Kind::Enum { values, default } => {
            line(w, 2, "kind: enum");
            if let Some(default) = default {
                line(w, 2, &format!("default: {}", q(&values[*default])));
            }
            line(w, 2, "values:");
            for value in values {
                // A careful author names in Rust what would otherwise be a keyword or the catch-all `Unknown`.
                let variant = codegen::naming::camel(value);
                if variant == "Unknown" || !codegen::naming::is_identifier(&variant) {
                    let cleaned: String = value.chars().filter(char::is_ascii_alphanumeric).collect();
                    let rust_name = format!("{}Value", codegen::naming::camel(&cleaned));
                    line(w, 3, &format!("{}: {{description: \"A value.\", rust_name: {}}}", q(value), q(&rust_name)));
                } else {
                    line(w, 3, &format!("{}: \"A value.\"", q(value)));
                }
            }
        }
        Kind::Str { constraints: c, format } => {
            line(w, 2, "kind: string");
            if let Some(format) = format {
                line(w, 2, &format!("format: {}", format.word()));
            }
            constraints(w, 2, c);
        }
        Kind::Integer { min, max, width32 } => {
            line(w, 2, "kind: integer");
            if *width32 {
                line(w, 2, "width: 32");
            }
            constraints(w, 2, &Constraints { min: *min, max: *max, ..Constraints::default() });
        }
        Kind::Decimal { min, max, max_decimals } => {
            line(w, 2, "kind: decimal");
            constraints(
                w,
                2,
                &Constraints { min: *min, max: *max, max_decimals: *max_decimals, ..Constraints::default() },
            );
        }
        Kind::Id { prefix, external, max_length } => {
            line(w, 2, "kind: id");
            line(w, 2, &format!("uid_prefix: {}", q(prefix)));
            if *external {
                line(w, 2, "external: true");
            }
            if let Some(max) = max_length {
                line(w, 2, &format!("max_length: {max}"));
            }
        }
    }
}

fn constraints(w: &mut String, indent: usize, c: &Constraints) {
    let numbers = [
        ("min", c.min.map(|n| n.to_string())),
        ("max", c.max.map(|n| n.to_string())),
        ("min_length", c.min_length.map(|n| n.to_string())),
        ("max_length", c.max_length.map(|n| n.to_string())),
        ("length", c.length.map(|n| n.to_string())),
        ("max_decimals", c.max_decimals.map(|n| n.to_string())),
        ("key_max_length", c.key_max_length.map(|n| n.to_string())),
    ];
    for (key, value) in numbers {
        if let Some(value) = value {
            line(w, indent, &format!("{key}: {value}"));
        }
    }
    if let Some(pattern) = c.pattern {
        line(w, indent, &format!("pattern: {}", q(PATTERNS[pattern])));
    }
}

fn fields(w: &mut String, spec: &Spec, indent: usize, key: &str, list: &[Field], arguments: bool) {
    if list.is_empty() {
        return;
    }
    line(w, indent, &format!("{key}:"));
    for field in list {
        line(w, indent + 1, &format!("{}:", q(&field.wire)));
        let i = indent + 2;
        line(w, i, &format!("type: {}", q(&type_expr(spec, &field.ty))));
        line(w, i, "description: \"A value.\"");
        if arguments && !spec.is_rpc() {
            line(w, i, &format!("in: {}", field.location.word()));
        }
        if let Some(encoding) = field.encoding {
            line(w, i, &format!("encoding: {}", encoding.word()));
        }
        if field.required {
            line(w, i, "required: true");
        }
        if field.nullable {
            line(w, i, "nullable: true");
        }
        if field.read_only {
            line(w, i, "read_only: true");
        }
        if let Some(rust_name) = &field.rust_name {
            line(w, i, &format!("rust_name: {}", q(rust_name)));
        }
        if let Some(default) = &field.extras.default {
            line(w, i, &format!("default: {default}"));
        }
        if let Some(example) = &field.extras.example {
            line(w, i, &format!("example: {example}"));
        }
        if !field.extras.aliases.is_empty() {
            let aliases: Vec<String> = field.extras.aliases.iter().map(|a| q(a)).collect();
            line(w, i, &format!("aliases: [{}]", aliases.join(", ")));
        }
        constraints(w, i, &field.constraints);
    }
}

fn endpoint_yaml(w: &mut String, spec: &Spec, endpoint: &Endpoint, request: Option<&Value>) {
    line(w, 1, &format!("{}:", q(&endpoint.name)));
    line(w, 2, "summary: \"An endpoint.\"");
    line(w, 2, "description: \"What the endpoint does.\"");
    if !spec.is_rpc() {
        line(w, 2, &format!("method: {}", endpoint.method.word()));
        line(w, 2, &format!("path: {}", q(&spec.path_template(endpoint))));
    }
    if let Some(index) = endpoint.auth_scheme {
        line(w, 2, &format!("auth: {}", q(&spec.auth[index].name)));
    }
    if endpoint.auth_none {
        line(w, 2, "auth: none");
    }
    if let Some(encoding) = endpoint.body_encoding {
        line(w, 2, &format!("body_encoding: {}", encoding.word()));
    }
    let own: Vec<Field> = endpoint.arguments.iter().filter(|a| !a.api_wide).cloned().collect();
    fields(w, spec, 2, "arguments", &own, true);
    if !endpoint.groups.is_empty() {
        line(w, 2, "groups:");
        for group in &endpoint.groups {
            line(w, 3, &format!("{}:", q(&group.name)));
            line(w, 4, "description: \"Alternatives.\"");
            line(w, 4, "one_of:");
            for alternative in &group.alternatives {
                line(w, 5, &format!("{}:", q(&alternative.name)));
                line(w, 6, "description: \"An alternative.\"");
                let list = |names: &[String]| names.iter().map(|n| q(n)).collect::<Vec<_>>().join(", ");
                if !alternative.arguments.is_empty() {
                    line(w, 6, &format!("arguments: [{}]", list(&alternative.arguments)));
                }
                if !alternative.optional.is_empty() {
                    line(w, 6, &format!("optional: [{}]", list(&alternative.optional)));
                }
                if !alternative.sets.is_empty() {
                    let sets: Vec<String> =
                        alternative.sets.iter().map(|(k, v)| format!("{}: {}", q(k), q(v))).collect();
                    line(w, 6, &format!("sets: {{{}}}", sets.join(", ")));
                }
            }
        }
    }
    line(w, 2, "response:");
    line(w, 3, &format!("status: {}", endpoint.response.status));
    line(w, 3, &format!("type: {}", q(&type_expr(spec, &endpoint.response.ty))));
    line(w, 3, "description: \"What comes back.\"");
    fields(w, spec, 3, "headers", &endpoint.response.headers, false);
    if let Some(pagination) = &endpoint.pagination {
        line(w, 2, "pagination:");
        match pagination {
            Pagination::LimitOffset { limit, offset, items, total_header } => {
                line(w, 3, "kind: limit_offset");
                line(w, 3, &format!("limit: {}", q(limit)));
                line(w, 3, &format!("offset: {}", q(offset)));
                if let Some(items) = items {
                    line(w, 3, &format!("items: {}", q(items)));
                }
                if let Some(total) = total_header {
                    line(w, 3, &format!("total_header: {}", q(total)));
                }
            }
            Pagination::CursorBody { items } => {
                line(w, 3, "kind: cursor_body");
                line(w, 3, &format!("items: {}", q(items)));
                line(w, 3, "next: next");
                line(w, 3, "previous: previous");
            }
            Pagination::OffsetToken { limit, offset, items, next_offset } => {
                line(w, 3, "kind: offset_token");
                line(w, 3, &format!("limit: {}", q(limit)));
                line(w, 3, &format!("offset: {}", q(offset)));
                line(w, 3, &format!("items: {}", q(items)));
                line(w, 3, &format!("next_offset: {}", q(next_offset)));
            }
            Pagination::LastItem { limit, offset, items, has_more } => {
                line(w, 3, "kind: last_item");
                line(w, 3, "last_item: id");
                line(w, 3, &format!("offset: {}", q(offset)));
                line(w, 3, &format!("items: {}", q(items)));
                if let Some(limit) = limit {
                    line(w, 3, &format!("limit: {}", q(limit)));
                }
                if let Some(has_more) = has_more {
                    line(w, 3, &format!("has_more: {}", q(has_more)));
                }
            }
            Pagination::PageNumber { limit, offset, first_page, items, total_pages } => {
                line(w, 3, "kind: page_number");
                line(w, 3, &format!("offset: {}", q(offset)));
                line(w, 3, &format!("first_page: {first_page}"));
                line(w, 3, &format!("items: {}", q(items)));
                if let Some(limit) = limit {
                    line(w, 3, &format!("limit: {}", q(limit)));
                }
                if let Some(total_pages) = total_pages {
                    line(w, 3, &format!("total_pages: {}", q(total_pages)));
                }
            }
            Pagination::NextLink { items, link, link_header } => {
                line(w, 3, "kind: next_link");
                let keys = [("items", items), ("link", link), ("link_header", link_header)];
                for (key, value) in keys {
                    if let Some(value) = value {
                        line(w, 3, &format!("{key}: {}", q(value)));
                    }
                }
            }
        }
    }
    if !endpoint.errors.is_empty() {
        line(w, 2, "errors:");
        for index in &endpoint.errors {
            line(w, 3, &format!("{}: \"This endpoint's words for the error.\"", q(&spec.errors.codes[*index].name)));
        }
    }
    if let Some(idempotency) = &endpoint.idempotency {
        line(w, 2, "idempotency:");
        line(w, 3, &format!("reference: {}", q(&idempotency.reference)));
        line(w, 3, &format!("repeat: {}", idempotency.repeat));
        if idempotency.generate {
            line(w, 3, "generate: uuid");
        }
        if let Some(lookup) = &idempotency.lookup {
            line(w, 3, "lookup:");
            line(w, 4, &format!("endpoint: {}", q(&lookup.endpoint)));
            line(w, 4, &format!("argument: {}", q(&lookup.argument)));
            if !lookup.with.is_empty() {
                let with: Vec<String> = lookup.with.iter().map(|(k, v)| format!("{}: {v}", q(k))).collect();
                line(w, 4, &format!("with: {{{}}}", with.join(", ")));
            }
        }
    }
    if let Some(request) = request {
        line(w, 2, "examples:");
        line(w, 3, "- name: guarantee");
        line(w, 4, &format!("request: {request}"));
    }
}
