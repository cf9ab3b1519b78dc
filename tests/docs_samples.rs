//! The samples of the API reference work.
//!
//! - Every Rust sample the docs show (one per example of every endpoint, plus one from the required arguments alone)
//!   is compiled into this test by `build.rs`, then run against a `RecordingTransport` answering with the example's
//!   response. It must finish without error (an error example must reach its match arm), and the request it sends
//!   must be exactly the one `codegen::samples::wire_request` describes, which is what the curl sample sends:
//!   same method, same URL byte for byte (path and query encoding), same headers, same JSON body in the same order.
//! - Every curl sample is run (`sh -c`) against a one-shot HTTP server on 127.0.0.1 that answers with the example's
//!   response. curl must exit 0, and the server must see that same request.
//! - Both are also checked against the spec directly, independently of `codegen::samples`: the path with its
//!   arguments encoded by the runtime, the query encoded by the runtime's `Query`, the credential and version
//!   headers, and a body holding exactly the example's body arguments plus what the chosen group alternative sets.

include!(concat!(env!("OUT_DIR"), "/doc_samples.rs"));

use codegen::ir::{Api, ApiStyle, AuthMethod, BodyEncoding, Endpoint, Example, Location, QueryEncoding, TypeExpr};
use codegen::samples::{self, Credential, WireRequest};
use codegen_runtime::testing::RecordingTransport;
use codegen_runtime::{HttpResponse, Query, Secret};
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

fn apis() -> Vec<Api> {
    let workspace =
        codegen::Workspace::load(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")]).expect("specs load");
    assert!(workspace.is_ok(), "{}", workspace.render());
    workspace.apis
}

/// The response a server gives for an example: its status, headers and body.
fn response_of(example: &Example) -> HttpResponse {
    let mut headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    headers.extend(example.headers.iter().map(|(name, value)| {
        let text = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        (name.clone(), text)
    }));
    let body = example.response.as_ref().map(|v| serde_json::to_vec(v).expect("JSON")).unwrap_or_default();
    HttpResponse { status: example.status, headers, body }
}

/// A request as one side saw it, in the terms both sides can report.
#[derive(Debug)]
struct Seen {
    method: String,
    /// Path and query, as sent in the request line.
    target: String,
    headers: Vec<(String, String)>,
    body: Option<Vec<u8>>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The header a credential travels in and its value; with `expand`, shell variables are replaced by what the test
/// sets them to (curl runs in a shell; the Rust harness sends the text as it is).
fn credential_header(credential: &Credential, expand: bool) -> (String, String) {
    let expand = |text: &str| {
        if !expand {
            return text.to_owned();
        }
        [samples::SECRET_VARIABLE, "API_USER", "API_PASSWORD"]
            .iter()
            .fold(text.to_owned(), |text, variable| text.replace(&format!("${variable}"), SECRET_VALUE))
    };
    match credential {
        Credential::Header { name, value, .. } => (name.clone(), expand(value)),
        Credential::Basic { user_password, .. } => {
            let expanded = expand(user_password);
            let (user, password) = expanded.split_once(':').unwrap_or((expanded.as_str(), ""));
            let (name, value) = codegen_runtime::auth::basic(user, &Secret::new(password));
            (name, value.as_str().to_owned())
        }
    }
}

/// The token endpoint's path, when the sample's client fetches an OAuth2 token before calling `endpoint`.
fn token_path(api: &Api, endpoint: &Endpoint) -> Option<String> {
    let scheme = samples::auth_scheme(api)?;
    let AuthMethod::OAuth2ClientCredentials { token_url, .. } = &scheme.method else { return None };
    let names_another = endpoint.auth_scheme.as_ref().is_some_and(|name| name != &scheme.name);
    (endpoint.auth_required && !names_another).then(|| token_url.clone())
}

/// What the transport answers a sample with, in order: the OAuth2 token when the client fetches one first (with the
/// token endpoint's path, returned apart), then `example`'s response.
fn answers(api: &Api, endpoint: &Endpoint, example: &Example) -> (Option<String>, Vec<HttpResponse>) {
    let token = token_path(api, endpoint);
    let mut responses: Vec<HttpResponse> = token.iter().map(|_| token_answer(&wire_token(api, endpoint))).collect();
    responses.push(response_of(example));
    (token, responses)
}

/// What is wrong with the first request of a client that must fetch its token at `path`: it must be `POST path` with
/// the client's ID and secret (as the samples' clients are built: `$API_USER`, `$API_PASSWORD`) as Basic.
fn token_request_problem(fetched: Option<&Seen>, path: &str) -> Option<String> {
    let basic = codegen_runtime::auth::basic("$API_USER", &Secret::new("$API_PASSWORD")).1;
    match fetched {
        Some(seen)
            if seen.method == "POST" && seen.target == path && seen.header("Authorization") == Some(basic.as_str()) =>
        {
            None
        }
        Some(seen) => Some(format!(
            "the token request was {} {}, not POST {path} with the client's ID and secret",
            seen.method, seen.target
        )),
        None => Some(format!("no token request to {path}")),
    }
}

/// The token a sample's client is handed: the text after `Bearer ` that the curl sample sends, so that both send the
/// same header.
fn wire_token(api: &Api, endpoint: &Endpoint) -> String {
    match samples::wire_request(api, endpoint, None, BASE_URL).credential {
        Some(Credential::Header { value, .. }) => value.strip_prefix("Bearer ").unwrap_or(&value).to_owned(),
        _ => String::new(),
    }
}

/// The token endpoint's answer: `token`, for an hour.
fn token_answer(token: &str) -> HttpResponse {
    let body = serde_json::json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600});
    HttpResponse {
        status: 200,
        headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
        body: body.to_string().into_bytes(),
    }
}

