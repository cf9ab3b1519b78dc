//! The guarantee: a spec that `check` accepts generates a client that compiles and sends exactly what the spec says.
//!
//! Random specs (proptest strategies in `strategies.rs`, covering every construct of spec/README.md and names chosen
//! to collide with Rust keywords, std names and the generator's own items) go through `check`. Every accepted spec
//! is generated, and all of them are compiled together under `#![deny(warnings, missing_docs)]` (`batch.rs`). Then
//! every endpoint sends a random valid request (`values.rs`) through a recording transport, and what was recorded
//! (method, path, query, headers, body) must equal what the test's own model (`wire.rs`) derives from the spec.
//!
//! Environment:
//! - `GUARANTEE_SEED`: the run's seed (a number, or `random`); printed by every run.
//! - `GUARANTEE_SPECS`: how many specs (default 240). A long run: `GUARANTEE_SPECS=3000 GUARANTEE_SEED=random
//!   cargo test -p codegen-tests --test guarantee -- --nocapture`.
//! - `GUARANTEE_ONLY`: rerun one spec of a seed by its index (`g0042` is index 42).
//!
//! The specs of the last run are written to `<target>/tmp/guarantee/specs/` for reading and for `codegen check`.

mod batch;
mod spec;
mod strategies;
mod values;
mod wire;
mod yaml;

use batch::{Run, Unit};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;
use spec::BodyEncoding;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The seed of a run that does not choose one: CI runs the same specs every time, so a red run is reproducible.
const DEFAULT_SEED: u64 = 0x2026_1202;
const DEFAULT_SPECS: usize = 240;
/// Specs per batch crate: small enough that the two cores compile batches side by side and that a long run does not
/// make one huge crate.
const SPECS_PER_BATCH: usize = 60;

struct Settings {
    seed: u64,
    count: usize,
    only: Option<usize>,
}

fn settings() -> Settings {
    let seed = match std::env::var("GUARANTEE_SEED").ok().as_deref() {
        None | Some("") => DEFAULT_SEED,
        Some("random") => fastrand::u64(..),
        Some(text) => text.parse().expect("GUARANTEE_SEED is a number or `random`"),
    };
    let count = std::env::var("GUARANTEE_SPECS").ok().map_or(DEFAULT_SPECS, |t| t.parse().expect("GUARANTEE_SPECS"));
    let only = std::env::var("GUARANTEE_ONLY").ok().map(|t| t.trim_start_matches('g').parse().expect("GUARANTEE_ONLY"));
    Settings { seed, count, only }
}

/// The seed of spec `index` of a run: the same spec whatever else the run holds.
fn spec_seed(seed: u64, index: usize) -> [u8; 32] {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&(index as u64).to_le_bytes());
    bytes[16..24].copy_from_slice(b"guarante");
    bytes
}

/// A spec built and its requests chosen.
struct Drawn {
    spec: spec::Spec,
    requests: Vec<Option<values::Request>>,
    /// The success response each endpoint's call gets.
    answers: Vec<Option<values::Answer>>,
    yaml: String,
}

fn draw(seed: u64, index: usize) -> Drawn {
    let name = format!("g{index:04}");
    let mut runner =
        TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &spec_seed(seed, index)));
    let mut spec = strategies::spec(name).new_tree(&mut runner).expect("a spec strategy never rejects").current();
    let value_seed = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    decorate(&mut spec, value_seed);
    let mut values = values::Values::new(&spec, value_seed);
    let requests: Vec<Option<values::Request>> = spec.endpoints.iter().map(|e| values.request(e)).collect();
    let answers: Vec<Option<values::Answer>> = spec.endpoints.iter().map(|e| values.answer(e)).collect();
    // An endpoint the model could make no request for has no example (an empty one would leave arguments out).
    let examples: Vec<Option<Value>> =
        requests.iter().map(|r| r.as_ref().map(|r| Value::Object(r.arguments.clone()))).collect();
    let yaml = yaml::render(&spec, &examples);
    Drawn { spec, requests, answers, yaml }
}

