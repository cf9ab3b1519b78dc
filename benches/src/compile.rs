//! Compile time: crate-only debug builds of generated client crates (ours and progenitor's, from the same specs and
//! their OpenAPI export), per API and for all three; and the proc-macro door against the build.rs door.
//!
//! Everything is written into `benches/target/bench-work/crates`, a Cargo workspace of its own whose profile mirrors
//! the main workspace's (dependencies at opt-level 2, workspace crates at the dev default). Dependencies are built
//! once, untimed; each timed build touches the crate's source and runs `cargo build -p <crate>` with the features
//! of the API set, so only that crate is compiled. Median of 3, ours and progenitor's interleaved.

use crate::harness::{f2, f3, median, repo_root, timed, verdict, work_dir, Report};
use crate::throughput;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const REAL: &[&str] = &["reservepay", "tokenio", "rebilly"];
/// The synthetic spec also built, to compare on a spec progenitor reads in full.
const SYNTH: usize = 100;

struct Api {
    name: String,
    endpoints: usize,
    /// Lines of our formatted module.
    ours_lines: usize,
    /// Lines of progenitor's formatted client, or why it could not generate one.
    theirs: Result<usize, String>,
}

fn crates_dir() -> PathBuf {
    work_dir().join("crates")
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    // Builds of the bench workspace's crates go to their own target folder, whatever the caller set.
    command.env_remove("CARGO_TARGET_DIR").env_remove("CARGO_BUILD_TARGET_DIR").env("CARGO_TERM_COLOR", "never");
    // Without this, rebuilding a touched but unchanged crate mostly reloads the incremental cache, which says little
    // about the cost of the code; every timed build here is a full compile of the one crate.
    command.env("CARGO_INCREMENTAL", "0");
    // Where the door crates' build script and proc-macro write how long generation took inside Cargo and rustc.
    command.env("PAYOUT_BENCH_TIMING_DIR", timing_dir());
    command
}

fn timing_dir() -> PathBuf {
    let dir = crates_dir().join("timings");
    std::fs::create_dir_all(&dir).expect("timing folder");
    dir
}

/// The milliseconds a door crate wrote to `timings/<file>` (one line, numbers separated by spaces).
fn read_timing(file: &str) -> Vec<f64> {
    std::fs::read_to_string(timing_dir().join(file))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
    codegen::config::write_if_changed(path, text).expect("write file");
}

/// Sets the modification time of `path` to now, as `touch` does.
fn touch(path: &Path) {
    let file = std::fs::OpenOptions::new().append(true).open(path).expect("open for touch");
    file.set_modified(std::time::SystemTime::now()).expect("touch");
}

