//! Compiles the clients of accepted specs together and runs them.
//!
//! Every accepted spec becomes one module file of a batch crate: its generated client, plus for each exercised
//! endpoint the Rust sample `codegen::samples` writes for the chosen arguments and a `run` function that sends it
//! through a `RecordingTransport`. Batch crates are members of one Cargo workspace under the test's temporary
//! folder, with a target folder of their own, so one `cargo build` compiles them in parallel and the dependencies
//! are compiled once. Each crate denies every warning and every missing doc. The binaries print one JSON line per
//! endpoint: what crossed the transport, or why nothing did.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Starts each line a batch prints about an endpoint (the samples print what they get too).
pub const RESULT_TAG: &str = "guarantee-result: ";

/// The base URL the clients are built with; nothing reaches the network.
pub const BASE_URL: &str = "https://guarantee.test";

/// One exercised endpoint of an accepted spec.
pub struct Run {
    pub endpoint: String,
    /// Whether the client fetches an OAuth2 token first (the transport answers that request before the call's).
    pub token: bool,
    /// `async fn example(client: &Client)` from `codegen::samples::rust_in`.
    pub sample: String,
    /// The success response the transport answers with: status, headers, JSON body.
    pub answer: (u16, Vec<(String, String)>, String),
}

/// One accepted spec, ready to be written.
pub struct Unit {
    /// `api.name`, also the module's file name.
    pub name: String,
    /// The generated client (`codegen::emit::render`).
    pub client: String,
    /// The expression that builds the client's `Auth`.
    pub auth: String,
    pub runs: Vec<Run>,
}

/// Writes `units` as `batches` crates under `root` (replacing what an earlier run left there).
pub fn write(root: &Path, units: &[Unit], batches: usize) -> std::io::Result<()> {
    let runtime = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/runtime").canonicalize()?;
    let lock = Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.lock");
    std::fs::create_dir_all(root)?;
    std::fs::copy(lock, root.join("Cargo.lock"))?;
    let members: Vec<String> = (0..batches).map(|b| format!("\"batch{b}\"")).collect();
    let workspace = format!(
        "# Written by tests/guarantee: the clients of random accepted specs, compiled together.\n\
         [workspace]\nresolver = \"2\"\nmembers = [{}]\n\n\
         # Built once and run once: no debug info, no incremental state.\n\
         [profile.dev]\ndebug = 0\nincremental = false\n",
        members.join(", ")
    );
    write_if_changed(&root.join("Cargo.toml"), &workspace)?;
    for batch in 0..batches {
        let dir = root.join(format!("batch{batch}"));
        let src = dir.join("src");
        if src.exists() {
            std::fs::remove_dir_all(&src)?;
        }
        std::fs::create_dir_all(&src)?;
        let manifest = format!(
            "[package]\nname = \"batch{batch}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncodegen-runtime = {{ path = {runtime:?} }}\n\
             futures = {{ version = \"0.3\", default-features = false, features = [\"executor\"] }}\n",
        );
        write_if_changed(&dir.join("Cargo.toml"), &manifest)?;
        let mine: Vec<&Unit> = units.iter().skip(batch).step_by(batches).collect();
        let mut lib = String::from(
            "//! One batch of the guarantee test's random specs: each module holds a generated client and runs it.\n\
             #![deny(warnings, missing_docs)]\n\n\
             /// Builds a client over the transport and sends one request; `Err` says why it did not succeed.\n\
             pub type Runner = fn(std::sync::Arc<codegen_runtime::testing::RecordingTransport>) -> Result<(), String>;\n\n",
        );
        let mut table = Vec::new();
        for unit in &mine {
            let _ = writeln!(lib, "pub mod {};", unit.name);
            std::fs::write(src.join(format!("{}.rs", unit.name)), module(unit))?;
            for (index, run) in unit.runs.iter().enumerate() {
                table.push(format!("    ({:?}, {:?}, {}::run_{index}::run),", unit.name, run.endpoint, unit.name));
            }
        }
        let _ = write!(
            lib,
            "\n/// Every endpoint to run: API, endpoint, runner.\npub static RUNS: &[(&str, &str, Runner)] = &[\n{}\n];\n\n\
             /// Runs every endpoint and prints, per endpoint, one JSON line with what crossed the transport.\n\
             pub fn run_all() {{\n\
             \x20   for (api, endpoint, run) in RUNS {{\n\
             \x20       let transport = std::sync::Arc::new(codegen_runtime::testing::RecordingTransport::new());\n\
             \x20       let outcome = run(transport.clone());\n\
             \x20       let requests: Vec<codegen_runtime::serde_json::Value> = transport.requests().iter().map(|r| codegen_runtime::serde_json::json!({{\n\
             \x20           \"method\": r.method.as_str(),\n\
             \x20           \"url\": r.url,\n\
             \x20           \"headers\": r.headers.iter().map(|(n, v)| vec![n.clone(), v.as_str().to_owned()]).collect::<Vec<_>>(),\n\
             \x20           \"body\": r.body.as_ref().map(|b| String::from_utf8_lossy(b).into_owned()),\n\
             \x20       }})).collect();\n\
             \x20       let line = codegen_runtime::serde_json::json!({{\"api\": api, \"endpoint\": endpoint, \"outcome\": outcome.err(), \"requests\": requests}});\n\
             \x20       println!(\"{RESULT_TAG}{{line}}\");\n\
             \x20   }}\n\
             }}\n",
            table.join("\n")
        );
        std::fs::write(src.join("lib.rs"), lib)?;
        std::fs::write(
            src.join("main.rs"),
            format!("//! Runs the batch.\nfn main() {{\n    batch{batch}::run_all();\n}}\n"),
        )?;
    }
    Ok(())
}

