//! Diagnostic goldens: each `tests/diagnostics/<code>[@variant].yaml` is a spec with exactly one kind of problem, and
//! `<same name>.stderr` is what `codegen check` prints for it.
//!
//! A problem across specs has a folder instead, `tests/diagnostics/<code>[@variant]/`, whose `*.yaml` files are read as
//! one workspace; its golden is `<same name>.stderr` beside the folder.
//!
//! A changed rendering fails the test; it is accepted only by running with `UPDATE_GOLDENS=1`, never silently.

use codegen::Workspace;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("diagnostics");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/diagnostics exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml") || p.is_dir())
        .collect();
    cases.sort();
    cases
}

/// A case read as a workspace: its file, or every `*.yaml` file of its folder in name order, each under the name
/// `check` would print for it. Bytes, not text: a case may be about a file that is not UTF-8.
fn load(case: &Path) -> Workspace {
    let display = |path: &Path| {
        let relative = path.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("case under tests/");
        relative.display().to_string()
    };
    let files = if case.is_dir() {
        let mut files: Vec<PathBuf> = fs::read_dir(case)
            .expect("readable case folder")
            .map(|e| e.expect("readable entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        files.sort();
        files
    } else {
        vec![case.to_owned()]
    };
    Workspace::from_files(files.iter().map(|f| (format!("tests/{}", display(f)), fs::read(f).expect("readable case"))))
}

/// The diagnostic code a case is about: the file stem up to an optional `@variant`.
fn expected_code(case: &Path) -> String {
    let stem = case.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name");
    stem.split('@').next().unwrap_or(stem).to_owned()
}

#[test]
fn every_case_matches_its_golden() {
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        let file_name = case.file_name().and_then(|n| n.to_str()).expect("utf-8 file name");
        let display = format!("tests/diagnostics/{file_name}");
        let workspace = load(&case);
        let code = expected_code(&case);
        if workspace.is_ok() {
            failures.push(format!("{display}: expected `{code}` diagnostics, the spec was accepted"));
            continue;
        }
        let others: BTreeSet<&str> = workspace.diagnostics.iter().map(|d| d.code).filter(|c| *c != code).collect();
        if !others.is_empty() {
            failures.push(format!("{display}: should only produce `{code}`, also produced {others:?}"));
        }
        let rendered = workspace.render();
        let golden = case.with_extension("stderr");
        if update {
            fs::write(&golden, &rendered).expect("writable golden");
            continue;
        }
        match fs::read_to_string(&golden) {
            Ok(expected) if expected == rendered => {}
            Ok(expected) => failures.push(format!(
                "{display}: output differs from {}\n--- expected\n{expected}\n--- actual\n{rendered}",
                golden.display()
            )),
            Err(_) => failures.push(format!("{display}: no golden; run with UPDATE_GOLDENS=1 and review it")),
        }
    }
    assert!(failures.is_empty(), "{} golden failure(s):\n\n{}", failures.len(), failures.join("\n\n"));
}

/// Every diagnostic code the front end can produce has at least one golden, so no message goes unreviewed.
#[test]
fn every_diagnostic_code_has_a_case() {
    let messages = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/src/front/messages.rs");
    let source = fs::read_to_string(messages).expect("messages.rs is readable");
    let codes: BTreeSet<String> = source
        .split("Diagnostic::new(")
        .skip(1)
        // rustfmt may put the code on the next line.
        .filter_map(|rest| rest.trim_start().strip_prefix('"')?.split('"').next())
        .map(str::to_owned)
        .collect();
    assert!(codes.len() > 20, "found only {} codes; has messages.rs changed shape?", codes.len());
    let covered: BTreeSet<String> = cases().iter().map(|c| expected_code(c)).collect();
    let missing: Vec<&String> = codes.difference(&covered).collect();
    assert!(missing.is_empty(), "diagnostic codes without a golden case in tests/diagnostics/: {missing:?}");
    let unknown: Vec<&String> = covered.difference(&codes).collect();
    assert!(unknown.is_empty(), "cases named after codes that do not exist: {unknown:?}");
}
