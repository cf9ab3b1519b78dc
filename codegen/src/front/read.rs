//! Reads a spec's node tree into the AST, section by section. Shape problems (unknown keys, missing keys, values of
//! the wrong kind) are reported here; rules between parts of the spec are checked later in `check`.

use crate::diag::Diagnostics;
use crate::front::ast::*;
use crate::front::messages as msg;
use crate::front::reader::{join, Map, Reader};
use crate::front::yaml::{Entry, Node, Value};
use crate::source::{FileId, Span};

// The keys allowed at each place in a spec. `spec/README.md` documents each one.
const TOP_KEYS: &[&str] =
    &["spec", "api", "servers", "versioning", "auth", "headers", "errors", "types", "endpoints", "webhooks"];
const API_HEADERS_KEYS: &[&str] = &["request", "response"];
const API_KEYS: &[&str] =
    &["name", "title", "description", "style", "path_prefix", "body_encoding", "docs_url", "source"];
const SERVER_KEYS: &[&str] = &["url", "description", "variables", "source"];
const SERVER_VAR_KEYS: &[&str] = &["description", "example", "source"];
const VERSIONING_KEYS: &[&str] = &["header", "versions", "default", "description", "source"];
const AUTH_KEYS: &[&str] = &["schemes"];
const SCHEME_KEYS: &[&str] =
    &["kind", "header", "format", "token_url", "scopes", "environments", "description", "example", "source"];
const ERRORS_KEYS: &[&str] = &[
    "style",
    "status",
    "case_insensitive_codes",
    "code",
    "message",
    "details",
    "content_types",
    "description",
    "codes",
    "source",
];
const ERROR_CODE_KEYS: &[&str] =
    &["description", "common", "details", "status", "body", "match", "headers", "outcome", "rust_name", "source"];
const TYPE_KEYS: &[&str] = &[
    "kind",
    "description",
    "source",
    "example",
    "fields",
    "closed",
    "values",
    "default",
    "min",
    "max",
    "min_length",
    "max_length",
    "length",
    "pattern",
    "max_decimals",
    "format",
    "width",
    "uid_prefix",
    "external",
    "tag",
    "variants",
    "currency_decimals",
];
const CURRENCY_DECIMALS_KEYS: &[&str] = &["amount", "currency", "default", "places"];
const ENUM_VALUE_KEYS: &[&str] = &["description", "rust_name", "source"];
const UNION_VARIANT_KEYS: &[&str] = &["type", "rust_name"];
const FIELD_KEYS: &[&str] = &[
    "type",
    "description",
    "required",
    "nullable",
    "default",
    "example",
    "min",
    "max",
    "min_length",
    "max_length",
    "length",
    "pattern",
    "key_min_length",
    "key_max_length",
    "key_pattern",
    "max_decimals",
    "read_only",
    "aliases",
    "rust_name",
    "source",
];
const ARGUMENT_KEYS: &[&str] = &[
    "type",
    "description",
    "required",
    "nullable",
    "default",
    "example",
    "min",
    "max",
    "min_length",
    "max_length",
    "length",
    "pattern",
    "key_min_length",
    "key_max_length",
    "key_pattern",
    "max_decimals",
    "read_only",
    "aliases",
    "rust_name",
    "source",
    "in",
    "encoding",
];
const ENDPOINT_KEYS: &[&str] = &[
    "summary",
    "description",
    "method",
    "path",
    "auth",
    "body_encoding",
    "arguments",
    "groups",
    "response",
    "pagination",
    "errors",
    "idempotency",
    "examples",
    "source",
];
const BODY_ENCODINGS: &[(&str, BodyEncoding)] = &[("json", BodyEncoding::Json), ("form", BodyEncoding::Form)];
const GROUP_KEYS: &[&str] = &["description", "one_of", "source"];
const ALTERNATIVE_KEYS: &[&str] = &["description", "arguments", "optional", "sets", "source"];
const RESPONSE_KEYS: &[&str] = &["status", "type", "description", "headers", "source"];
const PAGINATION_KEYS: &[&str] = &[
    "kind",
    "items",
    "next",
    "previous",
    "limit",
    "offset",
    "next_offset",
    "total_header",
    "last_item",
    "first_page",
    "total_pages",
    "link",
    "link_header",
    "has_more",
];
const ENDPOINT_ERROR_KEYS: &[&str] = &["description", "source"];
const IDEMPOTENCY_KEYS: &[&str] = &["reference", "repeat", "generate", "duplicate_error", "lookup", "source"];
const LOOKUP_KEYS: &[&str] = &["endpoint", "argument", "with"];
const EXAMPLE_KEYS: &[&str] = &["name", "description", "request", "status", "error", "response", "headers"];