/// What a shell variable in a curl sample is set to.
const SECRET_VALUE: &str = "secret-from-the-environment";

/// Differences between what was seen and the request `wire` describes (`base` is the base URL both used). The body
/// must hold the same JSON with its fields in the same order; `expand` says whether shell variables were expanded.
fn compare_with_wire(
    seen: &Seen,
    wire: &WireRequest,
    base: &str,
    expand: bool,
    generated: Option<&str>,
) -> Vec<String> {
    let mut problems = Vec::new();
    if seen.method != wire.method.as_str() {
        problems.push(format!("method {} instead of {}", seen.method, wire.method.as_str()));
    }
    let wire_target = wire.url.strip_prefix(base).unwrap_or(&wire.url);
    if seen.target != wire_target {
        problems.push(format!("target `{}` instead of `{wire_target}`", seen.target));
    }
    if let Some(credential) = &wire.credential {
        let (name, value) = credential_header(credential, expand);
        if seen.header(&name) != Some(value.as_str()) {
            problems.push(format!("credential header `{name}` is {:?}, expected {value:?}", seen.header(&name)));
        }
    }
    for (name, value) in &wire.headers {
        if seen.header(name) != Some(value.as_str()) {
            problems.push(format!("header `{name}` is {:?}, expected {value:?}", seen.header(name)));
        }
    }
    match (&seen.body, &wire.body) {
        (None, None) => {}
        (Some(bytes), Some(expected)) => match body_value(bytes, wire.body_encoding) {
            Ok(body) => {
                let expected = expected_value(expected, wire.body_encoding);
                let (body, expected) =
                    (without_generated_key(generated, body), without_generated_key(generated, expected));
                if compact(&body) != compact(&expected) {
                    problems.push(format!("body {body} instead of {expected} (same fields in the same order expected)"))
                }
            }
            Err(error) => problems.push(format!("body is not {error}")),
        },
        (seen_body, expected) => problems.push(format!("body {seen_body:?}, expected {expected:?}")),
    }
    problems
}

/// A body as comparable JSON: JSON as it came, or a form's pairs in order (`[[key, value], ...]`).
fn body_value(bytes: &[u8], encoding: BodyEncoding) -> Result<Value, String> {
    match encoding {
        BodyEncoding::Json => serde_json::from_slice(bytes).map_err(|error| format!("JSON: {error}")),
        BodyEncoding::Form => Ok(Value::Array(
            form_urlencoded::parse(bytes).map(|(key, value)| serde_json::json!([key, value])).collect(),
        )),
    }
}

/// What [`body_value`] reads from a body written from `body` with `encoding`.
fn expected_value(body: &Value, encoding: BodyEncoding) -> Value {
    match encoding {
        BodyEncoding::Json => body.clone(),
        BodyEncoding::Form => Value::Array(
            samples::form_pairs(body).into_iter().map(|(key, value)| serde_json::json!([key, value])).collect(),
        ),
    }
}

