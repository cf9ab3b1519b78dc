//! The OpenAPI exports pass the real `openapi-spec-validator` (Python, from PyPI), and a YAML 1.1 reader (PyYAML's
//! `safe_load`, which the validator and most Python OpenAPI tools use) reads every YAML export exactly as the JSON
//! export: no string becomes a date, number, boolean or null.
//!
//! Both run for every spec, and again for a copy of the specs whose titles and descriptions are strings that
//! YAML 1.1 or 1.2 readers would read as something else if they were not quoted.
//!
//! The validator is found through `OPENAPI_VALIDATOR_PYTHON` (a Python that can import it; `.ci/test` installs it
//! into a venv under `target/` and sets this), else `target/openapi-validator/bin/python`, else `python3`. Without it
//! the test fails, in CI and locally alike: a skipped check would let a broken export through unnoticed.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::ir::Api;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `target/`, wherever Cargo puts it.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().map_or_else(|| root().join("target"), Path::to_path_buf)
}

/// A Python that can import `openapi_spec_validator` and `yaml`.
fn validator_python() -> PathBuf {
    let candidates: Vec<PathBuf> = std::env::var_os("OPENAPI_VALIDATOR_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([target_dir().join("openapi-validator/bin/python"), PathBuf::from("python3")])
        .collect();
    let works = |python: &PathBuf| {
        Command::new(python)
            .args(["-c", "import openapi_spec_validator, yaml"])
            .output()
            .is_ok_and(|output| output.status.success())
    };
    candidates.iter().find(|python| works(python)).cloned().unwrap_or_else(|| {
        panic!(
            "openapi-spec-validator is not installed (tried {candidates:?}). Run `bash .ci/test`, or install it:\n  \
             python3 -m venv target/openapi-validator && \
             target/openapi-validator/bin/python -m pip install openapi-spec-validator"
        )
    })
}

fn apis() -> Vec<Api> {
    let workspace = codegen::Workspace::load(&[root().join("spec")]).expect("specs are readable");
    assert!(workspace.is_ok(), "{}", workspace.render());
    workspace.apis
}

/// Strings a YAML reader would turn into something else if they were written plain.
const TRICKY: &[&str] = &[
    "2025-04-01",
    "2025-04-01T10:00:00Z",
    "12:30:00",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "n",
    "true",
    "null",
    "~",
    "0x1F",
    "0o17",
    "017",
    "1_000",
    "1e3",
    ".inf",
    "-.inf",
    ".nan",
    "3.0",
    " leading space",
    "trailing space ",
    "key: value",
    "a #comment",
    "- dash",
    "<<",
    "=",
    "!tag",
    "&anchor",
    "*alias",
    "line\nbreak\n",
];

/// The specs with their titles, descriptions and endpoint summaries replaced by [`TRICKY`] strings.
fn tricky_apis() -> Vec<Api> {
    let mut tricky = TRICKY.iter().cycle().map(|text| (*text).to_owned());
    let mut apis = apis();
    for api in &mut apis {
        api.title = tricky.next().expect("endless");
        api.doc.description = tricky.next().expect("endless");
        for endpoint in &mut api.endpoints {
            endpoint.summary = tricky.next().expect("endless");
            endpoint.doc.description = tricky.next().expect("endless");
        }
    }
    apis
}

/// Writes the JSON and YAML exports of `apis` into a fresh `name` folder; returns the file pairs.
fn write_exports(apis: &[Api], name: &str) -> Vec<(PathBuf, PathBuf)> {
    let dir = target_dir().join(format!("openapi-validator-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("export folder");
    let mut pairs = Vec::new();
    for api in apis {
        let json = dir.join(format!("{}.openapi.json", api.name));
        let yaml = dir.join(format!("{}.openapi.yaml", api.name));
        std::fs::write(&json, codegen::openapi::to_json(api)).expect("JSON written");
        std::fs::write(&yaml, codegen::openapi::to_yaml(api)).expect("YAML written");
        pairs.push((json, yaml));
    }
    pairs
}

/// Loads each YAML file with PyYAML's `safe_load` (YAML 1.1) and its JSON file with `json.load`, and prints every
/// path where they differ.
const SAME_AS_JSON: &str = r#"
import json, sys, yaml
def walk(y, j, at):
    if type(y) is not type(j):
        print(f"{at}: YAML reads {y!r:.80} but JSON has {j!r:.80}")
    elif isinstance(j, dict):
        if list(y) != list(j):
            print(f"{at}: keys differ")
        for key in j:
            walk(y.get(key), j[key], f"{at}/{key}")
    elif isinstance(j, list):
        if len(y) != len(j):
            print(f"{at}: {len(y)} items in YAML, {len(j)} in JSON")
        for i, (a, b) in enumerate(zip(y, j)):
            walk(a, b, f"{at}/{i}")
    elif y != j:
        print(f"{at}: YAML reads {y!r:.80} but JSON has {j!r:.80}")
for json_path, yaml_path in zip(sys.argv[1::2], sys.argv[2::2]):
    with open(json_path) as j, open(yaml_path) as y:
        walk(yaml.safe_load(y), json.load(j), yaml_path)
"#;

fn check(pairs: &[(PathBuf, PathBuf)]) {
    let python = validator_python();
    let files: Vec<&PathBuf> = pairs.iter().flat_map(|(json, yaml)| [json, yaml]).collect();
    let validated =
        Command::new(&python).args(["-m", "openapi_spec_validator"]).args(&files).output().expect("the validator runs");
    let report = String::from_utf8_lossy(&validated.stdout).into_owned() + &String::from_utf8_lossy(&validated.stderr);
    println!("{report}");
    assert!(validated.status.success(), "openapi-spec-validator refused an export:\n{report}");
    assert_eq!(report.matches(": OK").count(), files.len(), "one OK per file:\n{report}");

    let compared =
        Command::new(&python).args(["-c", SAME_AS_JSON]).args(&files).output().expect("the YAML 1.1 comparison runs");
    let differences = String::from_utf8_lossy(&compared.stdout);
    assert!(compared.status.success(), "{}", String::from_utf8_lossy(&compared.stderr));
    assert!(differences.trim().is_empty(), "a YAML 1.1 reader reads the YAML export differently:\n{differences}");
}

#[test]
fn openapi_spec_validator_accepts_every_export() {
    check(&write_exports(&apis(), "specs"));
}

#[test]
fn yaml_1_1_reads_tricky_strings_as_the_json_says() {
    check(&write_exports(&tricky_apis(), "tricky"));
}