/// Prints a line of the run's figures where the test harness does not capture it (straight to stderr), so that every
/// run, CI's included, shows its seed and figures.
fn report(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Adds what needs valid values to write: defaults, examples and aliases of fields and arguments, and a lookup for
/// some creating calls. None of it changes what a request sends.
fn decorate(spec: &mut spec::Spec, seed: u64) {
    let snapshot = spec.clone();
    let mut values = values::Values::new(&snapshot, !seed);
    let extras = |field: &mut spec::Field, values: &mut values::Values, taken: &[String], aliases: bool| {
        if !field.required && values.one_in(8) {
            field.extras.default = values.for_field(field);
        }
        if values.one_in(6) {
            field.extras.example = values.for_field(field);
        }
        let alias = format!("{}_old", field.wire);
        if aliases && values.one_in(10) && !taken.contains(&alias) {
            field.extras.aliases.push(alias);
        }
    };
    for ty in &mut spec.types {
        if let spec::Kind::Object { fields, .. } = &mut ty.kind {
            let taken: Vec<String> = fields.iter().map(|f| f.wire.clone()).collect();
            for field in fields.iter_mut() {
                extras(field, &mut values, &taken, true);
            }
        }
    }
    for endpoint in &mut spec.endpoints {
        for argument in &mut endpoint.arguments {
            extras(argument, &mut values, &[], false);
        }
    }
    for index in 0..spec.endpoints.len() {
        if spec.endpoints[index].idempotency.is_none() || !values.one_in(2) {
            continue;
        }
        let lookup = snapshot
            .endpoints
            .iter()
            .enumerate()
            .filter(|(other, _)| *other != index)
            .find_map(|(_, e)| lookup_through(&snapshot, e, &mut values));
        if let Some(idempotency) = &mut spec.endpoints[index].idempotency {
            idempotency.lookup = lookup;
        }
    }
}

/// A lookup through `endpoint` when it can find a call's result by reference: a read that returns a list, with an
/// argument outside its groups that takes text, and a value for every other required argument.
fn lookup_through(spec: &spec::Spec, endpoint: &spec::Endpoint, values: &mut values::Values) -> Option<spec::Lookup> {
    use spec::{Loc, Pagination, Prim, Ty};
    let read = endpoint.method == spec::Method::Get || endpoint.pagination.is_some();
    let lists = matches!(endpoint.response.ty, Ty::Array(_))
        || matches!(
            endpoint.pagination,
            Some(
                Pagination::LimitOffset { items: Some(_), .. }
                    | Pagination::OffsetToken { .. }
                    | Pagination::CursorBody { .. }
                    | Pagination::LastItem { .. }
                    | Pagination::PageNumber { .. }
                    | Pagination::NextLink { items: Some(_), .. }
            )
        );
    let groups_optional =
        endpoint.groups.iter().all(|g| g.alternatives.iter().any(|a| a.arguments.is_empty() && a.optional.is_empty()));
    if !read || !lists || !groups_optional || endpoint.arguments.iter().any(|a| a.location == Loc::Path) {
        return None;
    }
    let grouped =
        |name: &str| {
            endpoint.groups.iter().flat_map(|g| &g.alternatives).any(|a| {
                a.arguments.iter().chain(&a.optional).any(|n| n == name) || a.sets.iter().any(|(n, _)| n == name)
            })
        };
    let text = |ty: &Ty| {
        matches!(ty, Ty::Prim(Prim::String)) || matches!(ty, Ty::Array(item) if **item == Ty::Prim(Prim::String))
    };
    let argument = endpoint.arguments.iter().find(|a| !grouped(&a.wire) && text(&a.ty) && a.encoding.is_none())?;
    let mut with = Vec::new();
    for other in endpoint.arguments.iter().filter(|a| a.required && a.wire != argument.wire && !grouped(&a.wire)) {
        with.push((other.wire.clone(), values.for_field(other)?));
    }
    let _ = spec;
    Some(spec::Lookup { endpoint: endpoint.name.clone(), argument: argument.wire.clone(), with })
}

/// How the auth the harness uses is built, with `$API` standing for the API module's path.
fn auth_expression(spec: &spec::Spec) -> String {
    match spec.auth.first() {
        None => "$API::Auth".to_owned(),
        Some(scheme) => {
            let variant = codegen::naming::camel(&scheme.name);
            match scheme.kind {
                spec::AuthKind::Basic => format!(
                    "$API::Auth::{variant} {{ username: {:?}.to_owned(), password: codegen_runtime::Secret::new({:?}) }}",
                    wire::USER,
                    wire::PASSWORD
                ),
                spec::AuthKind::OAuth2(_) => format!(
                    "$API::Auth::{variant} {{ client_id: {:?}.to_owned(), client_secret: codegen_runtime::Secret::new({:?}) }}",
                    wire::USER,
                    wire::PASSWORD
                ),
                _ => format!("$API::Auth::{variant}(codegen_runtime::Secret::new({:?}))", wire::TOKEN),
            }
        }
    }
}

#[derive(Default)]
struct Figures {
    generated: usize,
    accepted: usize,
    rejected: BTreeMap<&'static str, usize>,
    compiled: usize,
    endpoints: usize,
    compared: usize,
    failures: Vec<String>,
}

#[test]
fn accepted_specs_compile_and_send_what_they_say() {
    let settings = settings();
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("guarantee");
    let spec_dir = root.join("specs");
    let _ = std::fs::remove_dir_all(&spec_dir);
    std::fs::create_dir_all(&spec_dir).expect("spec folder");
    let rerun = format!("GUARANTEE_SEED={} cargo test -p codegen-tests --test guarantee -- --nocapture", settings.seed);
    let started = std::time::Instant::now();
    report(&format!("guarantee: seed {} ({} specs); rerun with `{rerun}`", settings.seed, settings.count));

    let mut figures = Figures::default();
    let mut drawn = BTreeMap::new();
    let mut units = Vec::new();
    let indices: Vec<usize> = match settings.only {
        Some(index) => vec![index],
        None => (0..settings.count).collect(),
    };
    for index in indices {
        let d = draw(settings.seed, index);
        figures.generated += 1;
        let file = spec_dir.join(format!("{}.yaml", d.spec.name));
        std::fs::write(&file, &d.yaml).expect("write spec");
        let workspace = codegen::Workspace::from_source(&file.display().to_string(), &d.yaml);
        if !workspace.is_ok() {
            for diagnostic in &workspace.diagnostics {
                *figures.rejected.entry(diagnostic.code).or_default() += 1;
            }
            if settings.only.is_some() {
                println!("{}", workspace.render());
            }
            continue;
        }
        figures.accepted += 1;
        let api = &workspace.apis[0];
        let api_path = format!("crate::{0}::{0}", api.name);
        let mut runs = Vec::new();
        for ((endpoint, request), answer) in api.endpoints.iter().zip(&d.requests).zip(&d.answers) {
            let (Some(_), Some(answer)) = (request, answer) else { continue };
            let example = endpoint.examples.iter().find(|e| e.name == "guarantee");
            let modelled = d.spec.endpoints.iter().find(|e| e.name == endpoint.name);
            runs.push(Run {
                token: modelled.and_then(|e| wire::token_request(&d.spec, e)).is_some(),
                endpoint: endpoint.name.clone(),
                sample: codegen::samples::rust_in(api, endpoint, example, &api_path, "::codegen_runtime"),
                answer: (answer.status, answer.headers.clone(), answer.body.to_string()),
            });
        }
        units.push(Unit {
            name: api.name.clone(),
            client: codegen::emit::render(api),
            auth: auth_expression(&d.spec),
            runs,
        });
        drawn.insert(d.spec.name.clone(), d);
    }

    println!(
        "guarantee: {} specs generated, {} accepted; compiling {} clients",
        figures.generated,
        figures.accepted,
        units.len()
    );
    let batches = units.len().div_ceil(SPECS_PER_BATCH).max(2).min(units.len().max(1));
    let compile_failures = compile(&root, &mut units, batches);
    figures.compiled = units.len();

    for index in 0..batches {
        let output = batch::run(&root, index).unwrap_or_else(|e| panic!("{e}"));
        for line in output.lines().filter_map(|l| l.strip_prefix(batch::RESULT_TAG)) {
            let seen: Value = serde_json::from_str(line).expect("a batch prints its results as JSON");
            figures.endpoints += 1;
            compare(&drawn, &seen, &mut figures);
        }
    }
    report(&format!(
        "guarantee: seed {}: {} specs generated, {} accepted, {} compiled ({} did not), {} endpoints run, {} requests compared, {} failures ({} s)",
        settings.seed,
        figures.generated,
        figures.accepted,
        figures.compiled,
        compile_failures.len(),
        figures.endpoints,
        figures.compared,
        figures.failures.len(),
        started.elapsed().as_secs()
    ));
    report(&format!("guarantee: rejected specs by diagnostic: {:?}", figures.rejected));
    let mut report = String::new();
    if !compile_failures.is_empty() {
        report.push_str(&format!(
            "{} accepted specs whose client does not compile (compiler output in {}):\n{}\n\n",
            compile_failures.len(),
            root.join("build.log").display(),
            compile_failures.iter().take(15).cloned().collect::<Vec<_>>().join("\n\n")
        ));
    }
    if !figures.failures.is_empty() {
        report.push_str(&format!(
            "{} endpoints sent something other than the spec says:\n{}\n\n",
            figures.failures.len(),
            figures.failures.iter().take(15).cloned().collect::<Vec<_>>().join("\n\n")
        ));
    }
    assert!(
        report.is_empty(),
        "{report}specs in {}; rerun one with `GUARANTEE_ONLY=<index> {rerun}`",
        spec_dir.display()
    );
}

/// Builds the batches; a unit that does not compile is reported (with its first errors) and left out, and the rest
/// are built again, so one run shows every spec that fails and still compares what the others send.
fn compile(root: &std::path::Path, units: &mut Vec<Unit>, batches: usize) -> Vec<String> {
    let mut failures = Vec::new();
    let mut log = String::new();
    let _ = std::fs::remove_dir_all(root.join("failed"));
    loop {
        batch::write(root, units, batches).expect("write the batch crates");
        let Err(failure) = batch::build(root) else { break };
        log.push_str(&failure.output);
        let _ = std::fs::write(root.join("build.log"), &log);
        let mut broken = Vec::new();
        for unit in units.iter() {
            let file = format!("/{}.rs:", unit.name);
            let errors: Vec<&str> =
                failure.output.lines().filter(|l| l.contains(&file) && l.contains("error")).take(6).collect();
            if !errors.is_empty() {
                failures.push(format!("{}:\n  {}", unit.name, errors.join("\n  ")));
                broken.push(unit.name.clone());
            }
        }
        // Kept for reading: the next attempt rewrites the batch folders without them.
        let kept = root.join("failed");
        let _ = std::fs::create_dir_all(&kept);
        for batch in 0..batches {
            for name in &broken {
                let file = root.join(format!("batch{batch}/src/{name}.rs"));
                if file.exists() {
                    let _ = std::fs::copy(&file, kept.join(format!("batch{batch}-{name}.rs")));
                }
            }
        }
        assert!(!broken.is_empty(), "the batch crates do not build, for no spec's fault:\n{}", failure.output);
        units.retain(|u| !broken.contains(&u.name));
    }
    failures
}

/// Compares what one endpoint sent with what the model expects, recording a failure for any difference.
fn compare(drawn: &BTreeMap<String, Drawn>, seen: &Value, figures: &mut Figures) {
    let api = seen["api"].as_str().unwrap_or_default();
    let endpoint_name = seen["endpoint"].as_str().unwrap_or_default();
    let Some(d) = drawn.get(api) else { return };
    let Some((endpoint, Some(request))) =
        d.spec.endpoints.iter().zip(&d.requests).find(|(e, _)| e.name == endpoint_name)
    else {
        return;
    };
    let answered = !seen["outcome"].is_null();
    let expected = wire::expected(&d.spec, endpoint, request);
    let fail = |why: String| format!("{api}.{endpoint_name} with {}: {why}", Value::Object(request.arguments.clone()));
    let mut requests = seen["requests"].as_array().cloned().unwrap_or_default();
    // An OAuth2 client first fetches its token: the ID and secret as Basic, `grant_type=client_credentials`.
    if let Some((path, authorization, body)) = wire::token_request(&d.spec, endpoint) {
        if requests.is_empty() {
            figures.failures.push(fail(format!("no token was fetched: {}", seen["outcome"])));
            return;
        }
        let token = requests.remove(0);
        let url = format!("{}{path}", batch::BASE_URL);
        let authorizations: Vec<&str> = token["headers"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|h| h[0].as_str().is_some_and(|n| n.eq_ignore_ascii_case("authorization")))
            .filter_map(|h| h[1].as_str())
            .collect();
        if token["method"] != "POST" || token["url"] != url.as_str() || authorizations != [authorization.as_str()] {
            figures
                .failures
                .push(fail(format!("the token request is not `POST {url}` with the client's ID and secret: {token}")));
            return;
        }
        if token["body"] != body.as_str() {
            figures.failures.push(fail(format!("the token request's body is {} instead of {body:?}", token["body"])));
            return;
        }
    }
    let Some(sent) = requests.first() else {
        figures.failures.push(fail(format!("nothing was sent: {}", seen["outcome"])));
        return;
    };
    figures.compared += 1;
    let actual = observed(sent);
    let mut problems = Vec::new();
    if actual.method != expected.method {
        problems.push(format!("method {} instead of {}", actual.method, expected.method));
    }
    if actual.segments != expected.segments {
        problems.push(format!("path {:?} instead of {:?}", actual.segments, expected.segments));
    }
    let mut expected_query = expected.query.clone();
    let mut actual_query = actual.query.clone();
    expected_query.sort_by(|a, b| a.0.cmp(&b.0));
    actual_query.sort_by(|a, b| a.0.cmp(&b.0));
    if actual_query != expected_query {
        problems.push(format!("query {actual_query:?} instead of {expected_query:?}"));
    }
    let mut actual_headers = actual.headers.clone();
    for (name, value) in &mut actual_headers {
        if expected.headers.contains(&(name.clone(), wire::GENERATED.to_owned())) && codegen_tests::is_uuid_v4(value) {
            *value = wire::GENERATED.to_owned();
        }
    }
    actual_headers.sort();
    if actual_headers != expected.headers {
        problems.push(format!("headers {:?} instead of {:?}", actual.headers, expected.headers));
    }
    match expected.body_encoding {
        BodyEncoding::Json => {
            match (actual.json_body().map(|body| mark_generated_json(body, &expected.body)), &expected.body) {
                (Some(actual_body), Some(expected_body)) if canonical(&actual_body) == canonical(expected_body) => {}
                (None, None) => {}
                (actual_body, expected_body) => {
                    problems.push(format!("body {actual_body:?} instead of {expected_body:?}"))
                }
            }
        }
        BodyEncoding::Form => {
            let mut expected_pairs = Vec::new();
            if let Some(body) = &expected.body {
                wire::form_pairs("", body, &mut expected_pairs);
            }
            let mut actual_pairs = actual.form_body();
            if let Some(pairs) = &mut actual_pairs {
                for (key, value) in pairs.iter_mut() {
                    if expected_pairs.contains(&(key.clone(), wire::GENERATED.to_owned()))
                        && codegen_tests::is_uuid_v4(value)
                    {
                        *value = wire::GENERATED.to_owned();
                    }
                }
            }
            expected_pairs.sort();
            if let Some(pairs) = &mut actual_pairs {
                pairs.sort();
            }
            if actual_pairs != expected.body.as_ref().map(|_| expected_pairs.clone()) {
                problems.push(format!("form body {actual_pairs:?} instead of {expected_pairs:?}"));
            }
        }
    }
    let content_type = expected.body_encoding.content_type();
    if actual.body.is_some() && actual.content_type.as_deref() != Some(content_type) {
        problems.push(format!("Content-Type {:?} with a {content_type} body", actual.content_type));
    }
    // The transport answered with a valid success response, so the call must have succeeded.
    if answered {
        problems.push(format!("a valid success response was not accepted: {}", seen["outcome"]));
    }
    if !problems.is_empty() {
        figures.failures.push(fail(problems.join("; ")));
    }
}

struct Observed {
    method: String,
    segments: Vec<String>,
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    content_type: Option<String>,
    /// The body as sent.
    body: Option<String>,
}

/// `body` with each top-level field the model expects a generated key in, and that holds a UUID, marked as such.
fn mark_generated_json(mut body: Value, expected: &Option<Value>) -> Value {
    let (Value::Object(actual), Some(Value::Object(expected))) = (&mut body, expected) else { return body };
    for (key, value) in actual.iter_mut() {
        let generated = expected.get(key).and_then(Value::as_str) == Some(wire::GENERATED);
        if generated && value.as_str().is_some_and(codegen_tests::is_uuid_v4) {
            *value = Value::from(wire::GENERATED);
        }
    }
    body
}

impl Observed {
    fn json_body(&self) -> Option<Value> {
        self.body
            .as_deref()
            .map(|text| serde_json::from_str(text).unwrap_or_else(|_| Value::from(format!("<not JSON> {text}"))))
    }

    fn form_body(&self) -> Option<Vec<(String, String)>> {
        self.body.as_deref().map(|text| form_urlencoded::parse(text.as_bytes()).into_owned().collect())
    }
}

/// A recorded request in the model's terms: decoded path segments and query pairs, the headers the spec accounts
/// for (everything but what any HTTP client adds), and the parsed body.
fn observed(sent: &Value) -> Observed {
    let url = sent["url"].as_str().unwrap_or_default();
    let rest = url.strip_prefix(batch::BASE_URL).unwrap_or(url);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let segments = path.trim_start_matches('/').split('/').map(percent_decode).collect();
    let query = form_urlencoded::parse(query.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let mut headers = Vec::new();
    let mut content_type = None;
    for pair in sent["headers"].as_array().into_iter().flatten() {
        let name = pair[0].as_str().unwrap_or_default().to_ascii_lowercase();
        let value = pair[1].as_str().unwrap_or_default().to_owned();
        match name.as_str() {
            "content-type" => content_type = Some(value),
            "accept" | "user-agent" | "content-length" => {}
            _ => headers.push((name, value)),
        }
    }
    headers.sort();
    let body = sent["body"].as_str().map(str::to_owned);
    Observed {
        method: sent["method"].as_str().unwrap_or_default().to_owned(),
        segments,
        query,
        headers,
        content_type,
        body,
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16) {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// JSON with numbers written canonically (`1.50` and `1.5` are the same number), for comparison.
fn canonical(value: &Value) -> Value {
    match value {
        Value::Number(n) => {
            let text = n.to_string();
            let text = if text.contains('.') && !text.contains(['e', 'E']) {
                text.trim_end_matches('0').trim_end_matches('.').to_owned()
            } else {
                text
            };
            Value::String(format!("number:{}", if text == "-0" { "0" } else { &text }))
        }
        Value::Array(items) => Value::Array(items.iter().map(canonical).collect()),
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), canonical(v))).collect()),
        other => other.clone(),
    }
}