// Type keys that belong to one kind only, for `key-not-for-kind`.
pub(crate) const OBJECT_ONLY: &[&str] = &["fields", "closed", "currency_decimals"];
pub(crate) const ENUM_ONLY: &[&str] = &["values", "default"];
pub(crate) const ID_ONLY: &[&str] = &["uid_prefix", "external"];
pub(crate) const UNION_ONLY: &[&str] = &["tag", "variants"];

/// Reads a whole spec. Always returns a spec; what could not be read is absent and diagnosed.
pub fn read_spec(file: FileId, root: &Node, diagnostics: &mut Diagnostics) -> Spec {
    let mut r = Reader::new(diagnostics);
    let root_anchor = Span::new(file, 0, 0);
    let empty = Spec {
        file,
        root: root.span,
        api: Api {
            span: root_anchor,
            name: None,
            title: None,
            doc: Doc { description: None, source: None },
            style: None,
            path_prefix: None,
            docs_url: None,
            body_encoding: None,
        },
        servers: Vec::new(),
        servers_span: root_anchor,
        versioning: None,
        auth: Vec::new(),
        errors: None,
        types: Vec::new(),
        endpoints: Vec::new(),
        webhooks: None,
        written: Default::default(),
    };
    let Some(top) = r.map(root, root_anchor, "", TOP_KEYS) else { return empty };
    for key in ["spec", "api", "servers", "errors", "endpoints"] {
        r.required(&top, key);
    }
    if let Some(version) = r.text(&top, "spec") {
        if version.value != "1" {
            r.diagnostics.push(msg::spec_version(version.span, &version.value));
        }
    }
    let section = |key: &str| top.get(key);
    let api = section("api").and_then(|e| read_api(&mut r, e)).unwrap_or(empty.api);
    let servers = section("servers").map(|e| read_servers(&mut r, e, &top)).unwrap_or_default();
    let servers_span = section("servers").map_or(root_anchor, |e| e.key_span);
    let versioning = section("versioning").and_then(|e| read_versioning(&mut r, e));
    let auth = section("auth").map(|e| read_auth(&mut r, e)).unwrap_or_default();
    let mut errors = section("errors").and_then(|e| read_errors(&mut r, e));
    let types = r.named(&top, "types").into_iter().filter_map(|e| read_type(&mut r, e)).collect();
    let mut endpoints: Vec<Endpoint> =
        r.named(&top, "endpoints").into_iter().filter_map(|e| read_endpoint(&mut r, e)).collect();
    if let Some(entry) = section("headers") {
        let (request, response) = read_api_headers(&mut r, entry);
        apply_api_headers(&request, &response, &mut endpoints, errors.as_mut());
    }
    let webhooks = section("webhooks").and_then(|e| super::read_webhooks::read_webhooks(&mut r, e));
    let written = std::mem::take(&mut r.written);
    Spec {
        file,
        root: root.span,
        api,
        servers,
        servers_span,
        versioning,
        auth,
        errors,
        types,
        endpoints,
        webhooks,
        written,
    }
}

fn name_of(entry: &Entry) -> Text {
    Spanned { value: entry.key.clone(), span: entry.key_span }
}

fn doc(r: &mut Reader<'_>, map: &Map<'_>, description_required: bool) -> Doc {
    Doc { description: r.prose(map, "description", description_required), source: r.prose(map, "source", false) }
}

fn read_api(r: &mut Reader<'_>, entry: &Entry) -> Option<Api> {
    let map = r.map(&entry.value, entry.key_span, "api", API_KEYS)?;
    for key in ["name", "title", "style"] {
        r.required(&map, key);
    }
    Some(Api {
        span: entry.key_span,
        name: r.text(&map, "name"),
        title: r.prose(&map, "title", false),
        doc: doc(r, &map, true),
        style: r.choice(&map, "style", &[("rpc", Style::Rpc), ("rest", Style::Rest)]),
        path_prefix: r.text(&map, "path_prefix"),
        docs_url: r.text(&map, "docs_url"),
        body_encoding: r.choice(&map, "body_encoding", BODY_ENCODINGS),
    })
}