/// The body field (its name, or its form key) of an idempotency key the client generates for an example that gives
/// none: each sample run makes a new random one, so bodies are compared without it.
fn generated_key(endpoint: &Endpoint, example: Option<&Example>) -> Option<String> {
    let idempotency = endpoint.idempotency.as_ref()?;
    idempotency.generate?;
    let [argument] = &idempotency.steps[..] else { return None };
    let given = example.and_then(|e| e.request.as_ref()).is_some_and(|r| r.get(&argument.wire_name).is_some());
    (argument.location == Location::Body && !given).then(|| argument.wire_name.clone())
}

/// `body` without the generated key `name` (a JSON member or a form pair), when it holds a version 4 UUID.
fn without_generated_key(name: Option<&str>, body: Value) -> Value {
    let Some(name) = name else { return body };
    let is_key = |value: &Value| value.as_str().is_some_and(codegen_tests::is_uuid_v4);
    match body {
        Value::Object(mut members) => {
            if members.get(name).is_some_and(is_key) {
                members.remove(name);
            }
            Value::Object(members)
        }
        Value::Array(pairs) => {
            Value::Array(pairs.into_iter().filter(|pair| !(pair[0] == name && is_key(&pair[1]))).collect())
        }
        other => other,
    }
}

/// Compact JSON text, which keeps the order of object fields.
fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// What the spec alone says the request of `example` is, using the runtime's own encoders; `None` when the example
/// leaves out a required argument (the samples then fill it in, which the spec cannot predict).
fn expected_from_spec(api: &Api, endpoint: &Endpoint, example: &Example) -> Option<(String, String, Option<Value>)> {
    let empty = Map::new();
    let args = example.request.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let grouped: Vec<&String> = endpoint
        .groups
        .iter()
        .flat_map(|g| &g.alternatives)
        .flat_map(|a| a.arguments.iter().chain(&a.optional).chain(a.sets.iter().map(|(k, _)| k)))
        .collect();
    if endpoint
        .arguments
        .iter()
        .any(|a| a.required && !grouped.contains(&&a.wire_name) && !args.contains_key(&a.wire_name))
    {
        return None;
    }
    let mut path = endpoint.path.clone();
    for argument in endpoint.arguments.iter().filter(|a| a.location == Location::Path) {
        let value = text(args.get(&argument.wire_name)?);
        path = path.replace(&format!("{{{}}}", argument.wire_name), &codegen_runtime::encode_path_segment(&value));
    }
    let mut query = Query::new();
    for argument in endpoint.arguments.iter().filter(|a| a.location == Location::Query) {
        let Some(value) = args.get(&argument.wire_name) else { continue };
        match (value, argument.encoding) {
            (value, Some(QueryEncoding::Form)) => {
                let nested = Value::Object([(argument.wire_name.clone(), value.clone())].into_iter().collect());
                for (key, value) in samples::form_pairs(&nested) {
                    query.push(&key, value);
                }
            }
            (Value::Array(items), Some(QueryEncoding::Comma | QueryEncoding::Sort)) => {
                query
                    .push_comma(&argument.wire_name, items.iter().map(text))
                    .expect("a documented list item holds no comma");
            }
            (Value::Array(items), _) => query.push_repeated(&argument.wire_name, items.iter().map(text)),
            (value, Some(QueryEncoding::Filter)) if text(value).is_empty() => {}
            (value, _) => query.push(&argument.wire_name, text(value)),
        }
    }
    let target = if query.is_empty() { path } else { format!("{path}?{}", query.to_query_string()) };
    let has_body =
        matches!(api.style, ApiStyle::Rpc { .. }) || endpoint.arguments.iter().any(|a| a.location == Location::Body);
    let body = has_body.then(|| {
        let mut body = Map::new();
        for argument in &endpoint.arguments {
            if matches!(api.style, ApiStyle::Rpc { .. }) || argument.location == Location::Body {
                if let Some(value) = args.get(&argument.wire_name) {
                    body.insert(argument.wire_name.clone(), in_key_order(&argument.ty, value));
                }
            }
        }
        for alternative in endpoint.groups.iter().flat_map(|g| &g.alternatives) {
            if alternative.arguments.iter().chain(&alternative.optional).any(|a| args.contains_key(a)) {
                for (name, value) in &alternative.sets {
                    body.insert(name.clone(), Value::String(value.clone()));
                }
            }
        }
        Value::Object(body)
    });
    Some((endpoint.method.as_str().to_owned(), target, body))
}

