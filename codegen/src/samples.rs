//! Request samples built from the spec: a runnable curl command that sends exactly what the generated client sends,
//! and a Rust snippet that builds the same request with the generated types and calls the client.
//!
//! The HTML reference shows both for every example of every endpoint, and the generator can put the Rust snippet in
//! rustdoc. Both are pure functions of the IR (no I/O, no clock, spec order everywhere), so the same spec always
//! gives the same samples.
//!
//! The argument values come from the example's `request`. A required argument the example leaves out (or every
//! required argument, when there is no example) takes the argument's own `example`, then its type's `example`, then
//! a made-up value of the right shape.

use crate::ir::{
    Alternative, Api, AuthMethod, AuthScheme, BodyEncoding, Endpoint, ErrorWire, Example, Field, Group, Location,
    Method, Primitive, QueryEncoding, TypeDefKind, TypeExpr,
};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// Everything but RFC 3986 unreserved characters, as the generated client encodes path arguments.
const NOT_UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The shell variable a curl sample uses for a secret the spec shows no example of.
pub const SECRET_VARIABLE: &str = "API_KEY";

/// One HTTP request, as the generated client sends it.
#[derive(Clone, Debug, PartialEq)]
pub struct WireRequest {
    pub method: Method,
    /// Base URL, path with its arguments percent-encoded, and the query string (`?` only when there is one).
    pub url: String,
    /// How the request authenticates; `None` for an endpoint that needs no credentials or an API without auth.
    pub credential: Option<Credential>,
    /// Every other header the client sends: the API version, header arguments, `Accept` and `Content-Type`.
    pub headers: Vec<(String, String)>,
    /// The body as JSON, with object fields in the order the client writes them.
    pub body: Option<Value>,
    /// How the body is written (JSON as it is, or its [`form_pairs`]).
    pub body_encoding: BodyEncoding,
}

/// The pairs of a form body (the spec language's bracketed nesting: `metadata[order]`, `expand[0]`), not yet
/// percent-encoded: an object's members, `null` and empty arrays and objects as an empty value.
pub fn form_pairs(body: &Value) -> Vec<(String, String)> {
    nested_pairs(String::new(), body)
}

/// The pairs of `value` under `key` with the bracketed nesting of forms (an empty `key`: the members of an object).
fn nested_pairs(key: String, value: &Value) -> Vec<(String, String)> {
    fn walk(key: String, value: &Value, pairs: &mut Vec<(String, String)>) {
        let nested: Vec<(String, &Value)> = match value {
            Value::Object(members) => members.iter().map(|(name, value)| (name.clone(), value)).collect(),
            Value::Array(items) => items.iter().enumerate().map(|(index, value)| (index.to_string(), value)).collect(),
            Value::Null => return pairs.push((key, String::new())),
            scalar => return pairs.push((key, text(scalar))),
        };
        if nested.is_empty() && !key.is_empty() {
            return pairs.push((key, String::new()));
        }
        for (member, value) in nested {
            let child = if key.is_empty() { member } else { format!("{key}[{member}]") };
            walk(child, value, pairs);
        }
    }
    let mut pairs = Vec::new();
    walk(key, value, &mut pairs);
    pairs
}

/// The credential of a sample request, taken from the auth scheme's `example`, or a shell variable when there is
/// none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    /// A header that carries the secret (`Authorization: Bearer ...`, `REB-APIKEY: ...`).
    Header { name: String, value: String, variable: bool },
    /// HTTP Basic credentials, `user:password` (curl's `--user`).
    Basic { user_password: String, variable: bool },
}

/// The scheme samples authenticate with: the first one the default server accepts (the first server is the default).
pub fn auth_scheme(api: &Api) -> Option<&AuthScheme> {
    let default = api.servers.first().map(|s| s.name.as_str());
    api.auth
        .iter()
        .find(|s| s.environments.is_empty() || default.is_some_and(|d| s.environments.iter().any(|e| e == d)))
        .or_else(|| api.auth.first())
}

/// The default server's URL with its variables filled in from their examples (percent-encoded, as the generated
/// `Environment` does); a variable without an example becomes its name in upper snake case.
pub fn base_url(api: &Api) -> String {
    let Some(server) = api.servers.first() else { return String::new() };
    let mut url = server.url.clone();
    for variable in &server.variables {
        let value = match &variable.example {
            Some(example) => text(example),
            None => variable.rust_name.to_uppercase(),
        };
        url = url.replace(&format!("{{{}}}", variable.name), &utf8_percent_encode(&value, NOT_UNRESERVED).to_string());
    }
    url
}

/// An example for an endpoint whose spec has none: its required arguments with their example values.
pub fn synthesized_example(api: &Api, endpoint: &Endpoint) -> Example {
    Example {
        name: "request".to_owned(),
        description: None,
        request: Some(Value::Object(effective_arguments(api, endpoint, None))),
        status: endpoint.response.status,
        error: None,
        response: None,
        headers: Vec::new(),
    }
}