/// `headers`: the request headers every endpoint takes and the response headers every response and error carries.
fn read_api_headers(r: &mut Reader<'_>, entry: &Entry) -> (Vec<Field>, Vec<Field>) {
    let Some(map) = r.map(&entry.value, entry.key_span, "headers", API_HEADERS_KEYS) else {
        return (Vec::new(), Vec::new());
    };
    let mut request = read_fields(r, &map, "request", FIELD_KEYS);
    for header in &mut request {
        header.location = Some(Spanned { value: Location::Header, span: header.name.span });
    }
    (request, read_fields(r, &map, "response", FIELD_KEYS))
}

/// API-wide headers mean the same as writing them on every endpoint and error, so that is what they become: an
/// argument `in: header` of each endpoint, a header of each response and of each error. Every rule of those places
/// then applies to them (their names among the endpoint's, the headers the client sets), reported at the one place
/// they are written.
fn apply_api_headers(request: &[Field], response: &[Field], endpoints: &mut [Endpoint], errors: Option<&mut Errors>) {
    for endpoint in endpoints {
        endpoint.arguments.extend(request.iter().cloned());
        if let Some(own) = &mut endpoint.response {
            own.headers.extend(response.iter().cloned());
        }
    }
    for code in errors.into_iter().flat_map(|e| &mut e.codes) {
        code.headers.extend(response.iter().cloned());
    }
}

fn read_servers(r: &mut Reader<'_>, entry: &Entry, top: &Map<'_>) -> Vec<Server> {
    let mut servers = Vec::new();
    for server in r.named(top, "servers") {
        let path = join("servers", &server.key);
        let Some(map) = r.map(&server.value, server.key_span, &path, SERVER_KEYS) else { continue };
        r.required(&map, "url");
        let variables = r
            .named(&map, "variables")
            .into_iter()
            .filter_map(|var| {
                let path = join(&map.child_path("variables"), &var.key);
                let vmap = r.map(&var.value, var.key_span, &path, SERVER_VAR_KEYS)?;
                Some(ServerVariable { name: name_of(var), doc: doc(r, &vmap, true), example: r.json(&vmap, "example") })
            })
            .collect();
        servers.push(Server { name: name_of(server), url: r.text(&map, "url"), doc: doc(r, &map, true), variables });
    }
    // An empty `servers` leaves the client nowhere to send requests. (Written with no value at all, it is reported
    // as a required key without a value.)
    if matches!(entry.value.value, Value::Map(ref m) if m.is_empty()) && !entry.value.incomplete {
        r.diagnostics.push(msg::empty_servers(entry.value.span));
    }
    servers
}

fn read_versioning(r: &mut Reader<'_>, entry: &Entry) -> Option<Versioning> {
    let map = r.map(&entry.value, entry.key_span, "versioning", VERSIONING_KEYS)?;
    for key in ["header", "versions", "default"] {
        r.required(&map, key);
    }
    let versions = r.text_list(&map, "versions");
    if let Some(list) = map.get("versions") {
        if matches!(list.value.value, Value::Seq(ref items) if items.is_empty()) && !list.value.incomplete {
            r.diagnostics.push(msg::empty_versions(list.value.span));
        }
    }
    Some(Versioning {
        span: entry.key_span,
        header: r.text(&map, "header"),
        versions,
        default: r.text(&map, "default"),
        doc: doc(r, &map, true),
    })
}