/// A map argument's entries in key order, as the client's `BTreeMap` writes them; any other value as it is.
fn in_key_order(ty: &TypeExpr, value: &Value) -> Value {
    match (ty, value) {
        (TypeExpr::Map(_), Value::Object(entries)) => {
            let mut sorted: Vec<(&String, &Value)> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        }
        _ => value.clone(),
    }
}

fn compare_with_spec(seen: &Seen, api: &Api, endpoint: &Endpoint, example: &Example) -> Vec<String> {
    let Some((method, target, body)) = expected_from_spec(api, endpoint, example) else { return Vec::new() };
    let mut problems = Vec::new();
    if seen.method != method || seen.target != target {
        problems.push(format!("spec: expected {method} {target}, got {} {}", seen.method, seen.target));
    }
    let encoding = endpoint.body.unwrap_or(BodyEncoding::Json);
    let generated = generated_key(endpoint, Some(example));
    let seen_body = seen
        .body
        .as_ref()
        .and_then(|b| body_value(b, encoding).ok())
        .map(|b| without_generated_key(generated.as_deref(), b));
    let body = body.map(|b| expected_value(&b, encoding));
    if seen_body != body {
        problems.push(format!("spec: expected body {body:?}, got {seen_body:?}"));
    }
    if let Some(versioning) = &api.versioning {
        if seen.header(&versioning.header) != Some(versioning.default.as_str()) {
            problems.push(format!("spec: version header `{}` missing", versioning.header));
        }
    }
    if endpoint.auth_required {
        if let Some(scheme) = samples::auth_scheme(api) {
            let name = scheme.method.header();
            if seen.header(name).is_none_or(str::is_empty) {
                problems.push(format!("spec: credential header `{name}` missing"));
            }
        }
    }
    problems
}

fn find<'a>(apis: &'a [Api], sample: &Sample) -> (&'a Api, &'a Endpoint, Option<&'a Example>) {
    let api = apis.iter().find(|a| a.name == sample.api).expect("API of a sample");
    let endpoint = api.endpoints.iter().find(|e| e.name == sample.endpoint).expect("endpoint of a sample");
    let example = sample.example.map(|name| endpoint.examples.iter().find(|e| e.name == name).expect("example"));
    (api, endpoint, example)
}

