//! What the real-HTTP tests share: the specs (read with `codegen`, so the vendor examples drive the tests), clients
//! built over real HTTP against a [`TestServer`], and the checks of a request that crossed the wire.

#![allow(dead_code)] // Each test target uses a different part of this module.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use codegen::ir::{self, Location, QueryEncoding};
use codegen_runtime::{ClientConfig, RetryPolicy, Secret};
use payout_clients::{rebilly, reservepay, tokenio};
use serde_json::Value;

use crate::server::{Recorded, Reply, TestServer};

/// The organization the Rebilly clients of these tests belong to (the spec's example).
pub const REBILLY_ORGANIZATION: &str = "org_0YV7DE4Z26DQSA1AC92FBJ7SEG";

/// Every API of `spec/`, as `codegen` reads it.
pub fn apis() -> &'static [ir::Api] {
    static APIS: OnceLock<Vec<ir::Api>> = OnceLock::new();
    APIS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let workspace = codegen::Workspace::load(&[dir]).expect("spec/ can be read");
        assert!(workspace.is_ok(), "the specs have problems:\n{}", workspace.render());
        workspace.apis
    })
}

/// The API called `name`.
pub fn api(name: &str) -> &'static ir::Api {
    apis().iter().find(|api| api.name == name).unwrap_or_else(|| panic!("no API `{name}` in spec/"))
}

/// The endpoint `endpoint` of the API `api_name`.
pub fn endpoint(api_name: &str, endpoint: &str) -> &'static ir::Endpoint {
    api(api_name)
        .endpoints
        .iter()
        .find(|e| e.name == endpoint)
        .unwrap_or_else(|| panic!("no endpoint `{endpoint}` in `{api_name}`"))
}

/// The example credential the spec gives for the auth scheme `scheme` of `api_name`.
pub fn credential(api_name: &str, scheme: &str) -> String {
    let scheme = api(api_name)
        .auth
        .iter()
        .find(|s| s.name == scheme)
        .unwrap_or_else(|| panic!("no auth scheme `{scheme}` in `{api_name}`"));
    scheme.example.clone().unwrap_or_else(|| panic!("auth scheme `{}` has no example", scheme.name))
}

/// A retry policy with `attempts` attempts and 1 ms backoff, so retries cost no time.
pub fn fast_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(attempts)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(1))
}

/// The attempts of [`test_config`].
pub const ATTEMPTS: u32 = 3;

/// Real HTTP with a 10 s timeout and [`ATTEMPTS`] attempts 1 ms apart, straight to the test server on 127.0.0.1
/// whatever proxy the environment of the test run names (as every client config of these tests).
pub fn test_config() -> ClientConfig {
    ClientConfig::default().no_proxy().timeout(Duration::from_secs(10)).retry_policy(fast_retries(ATTEMPTS))
}

/// A Reservepay client for `server`, authenticated with the spec's example API key.
pub fn reservepay_client(server: &TestServer, config: ClientConfig) -> reservepay::Client {
    reservepay::Client::with_config(
        reservepay::Environment::Custom(server.base_url()),
        reservepay::Auth::ApiKey(Secret::new(credential("reservepay", "api_key"))),
        config,
    )
    .expect("a Reservepay client")
}

/// A Token.io client for `server`, authenticated with the spec's example JWT.
pub fn tokenio_client(server: &TestServer, config: ClientConfig) -> tokenio::Client {
    tokenio::Client::with_config(
        tokenio::Environment::Custom(server.base_url()),
        tokenio::Auth::Bearer(Secret::new(credential("tokenio", "bearer"))),
        config,
    )
    .expect("a Token.io client")
}

/// The base URL of the Rebilly clients: the server, then `/organizations/{organizationId}` as in the spec's servers.
pub fn rebilly_base(server: &TestServer) -> String {
    format!("{}/organizations/{REBILLY_ORGANIZATION}", server.base_url())
}