fn read_auth(r: &mut Reader<'_>, entry: &Entry) -> Vec<AuthScheme> {
    let Some(map) = r.map(&entry.value, entry.key_span, "auth", AUTH_KEYS) else { return Vec::new() };
    r.required(&map, "schemes");
    let kinds = [
        ("bearer", AuthKind::Bearer),
        ("basic", AuthKind::Basic),
        ("api_key", AuthKind::ApiKey),
        ("oauth2_client_credentials", AuthKind::OAuth2ClientCredentials),
    ];
    r.named(&map, "schemes")
        .into_iter()
        .filter_map(|scheme| {
            let path = join("auth.schemes", &scheme.key);
            let smap = r.map(&scheme.value, scheme.key_span, &path, SCHEME_KEYS)?;
            r.required(&smap, "kind");
            Some(AuthScheme {
                name: name_of(scheme),
                kind: r.choice(&smap, "kind", &kinds),
                header: r.text(&smap, "header"),
                format: r.text(&smap, "format"),
                token_url: r.text(&smap, "token_url"),
                scopes: r.text_list(&smap, "scopes"),
                environments: r.text_list(&smap, "environments"),
                doc: doc(r, &smap, true),
                example: r.text(&smap, "example"),
            })
        })
        .collect()
}

fn read_errors(r: &mut Reader<'_>, entry: &Entry) -> Option<Errors> {
    let map = r.map(&entry.value, entry.key_span, "errors", ERRORS_KEYS)?;
    for key in ["style", "codes"] {
        r.required(&map, key);
    }
    let styles =
        [("code_array", ErrorStyle::CodeArray), ("by_code", ErrorStyle::ByCode), ("by_status", ErrorStyle::ByStatus)];
    let codes = r
        .named(&map, "codes")
        .into_iter()
        .filter_map(|code| {
            let path = join("errors.codes", &code.key);
            let cmap = r.map(&code.value, code.key_span, &path, ERROR_CODE_KEYS)?;
            // One status, or several (`status: [400, 422]`) for an error the API answers with either.
            let statuses = r.unsigned_list(&cmap, "status");
            Some(ErrorCode {
                name: name_of(code),
                rust_name: r.text(&cmap, "rust_name"),
                doc: doc(r, &cmap, true),
                common: r.flag(&cmap, "common"),
                details: r.type_ref(&cmap, "details"),
                status: statuses.first().cloned(),
                also: statuses.iter().skip(1).cloned().collect(),
                body: read_error_body(r, &cmap),
                matched_by: r.choice(&cmap, "match", &[("code", ErrorMatch::Code), ("status", ErrorMatch::Status)]),
                headers: read_fields(r, &cmap, "headers", FIELD_KEYS),
                outcome: r.choice(
                    &cmap,
                    "outcome",
                    &[("refused", ErrorOutcome::Refused), ("unknown", ErrorOutcome::Unknown)],
                ),
                path,
            })
        })
        .collect();
    Some(Errors {
        span: entry.key_span,
        style: r.choice(&map, "style", &styles),
        status: r.unsigned(&map, "status"),
        case_insensitive_codes: r.spanned_flag(&map, "case_insensitive_codes"),
        code: r.text(&map, "code"),
        message: r.text(&map, "message"),
        details: r.text(&map, "details"),
        content_types: r.text_list(&map, "content_types"),
        doc: doc(r, &map, true),
        codes,
    })
}

fn constraints(r: &mut Reader<'_>, map: &Map<'_>) -> Constraints {
    Constraints {
        min: r.decimal(map, "min"),
        max: r.decimal(map, "max"),
        min_length: r.unsigned(map, "min_length"),
        max_length: r.unsigned(map, "max_length"),
        length: r.unsigned(map, "length"),
        pattern: r.text(map, "pattern"),
        max_decimals: r.unsigned(map, "max_decimals"),
        key_min_length: None,
        key_max_length: None,
        key_pattern: None,
    }
}

/// The rules of a field: those a type may have too, and those on the keys of a map, which only a field has.
fn field_constraints(r: &mut Reader<'_>, map: &Map<'_>) -> Constraints {
    Constraints {
        key_min_length: r.unsigned(map, "key_min_length"),
        key_max_length: r.unsigned(map, "key_max_length"),
        key_pattern: r.text(map, "key_pattern"),
        ..constraints(r, map)
    }
}