#[test]
fn every_rust_sample_compiles_runs_and_sends_what_its_curl_sample_sends() {
    let apis = apis();
    let mut failures = Vec::new();
    let mut ran = 0;
    // Coverage: a sample for every example of every endpoint, and one from the required arguments alone.
    for api in &apis {
        for endpoint in &api.endpoints {
            let names: Vec<Option<&str>> =
                std::iter::once(None).chain(endpoint.examples.iter().map(|e| Some(e.name.as_str()))).collect();
            for name in names {
                let found =
                    SAMPLES.iter().any(|s| s.api == api.name && s.endpoint == endpoint.name && s.example == name);
                assert!(
                    found,
                    "no compiled sample for {}/{}/{name:?}; rebuild to rerun build.rs",
                    api.name, endpoint.name
                );
            }
        }
        let client = CLIENT_SAMPLES.iter().find(|(name, _)| *name == api.name).map(|(_, source)| *source);
        assert_eq!(
            client,
            Some(samples::rust_client(api, codegen_tests::CRATE_PATH).as_str()),
            "client sample of {}",
            api.name
        );
    }
    for sample in SAMPLES {
        let (api, endpoint, example) = find(&apis, sample);
        let label = format!("{}/{}/{}", sample.api, sample.endpoint, sample.example.unwrap_or("(required arguments)"));
        assert_eq!(
            sample.source,
            samples::rust(api, endpoint, example, codegen_tests::CRATE_PATH),
            "{label}: the compiled sample is stale; rebuild"
        );
        // The required-arguments sample is answered like the first successful example.
        let answer = example.or_else(|| endpoint.examples.iter().find(|e| e.error.is_none()));
        let Some(answer) = answer.filter(|e| e.response.is_some()) else { continue };
        let transport = Arc::new(RecordingTransport::new());
        let (token, responses) = answers(api, endpoint, answer);
        for response in responses {
            transport.push_response(response);
        }
        if let Err(error) = (sample.run)(transport.clone()) {
            failures.push(format!("{label}: the sample failed: {error}"));
        }
        ran += 1;
        let mut requests: Vec<Seen> = transport
            .requests()
            .iter()
            .map(|request| Seen {
                method: request.method.as_str().to_owned(),
                target: request.url.strip_prefix(BASE_URL).unwrap_or(&request.url).to_owned(),
                headers: request.headers.iter().map(|(n, v)| (n.clone(), v.as_str().to_owned())).collect(),
                body: request.body.clone(),
            })
            .collect();
        if let Some(path) = token {
            if let Some(problem) = token_request_problem(requests.first(), &path) {
                failures.push(format!("{label}: {problem}"));
                continue;
            }
            requests.remove(0);
        }
        let [seen] = &requests[..] else {
            failures.push(format!("{label}: sent {} requests", requests.len()));
            continue;
        };
        let wire = samples::wire_request(api, endpoint, example, BASE_URL);
        let generated = generated_key(endpoint, example);
        for problem in compare_with_wire(seen, &wire, BASE_URL, false, generated.as_deref()) {
            failures.push(format!("{label}: the client and the curl sample differ: {problem}"));
        }
        if let Some(example) = example {
            for problem in compare_with_spec(seen, api, endpoint, example) {
                failures.push(format!("{label}: {problem}"));
            }
        }
    }
    println!(
        "docs_samples[rust]: {} samples compiled, {ran} run against the recording transport, {} client samples compiled",
        SAMPLES.len(),
        CLIENT_SAMPLES.len()
    );
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

/// Accepts one connection on 127.0.0.1, reads one HTTP/1.1 request, answers with `response` and reports the request.
/// Every sample of an example again, with the generated client over real HTTP to a server on 127.0.0.1 that answers
/// with the example's response (after the OAuth2 token, for an API that fetches one): the request that crosses the
/// wire is the one the spec describes, byte for byte, and the answer decodes into the documented success or error.
#[test]
fn every_example_crosses_real_http() {
    let apis = apis();
    let mut failures = Vec::new();
    let mut ran = 0;
    for sample in SAMPLES {
        let (api, endpoint, example) = find(&apis, sample);
        let Some(example) = example.filter(|e| e.response.is_some()) else { continue };
        let label = format!("{}/{}/{}", sample.api, sample.endpoint, example.name);
        let (token, responses) = answers(api, endpoint, example);
        let expected = responses.len();
        let (base, receiver) = scripted_server(responses);
        if let Err(error) = (sample.run_http)(&base) {
            failures.push(format!("{label}: the sample failed over HTTP: {error}"));
        }
        ran += 1;
        let mut seen: Vec<Seen> = Vec::new();
        for _ in 0..expected {
            match receiver.recv_timeout(Duration::from_secs(10)) {
                Ok(Ok(request)) => seen.push(request),
                Ok(Err(why)) => failures.push(format!("{label}: the server could not read a request: {why}")),
                Err(_) => failures.push(format!("{label}: the server saw {} of {expected} requests", seen.len())),
            }
        }
        if seen.len() != expected {
            continue;
        }
        if let Some(path) = token {
            if let Some(problem) = token_request_problem(seen.first(), &path) {
                failures.push(format!("{label}: over HTTP: {problem}"));
            }
            seen.remove(0);
        }
        let wire = samples::wire_request(api, endpoint, Some(example), &base);
        let generated = generated_key(endpoint, Some(example));
        for problem in compare_with_wire(&seen[0], &wire, &base, false, generated.as_deref()) {
            failures.push(format!("{label}: over HTTP: {problem}"));
        }
        for problem in compare_with_spec(&seen[0], api, endpoint, example) {
            failures.push(format!("{label}: over HTTP: {problem}"));
        }
    }
    println!("docs_samples[http]: {ran} examples sent over HTTP to 127.0.0.1 and compared");
    assert!(ran > 0, "no example ran");
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

fn one_shot_server(response: HttpResponse) -> (String, mpsc::Receiver<Result<Seen, String>>) {
    scripted_server(vec![response])
}

/// A server on 127.0.0.1 that answers one request per connection (`Connection: close`) with `responses` in turn, and
/// sends what each request was on the channel.
fn scripted_server(responses: Vec<HttpResponse>) -> (String, mpsc::Receiver<Result<Seen, String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for response in responses {
            let result = answer_one(&listener, &response);
            let _ = sender.send(result);
        }
    });
    (base, receiver)
}