/// A Rebilly client for `server` (organization [`REBILLY_ORGANIZATION`]) with the spec's example secret API key.
pub fn rebilly_client(server: &TestServer, config: ClientConfig) -> rebilly::Client {
    rebilly::Client::with_config(
        rebilly::Environment::Custom(rebilly_base(server)),
        rebilly::Auth::SecretApiKey(Secret::new(credential("rebilly", "secret_api_key"))),
        config,
    )
    .expect("a Rebilly client")
}

/// The response an example shows: its status, its headers, and its body as JSON. Error bodies of an API whose errors
/// may be problem details are sent as `application/problem+json`, as such a server would.
pub fn example_reply(api: &ir::Api, example: &ir::Example) -> Reply {
    let body = example.response.clone().unwrap_or(Value::Null);
    let content_type = if example.error.is_some() && api.errors.content_types.iter().any(|c| c.contains("problem")) {
        "application/problem+json"
    } else {
        "application/json"
    };
    let mut reply = Reply::body(example.status, content_type, serde_json::to_vec(&body).expect("JSON"));
    for (name, value) in &example.headers {
        reply = reply.header(name, &scalar_text(value));
    }
    reply
}

/// A JSON scalar as it is written in a header or a query: strings bare, numbers and booleans as JSON text.
pub fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(_) | Value::Bool(_) => value.to_string(),
        other => panic!("{other} is not a scalar"),
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters, written here independently of the runtime.
pub fn percent_encode_segment(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What the vendor documentation says must cross the wire for an example request.
#[derive(Debug)]
pub struct Wire {
    pub method: &'static str,
    /// The path below the server URL, path arguments filled and percent-encoded.
    pub path: String,
    /// The query pairs, decoded, sorted (the order of parameters carries no meaning).
    pub query: Vec<(String, String)>,
    /// The JSON body, `None` when the request has no body.
    pub body: Option<Value>,
}

/// The request the spec's example describes, derived from the argument declarations (location and encoding).
pub fn expected_wire(endpoint: &ir::Endpoint, example: &ir::Example) -> Wire {
    let empty = serde_json::Map::new();
    let request = match &example.request {
        Some(Value::Object(request)) => request,
        None => &empty,
        Some(other) => panic!("example `{}`: the request is not an object: {other}", example.name),
    };
    let mut path = endpoint.path.clone();
    let mut query = Vec::new();
    let mut body = serde_json::Map::new();
    for (name, value) in request {
        let argument = endpoint
            .arguments
            .iter()
            .find(|a| a.wire_name == *name)
            .unwrap_or_else(|| panic!("example `{}`: `{name}` is not an argument", example.name));
        match argument.location {
            Location::Body => {
                body.insert(name.clone(), value.clone());
            }
            Location::Path => path = path.replace(&format!("{{{name}}}"), &percent_encode_segment(&scalar_text(value))),
            Location::Query => match (value, argument.encoding) {
                (Value::Array(items), Some(QueryEncoding::Comma | QueryEncoding::Sort)) => {
                    query.push((name.clone(), items.iter().map(scalar_text).collect::<Vec<_>>().join(",")));
                }
                (Value::Array(items), _) => query.extend(items.iter().map(|item| (name.clone(), scalar_text(item)))),
                (scalar, _) => query.push((name.clone(), scalar_text(scalar))),
            },
            Location::Header => panic!("header arguments are not used by these specs"),
        }
    }
    // A group alternative the example picks (all its arguments given) also sends the values its `sets` fixes, such as
    // `payout_method: bank_account`: the spec declares them, even where the vendor's example leaves them out.
    for group in &endpoint.groups {
        let chosen = group.alternatives.iter().filter(|alternative| {
            !alternative.arguments.is_empty() && alternative.arguments.iter().all(|a| request.contains_key(a))
        });
        for (argument, value) in chosen.flat_map(|alternative| &alternative.sets) {
            let previous = body.insert(argument.clone(), Value::String(value.clone()));
            if let Some(previous) = previous {
                assert_eq!(previous, Value::String(value.clone()), "example `{}`: `{argument}`", example.name);
            }
        }
    }
    query.sort();
    let has_body = endpoint.arguments.iter().any(|a| a.location == Location::Body);
    Wire { method: endpoint.method.as_str(), path, query, body: has_body.then_some(Value::Object(body)) }
}

/// The credential header a client of `api_name` sends in these tests, as `(name, value)`.
pub fn auth_header(api_name: &str) -> (&'static str, String) {
    match api_name {
        "reservepay" => ("authorization", format!("Bearer {}", credential("reservepay", "api_key"))),
        "tokenio" => ("authorization", format!("Bearer {}", credential("tokenio", "bearer"))),
        "rebilly" => ("reb-apikey", credential("rebilly", "secret_api_key")),
        other => panic!("no such API `{other}`"),
    }
}

/// Checks the headers every request of `api` carries: the credential, the API version header when the API has one,
/// `Accept`, `User-Agent`, and `Content-Type: application/json` exactly when there is a body. Each appears once.
pub fn assert_standard_headers(api: &ir::Api, request: &Recorded) {
    let at = request.target();
    let (name, value) = auth_header(&api.name);
    assert_eq!(request.header(name), Some(value.as_str()), "{at}: credential header `{name}`");
    if api.name != "rebilly" {
        assert_eq!(request.header("reb-apikey"), None, "{at}");
    }
    if let Some(versioning) = &api.versioning {
        assert_eq!(request.header(&versioning.header), Some(versioning.default.as_str()), "{at}: API version");
    }
    assert_eq!(request.header("accept"), Some("application/json"), "{at}: Accept");
    let user_agent = request.header("user-agent").unwrap_or_else(|| panic!("{at}: no User-Agent"));
    let version = user_agent.strip_prefix("payout-clients/").unwrap_or_else(|| panic!("{at}: User-Agent {user_agent}"));
    assert!(version.split('.').count() == 3 && version.split('.').all(|p| p.parse::<u32>().is_ok()), "{user_agent}");
    assert!(request.header("host").is_some(), "{at}: Host");
    if request.body.is_empty() {
        assert_eq!(request.header("content-type"), None, "{at}: Content-Type without a body");
    } else {
        assert_eq!(request.header("content-type"), Some("application/json"), "{at}: Content-Type");
        assert_eq!(request.header("content-length"), Some(request.body.len().to_string().as_str()), "{at}");
    }
}

/// Checks that `request` is what the example documents (method, path below `base_path`, query, body) and carries the
/// standard headers of `api`.
pub fn assert_wire(api: &ir::Api, base_path: &str, expected: &Wire, request: &Recorded) {
    let at = request.target();
    assert_eq!(request.method, expected.method, "{at}: method");
    assert_eq!(request.path, format!("{base_path}{}", expected.path), "{at}: path");
    let mut query = request.query_pairs();
    query.sort();
    assert_eq!(query, expected.query, "{at}: query");
    if expected.query.is_empty() {
        assert_eq!(request.query, None, "{at}: no `?` without parameters");
    }
    match &expected.body {
        Some(body) => assert_eq!(&request.json(), body, "{at}: body"),
        None => assert!(request.body.is_empty(), "{at}: unexpected body {}", request.body_text()),
    }
    assert_standard_headers(api, request);
}

/// The value `value` encodes to, by its own `Serialize` (what a decoded response says, written back as JSON).
pub fn to_json<T: codegen_runtime::serde::Serialize>(value: &T) -> Value {
    codegen_runtime::to_json_value(value).expect("encodes as JSON")
}

/// Rebilly payout request number `n` of a collection, as the server lists it.
pub fn payout_request(n: usize) -> serde_json::Value {
    serde_json::json!({
        "id": format!("pout_req_{n:04}"),
        "websiteId": "web_0YV7DE4Z26DQSA1AC92FBJ7SEG",
        "customerId": "cus_0YV7DDSDD1C8DA64KHH2W33CPF",
        "currency": "USD",
        "amount": 10.50,
        "status": "pending",
    })
}