/// The request the generated client sends for `example` (or for the required arguments alone), against `base_url`.
pub fn wire_request(api: &Api, endpoint: &Endpoint, example: Option<&Example>, base_url: &str) -> WireRequest {
    let args = effective_arguments(api, endpoint, example);
    let direct = direct_arguments(endpoint);
    let mut path = endpoint.path.clone();
    for name in crate::template::placeholders(&endpoint.path) {
        let value = args.get(&name).map(text).unwrap_or_default();
        path = path.replacen(&format!("{{{name}}}"), &utf8_percent_encode(&value, NOT_UNRESERVED).to_string(), 1);
    }
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut any_query = false;
    for field in direct.iter().filter(|f| f.location == Location::Query) {
        let Some(value) = args.get(&field.wire_name).filter(|v| !v.is_null()) else { continue };
        let encoding = field.encoding;
        let name = &field.wire_name;
        let pairs: Vec<(String, String)> = match value {
            _ if encoding == Some(QueryEncoding::Form) => nested_pairs(name.clone(), value),
            Value::Array(items) if !items.is_empty() && encoding.is_some_and(QueryEncoding::joins_items) => {
                vec![(name.clone(), items.iter().map(text).collect::<Vec<_>>().join(","))]
            }
            Value::Array(items) => items.iter().map(|item| (name.clone(), text(item))).collect(),
            value if text(value).is_empty() && encoding.is_some_and(QueryEncoding::omits_empty) => Vec::new(),
            value => vec![(name.clone(), text(value))],
        };
        for (key, value) in pairs {
            query.append_pair(&key, &value);
            any_query = true;
        }
    }
    let mut url = format!("{}{path}", base_url.trim_end_matches('/'));
    if any_query {
        // As the client does: RFC 3986 allows commas in a query, so comma-joined lists stay readable.
        url.push('?');
        url.push_str(&query.finish().replace("%2C", ","));
    }
    // An endpoint that names its scheme (an OAuth2 token endpoint taking Basic) shows that one.
    let scheme = endpoint.auth_scheme.as_ref().and_then(|name| api.auth.iter().find(|s| &s.name == name));
    let credential = if endpoint.auth_required { scheme.or_else(|| auth_scheme(api)).map(credential) } else { None };
    let mut headers = Vec::new();
    if let Some(versioning) = &api.versioning {
        headers.push((versioning.header.clone(), versioning.default.clone()));
    }
    for field in direct.iter().filter(|f| f.location == Location::Header) {
        if let Some(value) = args.get(&field.wire_name).filter(|v| !v.is_null()) {
            headers.push((field.wire_name.clone(), text(value)));
        }
    }
    headers.push(("Accept".to_owned(), "application/json".to_owned()));
    let body = endpoint.body.map(|encoding| {
        headers.push(("Content-Type".to_owned(), encoding.content_type().to_owned()));
        Value::Object(body(api, endpoint, &args))
    });
    let body_encoding = endpoint.body.unwrap_or(BodyEncoding::Json);
    WireRequest { method: endpoint.method, url, credential, headers, body, body_encoding }
}

fn credential(scheme: &AuthScheme) -> Credential {
    let user_and_password = scheme.method.takes_user_and_password();
    let (secret, variable) = match &scheme.example {
        Some(example) => (example.clone(), false),
        None if user_and_password => ("$API_USER:$API_PASSWORD".to_owned(), true),
        None => (format!("${SECRET_VARIABLE}"), true),
    };
    if user_and_password {
        Credential::Basic { user_password: secret, variable }
    } else {
        let method = &scheme.method;
        Credential::Header { name: method.header().to_owned(), value: method.sample_value(secret), variable }
    }
}

/// The JSON body the client writes: direct body arguments in spec order, then each group's chosen alternative
/// (its arguments, then the values it `sets`), objects with their fields in spec order.
fn body(api: &Api, endpoint: &Endpoint, args: &Map<String, Value>) -> Map<String, Value> {
    let mut body = Map::new();
    for field in direct_arguments(endpoint) {
        if api.style.outside_body(field) {
            continue;
        }
        if let Some(value) = args.get(&field.wire_name) {
            body.insert(field.wire_name.clone(), canonical(api, &field.ty, value));
        }
    }
    for group in &endpoint.groups {
        let alternative = choose_alternative(group, args);
        for name in alternative.arguments.iter().chain(&alternative.optional) {
            if let (Some(value), Some(field)) = (args.get(name), find(endpoint, name)) {
                body.insert(name.clone(), canonical(api, &field.ty, value));
            }
        }
        for (name, value) in &alternative.sets {
            body.insert(name.clone(), Value::String(value.clone()));
        }
    }
    body
}

/// A value with the fields of every object in the order of its type (the order the generated structs write),
/// fields the type does not list last, and the entries of every map in key order.
fn canonical(api: &Api, ty: &TypeExpr, value: &Value) -> Value {
    match (ty, value) {
        (TypeExpr::Array(inner), Value::Array(items)) => {
            Value::Array(items.iter().map(|item| canonical(api, inner, item)).collect())
        }
        // A map is written in key order, as the generated `BTreeMap` holds it.
        (TypeExpr::Map(inner), Value::Object(entries)) => {
            let mut sorted: Vec<(&String, &Value)> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), canonical(api, inner, v))).collect())
        }
        (TypeExpr::Named(name), Value::Object(entries)) => {
            let Some(TypeDefKind::Object { fields, .. }) = api.type_def(name).map(|t| &t.kind) else {
                return value.clone();
            };
            let mut out = Map::new();
            for field in fields {
                if let Some(v) = entries.get(&field.wire_name) {
                    out.insert(field.wire_name.clone(), canonical(api, &field.ty, v));
                }
            }
            for (k, v) in entries {
                if !out.contains_key(k) {
                    out.insert(k.clone(), v.clone());
                }
            }
            Value::Object(out)
        }
        _ => value.clone(),
    }
}

/// A runnable curl command for `example` against `base_url`: method, URL, credentials, version header, JSON body.
pub fn curl(api: &Api, endpoint: &Endpoint, example: &Example, base_url: &str) -> String {
    render_curl(&wire_request(api, endpoint, Some(example), base_url))
}