/// Reads one request from the next connection of `listener` and answers it with `response`.
fn answer_one(listener: &TcpListener, response: &HttpResponse) -> Result<Seen, String> {
    let (stream, _) = listener.accept().map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(20))).map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|e| e.to_string())?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let target = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|e| e.to_string())?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':').ok_or("malformed header")?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut seen = Seen { method, target, headers, body: None };
    let mut writer = stream;
    if seen.header("Expect").is_some_and(|e| e.eq_ignore_ascii_case("100-continue")) {
        writer.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").map_err(|e| e.to_string())?;
    }
    if let Some(length) = seen.header("Content-Length") {
        let length: usize = length.parse().map_err(|_| "bad Content-Length")?;
        let mut body = vec![0; length];
        reader.read_exact(&mut body).map_err(|e| e.to_string())?;
        seen.body = Some(body);
    }
    let mut head = format!(
        "HTTP/1.1 {} Sample\r\nContent-Length: {}\r\nConnection: close\r\n",
        response.status,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    writer.write_all(head.as_bytes()).map_err(|e| e.to_string())?;
    writer.write_all(&response.body).map_err(|e| e.to_string())?;
    writer.flush().map_err(|e| e.to_string())?;
    Ok(seen)
}

/// Runs a shell command, killing it after `limit`. Returns its exit status, stdout and stderr.
fn run_shell(command: &str, limit: Duration) -> Result<(std::process::ExitStatus, String, String), String> {
    let mut child = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .env(samples::SECRET_VARIABLE, SECRET_VALUE)
        .env("API_USER", SECRET_VALUE)
        .env("API_PASSWORD", SECRET_VALUE)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run sh: {e}"))?;
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let mut out = String::new();
            let mut err = String::new();
            child.stdout.take().map(|mut s| s.read_to_string(&mut out));
            child.stderr.take().map(|mut s| s.read_to_string(&mut err));
            return Ok((status, out, err));
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {limit:?}"));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn every_curl_sample_runs_against_a_local_server() {
    let curl_version = std::process::Command::new("curl").arg("--version").output();
    assert!(
        curl_version.is_ok_and(|o| o.status.success()),
        "curl is needed to run the curl samples of the docs (apt-get install curl)"
    );
    let apis = apis();
    let mut failures = Vec::new();
    let mut ran = 0;
    for api in &apis {
        for endpoint in &api.endpoints {
            let synthesized = samples::synthesized_example(api, endpoint);
            let examples: Vec<&Example> =
                if endpoint.examples.is_empty() { vec![&synthesized] } else { endpoint.examples.iter().collect() };
            for example in examples {
                let label = format!("{}/{}/{}", api.name, endpoint.name, example.name);
                let response = response_of(example);
                let expected_stdout = String::from_utf8_lossy(&response.body).into_owned();
                let (base, receiver) = one_shot_server(response);
                let command = samples::curl(api, endpoint, example, &base);
                ran += 1;
                let (status, stdout, stderr) = match run_shell(&command, Duration::from_secs(30)) {
                    Ok(outcome) => outcome,
                    Err(why) => {
                        failures.push(format!("{label}: {why}\n{command}"));
                        continue;
                    }
                };
                if !status.success() {
                    failures.push(format!("{label}: curl exited with {status}: {stderr}\n{command}"));
                    continue;
                }
                if stdout != expected_stdout {
                    failures.push(format!("{label}: curl printed {stdout:?}, the server sent {expected_stdout:?}"));
                }
                let seen = match receiver.recv_timeout(Duration::from_secs(10)) {
                    Ok(Ok(seen)) => seen,
                    Ok(Err(why)) => {
                        failures.push(format!("{label}: the server could not read the request: {why}"));
                        continue;
                    }
                    Err(_) => {
                        failures.push(format!("{label}: the server saw no request"));
                        continue;
                    }
                };
                let wire = samples::wire_request(api, endpoint, Some(example), &base);
                // curl sends the body as written (pretty-printed); the order of fields must still be the client's.
                let generated = generated_key(endpoint, Some(example));
                for problem in compare_with_wire(&seen, &wire, &base, true, generated.as_deref()) {
                    failures.push(format!("{label}: {problem}"));
                }
                for problem in compare_with_spec(&seen, api, endpoint, example) {
                    failures.push(format!("{label}: {problem}"));
                }
            }
        }
    }
    println!("docs_samples[curl]: {ran} curl samples run against a local server");
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}
