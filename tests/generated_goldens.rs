//! Goldens of the generated code, and proof that every door emits the same items for the same spec.
//!
//! `tests/golden/<api>.rs` is what the generator writes for `spec/<api>.yaml`. A change fails the test; it is accepted
//! only with `UPDATE_GOLDENS=1`. The `generated/` crate compiles this output under `#![deny(warnings)]`: its build.rs
//! goes through the same `Config`, which writes it unformatted, and formatting that file gives the golden byte for
//! byte (checked below), which is what proves the goldens compile warning-free.

use codegen::{Config, Workspace};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec_dir() -> PathBuf {
    root().join("spec")
}

/// How many specs `spec/` holds.
fn spec_count() -> usize {
    codegen::spec_files(&spec_dir()).expect("spec/ is readable").len()
}

#[test]
fn generated_code_matches_the_goldens() {
    let workspace = Workspace::load(&[spec_dir()]).expect("specs are readable");
    assert!(workspace.is_ok(), "{}", workspace.render());
    assert_eq!(workspace.apis.len(), spec_count(), "one API per spec");
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    let mut failures = Vec::new();
    for api in &workspace.apis {
        // The options of `generated/build.rs`, so the goldens are exactly what that crate compiles.
        let options =
            codegen::emit::Options { doc_example_crate: Some("payout_clients".to_owned()), ..Default::default() };
        let rendered = codegen::emit::render_with(api, &options);
        let golden = root().join("tests/golden").join(format!("{}.rs", api.name));
        if update {
            std::fs::write(&golden, &rendered).expect("writable golden");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == rendered => {}
            Ok(expected) => {
                let line = expected.lines().zip(rendered.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
                failures.push(format!("{}: differs from the golden from line {line}", golden.display()));
            }
            Err(_) => failures.push(format!("{}: missing", golden.display())),
        }
    }
    assert!(failures.is_empty(), "{}\nreview the change, then accept it with UPDATE_GOLDENS=1", failures.join("\n"));
}

/// What a build script writes (unformatted, read by rustc only) is the code of the formatted file: formatting it gives
/// the formatted file byte for byte, for every spec.
#[test]
fn the_unformatted_file_is_the_formatted_code() {
    let workspace = Workspace::load(&[spec_dir()]).expect("specs are readable");
    assert!(workspace.is_ok(), "{}", workspace.render());
    let options = codegen::emit::Options { doc_example_crate: Some("payout_clients".to_owned()), ..Default::default() };
    for api in &workspace.apis {
        let compact = codegen::emit::render_compact_with(api, &options);
        let formatted = codegen::emit::render_with(api, &options);
        assert!(compact.len() < formatted.len(), "{}: the unformatted file is not the shorter one", api.name);
        let (header, body) = compact.split_once("\n\n").expect("a header, then the code");
        assert!(formatted.starts_with(&format!("{header}\n\n")), "{}: the headers differ", api.name);
        let tree =
            syn::parse_file(body).unwrap_or_else(|e| panic!("{}: the unformatted file does not parse: {e}", api.name));
        let reformatted = format!("{header}\n\n{}", prettyplease::unparse(&tree));
        if reformatted != formatted {
            let line = formatted.lines().zip(reformatted.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
            panic!("{}: the unformatted file, formatted, differs from the formatted one from line {line}", api.name);
        }
    }
}

#[test]
fn same_spec_same_bytes() {
    let first = Workspace::load(&[spec_dir()]).expect("specs are readable");
    let second = Workspace::load(&[spec_dir()]).expect("specs are readable");
    for (a, b) in first.apis.iter().zip(&second.apis) {
        assert_eq!(codegen::emit::render(a), codegen::emit::render(b), "{} is not deterministic", a.name);
        let options = codegen::emit::Options::default();
        assert_eq!(
            codegen::emit::render_compact_with(a, &options),
            codegen::emit::render_compact_with(b, &options),
            "{}'s unformatted file is not deterministic",
            a.name
        );
        // Items are written on several threads and joined in order: how many must not show in the bytes.
        for formatted in [true, false] {
            let alone = codegen::emit::render_on_threads(a, &options, formatted, 1);
            for threads in [2, 5] {
                assert!(
                    codegen::emit::render_on_threads(a, &options, formatted, threads) == alone,
                    "{}: {threads} threads write other bytes than one (formatted: {formatted})",
                    a.name
                );
            }
        }
    }
}

/// The build.rs door (`Config`) and the proc-macro door (`expand_spec`) give the same items. The CLI door is
/// compared with `Config` in `codegen/tests/cli.rs`, where its binary is at hand.
#[test]
fn every_door_emits_the_same_items() {
    let out = std::env::temp_dir().join(format!("codegen-doors-{}", std::process::id()));
    let files = Config::new().spec(spec_dir()).out_dir(&out).cargo_directives(false).generate().expect("generates");
    assert_eq!(files.len(), spec_count(), "one module per spec");
    for file in &files {
        let from_config = std::fs::read_to_string(&file.path).expect("written");
        let tokens = codegen::expand_spec(&spec_dir().join(format!("{}.yaml", file.api))).expect("expands");
        let from_macro = prettyplease::unparse(&syn::parse2(tokens).expect("macro output parses"));
        // `Config` writes the unformatted file by default, as build scripts use it.
        let body = from_config.split_once("\n\n").map_or("", |(_, body)| body);
        let from_config = prettyplease::unparse(&syn::parse_file(body).expect("build.rs output parses"));
        assert_eq!(from_config, from_macro, "{}: proc-macro and build.rs outputs differ", file.api);
    }
    // A second run changes nothing on disk.
    let again = Config::new().spec(spec_dir()).out_dir(&out).cargo_directives(false).generate().expect("generates");
    assert!(again.iter().all(|f| !f.written), "unchanged specs must not rewrite files");
    let _ = std::fs::remove_dir_all(&out);
}