fn read_type(r: &mut Reader<'_>, entry: &Entry) -> Option<TypeDef> {
    let path = join("types", &entry.key);
    let map = r.map(&entry.value, entry.key_span, &path, TYPE_KEYS)?;
    r.required(&map, "kind");
    let kinds = [
        ("object", TypeKind::Object),
        ("enum", TypeKind::Enum),
        ("string", TypeKind::String),
        ("integer", TypeKind::Integer),
        ("decimal", TypeKind::Decimal),
        ("id", TypeKind::Id),
        ("union", TypeKind::Union),
    ];
    let formats = [
        ("date", StringFormat::Date),
        ("date_time", StringFormat::DateTime),
        ("local_date_time", StringFormat::LocalDateTime),
        ("uri", StringFormat::Uri),
        ("email", StringFormat::Email),
        ("digits", StringFormat::Digits),
        ("positive_integer", StringFormat::PositiveInteger),
        ("decimal", StringFormat::Decimal),
    ];
    let kind = r.choice(&map, "kind", &kinds);
    if let Some(kind) = &kind {
        report_foreign_keys(r, &map, kind.value);
    }
    let empty_values = map
        .get("values")
        .filter(|e| matches!(e.value.value, Value::Map(ref m) if m.is_empty()) && !e.value.incomplete)
        .map(|e| e.key_span);
    let values = read_enum_values(r, &map);
    Some(TypeDef {
        name: name_of(entry),
        kind,
        doc: doc(r, &map, true),
        example: r.json(&map, "example"),
        fields: read_fields(r, &map, "fields", FIELD_KEYS),
        closed: r.flag(&map, "closed"),
        values,
        empty_values,
        default: r.json(&map, "default"),
        constraints: constraints(r, &map),
        format: r.choice(&map, "format", &formats),
        width: r.unsigned(&map, "width"),
        uid_prefix: r.text(&map, "uid_prefix"),
        external: r.flag(&map, "external"),
        currency_decimals: read_currency_decimals(r, &map),
        tag: r.text(&map, "tag"),
        variants: read_union_variants(r, &map),
        incomplete: map.incomplete
            || ["fields", "values", "variants"].iter().any(|key| map.get(key).is_some_and(|e| e.value.incomplete)),
        path,
    })
}

/// Reports keys that belong to another kind of type, such as `fields` on an enum.
fn report_foreign_keys(r: &mut Reader<'_>, map: &Map<'_>, kind: TypeKind) {
    let scalar_only: &[&str] =
        &["min", "max", "min_length", "max_length", "length", "pattern", "max_decimals", "format", "width"];
    let allowed_scalar: &[&str] = match kind {
        TypeKind::String => &["min_length", "max_length", "length", "pattern", "format", "max_decimals"],
        TypeKind::Integer => &["min", "max", "width"],
        TypeKind::Decimal => &["min", "max", "max_decimals"],
        TypeKind::Id => &["max_length"],
        TypeKind::Object | TypeKind::Enum | TypeKind::Union => &[],
    };
    for entry in map.entries {
        let key = entry.key.as_str();
        let foreign = (OBJECT_ONLY.contains(&key) && kind != TypeKind::Object)
            || (ENUM_ONLY.contains(&key) && kind != TypeKind::Enum)
            || (ID_ONLY.contains(&key) && kind != TypeKind::Id)
            || (UNION_ONLY.contains(&key) && kind != TypeKind::Union)
            || (scalar_only.contains(&key) && !allowed_scalar.contains(&key));
        if foreign {
            r.diagnostics.push(msg::kind_key(entry.key_span, &map.child_path(key), key, kind.name()));
        }
    }
}

/// `currency_decimals: {amount, currency, default, places: {CODE: places}}`.
fn read_currency_decimals(r: &mut Reader<'_>, map: &Map<'_>) -> Option<CurrencyDecimals> {
    let entry = map.get("currency_decimals")?;
    let path = map.child_path("currency_decimals");
    let rule = r.map(&entry.value, entry.key_span, &path, CURRENCY_DECIMALS_KEYS)?;
    r.required(&rule, "amount");
    r.required(&rule, "currency");
    r.required(&rule, "places");
    let places = r
        .named(&rule, "places")
        .into_iter()
        .filter_map(|code| {
            let places_path = join(&rule.child_path("places"), &code.key);
            let text = r.scalar_text(&code.value, &places_path)?;
            match text.value.parse::<u64>() {
                Ok(value) => Some((name_of(code), Spanned { value, span: text.span })),
                Err(_) => {
                    r.diagnostics.push(msg::bad_scalar(
                        text.span,
                        &places_path,
                        &text.value,
                        "a whole number of 0 or more",
                    ));
                    None
                }
            }
        })
        .collect();
    Some(CurrencyDecimals {
        span: entry.key_span,
        amount: r.text(&rule, "amount"),
        currency: r.text(&rule, "currency"),
        default: r.unsigned(&rule, "default"),
        places,
    })
}

