//! The test's own model of what a request must look like on the wire, from the spec and the arguments alone:
//! method, path segments, query pairs, headers and JSON body. It shares nothing with the generator but the spec
//! language's documented rules (spec/README.md).

use crate::spec::{AuthKind, BodyEncoding, Encoding, Endpoint, Loc, Spec};
use crate::values::Request;
use serde_json::{Map, Value};

/// Where the model expects a key the client generates: any version 4 UUID matches it (see `main.rs`).
pub const GENERATED: &str = "<generated uuid>";

/// The secret the harness authenticates with, and the Basic user and password.
pub const TOKEN: &str = "tok-secret";
pub const USER: &str = "user";
pub const PASSWORD: &str = "pw";
/// The access token the harness's token endpoint hands out to an OAuth2 client.
pub const ACCESS_TOKEN: &str = "access-token-1";

/// The token request an OAuth2 client sends before the first call that takes credentials: the token endpoint's path,
/// its `Authorization` header (the client ID and secret as Basic), and its form body.
pub fn token_request(spec: &Spec, endpoint: &Endpoint) -> Option<(String, String, String)> {
    let AuthKind::OAuth2(path) = &spec.auth.first()?.kind else { return None };
    // An endpoint that names another scheme (a `basic` one) gets the ID and secret themselves, and no token.
    if endpoint.auth_none || endpoint.auth_scheme.is_some_and(|index| index != 0) {
        return None;
    }
    let basic = format!("Basic {}", codegen_tests::base64_encode(format!("{USER}:{PASSWORD}").as_bytes()));
    Some((path.clone(), basic, "grant_type=client_credentials".to_owned()))
}

/// A request as the model expects it, in the terms the comparison uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Expected {
    pub method: String,
    /// Path segments after the base URL, decoded.
    pub segments: Vec<String>,
    /// Query pairs, decoded, in the order the spec lists the arguments.
    pub query: Vec<(String, String)>,
    /// Headers the spec accounts for (credentials, version, header arguments), lower-cased names, sorted.
    pub headers: Vec<(String, String)>,
    pub body: Option<Value>,
    /// How the body is written: JSON as it is, or as the form pairs of [`form_pairs`].
    pub body_encoding: BodyEncoding,
}

pub fn expected(spec: &Spec, endpoint: &Endpoint, request: &Request) -> Expected {
    let args = &request.arguments;
    let mut given: Vec<(&crate::spec::Field, Value)> =
        endpoint.arguments.iter().filter_map(|a| args.get(&a.wire).map(|v| (a, v.clone()))).collect();
    // What the chosen alternatives set travels like an argument given with that value.
    for (group, chosen) in endpoint.groups.iter().zip(&request.alternatives) {
        for (name, value) in &group.alternatives[*chosen].sets {
            if let Some(argument) = endpoint.argument(name) {
                given.push((argument, Value::from(value.clone())));
            }
        }
    }
    // A reference the request leaves out is filled by the client with a new UUID when the spec says `generate`.
    if let Some(idempotency) = endpoint.idempotency.as_ref().filter(|i| i.generate) {
        if let (None, Some(argument)) = (args.get(&idempotency.reference), endpoint.argument(&idempotency.reference)) {
            given.push((argument, Value::from(GENERATED)));
        }
    }
    let template = spec.path_template(endpoint);
    let segments = template
        .trim_start_matches('/')
        .split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => args.get(name).map(text).unwrap_or_default(),
            None => segment.to_owned(),
        })
        .collect();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut body = Map::new();
    for (argument, value) in &given {
        match argument.location {
            Loc::Path => {}
            Loc::Body => {
                body.insert(argument.wire.clone(), value.clone());
            }
            Loc::Header => headers.push((argument.wire.to_ascii_lowercase(), text(value))),
            Loc::Query => match (value, argument.encoding) {
                (value, Some(Encoding::Form)) => form_pairs(&argument.wire, value, &mut query),
                (Value::Array(items), Some(Encoding::Comma | Encoding::Sort)) => {
                    if !items.is_empty() {
                        let joined: Vec<String> = items.iter().map(text).collect();
                        query.push((argument.wire.clone(), joined.join(",")));
                    }
                }
                (Value::Array(items), _) => query.extend(items.iter().map(|i| (argument.wire.clone(), text(i)))),
                (Value::String(filter), Some(Encoding::Filter)) if filter.is_empty() => {}
                (value, _) => query.push((argument.wire.clone(), text(value))),
            },
        }
    }
    if !endpoint.auth_none {
        // The client's scheme, or the one the endpoint names (which the client's credentials can serve).
        if let Some(scheme) = spec.auth.get(endpoint.auth_scheme.unwrap_or(0)) {
            headers.push(match &scheme.kind {
                AuthKind::Bearer => ("authorization".to_owned(), format!("Bearer {TOKEN}")),
                AuthKind::Basic => (
                    "authorization".to_owned(),
                    format!("Basic {}", codegen_tests::base64_encode(format!("{USER}:{PASSWORD}").as_bytes())),
                ),
                AuthKind::ApiKey(header) => (header.to_ascii_lowercase(), TOKEN.to_owned()),
                AuthKind::OAuth2(_) => ("authorization".to_owned(), format!("Bearer {ACCESS_TOKEN}")),
            });
        }
    }
    if let Some(versioning) = &spec.versioning {
        headers.push((versioning.header.to_ascii_lowercase(), versioning.versions[0].clone()));
    }
    headers.sort();
    Expected {
        method: endpoint.method.word().to_owned(),
        segments,
        query,
        headers,
        body: spec.sends_body(endpoint).then_some(Value::Object(body)),
        body_encoding: spec.body_encoding(endpoint),
    }
}

/// The pairs of `value` under `key` as spec/README.md's form encoding writes them: an object's member under
/// `key[member]` (a bare `member` at the top of a body, where `key` is empty), an array's item under `key[index]`,
/// `null` and an empty array or object as the key with an empty value, a scalar as its text.
pub fn form_pairs(key: &str, value: &Value, pairs: &mut Vec<(String, String)>) {
    let nest = |member: &str| if key.is_empty() { member.to_owned() } else { format!("{key}[{member}]") };
    match value {
        Value::Object(members) if !members.is_empty() => {
            members.iter().for_each(|(member, value)| form_pairs(&nest(member), value, pairs))
        }
        Value::Array(items) if !items.is_empty() => {
            items.iter().enumerate().for_each(|(index, value)| form_pairs(&nest(&index.to_string()), value, pairs))
        }
        Value::Object(_) | Value::Array(_) | Value::Null if !key.is_empty() => {
            pairs.push((key.to_owned(), String::new()))
        }
        Value::Object(_) | Value::Array(_) | Value::Null => {}
        scalar => pairs.push((key.to_owned(), text(scalar))),
    }
}

/// A value as text in a URL or header: strings as they are, everything else as JSON.
pub fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