/// `cargo build -p <package>` with exactly `features`; panics with cargo's output when the build fails.
fn build(package: &str, features: &[String]) -> Duration {
    let dir = crates_dir();
    let mut command = cargo();
    command
        .current_dir(&dir)
        .args(["build", "--quiet", "-p", package, "--no-default-features", "--target-dir"])
        .arg(dir.join("target"));
    if !features.is_empty() {
        command.args(["--features", &features.join(",")]);
    }
    let (output, elapsed) = timed(|| command.output().expect("run cargo"));
    if !output.status.success() {
        panic!(
            "`cargo build -p {package} --features {}` failed:\n{}",
            features.join(","),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    elapsed
}

/// Writes the workspace: `gen-ours` and `gen-progenitor` (one module per API behind a feature of its name), and the
/// two door crates. Returns the APIs with their line counts.
fn write_workspace() -> Vec<Api> {
    let root = repo_root();
    let dir = crates_dir();
    let runtime = root.join("codegen/runtime");
    let codegen_dir = root.join("codegen");

    let mut specs: Vec<PathBuf> = REAL.iter().map(|name| root.join("spec").join(format!("{name}.yaml"))).collect();
    specs.extend(throughput::write_specs(&work_dir().join("specs"), &[SYNTH]));

    let mut apis = Vec::new();
    for spec in &specs {
        let api = throughput::load_api(spec);
        let ours = codegen::emit::render(&api);
        write(&dir.join(format!("ours/src/{}.rs", api.name)), &ours);
        let json = codegen::openapi::to_json(&api);
        let json_path = dir.join(format!("openapi/{}.json", api.name));
        write(&json_path, &json);
        let theirs = throughput::progenitor_client(&json_path).map(|code| {
            write(&dir.join(format!("progenitor/src/{}.rs", api.name)), &code);
            code.lines().count()
        });
        apis.push(Api {
            name: api.name.clone(),
            endpoints: api.endpoints.len(),
            ours_lines: ours.lines().count(),
            theirs,
        });
        // Door crates read the spec itself.
        std::fs::create_dir_all(dir.join("door-build/spec")).expect("spec folder");
        std::fs::create_dir_all(dir.join("door-macro/spec")).expect("spec folder");
        let text = std::fs::read_to_string(spec).expect("read spec");
        write(&dir.join(format!("door-build/spec/{}.yaml", api.name)), &text);
        write(&dir.join(format!("door-macro/spec/{}.yaml", api.name)), &text);
    }

    let names: Vec<&str> = apis.iter().map(|a| a.name.as_str()).collect();
    let features = names.iter().map(|n| format!("{n} = []\n")).collect::<String>();
    write(
        &dir.join("Cargo.toml"),
        r#"# Written by `payout-benches compile`: generated client crates whose build time is measured.
[workspace]
resolver = "2"
members = ["ours", "progenitor", "floor-ours", "floor-progenitor", "door-build", "door-macro", "timed-macro"]

# As in the main workspace: dependencies optimised, workspace crates at the dev default.
[profile.dev.package."*"]
opt-level = 2
"#,
    );
    write(
        &dir.join("ours/Cargo.toml"),
        &format!(
            "[package]\nname = \"gen-ours\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[features]\n{features}\n\
             [dependencies]\ncodegen-runtime = {{ path = {:?} }}\n",
            runtime.display().to_string()
        ),
    );
    let mut lib = String::from(
        "//! Our generated modules, one feature per API, as in `generated/`.\n#![allow(warnings)]\n\npub use codegen_runtime as runtime;\n\n",
    );
    for name in &names {
        lib.push_str(&format!("#[cfg(feature = \"{name}\")]\ninclude!(\"{name}.rs\");\n"));
    }
    write(&dir.join("ours/src/lib.rs"), &lib);

    write(
        &dir.join("progenitor/Cargo.toml"),
        &format!(
            r#"[package]
name = "gen-progenitor"
version = "0.0.0"
edition = "2021"
publish = false

[features]
{features}
# What progenitor's README asks a generated client to depend on (date-times, patterns).
[dependencies]
bytes = "1"
chrono = {{ version = "0.4", default-features = false, features = ["serde"] }}
futures = "0.3"
progenitor-client = "0.15"
regress = "0.12"
reqwest = {{ version = "0.13", default-features = false, features = ["json", "query", "stream"] }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_urlencoded = "0.7"
"#
        ),
    );
    let mut lib =
        String::from("//! Progenitor's clients of the same APIs, one feature per API.\n#![allow(warnings)]\n\n");
    for api in &apis {
        if api.theirs.is_ok() {
            let name = &api.name;
            lib.push_str(&format!(
                "#[cfg(feature = \"{name}\")]\npub mod {name} {{\n    include!(\"{name}.rs\");\n}}\n"
            ));
        }
    }
    write(&dir.join("progenitor/src/lib.rs"), &lib);
    write_floors(&dir, &runtime);

    // The build.rs door: Config::generate in a build script, then include!.
    write(
        &dir.join("door-build/Cargo.toml"),
        &format!(
            "[package]\nname = \"door-build\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\nbuild = \"build.rs\"\n\n\
             [features]\n{features}\n[dependencies]\ncodegen-runtime = {{ path = {:?} }}\n\n[build-dependencies]\ncodegen = {{ path = {:?} }}\n",
            runtime.display().to_string(),
            codegen_dir.display().to_string()
        ),
    );
    write(
        &dir.join("door-build/build.rs"),
        r#"fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let mut config = codegen::Config::new();
    let mut any = false;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_uppercase();
        if std::env::var_os(format!("CARGO_FEATURE_{name}")).is_some() {
            config.spec(path);
            any = true;
        }
    }
    if any {
        let start = std::time::Instant::now();
        if let Err(error) = config.generate() {
            eprintln!("{error}");
            std::process::exit(1);
        }
        let ms = start.elapsed().as_secs_f64() * 1e3;
        if let Some(dir) = std::env::var_os("PAYOUT_BENCH_TIMING_DIR") {
            let _ = std::fs::write(std::path::Path::new(&dir).join("build-script.txt"), format!("{ms}\n"));
        }
    }
}
"#,
    );
    let mut lib = String::from("#![allow(warnings)]\n");
    for name in &names {
        lib.push_str(&format!("#[cfg(feature = \"{name}\")]\ninclude!(concat!(env!(\"OUT_DIR\"), \"/{name}.rs\"));\n"));
    }
    write(&dir.join("door-build/src/lib.rs"), &lib);

    // The proc-macro door, through `timed-macro`: `codegen-macro`'s code (codegen/macro/src/lib.rs) with timers
    // added, so that the expansion's cost inside rustc is measured and not only guessed from build times.
    write(
        &dir.join("door-macro/Cargo.toml"),
        &format!(
            "[package]\nname = \"door-macro\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[features]\n{features}\n\
             [dependencies]\ncodegen-runtime = {{ path = {:?} }}\ntimed-macro = {{ path = \"../timed-macro\" }}\n",
            runtime.display().to_string(),
        ),
    );
    let mut lib = String::from("#![allow(warnings)]\n");
    for name in &names {
        lib.push_str(&format!("#[cfg(feature = \"{name}\")]\ntimed_macro::api!(\"spec/{name}.yaml\");\n"));
    }
    write(&dir.join("door-macro/src/lib.rs"), &lib);
    write(
        &dir.join("timed-macro/Cargo.toml"),
        &format!(
            "[package]\nname = \"timed-macro\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[lib]\nproc-macro = true\n\n\
             [dependencies]\ncodegen = {{ path = {:?} }}\nproc-macro2 = \"1\"\nquote = \"1\"\nsyn = {{ version = \"2\", features = [\"full\"] }}\n",
            codegen_dir.display().to_string()
        ),
    );
    write(&dir.join("timed-macro/src/lib.rs"), TIMED_MACRO);
    apis
}

/// The floor crates: no generated code, the same dependencies as `gen-ours` and `gen-progenitor`, and one derived
/// struct each (so that the derive macros are loaded, as every generated crate loads them). A build of either costs
/// what any crate with those dependencies costs: Cargo's start-up and fingerprint checks, rustc's start-up, loading
/// the dependencies' metadata and the proc-macros, writing the rlib. What a generated crate adds is its time above
/// this floor.
fn write_floors(dir: &Path, runtime: &Path) {
    write(
        &dir.join("floor-ours/Cargo.toml"),
        &format!(
            "[package]\nname = \"floor-ours\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\ncodegen-runtime = {{ path = {:?} }}\n",
            runtime.display().to_string()
        ),
    );
    write(
        &dir.join("floor-ours/src/lib.rs"),
        "//! No generated code: the fixed cost of a crate that depends on the runtime.\n#![allow(warnings)]\n\n\
         use codegen_runtime as rt;\n\n\
         #[derive(Clone, Debug, PartialEq, rt::serde::Serialize)]\n#[serde(crate = \"rt::serde\")]\n\
         pub struct Empty {\n    pub id: String,\n}\n\n\
         pub fn client(_: &rt::ClientCore) {}\n",
    );
    let manifest = std::fs::read_to_string(dir.join("progenitor/Cargo.toml")).expect("progenitor manifest");
    let dependencies = manifest.split_once("[dependencies]").map_or("", |(_, deps)| deps);
    write(
        &dir.join("floor-progenitor/Cargo.toml"),
        &format!(
            "[package]\nname = \"floor-progenitor\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]{dependencies}"
        ),
    );
    write(
        &dir.join("floor-progenitor/src/lib.rs"),
        "//! No generated code: the fixed cost of a crate with progenitor's client dependencies.\n#![allow(warnings)]\n\n\
         #[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]\n\
         pub struct Empty {\n    pub id: String,\n}\n\n\
         pub fn client(_: &reqwest::Client, _: Option<progenitor_client::Error<()>>) {}\n",
    );
}

/// `codegen-macro`'s `api!`, timing `expand_spec` and the conversion of its tokens into the compiler's, and writing
/// both (ms) to `$PAYOUT_BENCH_TIMING_DIR/macro.txt`.
const TIMED_MACRO: &str = r#"use proc_macro::TokenStream;
use quote::quote;
use std::path::PathBuf;

#[proc_macro]
pub fn api(input: TokenStream) -> TokenStream {
    let start = std::time::Instant::now();
    let literal = match syn::parse::<syn::LitStr>(input) {
        Ok(literal) => literal,
        Err(error) => return error.to_compile_error().into(),
    };
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let path = base.join(literal.value());
    let out = match codegen::expand_spec(&path) {
        Ok(module) => {
            let expanded = start.elapsed();
            let tracked = path.to_string_lossy().into_owned();
            let out: TokenStream = quote! {
                const _: &[u8] = include_bytes!(#tracked);
                #module
            }
            .into();
            let total = start.elapsed();
            if let Some(dir) = std::env::var_os("PAYOUT_BENCH_TIMING_DIR") {
                let line = format!("{} {}\n", expanded.as_secs_f64() * 1e3, total.as_secs_f64() * 1e3);
                let _ = std::fs::write(std::path::Path::new(&dir).join("macro.txt"), line);
            }
            out
        }
        Err(rendered) => {
            let message = format!("the spec `{}` has problems:\n\n{rendered}", literal.value());
            syn::Error::new(literal.span(), message).to_compile_error().into()
        }
    };
    out
}
"#;

/// Median of `runs` crate-only builds of each `(package, features)`, interleaved; `touch` is the file touched
/// before each. The first build of each (dependencies, build script) is untimed.
fn measure(jobs: &[(&str, Vec<String>, PathBuf)], runs: usize) -> Vec<f64> {
    for (package, features, _) in jobs {
        build(package, features);
    }
    let mut samples = vec![Vec::new(); jobs.len()];
    for _ in 0..runs {
        for (i, (package, features, touched)) in jobs.iter().enumerate() {
            touch(touched);
            samples[i].push(build(package, features).as_secs_f64());
        }
    }
    samples.iter().map(|s| median(s)).collect()
}

pub fn run_compile(report: &mut Report, quick: bool) {
    let runs = if quick { 1 } else { 3 };
    eprintln!("  compile: writing the crates and building their dependencies (first run only is slow)");
    let apis = write_workspace();
    let dir = crates_dir();
    let ours_lib = dir.join("ours/src/lib.rs");
    let theirs_lib = dir.join("progenitor/src/lib.rs");

    report.line("## Compile time of the generated crates");
    report.blank();
    report.line(crate::harness::load_line());
    report.blank();
    report.line(format!(
        "Crate-only `cargo build` (dev profile, `CARGO_INCREMENTAL=0`) of a crate holding the generated modules, after \
         `touch`ing its source; dependencies pre-built in the same target folder. Median of {runs}, ours and \
         progenitor's interleaved. Progenitor's client is generated from our OpenAPI export of the same spec and \
         formatted the same way."
    ));
    report.blank();
    for api in &apis {
        if let Err(error) = &api.theirs {
            report.line(format!("- progenitor cannot generate a client for `{}`: {error}", api.name));
        }
    }
    report.blank();

    // API sets: each API alone, the three real ones together, the synthetic one.
    let mut sets: Vec<(String, Vec<String>)> = REAL.iter().map(|n| (n.to_string(), vec![n.to_string()])).collect();
    sets.push(("all three".to_owned(), REAL.iter().map(|n| n.to_string()).collect()));
    // The real APIs progenitor accepts, together, so that there is a multi-API figure to compare.
    let both: Vec<String> =
        REAL.iter().map(|n| n.to_string()).filter(|n| apis.iter().any(|a| &a.name == n && a.theirs.is_ok())).collect();
    if both.len() > 1 && both.len() < REAL.len() {
        sets.push((both.join(" + "), both));
    }
    sets.push((format!("synth_{SYNTH}"), vec![format!("synth_{SYNTH}")]));
    // Progenitor's features: only the APIs it could generate.
    let accepted = |features: &[String]| -> Vec<String> {
        features.iter().filter(|f| apis.iter().any(|a| &a.name == *f && a.theirs.is_ok())).cloned().collect()
    };
    let mut jobs = Vec::new();
    for (_, features) in &sets {
        jobs.push(("gen-ours", features.clone(), ours_lib.clone()));
        let theirs = accepted(features);
        if !theirs.is_empty() {
            jobs.push(("gen-progenitor", theirs, theirs_lib.clone()));
        }
    }
    // The floors: the same dependencies, no generated code.
    jobs.push(("floor-ours", Vec::new(), dir.join("floor-ours/src/lib.rs")));
    jobs.push(("floor-progenitor", Vec::new(), dir.join("floor-progenitor/src/lib.rs")));
    let times = measure(&jobs, runs);
    let time_of = |package: &str, features: &[String]| -> Option<f64> {
        jobs.iter().position(|(p, f, _)| *p == package && f.as_slice() == features).map(|i| times[i])
    };

    let floor_ours = time_of("floor-ours", &[]).expect("floor built");
    let floor_theirs = time_of("floor-progenitor", &[]).expect("floor built");
    let mut rows = Vec::new();
    let mut worst: Option<(String, f64)> = None;
    for (label, features) in &sets {
        let endpoints: usize =
            features.iter().map(|f| apis.iter().find(|a| &a.name == f).map_or(0, |a| a.endpoints)).sum();
        let ours_lines: usize =
            features.iter().map(|f| apis.iter().find(|a| &a.name == f).map_or(0, |a| a.ours_lines)).sum();
        let theirs_features = accepted(features);
        let theirs_lines: usize = theirs_features
            .iter()
            .map(|f| apis.iter().find(|a| &a.name == f).and_then(|a| a.theirs.as_ref().ok().copied()).unwrap_or(0))
            .sum();
        let ours = time_of("gen-ours", features).expect("ours built");
        let theirs = time_of("gen-progenitor", &theirs_features);
        let complete = theirs_features.len() == features.len();
        let ratio = theirs.filter(|_| complete).map(|t| ours / t);
        if let Some(r) = ratio {
            if worst.as_ref().is_none_or(|(_, w)| r > *w) {
                worst = Some((label.clone(), r));
            }
        }
        rows.push(vec![
            label.clone(),
            endpoints.to_string(),
            f2(ours),
            format!("{} ({:.0})", ours_lines, ours_lines as f64 / endpoints as f64),
            match (theirs, complete) {
                (Some(t), true) => f2(t),
                (Some(t), false) => format!("{} (only {})", f2(t), theirs_features.join(", ")),
                (None, _) => "n/a (progenitor failed)".to_owned(),
            },
            if theirs_lines > 0 {
                let e: usize =
                    theirs_features.iter().map(|f| apis.iter().find(|a| &a.name == f).map_or(0, |a| a.endpoints)).sum();
                format!("{} ({:.0})", theirs_lines, theirs_lines as f64 / e.max(1) as f64)
            } else {
                "n/a".to_owned()
            },
            ratio.map_or("n/a".to_owned(), f3),
            theirs.filter(|_| complete).map_or("n/a".to_owned(), |t| f3(floor_ours / t)),
            theirs
                .filter(|_| complete)
                .map_or("n/a".to_owned(), |t| f3((ours - floor_ours).max(0.0) / (t - floor_theirs).max(1e-3))),
        ]);
    }
    report.table(
        &[
            "APIs",
            "endpoints",
            "ours s",
            "our lines (per endpoint)",
            "progenitor s",
            "progenitor lines (per endpoint)",
            "ours / progenitor",
            "our floor / progenitor",
            "above the floors, ours / progenitor's",
        ],
        &rows,
    );
    report.line(format!(
        "Floors (a crate with the same dependencies and one derived struct, no generated code): ours {} s, \
         progenitor's {} s. \"Our floor / progenitor\" is the lowest ratio any generated code could reach on that set; \
         \"above the floors\" compares what the generated code itself costs.",
        f2(floor_ours),
        f2(floor_theirs)
    ));
    report.blank();
    match worst {
        Some((label, r)) => report.line(format!(
            "Goal: at most 0.6 of progenitor's build time (worst set: {label}): {}",
            verdict(r, 0.6, true)
        )),
        None => {
            report.line("Goal: at most 0.6 of progenitor's build time: not measured (progenitor failed on every set)")
        }
    }
    report.blank();

    let all = time_of("gen-ours", &REAL.iter().map(|n| n.to_string()).collect::<Vec<_>>()).unwrap_or(0.0);
    report.line("### What a per-API feature saves");
    report.blank();
    let mut rows = Vec::new();
    for name in REAL {
        let one = time_of("gen-ours", &[name.to_string()]).unwrap_or(0.0);
        rows.push(vec![
            format!("only `{name}`"),
            f2(one),
            f2(all),
            format!("{:.2} s ({:.0}%)", all - one, 100.0 * (all - one) / all),
        ]);
    }
    report.table(&["features", "build s", "all three s", "saved per rebuild"], &rows);
}

pub fn run_doors(report: &mut Report, quick: bool) {
    let runs = if quick { 1 } else { 3 };
    let apis = write_workspace();
    let dir = crates_dir();
    report.line("## Proc-macro door against build.rs door");
    report.blank();
    report.line(crate::harness::load_line());
    report.blank();
    let real_macro = std::fs::read_to_string(repo_root().join("codegen/macro/src/lib.rs")).unwrap_or_default();
    if !real_macro.contains("codegen::expand_spec(") {
        report.line(
            "**Warning:** `codegen/macro/src/lib.rs` no longer calls `codegen::expand_spec`; the timed copy of it \
                     used here may not match the real macro any more.",
        );
        report.blank();
    }

    // In process, release build: what each door computes.
    let root = repo_root();
    let mut rows = Vec::new();
    for (name, spec) in [
        ("tokenio", root.join("spec/tokenio.yaml")),
        (&*format!("synth_{SYNTH}"), work_dir().join(format!("specs/synth_{SYNTH}.yaml"))),
    ] {
        let out = work_dir().join("door-out");
        let reps = if quick { 1 } else { 11 };
        let (mut expand, mut generate) = (Vec::new(), Vec::new());
        for _ in 0..reps {
            expand.push(timed(|| codegen::expand_spec(&spec).expect("expands")).1.as_secs_f64() * 1e3);
            let _ = std::fs::remove_dir_all(&out);
            generate.push(
                timed(|| {
                    codegen::Config::new()
                        .spec(&spec)
                        .out_dir(&out)
                        .cargo_directives(false)
                        .generate()
                        .expect("generates")
                })
                .1
                .as_secs_f64()
                    * 1e3,
            );
        }
        let (e, g) = (median(&expand), median(&generate));
        rows.push(vec![name.to_owned(), f2(e), f2(g), f3(e / g)]);
    }
    report.line(
        "In process (this release binary): `codegen::expand_spec` (the macro's work: load, check, lower, emit tokens) \
                 against `Config::generate` (the build script's work: the same plus formatting and writing the file).",
    );
    report.blank();
    report.table(&["spec", "expand_spec ms", "Config::generate ms", "macro / build.rs"], &rows);

    // In Cargo: the whole rebuild after the spec changes, for each door, and what generation took inside it.
    let mut rows = Vec::new();
    let mut inside = Vec::new();
    for api in apis.iter().filter(|a| a.name == "tokenio" || a.name == format!("synth_{SYNTH}")) {
        let features = vec![api.name.clone()];
        let build_spec = dir.join(format!("door-build/spec/{}.yaml", api.name));
        let build_lib = dir.join("door-build/src/lib.rs");
        let macro_spec = dir.join(format!("door-macro/spec/{}.yaml", api.name));
        // The first build of each door compiles codegen (and the proc-macro) for the host: untimed.
        build("door-build", &features);
        build("door-macro", &features);
        let (mut spec_changed, mut compile_only, mut macro_door) = (Vec::new(), Vec::new(), Vec::new());
        let (mut script, mut expand, mut expand_total) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..runs {
            touch(&build_spec);
            spec_changed.push(build("door-build", &features).as_secs_f64());
            script.extend(read_timing("build-script.txt"));
            touch(&build_lib);
            compile_only.push(build("door-build", &features).as_secs_f64());
            touch(&macro_spec);
            macro_door.push(build("door-macro", &features).as_secs_f64());
            let t = read_timing("macro.txt");
            expand.push(t.first().copied().unwrap_or(f64::NAN));
            expand_total.push(t.get(1).copied().unwrap_or(f64::NAN));
        }
        let (b, c, m) = (median(&spec_changed), median(&compile_only), median(&macro_door));
        rows.push(vec![api.name.clone(), f2(b), f2(c), f2(m), f3(m / b)]);
        let (s, e, t) = (median(&script), median(&expand), median(&expand_total));
        inside.push(vec![api.name.clone(), f2(s), f2(e), f2(t - e), f2(t), f3(t / s)]);
    }
    report.line(format!(
        "Inside Cargo and rustc (dev profile; `codegen` compiled as the main workspace compiles dependencies, \
         opt-level 2): the build script's `Config::generate`, and the proc-macro's `expand_spec` plus the conversion of \
         its tokens into the compiler's, timed from inside (the macro crate is `codegen-macro`'s code with timers \
         added). Median of {runs}, in ms."
    ));
    report.blank();
    report.table(
        &[
            "spec",
            "build.rs door: generate",
            "macro door: expand_spec",
            "token conversion",
            "macro door: total",
            "macro / build.rs",
        ],
        &inside,
    );
    report.line(format!(
        "Whole rebuild after the spec is touched, in s (median of {runs}): the build.rs door reruns its build script \
         and compiles the included file; the proc-macro door compiles the crate, expanding the macro. \"Compile \
         only\" is the build.rs door after touching `lib.rs` (the build script does not rerun): the cost of the code \
         itself."
    ));
    report.blank();
    report.table(
        &["spec", "build.rs door s", "compile only s", "proc-macro door s", "macro / build.rs (whole rebuild)"],
        &rows,
    );
}