/// `variants: {tag value: ObjectType}`, or `{tag value: {type: ObjectType, rust_name: Name}}`.
fn read_union_variants(r: &mut Reader<'_>, map: &Map<'_>) -> Vec<UnionVariant> {
    r.named(map, "variants")
        .into_iter()
        .filter_map(|variant| {
            let path = join(&map.child_path("variants"), &variant.key);
            if variant.value.as_scalar().is_some() {
                let ty = r.scalar_text(&variant.value, &path)?;
                return Some(UnionVariant { tag: name_of(variant), ty, rust_name: None });
            }
            let vmap = r.map(&variant.value, variant.key_span, &path, UNION_VARIANT_KEYS)?;
            r.required(&vmap, "type");
            let ty = r.text(&vmap, "type")?;
            Some(UnionVariant { tag: name_of(variant), ty, rust_name: r.text(&vmap, "rust_name") })
        })
        .collect()
}

fn read_enum_values(r: &mut Reader<'_>, map: &Map<'_>) -> Vec<EnumValue> {
    r.named(map, "values")
        .into_iter()
        .filter_map(|value| {
            let path = join(&map.child_path("values"), &value.key);
            let name = name_of(value);
            if let Some(scalar) = value.value.as_scalar() {
                // Shorthand: `VALUE: description`.
                let description = r.scalar_text(&value.value, &path);
                if (description.is_none() || scalar.text.trim().is_empty()) && !value.value.incomplete {
                    r.diagnostics.push(msg::empty_text(value.key_span, &path, "description"));
                }
                return Some(EnumValue { value: name, doc: Doc { description, source: None }, rust_name: None });
            }
            let vmap = r.map(&value.value, value.key_span, &path, ENUM_VALUE_KEYS)?;
            Some(EnumValue { value: name, doc: doc(r, &vmap, true), rust_name: r.text(&vmap, "rust_name") })
        })
        .collect()
}

fn read_fields(r: &mut Reader<'_>, map: &Map<'_>, key: &str, allowed: &'static [&'static str]) -> Vec<Field> {
    let base = map.child_path(key);
    r.named(map, key).into_iter().filter_map(|field| read_field(r, field, &join(&base, &field.key), allowed)).collect()
}