fn write_if_changed(path: &Path, text: &str) -> std::io::Result<()> {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// The module of one spec: the client, then one runner module per exercised endpoint.
fn module(unit: &Unit) -> String {
    let mut out = format!("//! Random spec `{}`: its generated client and runners.\n\n", unit.name);
    out.push_str(&unit.client);
    for (index, run) in unit.runs.iter().enumerate() {
        let api = format!("crate::{0}::{0}", unit.name);
        let _ = write!(
            out,
            "\n/// Sends `{endpoint}` with the test's arguments.\npub mod run_{index} {{\n{sample}\n\
             /// Builds a client over `transport` and runs the sample.\n\
             pub fn run(transport: std::sync::Arc<codegen_runtime::testing::RecordingTransport>) -> Result<(), String> {{\n\
             {token}\
             \x20   transport.push_response(codegen_runtime::HttpResponse {{\n\
             \x20       status: {status},\n\
             \x20       headers: vec![(\"Content-Type\".to_owned(), \"application/json\".to_owned()), {headers}],\n\
             \x20       body: {body:?}.as_bytes().to_vec(),\n\
             \x20   }});\n\
             \x20   let config = codegen_runtime::ClientConfig::new().transport(transport).retry_policy(codegen_runtime::RetryPolicy::none());\n\
             \x20   let client = {api}::Client::with_config({api}::Environment::Custom({BASE_URL:?}.to_owned()), {auth}, config)\n\
             \x20       .map_err(|e| e.to_string())?;\n\
             \x20   futures::executor::block_on(example(&client)).map_err(|e| e.to_string())\n\
             }}\n}}\n",
            endpoint = run.endpoint,
            sample = run.sample,
            auth = unit.auth.replace("$API", &api),
            token = if run.token { token_answer() } else { String::new() },
            status = run.answer.0,
            headers = run.answer.1.iter().map(|(n, v)| format!("({n:?}.to_owned(), {v:?}.to_owned())")).collect::<Vec<_>>().join(", "),
            body = run.answer.2,
        );
    }
    out
}

/// The statement that queues the token endpoint's answer: an access token that lives an hour.
fn token_answer() -> String {
    let body = format!(r#"{{"access_token":"{}","token_type":"Bearer","expires_in":3600}}"#, crate::wire::ACCESS_TOKEN);
    format!(
        "\x20   transport.push_response(codegen_runtime::HttpResponse {{ status: 200, headers: \
         vec![(\"Content-Type\".to_owned(), \"application/json\".to_owned())], body: {body:?}.as_bytes().to_vec() }});\n"
    )
}

/// What `cargo build` said, when it failed.
pub struct BuildFailure {
    pub output: String,
}

/// Builds every batch; the target folder is `root/target`.
pub fn build(root: &Path) -> Result<(), BuildFailure> {
    let output = cargo(root)
        .args(["build", "--offline", "--workspace", "--keep-going", "--message-format=short"])
        .output()
        .map_err(|e| BuildFailure { output: format!("cannot run cargo: {e}") })?;
    if output.status.success() {
        Ok(())
    } else {
        Err(BuildFailure { output: String::from_utf8_lossy(&output.stderr).into_owned() })
    }
}

/// Runs batch `index` and returns its stdout.
pub fn run(root: &Path, index: usize) -> Result<String, String> {
    let binary: PathBuf = root.join("target/debug").join(format!("batch{index}"));
    let output = Command::new(&binary).output().map_err(|e| format!("cannot run {}: {e}", binary.display()))?;
    if !output.status.success() {
        return Err(format!(
            "{} failed ({}): {}",
            binary.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root).env("CARGO_TARGET_DIR", root.join("target"));
    // The outer `cargo test` sets these for its own build; the batches are a build of their own.
    for variable in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "CARGO_MAKEFLAGS",
        "CARGO_BUILD_JOBS",
    ] {
        command.env_remove(variable);
    }
    command
}