/// The curl command for a request, one option per line.
pub fn render_curl(request: &WireRequest) -> String {
    let mut parts = vec![format!("curl -X {} {}", request.method.as_str(), shell_quote(&request.url))];
    match &request.credential {
        Some(Credential::Header { name, value, variable }) => {
            parts.push(format!("-H {}", quote_maybe_variable(&format!("{name}: {value}"), *variable)));
        }
        Some(Credential::Basic { user_password, variable }) => {
            parts.push(format!("--user {}", quote_maybe_variable(user_password, *variable)));
        }
        None => {}
    }
    for (name, value) in &request.headers {
        parts.push(format!("-H {}", shell_quote(&format!("{name}: {value}"))));
    }
    match (&request.body, request.body_encoding) {
        (None, _) => {}
        (Some(body), BodyEncoding::Json) => {
            let pretty = serde_json::to_string_pretty(body).unwrap_or_else(|_| body.to_string());
            // Continuation lines are indented like the options; the extra spaces are JSON whitespace.
            parts.push(format!("--data {}", shell_quote(&pretty.replace('\n', "\n  "))));
        }
        // One pair per option: curl joins them with `&` and encodes each value; the bracketed keys stay readable.
        (Some(body), BodyEncoding::Form) => {
            let pairs = form_pairs(body);
            if pairs.is_empty() {
                parts.push("--data ''".to_owned());
            }
            for (key, value) in pairs {
                // curl encodes the value and expects the name encoded already.
                let key: String = form_urlencoded::byte_serialize(key.as_bytes()).collect();
                let key = key.replace("%5B", "[").replace("%5D", "]");
                parts.push(format!("--data-urlencode {}", shell_quote(&format!("{key}={value}"))));
            }
        }
    }
    parts.join(" \\\n  ")
}

fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Double quotes, so that `$API_KEY` expands, when the value stands for a secret; single quotes otherwise.
fn quote_maybe_variable(text: &str, variable: bool) -> String {
    if !variable {
        return shell_quote(text);
    }
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' | '\\' | '`' => vec!['\\', c],
            _ => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// The text a scalar has in a URL or header: strings as they are, anything else as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

// --- Arguments -------------------------------------------------------------------------------------------------

fn find<'e>(endpoint: &'e Endpoint, name: &str) -> Option<&'e Field> {
    endpoint.arguments.iter().find(|a| a.wire_name == name)
}

/// Arguments that a group decides: those of its alternatives and those its alternatives `set`.
fn grouped(endpoint: &Endpoint) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    for alternative in endpoint.groups.iter().flat_map(|g| &g.alternatives) {
        names.extend(alternative.arguments.iter().chain(&alternative.optional).map(String::as_str));
        names.extend(alternative.sets.iter().map(|(k, _)| k.as_str()));
    }
    names
}

/// The arguments the request type holds directly (outside groups), in spec order.
fn direct_arguments(endpoint: &Endpoint) -> Vec<&Field> {
    let grouped = grouped(endpoint);
    endpoint.arguments.iter().filter(|a| !grouped.contains(a.wire_name.as_str())).collect()
}

fn empty_alternative(group: &Group) -> Option<&Alternative> {
    group.alternatives.iter().find(|a| a.arguments.is_empty() && a.optional.is_empty())
}

/// The alternative the arguments describe: all its required arguments are there, no argument of another alternative
/// is, and no value it sets is contradicted; the one that explains most arguments wins, the first on a tie. When none
/// fits, the alternative without arguments (the default), else the first.
pub fn choose_alternative<'g>(group: &'g Group, args: &Map<String, Value>) -> &'g Alternative {
    let mut best: Option<(&Alternative, usize)> = None;
    for alternative in &group.alternatives {
        let own = |name: &str| alternative.arguments.iter().chain(&alternative.optional).any(|a| a == name);
        let complete = alternative.arguments.iter().all(|a| args.contains_key(a));
        let foreign = group
            .alternatives
            .iter()
            .flat_map(|other| other.arguments.iter().chain(&other.optional))
            .any(|name| !own(name) && args.contains_key(name));
        let contradicted = group.alternatives.iter().flat_map(|other| &other.sets).any(|(name, _)| {
            args.get(name).is_some_and(|given| {
                alternative.sets.iter().find(|(n, _)| n == name).is_none_or(|(_, set)| given.as_str() != Some(set))
            })
        });
        if !complete || foreign || contradicted {
            continue;
        }
        let explained =
            alternative.arguments.iter().chain(&alternative.optional).filter(|a| args.contains_key(*a)).count();
        if best.is_none_or(|(_, score)| explained > score) {
            best = Some((alternative, explained));
        }
    }
    match best {
        Some((alternative, _)) => alternative,
        None => empty_alternative(group).unwrap_or(&group.alternatives[0]),
    }
}

/// The example's arguments, plus a value for each required argument it leaves out and for the first alternative of a
/// required group it does not choose.
fn effective_arguments(api: &Api, endpoint: &Endpoint, example: Option<&Example>) -> Map<String, Value> {
    let mut args = match example.and_then(|e| e.request.as_ref()) {
        Some(Value::Object(map)) => map.clone(),
        _ => Map::new(),
    };
    for field in direct_arguments(endpoint) {
        if field.required && !args.contains_key(&field.wire_name) {
            args.insert(field.wire_name.clone(), fallback(api, field));
        }
    }
    for group in &endpoint.groups {
        if empty_alternative(group).is_some() {
            continue;
        }
        let alternative = choose_alternative(group, &args);
        for name in &alternative.arguments {
            if let (false, Some(field)) = (args.contains_key(name), find(endpoint, name)) {
                args.insert(name.clone(), fallback(api, field));
            }
        }
    }
    args
}

/// A value for a field the example does not give: the field's example, its type's example, or a made-up one.
fn fallback(api: &Api, field: &Field) -> Value {
    if let Some(example) = &field.example {
        return example.clone();
    }
    if let Some(default) = &field.default {
        return default.clone();
    }
    made_up(api, &field.ty, &field.constraints, 0)
}

fn made_up(api: &Api, ty: &TypeExpr, constraints: &crate::ir::Constraints, depth: usize) -> Value {
    let number = |fallback: i64| {
        let n = constraints.min.map_or(fallback, |m| i64::try_from(m.trunc()).unwrap_or(fallback));
        Value::from(n)
    };
    match ty {
        TypeExpr::Primitive(p) => match p {
            Primitive::String => Value::from("example"),
            Primitive::Uri => Value::from("https://example.com"),
            Primitive::Email => Value::from("user@example.com"),
            Primitive::Boolean => Value::from(false),
            Primitive::Integer | Primitive::Int32 | Primitive::Decimal => number(1),
            Primitive::Date => Value::from("2024-01-01"),
            Primitive::DateTime => Value::from("2024-01-01T00:00:00Z"),
            Primitive::UnixTime => Value::from(1_700_000_000),
            Primitive::Json => Value::Object(Map::new()),
        },
        // As few items as the list's rules allow (a list of at least one payout gets one).
        TypeExpr::Array(item) => {
            let count = constraints.length.or(constraints.min_length).unwrap_or(0).min(3);
            let item = made_up(api, item, &crate::ir::Constraints::default(), depth + 1);
            Value::Array(vec![item; usize::try_from(count).unwrap_or(0)])
        }
        TypeExpr::Map(_) => Value::Object(Map::new()),
        // The ID form: an example of the object's own would need every required field.
        TypeExpr::Expandable(_) => Value::from("id_example"),
        TypeExpr::Named(name) => {
            let Some(def) = api.type_def(name) else { return Value::Null };
            if let Some(example) = &def.example {
                return example.clone();
            }
            match &def.kind {
                TypeDefKind::Object { fields, .. } if depth < 8 => Value::Object(
                    fields
                        .iter()
                        .filter(|f| f.required)
                        .map(|f| {
                            let value =
                                f.example.clone().unwrap_or_else(|| made_up(api, &f.ty, &f.constraints, depth + 1));
                            (f.wire_name.clone(), value)
                        })
                        .collect(),
                ),
                TypeDefKind::Object { .. } => Value::Object(Map::new()),
                TypeDefKind::Enum { values, default } => {
                    Value::from(default.clone().or_else(|| values.first().map(|v| v.wire.clone())).unwrap_or_default())
                }
                TypeDefKind::String { constraints, .. } => {
                    let length = constraints.length.or(constraints.min_length).unwrap_or(7);
                    Value::from("x".repeat(usize::try_from(length).unwrap_or(7)))
                }
                TypeDefKind::Integer { constraints, .. } | TypeDefKind::Decimal { constraints } => {
                    let n = constraints.min.map_or(1, |m| i64::try_from(m.trunc()).unwrap_or(1));
                    Value::from(n)
                }
                TypeDefKind::Id { uid_prefix, .. } => Value::from(format!("{uid_prefix}example")),
                // The first variant's object, with its tag.
                TypeDefKind::Union { tag, variants } => {
                    let Some(first) = variants.first() else { return Value::Null };
                    let object = TypeExpr::Named(first.object.clone());
                    let mut value = made_up(api, &object, &Default::default(), depth + 1);
                    if let Value::Object(map) = &mut value {
                        map.insert(tag.clone(), Value::from(first.wire.clone()));
                    }
                    value
                }
            }
        }
    }
}

// --- Rust -----------------------------------------------------------------------------------------------------

/// A Rust snippet, `async fn example(client: &<crate_path>::<api>::Client) -> Result<(), Box<dyn Error>>`, that
/// builds the request of `example` (or of the required arguments alone) with the generated types, calls the client
/// and uses the result. The crate at `crate_path` must hold the API module and re-export the runtime as `runtime`,
/// as `payout_clients` does.
pub fn rust(api: &Api, endpoint: &Endpoint, example: Option<&Example>, crate_path: &str) -> String {
    rust_in(api, endpoint, example, &format!("{crate_path}::{}", api.name), &format!("{crate_path}::runtime"))
}

/// [`rust`] with explicit paths of the API module (`payout_clients::reservepay`) and of the runtime crate
/// (`payout_clients::runtime`, or `codegen_runtime`).
pub fn rust_in(
    api: &Api,
    endpoint: &Endpoint,
    example: Option<&Example>,
    api_path: &str,
    runtime_path: &str,
) -> String {
    let mut sample = RustSample::new(api, api_path, runtime_path);
    let body = sample.body(endpoint, example);
    let api_path = path(api_path);
    let runtime_path = sample.runtime_path.clone();
    let api_uses: Vec<_> = sample.api_items.iter().map(|n| format_ident!("{}", n)).collect();
    let runtime_uses: Vec<_> = sample.runtime_items.iter().map(|n| format_ident!("{}", n)).collect();
    let api_use = (!api_uses.is_empty()).then(|| quote!(use #api_path::{#(#api_uses),*};));
    let runtime_use = (!runtime_uses.is_empty()).then(|| quote!(use #runtime_path::{#(#runtime_uses),*};));
    let tokens = quote! {
        async fn example(client: &#api_path::Client) -> Result<(), Box<dyn std::error::Error>> {
            #api_use
            #runtime_use
            #body
            Ok(())
        }
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        // Only valid items are built; if one ever was not, the tokens still show what went wrong.
        Err(error) => format!("compile_error!({:?});\n", error.to_string()),
    }
}

/// A Rust snippet, `fn client() -> Result<<crate_path>::<api>::Client, Box<dyn Error>>`, that builds a client for the
/// default environment with `Client::new` (HTTPS with the runtime's default settings), authenticating with the scheme
/// the samples use and a secret read from an environment variable (`<API>_API_KEY`, or `<API>_USERNAME` and
/// `<API>_PASSWORD` for Basic).
pub fn rust_client(api: &Api, crate_path: &str) -> String {
    let api_path = path(&format!("{crate_path}::{}", api.name));
    let runtime = path(&format!("{crate_path}::runtime"));
    let env = |suffix: &str| format!("{}_{suffix}", api.name.to_uppercase());
    let environment = match api.servers.first() {
        Some(server) => {
            let variant = format_ident!("{}", server.variant);
            let fields = server.variables.iter().map(|v| {
                let field = format_ident!("{}", v.rust_name);
                let value = v.example.as_ref().map_or_else(|| v.rust_name.to_uppercase(), text);
                quote!(#field: #value.to_owned())
            });
            if server.variables.is_empty() {
                quote!(Environment::#variant)
            } else {
                quote!(Environment::#variant { #(#fields),* })
            }
        }
        None => quote!(Environment::Custom("https://example.com".to_owned())),
    };
    let (auth, secret_use) = match auth_scheme(api) {
        None => (quote!(Auth), quote!()),
        Some(scheme) => {
            let variant = format_ident!("{}", scheme.variant);
            match scheme.method {
                AuthMethod::Basic => {
                    let (user, password) = (env("USERNAME"), env("PASSWORD"));
                    (
                        quote!(Auth::#variant { username: std::env::var(#user)?, password: Secret::new(std::env::var(#password)?) }),
                        quote!(Secret),
                    )
                }
                AuthMethod::OAuth2ClientCredentials { .. } => {
                    let (id, secret) = (env("CLIENT_ID"), env("CLIENT_SECRET"));
                    (
                        quote!(Auth::#variant { client_id: std::env::var(#id)?, client_secret: Secret::new(std::env::var(#secret)?) }),
                        quote!(Secret),
                    )
                }
                AuthMethod::Bearer { .. } | AuthMethod::ApiKey { .. } => {
                    let key = env("API_KEY");
                    (quote!(Auth::#variant(Secret::new(std::env::var(#key)?))), quote!(Secret))
                }
            }
        }
    };
    let secret_import = if secret_use.is_empty() { quote!() } else { quote!(use #runtime::#secret_use;) };
    let tokens = quote! {
        fn client() -> Result<#api_path::Client, Box<dyn std::error::Error>> {
            use #api_path::{Auth, Client, Environment};
            #secret_import
            let environment = #environment;
            let auth = #auth;
            Ok(Client::new(environment, auth)?)
        }
    };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(error) => format!("compile_error!({:?});\n", error.to_string()),
    }
}

fn path(text: &str) -> TokenStream {
    syn::parse_str::<syn::Path>(text).map_or_else(|e| e.to_compile_error(), |p| quote!(#p))
}

/// Where a value goes, which decides how absence and `null` are written.
#[derive(Clone, Copy)]
enum Slot {
    /// A constructor parameter: `impl Into<T>`, or `Option<T>` when nullable.
    Required { nullable: bool },
    /// A field of an enum variant (an alternative of a group), written as a struct literal: `T` itself, or
    /// `Option<T>` when nullable.
    Variant { nullable: bool },
    /// A setter: `T`, or `Option<T>` when nullable (`None` sends `null`).
    Setter { nullable: bool },
}

/// Names the Rust prelude (or the sample itself) uses unqualified: an API type of one of these names is written with
/// its module path instead of being imported, so that `Some(..)`, `Vec::from(..)` and `Ok(())` keep their meaning.
const PRELUDE_NAMES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Vec",
    "String",
    "Box",
    "ToString",
    "ToOwned",
    "Into",
    "From",
    "Default",
    "Clone",
    "Copy",
    "Send",
    "Sync",
    "Sized",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "Extend",
    "Eq",
    "PartialEq",
    "Ord",
    "PartialOrd",
    "AsRef",
    "AsMut",
    "Debug",
    "TryFrom",
    "TryInto",
    "FromIterator",
];

struct RustSample<'a> {
    api: &'a Api,
    api_path: TokenStream,
    runtime_path: TokenStream,
    /// Names imported from the API module.
    api_items: BTreeSet<String>,
    /// Names imported from the runtime (those that no API item shadows).
    runtime_items: BTreeSet<&'static str>,
}

impl<'a> RustSample<'a> {
    fn new(api: &'a Api, api_path: &str, runtime_path: &str) -> Self {
        RustSample {
            api,
            api_path: path(api_path),
            runtime_path: path(runtime_path),
            api_items: BTreeSet::new(),
            runtime_items: BTreeSet::new(),
        }
    }

    /// An item of the API module: imported, unless its name would shadow a prelude name the sample uses.
    fn api_item(&mut self, name: &str) -> TokenStream {
        let ident = format_ident!("{}", name);
        if PRELUDE_NAMES.contains(&name) {
            let api_path = &self.api_path;
            return quote!(#api_path::#ident);
        }
        self.api_items.insert(name.to_owned());
        quote!(#ident)
    }

    /// A runtime item, imported unless an API item of the same name would clash with it.
    fn runtime_item(&mut self, name: &'static str) -> TokenStream {
        let ident = format_ident!("{}", name);
        if self.api_items.contains(name) || self.api.type_def(name).is_some() {
            let runtime = &self.runtime_path;
            return quote!(#runtime::#ident);
        }
        self.runtime_items.insert(name);
        quote!(#ident)
    }

    fn body(&mut self, endpoint: &Endpoint, example: Option<&Example>) -> TokenStream {
        let args = effective_arguments(self.api, endpoint, example);
        let request_ty = self.api_item(&endpoint.names.request);
        let direct = direct_arguments(endpoint);
        let mut params = Vec::new();
        for field in direct.iter().filter(|f| f.required) {
            let value = args.get(&field.wire_name).cloned().unwrap_or(Value::Null);
            params.push(self.slot(field, &value, Slot::Required { nullable: field.nullable }));
        }
        for group in endpoint.groups.iter().filter(|g| empty_alternative(g).is_none()) {
            params.push(self.group_value(endpoint, group, choose_alternative(group, &args), &args));
        }
        let mut setters = Vec::new();
        for field in direct.iter().filter(|f| !f.required) {
            if let Some(value) = args.get(&field.wire_name) {
                let setter = format_ident!("{}", field.setter());
                let value = self.slot(field, value, Slot::Setter { nullable: field.nullable });
                setters.push(quote!(.#setter(#value)));
            }
        }
        for group in endpoint.groups.iter() {
            let Some(default) = empty_alternative(group) else { continue };
            let chosen = choose_alternative(group, &args);
            if chosen.name != default.name {
                let setter = format_ident!("{}", group.setter());
                let value = self.group_value(endpoint, group, chosen, &args);
                setters.push(quote!(.#setter(#value)));
            }
        }
        let method = format_ident!("{}", endpoint.names.method);
        let use_response = self.use_response(endpoint);
        let call = match example.and_then(|e| e.error.as_deref()).and_then(|name| self.api.error(name)) {
            None => quote! {
                let response = client.#method(request).await?;
                #use_response
            },
            Some(error) => {
                let shows_api_error = endpoint.is_read() || error.refusal;
                // Imported only when the arm that names it is there, so the sample compiles without warnings.
                let error_ty = shows_api_error.then(|| self.api_item(&endpoint.names.error));
                let runtime_error = self.runtime_item("Error");
                let variant = format_ident!("{}", error.variant);
                let report = match error.wire {
                    ErrorWire::Code { .. } => quote!(println!("{}: {}", error.code, error.message);),
                    ErrorWire::Status { .. } => quote!(println!("HTTP {}: {:?}", error.status, error.body);),
                };
                // A call that changes something answers "could it have been processed?" with its error: an error
                // the spec does not call a refusal arrives as an unknown outcome, to be looked up before resending.
                let api_arm = error_ty.map(|error_ty| {
                    quote! {
                        Err(#runtime_error::Api(#error_ty::#variant(error))) => {
                            #report
                        }
                    }
                });
                let unknown_arm = (!endpoint.is_read()).then(|| {
                    quote! {
                        Err(#runtime_error::OutcomeUnknown(unconfirmed)) => {
                            println!("{unconfirmed}");
                        }
                    }
                });
                quote! {
                    match client.#method(request).await {
                        Ok(response) => {
                            #use_response
                        }
                        #api_arm
                        #unknown_arm
                        Err(other) => return Err(other.into()),
                    }
                }
            }
        };
        quote! {
            let request = #request_ty::new(#(#params),*) #(#setters)*;
            #call
        }
    }

    /// Statements that show what a successful call returned.
    fn use_response(&mut self, endpoint: &Endpoint) -> TokenStream {
        let response = &endpoint.response;
        if !response.headers.is_empty() {
            let headers = response.headers.iter().map(|h| {
                let field = format_ident!("{}", h.rust_name);
                let format = Literal::string(&format!("{}: {{:?}}", h.wire_name));
                quote!(println!(#format, response.#field);)
            });
            return quote! {
                println!("{:?}", response.body);
                #(#headers)*
            };
        }
        match &response.ty {
            TypeExpr::Array(_) => quote!(println!("{} items", response.len());),
            TypeExpr::Named(name) => match self.api.type_def(name).map(|t| &t.kind) {
                Some(TypeDefKind::Object { fields, .. }) if fields.iter().any(|f| f.required) => {
                    let lines = fields.iter().filter(|f| f.required).take(3).map(|f| {
                        let field = format_ident!("{}", f.rust_name);
                        let format = Literal::string(&format!("{}: {{:?}}", f.wire_name));
                        quote!(println!(#format, response.#field);)
                    });
                    quote!(#(#lines)*)
                }
                _ => quote!(println!("{response:?}");),
            },
            _ => quote!(println!("{response:?}");),
        }
    }

    fn group_value(
        &mut self,
        endpoint: &Endpoint,
        group: &Group,
        alternative: &Alternative,
        args: &Map<String, Value>,
    ) -> TokenStream {
        let enum_ty = self.api_item(&group.rust_type);
        let variant = format_ident!("{}", alternative.variant);
        let mut fields = Vec::new();
        for (name, required) in
            alternative.arguments.iter().map(|a| (a, true)).chain(alternative.optional.iter().map(|a| (a, false)))
        {
            let Some(field) = find(endpoint, name) else { continue };
            let ident = format_ident!("{}", field.rust_name);
            // A nullable argument holds `Option<T>` where the alternative requires it and `Option<Option<T>>` where it
            // is optional, as a request field would.
            let slot = Slot::Variant { nullable: field.nullable };
            let value = match args.get(name) {
                Some(value) if required => self.slot(field, value, slot),
                Some(value) => {
                    let inner = self.slot(field, value, slot);
                    quote!(Some(#inner))
                }
                None if required => {
                    let value = fallback(self.api, field);
                    self.slot(field, &value, slot)
                }
                None => quote!(None),
            };
            fields.push(quote!(#ident: #value));
        }
        if fields.is_empty() {
            quote!(#enum_ty::#variant)
        } else {
            quote!(#enum_ty::#variant { #(#fields),* })
        }
    }

    /// A field's value in its slot: `null` is `None` where the slot takes an `Option`.
    fn slot(&mut self, field: &Field, value: &Value, slot: Slot) -> TokenStream {
        let optional = match slot {
            Slot::Required { nullable } | Slot::Setter { nullable } | Slot::Variant { nullable } => nullable,
        };
        let takes_into = !matches!(slot, Slot::Variant { .. });
        if !optional {
            // A plain string goes in as a literal: every constructor and setter takes `impl Into<String>`.
            if let (true, None, None, TypeExpr::Primitive(Primitive::String), Some(text)) =
                (takes_into, &field.inline_type, field.encoding, &field.ty, value.as_str())
            {
                return quote!(#text);
            }
            return self.base_value(field, value);
        }
        if value.is_null() {
            return quote!(None);
        }
        let inner = self.base_value(field, value);
        quote!(Some(#inner))
    }

    /// One value of a field (before optionality), in the Rust type the generator gives the field: the collection
    /// builders for `filter` and `sort`, the newtype of a field with constraints of its own, or the type's value.
    fn base_value(&mut self, field: &Field, value: &Value) -> TokenStream {
        match field.encoding {
            Some(QueryEncoding::Filter) => return self.filter(value),
            Some(QueryEncoding::Sort) => return self.sort(value),
            Some(QueryEncoding::Repeated | QueryEncoding::Comma | QueryEncoding::Form) | None => {}
        }
        if let Some(name) = &field.inline_type {
            let ty = self.api_item(name);
            if let TypeExpr::Array(_) | TypeExpr::Map(_) = &field.ty {
                let items = self.type_value(&field.ty, value);
                return quote!(#ty::new(#items)?);
            }
            let TypeExpr::Primitive(primitive) = &field.ty else { return self.type_value(&field.ty, value) };
            let inner = match primitive {
                Primitive::Integer | Primitive::Int32 => number(value),
                Primitive::Decimal => self.decimal(value),
                _ => {
                    let text = string(value);
                    quote!(#text)
                }
            };
            return quote!(#ty::new(#inner)?);
        }
        self.type_value(&field.ty, value)
    }

    fn type_value(&mut self, ty: &TypeExpr, value: &Value) -> TokenStream {
        match ty {
            TypeExpr::Primitive(p) => self.primitive(*p, value),
            TypeExpr::Array(inner) => {
                let items: Vec<TokenStream> = match value {
                    Value::Array(items) => items.iter().map(|item| self.type_value(inner, item)).collect(),
                    other => vec![self.type_value(inner, other)],
                };
                array(&items)
            }
            TypeExpr::Expandable(name) => {
                let expandable = self.runtime_item("Expandable");
                match value {
                    Value::String(id) => quote!(#expandable::Id(#id.to_owned())),
                    object => {
                        let inner = self.type_value(&TypeExpr::Named(name.clone()), object);
                        quote!(#expandable::Object(Box::new(#inner)))
                    }
                }
            }
            TypeExpr::Map(inner) => {
                let entries: Vec<TokenStream> = match value {
                    Value::Object(map) => map
                        .iter()
                        .map(|(k, v)| {
                            let v = self.type_value(inner, v);
                            quote!((#k.to_owned(), #v))
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                if entries.is_empty() {
                    quote!(std::collections::BTreeMap::new())
                } else {
                    quote!(std::collections::BTreeMap::from([#(#entries),*]))
                }
            }
            TypeExpr::Named(name) => self.named(name, value),
        }
    }

    fn named(&mut self, name: &str, value: &Value) -> TokenStream {
        let api = self.api;
        let Some(def) = api.type_def(name) else { return quote!(compile_error!("unknown type")) };
        let ty = self.api_item(name);
        match &def.kind {
            TypeDefKind::Object { fields, .. } => {
                let empty = Map::new();
                let map = value.as_object().unwrap_or(&empty);
                let mut params = Vec::new();
                for field in fields.iter().filter(|f| f.required) {
                    let value = map.get(&field.wire_name).cloned().unwrap_or_else(|| fallback(api, field));
                    params.push(self.slot(field, &value, Slot::Required { nullable: field.nullable }));
                }
                let mut setters = Vec::new();
                for field in fields.iter().filter(|f| !f.required) {
                    if let Some(value) = map.get(&field.wire_name) {
                        let setter = format_ident!("{}", field.setter());
                        let value = self.slot(field, value, Slot::Setter { nullable: field.nullable });
                        setters.push(quote!(.#setter(#value)));
                    }
                }
                quote!(#ty::new(#(#params),*) #(#setters)*)
            }
            TypeDefKind::Enum { values, .. } => {
                let wire = text(value);
                match values.iter().find(|v| v.wire == wire) {
                    Some(known) => {
                        let variant = format_ident!("{}", known.variant);
                        quote!(#ty::#variant)
                    }
                    None => quote!(#ty::from_wire(#wire)),
                }
            }
            TypeDefKind::String { .. } => {
                let value = string(value);
                quote!(#ty::new(#value)?)
            }
            TypeDefKind::Integer { .. } => {
                let value = number(value);
                quote!(#ty::new(#value)?)
            }
            TypeDefKind::Decimal { .. } => {
                let value = self.decimal(value);
                quote!(#ty::new(#value)?)
            }
            TypeDefKind::Id { uid_prefix, external, .. } => {
                let wire = text(value);
                let constructor = match (external, wire.starts_with(uid_prefix.as_str())) {
                    (false, _) => "new",
                    (true, true) => "uid",
                    (true, false) => "external",
                };
                let constructor = format_ident!("{}", constructor);
                quote!(#ty::#constructor(#wire)?)
            }
            // The variant's object, built from the fields beside the tag, turned into the union by `From`; a checked
            // example always names a listed variant.
            TypeDefKind::Union { tag, variants } => {
                let wire = value.get(tag).map(text).unwrap_or_default();
                let Some(variant) = variants.iter().find(|v| v.wire == wire) else {
                    return quote!(compile_error!("an example names no variant of the union"));
                };
                let object = self.named(&variant.object, value);
                quote!(#ty::from(#object))
            }
        }
    }

    fn primitive(&mut self, primitive: Primitive, value: &Value) -> TokenStream {
        match primitive {
            Primitive::String => {
                let value = string(value);
                quote!(#value.to_owned())
            }
            // Checked text types: built through their checking constructor, as a caller would.
            Primitive::Uri | Primitive::Email => {
                let ty = self.runtime_item(if primitive == Primitive::Uri { "Uri" } else { "Email" });
                let value = string(value);
                quote!(#ty::new(#value)?)
            }
            Primitive::Boolean => {
                if value.as_bool().unwrap_or(false) {
                    quote!(true)
                } else {
                    quote!(false)
                }
            }
            Primitive::Integer | Primitive::Int32 => number(value),
            Primitive::Decimal => {
                let ty = self.runtime_item("ExactDecimal");
                let text = Literal::string(&text(value));
                quote!(#text.parse::<#ty>()?)
            }
            Primitive::Date => {
                let ty = self.runtime_item("Date");
                let value = string(value);
                quote!(#ty::parse(#value)?)
            }
            Primitive::DateTime => {
                let ty = self.runtime_item("DateTime");
                let value = string(value);
                quote!(#ty::parse(#value)?)
            }
            Primitive::UnixTime => {
                let ty = self.runtime_item("UnixTime");
                let value = number(value);
                quote!(#ty::from_seconds(#value))
            }
            Primitive::Json => self.json(value),
        }
    }

    /// An exact decimal parsed from its text, so that no digit goes through a float.
    fn decimal(&mut self, value: &Value) -> TokenStream {
        let ty = self.runtime_item("Decimal");
        let text = Literal::string(&text(value));
        quote!(#text.parse::<#ty>()?)
    }

    /// Any JSON value, read from its text so that every digit of the example is kept.
    fn json(&mut self, value: &Value) -> TokenStream {
        let ty = self.runtime_item("Json");
        let literal = Literal::string(&value.to_string());
        quote!(#ty::from_text(#literal)?)
    }

    /// `Filter::new().field("status", ["a", "b"])?...` from `status:a,b;field2:c`; `status:!a,!b` becomes
    /// `excluding` and `amount:10..20` (or an open `..20`, `10..`) becomes `range`, as a caller writes them.
    fn filter(&mut self, value: &Value) -> TokenStream {
        let ty = self.runtime_item("Filter");
        let wire = text(value);
        let fields = wire.split(';').filter(|part| !part.is_empty()).map(|part| {
            let (name, values) = part.split_once(':').unwrap_or((part, ""));
            let values: Vec<&str> = values.split(',').collect();
            if let [single] = values.as_slice() {
                if let Some((from, to)) = single.split_once("..") {
                    let bound = |b: &str| if b.is_empty() { quote!(None) } else { quote!(Some(#b)) };
                    let (from, to) = (bound(from), bound(to));
                    return quote!(.range(#name, #from, #to)?);
                }
            }
            let negated: Option<Vec<&str>> = values.iter().map(|v| v.strip_prefix('!')).collect();
            match negated {
                Some(negated) => {
                    let negated = negated.into_iter().map(Literal::string);
                    quote!(.excluding(#name, [#(#negated),*])?)
                }
                None => {
                    let values = values.into_iter().map(Literal::string);
                    quote!(.field(#name, [#(#values),*])?)
                }
            }
        });
        quote!(#ty::new() #(#fields)*)
    }

    /// `vec![SortField::desc("createdTime")?, ...]` from `["-createdTime", ...]` (or one comma-joined string).
    fn sort(&mut self, value: &Value) -> TokenStream {
        let ty = self.runtime_item("SortField");
        let names: Vec<String> = match value {
            Value::Array(items) => items.iter().map(text).collect(),
            other => text(other).split(',').map(str::to_owned).collect(),
        };
        let fields = names.iter().map(|name| match name.strip_prefix('-') {
            Some(field) => quote!(#ty::desc(#field)?),
            None => quote!(#ty::asc(#name)?),
        });
        let fields: Vec<TokenStream> = fields.collect();
        array(&fields)
    }
}

/// A `Vec` of the items. `Vec::from([...])` rather than `vec![...]`: prettyplease prints `?` inside macro arguments
/// with a space before it.
fn array(items: &[TokenStream]) -> TokenStream {
    if items.is_empty() {
        quote!(Vec::new())
    } else {
        quote!(Vec::from([#(#items),*]))
    }
}

fn string(value: &Value) -> Literal {
    Literal::string(&text(value))
}

/// An integer literal as written in the spec.
fn number(value: &Value) -> TokenStream {
    let text = text(value);
    let Ok(n) = text.parse::<i64>() else { return quote!(compile_error!("not an integer")) };
    // Beyond `i32`, an unsuffixed literal passed to `impl Into<i64>` would be read as an `i32` and overflow.
    let suffix = if i32::try_from(n).is_ok() { "" } else { "i64" };
    let magnitude: TokenStream = format!("{}{suffix}", n.unsigned_abs()).parse().unwrap_or_default();
    if n < 0 {
        quote!(-#magnitude)
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quoting_keeps_single_quotes() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(quote_maybe_variable("Bearer $API_KEY", true), "\"Bearer $API_KEY\"");
    }

    /// A nullable argument inside a group alternative is `Option<T>` where required and `Option<Option<T>>` where
    /// optional, as the generated variant holds it; `null` in the example is `None`.
    #[test]
    fn nullable_group_arguments_fill_their_slots() {
        let spec = r#"
spec: 1
api: {name: nulls, title: Nulls, description: N., style: rest}
servers: {production: {url: "https://api.example.com", description: P.}}
errors: {style: by_status, description: E., codes: {}}
endpoints:
  send:
    summary: Send.
    description: Sends.
    method: POST
    path: /send
    arguments:
      reason: {in: body, type: string, nullable: true, description: R.}
      note: {in: body, type: string, nullable: true, description: N.}
    groups:
      why:
        description: W.
        one_of:
          none: {description: None.}
          given: {description: Given., arguments: [reason], optional: [note]}
    response: {type: string, description: S.}
    examples:
      - name: given
        request: {reason: null, note: "hi"}
        response: "ok"
"#;
        let workspace = crate::Workspace::from_source("nulls.yaml", spec);
        assert!(workspace.is_ok(), "{}", workspace.render());
        let api = &workspace.apis[0];
        let endpoint = &api.endpoints[0];
        let sample = rust(api, endpoint, endpoint.examples.first(), "payout_clients");
        let compact: String = sample.split_whitespace().collect();
        assert!(compact.contains("reason:None,note:Some(Some(\"hi\".to_owned()))"), "{sample}");
    }

    #[test]
    fn integers_keep_their_sign() {
        assert_eq!(number(&Value::from(-5)).to_string(), "- 5");
        assert_eq!(number(&Value::from(25)).to_string(), "25");
    }
}