/// The comparison itself must be able to fail: a request that differs from the model in any part is reported.
#[test]
fn the_comparison_reports_every_difference() {
    let d = draw(DEFAULT_SEED, 7);
    let (endpoint, request) = d
        .spec
        .endpoints
        .iter()
        .zip(&d.requests)
        .find_map(|(e, r)| r.as_ref().map(|r| (e, r)))
        .expect("an exercised endpoint");
    let expected = wire::expected(&d.spec, endpoint, request);
    let path: String = expected
        .segments
        .iter()
        .map(|s| format!("/{}", s.replace('%', "%25").replace('/', "%2F").replace('?', "%3F").replace('#', "%23")))
        .collect();
    let query: String = form_urlencoded::Serializer::new(String::new()).extend_pairs(&expected.query).finish();
    let url = format!("{}{path}{}{query}", batch::BASE_URL, if query.is_empty() { "" } else { "?" });
    let mut headers: Vec<Value> = expected.headers.iter().map(|(n, v)| serde_json::json!([n, v])).collect();
    headers.push(serde_json::json!(["Content-Type", expected.body_encoding.content_type()]));
    let body = expected.body.as_ref().map(|body| match expected.body_encoding {
        BodyEncoding::Json => body.to_string(),
        BodyEncoding::Form => {
            let mut pairs = Vec::new();
            wire::form_pairs("", body, &mut pairs);
            form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish()
        }
    });
    let mut sent = vec![serde_json::json!({"method": expected.method, "url": url, "headers": headers, "body": body})];
    if let Some((path, authorization, body)) = wire::token_request(&d.spec, endpoint) {
        let url = format!("{}{path}", batch::BASE_URL);
        let headers = serde_json::json!([["Authorization", authorization]]);
        sent.insert(0, serde_json::json!({"method": "POST", "url": url, "headers": headers, "body": body}));
    }
    let first = sent.len() - 1;
    let faithful = serde_json::json!({
        "api": d.spec.name,
        "endpoint": endpoint.name,
        "outcome": null,
        "requests": sent,
    });
    let drawn = BTreeMap::from([(d.spec.name.clone(), d)]);
    let failures = |seen: &Value| {
        let mut figures = Figures::default();
        compare(&drawn, seen, &mut figures);
        figures.failures
    };
    assert_eq!(failures(&faithful), Vec::<String>::new(), "the model's own request matches");
    let tampered = [
        ("method", serde_json::json!("PATCH-ISH")),
        ("url", Value::from(format!("{url}{}extra=1", if url.contains('?') { "&" } else { "?" }))),
        ("body", Value::from("{\"smuggled\":1}")),
    ];
    for (field, value) in tampered {
        let mut seen = faithful.clone();
        let pointer = format!("/requests/{first}/{field}");
        *seen.pointer_mut(&pointer).expect("the field exists") = value;
        assert_eq!(failures(&seen).len(), 1, "a changed {pointer} is reported");
    }
    let mut seen = faithful.clone();
    seen["requests"][first]["headers"]
        .as_array_mut()
        .expect("headers")
        .push(serde_json::json!(["Authorization", "twice"]));
    assert_eq!(failures(&seen).len(), 1, "an extra header is reported");
    let mut seen = faithful;
    seen["requests"] = serde_json::json!([]);
    assert_eq!(failures(&seen).len(), 1, "nothing sent is reported");
}