fn read_field(r: &mut Reader<'_>, entry: &Entry, path: &str, allowed: &'static [&'static str]) -> Option<Field> {
    let map = r.map(&entry.value, entry.key_span, path, allowed)?;
    r.required(&map, "type");
    let locations =
        [("body", Location::Body), ("query", Location::Query), ("path", Location::Path), ("header", Location::Header)];
    let encodings = [
        ("repeated", Encoding::Repeated),
        ("comma", Encoding::Comma),
        ("sort", Encoding::Sort),
        ("filter", Encoding::Filter),
        ("form", Encoding::Form),
    ];
    let is_argument = allowed.contains(&"in");
    Some(Field {
        name: name_of(entry),
        ty: r.type_ref(&map, "type"),
        doc: doc(r, &map, true),
        required: r.flag(&map, "required"),
        nullable: r.flag(&map, "nullable"),
        default: r.json(&map, "default"),
        example: r.json(&map, "example"),
        constraints: field_constraints(r, &map),
        read_only: r.flag(&map, "read_only"),
        aliases: r.text_list(&map, "aliases"),
        rust_name: r.text(&map, "rust_name"),
        location: if is_argument { r.choice(&map, "in", &locations) } else { None },
        encoding: if is_argument { r.choice(&map, "encoding", &encodings) } else { None },
        path: path.to_owned(),
        incomplete: map.incomplete,
    })
}

fn read_endpoint(r: &mut Reader<'_>, entry: &Entry) -> Option<Endpoint> {
    let path = join("endpoints", &entry.key);
    let map = r.map(&entry.value, entry.key_span, &path, ENDPOINT_KEYS)?;
    r.required(&map, "response");
    let methods = [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("PUT", Method::Put),
        ("PATCH", Method::Patch),
        ("DELETE", Method::Delete),
    ];
    // `required` (the default), `none`, or the name of the one scheme the endpoint takes.
    let auth = r.text(&map, "auth");
    let idempotency = map.get("idempotency").and_then(|e| read_idempotency(r, e, &map.child_path("idempotency")));
    Some(Endpoint {
        name: name_of(entry),
        summary: r.prose(&map, "summary", true),
        doc: doc(r, &map, true),
        method: r.choice(&map, "method", &methods),
        path: r.text(&map, "path"),
        auth_required: auth.as_ref().is_none_or(|a| a.value != "none"),
        auth_scheme: auth.filter(|a| !matches!(a.value.as_str(), "required" | "none")),
        body_encoding: r.choice(&map, "body_encoding", BODY_ENCODINGS),
        arguments: read_fields(r, &map, "arguments", ARGUMENT_KEYS),
        groups: read_groups(r, &map),
        response: map.get("response").and_then(|e| read_response(r, e, &map.child_path("response"))),
        pagination: map.get("pagination").and_then(|e| read_pagination(r, e, &map.child_path("pagination"))),
        errors: read_endpoint_errors(r, &map),
        idempotency,
        examples: read_examples(r, &map),
        path_in_spec: path,
    })
}

fn read_idempotency(r: &mut Reader<'_>, entry: &Entry, path: &str) -> Option<Idempotency> {
    let map = r.map(&entry.value, entry.key_span, path, IDEMPOTENCY_KEYS)?;
    for key in ["reference", "repeat"] {
        r.required(&map, key);
    }
    let repeats =
        [("replayed", Repeat::Replayed), ("rejected", Repeat::Rejected), ("undocumented", Repeat::Undocumented)];
    let lookup = map.get("lookup").and_then(|e| {
        let path = map.child_path("lookup");
        let lmap = r.map(&e.value, e.key_span, &path, LOOKUP_KEYS)?;
        for key in ["endpoint", "argument"] {
            r.required(&lmap, key);
        }
        let with = r
            .named(&lmap, "with")
            .into_iter()
            .map(|w| (name_of(w), Spanned { value: crate::front::reader::to_json(&w.value), span: w.value.span }))
            .collect();
        Some(Lookup {
            span: e.key_span,
            endpoint: r.text(&lmap, "endpoint"),
            argument: r.text(&lmap, "argument"),
            with,
            path,
        })
    });
    Some(Idempotency {
        span: entry.key_span,
        path: path.to_owned(),
        reference: r.text(&map, "reference"),
        repeat: r.choice(&map, "repeat", &repeats),
        generate: r.choice(&map, "generate", &[("uuid", KeyGenerator::Uuid)]),
        duplicate_error: r.text(&map, "duplicate_error"),
        lookup,
    })
}

/// An error's `body`: a type expression, or `none` for an error without one.
fn read_error_body(r: &mut Reader<'_>, map: &Map<'_>) -> Option<ErrorBody> {
    match r.text(map, "body") {
        Some(text) if text.value == "none" => Some(ErrorBody::None(text.span)),
        Some(_) => r.type_ref(map, "body").map(ErrorBody::Type),
        None => None,
    }
}

fn read_groups(r: &mut Reader<'_>, map: &Map<'_>) -> Vec<Group> {
    let base = map.child_path("groups");
    r.named(map, "groups")
        .into_iter()
        .filter_map(|group| {
            let path = join(&base, &group.key);
            let gmap = r.map(&group.value, group.key_span, &path, GROUP_KEYS)?;
            r.required(&gmap, "one_of");
            let alternatives = r
                .named(&gmap, "one_of")
                .into_iter()
                .filter_map(|alt| {
                    let path = join(&gmap.child_path("one_of"), &alt.key);
                    let amap = r.map(&alt.value, alt.key_span, &path, ALTERNATIVE_KEYS)?;
                    let sets = r
                        .named(&amap, "sets")
                        .into_iter()
                        .filter_map(|set| {
                            let value = r.scalar_text(&set.value, &join(&amap.child_path("sets"), &set.key))?;
                            Some((name_of(set), value))
                        })
                        .collect();
                    Some(Alternative {
                        name: name_of(alt),
                        doc: doc(r, &amap, true),
                        arguments: r.text_list(&amap, "arguments"),
                        optional: r.text_list(&amap, "optional"),
                        sets,
                        path,
                    })
                })
                .collect();
            Some(Group { name: name_of(group), doc: doc(r, &gmap, true), alternatives, path })
        })
        .collect()
}

fn read_response(r: &mut Reader<'_>, entry: &Entry, path: &str) -> Option<Response> {
    let map = r.map(&entry.value, entry.key_span, path, RESPONSE_KEYS)?;
    r.required(&map, "type");
    Some(Response {
        span: entry.key_span,
        status: r.unsigned(&map, "status"),
        ty: r.type_ref(&map, "type"),
        doc: doc(r, &map, true),
        headers: read_fields(r, &map, "headers", FIELD_KEYS),
    })
}

fn read_pagination(r: &mut Reader<'_>, entry: &Entry, path: &str) -> Option<Pagination> {
    let map = r.map(&entry.value, entry.key_span, path, PAGINATION_KEYS)?;
    r.required(&map, "kind");
    let kinds = [
        ("cursor_body", PageKind::CursorBody),
        ("offset_token", PageKind::OffsetToken),
        ("limit_offset", PageKind::LimitOffset),
        ("last_item", PageKind::LastItem),
        ("page_number", PageKind::PageNumber),
        ("next_link", PageKind::NextLink),
    ];
    Some(Pagination {
        span: entry.key_span,
        kind: r.choice(&map, "kind", &kinds),
        items: r.text(&map, "items"),
        next: r.text(&map, "next"),
        previous: r.text(&map, "previous"),
        limit: r.text(&map, "limit"),
        offset: r.text(&map, "offset"),
        next_offset: r.text(&map, "next_offset"),
        total_header: r.text(&map, "total_header"),
        last_item: r.text(&map, "last_item"),
        first_page: r.unsigned(&map, "first_page"),
        total_pages: r.text(&map, "total_pages"),
        link: r.text(&map, "link"),
        link_header: r.text(&map, "link_header"),
        has_more: r.text(&map, "has_more"),
    })
}

fn read_endpoint_errors(r: &mut Reader<'_>, map: &Map<'_>) -> Vec<EndpointError> {
    let base = map.child_path("errors");
    r.named(map, "errors")
        .into_iter()
        .filter_map(|error| {
            let path = join(&base, &error.key);
            let doc = match &error.value.value {
                Value::Scalar(_) => Doc { description: r.scalar_text(&error.value, &path), source: None },
                _ => {
                    let emap = r.map(&error.value, error.key_span, &path, ENDPOINT_ERROR_KEYS)?;
                    doc(r, &emap, false)
                }
            };
            Some(EndpointError { name: name_of(error), doc })
        })
        .collect()
}

fn read_examples(r: &mut Reader<'_>, map: &Map<'_>) -> Vec<Example> {
    let Some(entry) = map.get("examples") else { return Vec::new() };
    let base = map.child_path("examples");
    let items: &[Node] = match &entry.value.value {
        Value::Seq(items) => items,
        _ if entry.value.is_null() => &[],
        _ => {
            let found = crate::front::reader::found(&entry.value);
            let shape = msg::Shape::List("examples");
            r.diagnostics.push(msg::wrong_shape(entry.value.span, &base, "examples", shape, found, false));
            &[]
        }
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let path = format!("{base}[{i}]");
            let emap = r.map(item, item.span, &path, EXAMPLE_KEYS)?;
            r.required(&emap, "name");
            let headers = r
                .named(&emap, "headers")
                .into_iter()
                .map(|h| {
                    let value = crate::front::reader::to_json(&h.value);
                    (name_of(h), Spanned { value, span: h.value.span })
                })
                .collect();
            let name = r.text(&emap, "name");
            let path = match &name {
                Some(n) => format!("{base}.{}", n.value),
                None => path,
            };
            Some(Example {
                span: item.span,
                name,
                description: r.text(&emap, "description"),
                request: r.json(&emap, "request"),
                status: r.unsigned(&emap, "status"),
                error: r.text(&emap, "error"),
                response: r.json(&emap, "response"),
                headers,
                path,
                incomplete: emap.incomplete,
            })
        })
        .collect()
}
