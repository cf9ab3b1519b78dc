//! Generation throughput: synthetic specs of 10 to 10,000 endpoints through every stage of our pipeline, and their
//! OpenAPI export through progenitor, with the same formatting step (syn + prettyplease) for both.

use crate::harness::{f2, f3, median, ms, timed, verdict, work_dir, Report};
use crate::synth;
use codegen::diag::Diagnostics;
use codegen::{Sources, Workspace};
use std::path::{Path, PathBuf};

pub const SIZES: &[usize] = &[10, 100, 1_000, 10_000];

/// Runs per size: small sizes are fast and noisy, so they get more runs.
fn runs(endpoints: usize, quick: bool) -> usize {
    match (endpoints, quick) {
        (_, true) => 1,
        (0..=10, _) => 21,
        (11..=100, _) => 11,
        (101..=1_000, _) => 5,
        _ => 3,
    }
}

/// Writes the synthetic spec of each size into `dir` and returns the paths.
pub fn write_specs(dir: &Path, sizes: &[usize]) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).expect("spec folder");
    sizes
        .iter()
        .map(|&n| {
            let path = dir.join(format!("synth_{n}.yaml"));
            let text = synth::spec(n, synth::SEED);
            codegen::config::write_if_changed(&path, &text).expect("write spec");
            path
        })
        .collect()
}

/// Checks a spec and returns its IR, or exits with the diagnostics.
pub fn load_api(path: &Path) -> codegen::ir::Api {
    let text = std::fs::read_to_string(path).expect("read spec");
    let workspace = Workspace::from_source(&path.display().to_string(), &text);
    if !workspace.is_ok() {
        eprintln!("{}", workspace.render());
        std::process::exit(1);
    }
    workspace.apis.into_iter().next().expect("one API")
}

#[derive(Default, Clone)]
struct Ours {
    load: Vec<f64>,
    front: Vec<f64>,
    /// Emitting the module's tokens alone (`emit::api_module`), dropped unprinted.
    emit: Vec<f64>,
    /// Formatting: the formatted file on one thread minus the front end and emit.
    format: Vec<f64>,
    /// The formatted file (CLI door) on one thread: read + front end + `render_on_threads(.., true, 1)`.
    total: Vec<f64>,
    /// The same file on every core (`render_with`, what the CLI runs).
    total_threads: Vec<f64>,
    /// The build.rs door's unformatted file on one thread (`render_on_threads(.., false, 1)`).
    compact: Vec<f64>,
    /// The same on every core (`render_compact_with`, what `Config::generate` runs).
    compact_threads: Vec<f64>,
    lines: usize,
}

#[derive(Default, Clone)]
struct Theirs {
    load: Vec<f64>,
    generate: Vec<f64>,
    parse: Vec<f64>,
    print: Vec<f64>,
    total: Vec<f64>,
    lines: usize,
    error: Option<String>,
}

/// One run of our pipeline on the spec at `path`: read + YAML load, then check + lower (timed as the whole front end
/// minus a separate YAML load, as the stages after loading are not public), emit, and format (syn + prettyplease).
fn ours_once(path: &Path, out: &mut Ours) -> String {
    let name = path.display().to_string();
    let (text, read) = timed(|| std::fs::read_to_string(path).expect("read spec"));
    // The YAML stage alone, on its own, to split the front end.
    let (_, load) = timed(|| {
        let mut sources = Sources::new();
        let file = sources.add(name.clone(), String::new());
        let mut diagnostics = Diagnostics::new();
        codegen::front::yaml::parse(file, &text, &mut diagnostics).expect("YAML loads")
    });
    let (workspace, front) = timed(|| Workspace::from_source(&name, &text));
    assert!(workspace.is_ok(), "{}", workspace.render());
    let api = &workspace.apis[0];
    let options = codegen::emit::Options::default();
    let (_, emit) = timed(|| codegen::emit::api_module(api));
    let (code, formatted) = timed(|| codegen::emit::render_on_threads(api, &options, true, 1));
    let (threaded, formatted_threads) = timed(|| codegen::emit::render_with(api, &options));
    let (compact, compact_once) = timed(|| codegen::emit::render_on_threads(api, &options, false, 1));
    let (compact_threaded, compact_threads) = timed(|| codegen::emit::render_compact_with(api, &options));
    assert!(threaded == code && compact_threaded == compact, "the number of threads changed the output");
    let base = read + front;
    out.load.push(ms(read + load));
    out.front.push(ms(front - load.min(front)));
    out.emit.push(ms(emit));
    out.format.push(ms(formatted.saturating_sub(emit)));
    out.total.push(ms(base + formatted));
    out.total_threads.push(ms(base + formatted_threads));
    out.compact.push(ms(base + compact_once));
    out.compact_threads.push(ms(base + compact_threads));
    out.lines = code.lines().count();
    code
}

/// One run of progenitor on the OpenAPI export at `path`: read + JSON load into `openapiv3::OpenAPI`, generate the
/// tokens, and format them exactly as ours are.
fn theirs_once(path: &Path, out: &mut Theirs) -> Result<String, String> {
    let (spec, load) = timed(|| {
        let text = std::fs::read_to_string(path).expect("read export");
        serde_json::from_str::<openapiv3::OpenAPI>(&text)
    });
    let spec = spec.map_err(|e| format!("openapiv3 cannot read the export: {e}"))?;
    let (tokens, generate) = timed(|| generate_quietly(&spec));
    let tokens = tokens?;
    let (file, parse) = timed(|| syn::parse2::<syn::File>(tokens));
    let file = file.map_err(|e| format!("progenitor's output does not parse: {e}"))?;
    let (code, print) = timed(|| prettyplease::unparse(&file));
    out.load.push(ms(load));
    out.generate.push(ms(generate));
    out.parse.push(ms(parse));
    out.print.push(ms(print));
    out.total.push(ms(load + generate + parse + print));
    out.lines = code.lines().count();
    Ok(code)
}

/// `Generator::generate_tokens`, with its errors and its panics (progenitor asserts some of its limits) as text.
fn generate_quietly(spec: &openapiv3::OpenAPI) -> Result<proc_macro2::TokenStream, String> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| progenitor::Generator::default().generate_tokens(spec));
    std::panic::set_hook(hook);
    match result {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(error)) => Err(format!("progenitor refuses the export: {error}")),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("progenitor panics (`{message}`){}", diagnose(spec)))
        }
    }
}

/// Why progenitor's `assert!(response_types.len() <= 1)` fires: the operations whose error responses (4xx, 5xx,
/// default) do not all have the same body type, which progenitor requires.
fn diagnose(spec: &openapiv3::OpenAPI) -> String {
    use openapiv3::{ReferenceOr, StatusCode};
    let mut found = Vec::new();
    for (path, item) in &spec.paths.paths {
        let Some(item) = item.as_item() else { continue };
        for (method, operation) in item.iter() {
            let mut types = std::collections::BTreeMap::<String, Vec<String>>::new();
            let mut add = |status: String, response: &ReferenceOr<openapiv3::Response>| {
                let kind = match response {
                    ReferenceOr::Reference { reference } => reference.clone(),
                    ReferenceOr::Item(response) => match response.content.first() {
                        None => "no body".to_owned(),
                        Some((_, media)) => match &media.schema {
                            Some(ReferenceOr::Reference { reference }) => {
                                reference.trim_start_matches("#/components/schemas/").to_owned()
                            }
                            Some(ReferenceOr::Item(_)) => "an inline schema".to_owned(),
                            None => "no schema".to_owned(),
                        },
                    },
                };
                types.entry(kind).or_default().push(status);
            };
            for (status, response) in &operation.responses.responses {
                let code = match status {
                    StatusCode::Code(code) => *code,
                    StatusCode::Range(range) => *range * 100,
                };
                if code >= 400 {
                    add(status.to_string(), response);
                }
            }
            if let Some(response) = &operation.responses.default {
                add("default".to_owned(), response);
            }
            if types.len() > 1 {
                let list: Vec<String> =
                    types.iter().map(|(kind, statuses)| format!("{} -> {kind}", statuses.join("/"))).collect();
                found.push(format!("`{} {path}` ({})", method.to_uppercase(), list.join("; ")));
            }
        }
    }
    if found.is_empty() {
        String::new()
    } else {
        format!(
            ": it needs every error response of an operation to have one body type, and these operations have several: {}",
            found.join(", ")
        )
    }
}

/// Runs progenitor on an OpenAPI document; the formatted client or why it failed.
pub fn progenitor_client(json_path: &Path) -> Result<String, String> {
    theirs_once(json_path, &mut Theirs::default())
}

pub fn run(report: &mut Report, quick: bool, sizes: &[usize]) {
    let dir = work_dir().join("specs");
    let paths = write_specs(&dir, sizes);
    report.line("## Generation throughput");
    report.blank();
    report.line(crate::harness::load_line());
    report.blank();
    report.line(format!(
        "Synthetic specs (seed {:#x}) written to `{}`; runs per size: {}. Times are medians in ms.",
        synth::SEED,
        dir.display(),
        sizes.iter().map(|&n| format!("{n}: {}", runs(n, quick))).collect::<Vec<_>>().join(", ")
    ));
    report.blank();

    let mut ours_all = Vec::new();
    let mut theirs_all = Vec::new();
    let mut export_ms = Vec::new();
    for (&n, path) in sizes.iter().zip(&paths) {
        let api = load_api(path);
        assert_eq!(api.endpoints.len(), n, "{}", path.display());
        // The OpenAPI export progenitor reads (timed for information; it is in neither total).
        let (json, export) = timed(|| codegen::openapi::to_json(&api));
        let json_path = dir.join(format!("synth_{n}.openapi.json"));
        codegen::config::write_if_changed(&json_path, &json).expect("write export");
        export_ms.push(ms(export));
        // Formatting item by item must give the bytes of formatting the whole module at once; checked where it is
        // cheap.
        let rendered = (n <= 1_000).then(|| {
            let file = syn::parse2::<syn::File>(codegen::emit::api_module(&api)).expect("generated code parses");
            prettyplease::unparse(&file)
        });

        let mut ours = Ours::default();
        let mut theirs = Theirs::default();
        // Warm-up, untimed (page cache, allocator, lazy statics), except for the largest specs where one run takes
        // long enough for it not to matter.
        if n <= 1_000 {
            ours_once(path, &mut Ours::default());
            if let Err(error) = theirs_once(&json_path, &mut Theirs::default()) {
                theirs.error = Some(error);
            }
        }
        for run in 0..runs(n, quick) {
            let code = ours_once(path, &mut ours);
            if let (0, Some(rendered)) = (run, &rendered) {
                assert!(code.ends_with(rendered.as_str()), "formatting item by item differs from the whole module's");
            }
            if theirs.error.is_none() {
                if let Err(error) = theirs_once(&json_path, &mut theirs) {
                    theirs.error = Some(error);
                }
            }
        }
        eprintln!(
            "  throughput {n}: ours {:.1} ms, progenitor {}",
            median(&ours.total),
            theirs.error.as_deref().map_or(format!("{:.1} ms", median(&theirs.total)), |e| e.to_owned())
        );
        ours_all.push(ours);
        theirs_all.push(theirs);
    }

    report.line("### Ours, per stage");
    report.blank();
    let mut rows = Vec::new();
    for (i, &n) in sizes.iter().enumerate() {
        let o = &ours_all[i];
        let total = median(&o.total);
        let format = median(&o.format);
        rows.push(vec![
            n.to_string(),
            f2(median(&o.load)),
            f2(median(&o.front)),
            f2(median(&o.emit)),
            f2(format),
            f2(total),
            f3(total / n as f64),
            format!("{:.0}%", 100.0 * format / total),
            (o.lines / n).to_string(),
            f2(median(&o.total_threads)),
            f2(median(&o.compact)),
            f2(median(&o.compact_threads)),
        ]);
    }
    report.table(
        &[
            "endpoints",
            "load (read + YAML)",
            "validate + lower",
            "emit (tokens)",
            "format (syn + prettyplease, item by item)",
            "formatted file, 1 thread, ms",
            "ms / endpoint",
            "share formatting",
            "lines / endpoint",
            "formatted file, every core, ms",
            "unformatted file (build.rs door), 1 thread, ms",
            "unformatted file, every core, ms",
        ],
        &rows,
    );

    report.line("### Progenitor on the OpenAPI export of the same specs");
    report.blank();
    let mut rows = Vec::new();
    for (i, &n) in sizes.iter().enumerate() {
        let t = &theirs_all[i];
        let o = &ours_all[i];
        if let Some(error) = &t.error {
            rows.push(vec![
                n.to_string(),
                f2(export_ms[i]),
                format!("failed: {error}"),
                String::new(),
                String::new(),
                String::new(),
            ]);
            continue;
        }
        let total = median(&t.total);
        rows.push(vec![
            n.to_string(),
            f2(export_ms[i]),
            format!(
                "{} + {} + {} + {} = {}",
                f2(median(&t.load)),
                f2(median(&t.generate)),
                f2(median(&t.parse)),
                f2(median(&t.print)),
                f2(total)
            ),
            f3(total / n as f64),
            format!("{} ({})", f3(median(&o.total) / total), (t.lines / n)),
            f3(median(&o.total_threads) / total),
            f3(median(&o.compact) / total),
            f3(median(&o.compact_threads) / total),
        ]);
    }
    report.table(
        &[
            "endpoints",
            "our export ms (not counted)",
            "progenitor ms: load + generate + syn + prettyplease = total",
            "ms / endpoint",
            "our formatted file, 1 thread / progenitor time (their lines / endpoint)",
            "our formatted file, every core / progenitor",
            "our unformatted file, 1 thread / progenitor",
            "our unformatted file, every core / progenitor",
        ],
        &rows,
    );

    memory_section(report, sizes, &paths, &dir);

    report.line("### Goals");
    report.blank();
    let at = |n: usize| sizes.iter().position(|&s| s == n);
    if let (Some(a), Some(b)) = (at(1_000), at(10_000)) {
        let per_endpoint = median(&ours_all[b].total) / 10_000.0;
        let per_endpoint_1k = median(&ours_all[a].total) / 1_000.0;
        let ratio = median(&ours_all[b].total) / median(&ours_all[a].total);
        report.line(format!(
            "- ms per endpoint including formatting (10,000 endpoints): {:.3}; at 1,000: {:.3}. Goal <= 0.3: {}",
            per_endpoint,
            per_endpoint_1k,
            verdict(per_endpoint.max(per_endpoint_1k), 0.3, true)
        ));
        report.line(format!("- scaling t(10,000)/t(1,000): {:.2}. Goal <= 11: {}", ratio, verdict(ratio, 11.0, true)));
        let stage = |f: fn(&Ours) -> &Vec<f64>| median(f(&ours_all[b])) / median(f(&ours_all[a]));
        report.line(format!(
            "- scaling per stage: load {:.2}, validate + lower {:.2}, emit {:.2}, format {:.2}; unformatted file {:.2}",
            stage(|o| &o.load),
            stage(|o| &o.front),
            stage(|o| &o.emit),
            stage(|o| &o.format),
            stage(|o| &o.compact)
        ));
        if theirs_all[a].error.is_none() && theirs_all[b].error.is_none() {
            let r = median(&theirs_all[b].total) / median(&theirs_all[a].total);
            report.line(format!("- progenitor's own scaling t(10,000)/t(1,000): {r:.2}"));
        }
    }
    for (label, of) in [
        ("formatted file (CLI door), 1 thread", (|o: &Ours| &o.total) as fn(&Ours) -> &Vec<f64>),
        ("formatted file (CLI door), every core", |o: &Ours| &o.total_threads),
        ("unformatted file (build.rs door), 1 thread", |o: &Ours| &o.compact),
        ("unformatted file (build.rs door), every core", |o: &Ours| &o.compact_threads),
    ] {
        let mut worst: Option<(usize, f64)> = None;
        for (i, &n) in sizes.iter().enumerate() {
            if theirs_all[i].error.is_none() {
                let r = median(of(&ours_all[i])) / median(&theirs_all[i].total);
                if worst.is_none_or(|(_, w)| r > w) {
                    worst = Some((n, r));
                }
            }
        }
        match worst {
            Some((n, r)) => report.line(format!(
                "- our time / progenitor's time, {label}, worst size ({n} endpoints): {r:.3}. Goal <= 0.5: {}",
                verdict(r, 0.5, true)
            )),
            None => report.line("- our time / progenitor's time: not measured, progenitor failed on every size"),
        }
    }
    report.blank();
}

/// Which output a memory measurement generates.
const MEMORY_MODES: [(&str, &str); 3] = [
    ("formatted", "our formatted file (CLI door)"),
    ("compact", "our unformatted file (build.rs door)"),
    ("progenitor", "progenitor, formatted"),
];

/// Run in a child process (`memory-child <mode> <spec>`): generates once, then prints the process's peak resident
/// memory (`VmHWM`, KiB). A process of its own, so that the peak is this generation's and nothing else's.
pub fn memory_child(mode: &str, spec: &str) {
    let path = Path::new(spec);
    let bytes = match mode {
        "formatted" => codegen::emit::render(&load_api(path)).len(),
        "compact" => codegen::emit::render_compact_with(&load_api(path), &codegen::emit::Options::default()).len(),
        "progenitor" => progenitor_client(path).map_or(0, |code| code.len()),
        other => panic!("unknown memory mode `{other}`"),
    };
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).unwrap_or("0 kB").trim().to_owned();
    println!("{} {bytes}", peak.trim_end_matches(" kB").trim());
}

/// Peak memory (MiB) of one generation of `spec` by `mode`, measured in a child process; `None` when it failed.
fn peak_memory(mode: &str, spec: &Path) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let output = std::process::Command::new(exe).args(["memory-child", mode]).arg(spec).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let kib: f64 = text.split_whitespace().next()?.parse().ok()?;
    (output.status.success() && kib > 0.0).then_some(kib / 1024.0)
}

/// Peak memory of each door at each size (progenitor on the OpenAPI export), and the goal: linear growth, at most
/// 2 GiB at 10,000 endpoints.
fn memory_section(report: &mut Report, sizes: &[usize], paths: &[PathBuf], dir: &Path) {
    report.line("### Peak memory");
    report.blank();
    report.line(
        "Peak resident memory (`VmHWM`) of a process that loads one spec and writes one file, in MiB; one run each, \
         in a child process of its own.",
    );
    report.blank();
    let mut rows = Vec::new();
    let mut peaks = Vec::new();
    for (&n, path) in sizes.iter().zip(paths) {
        let export = dir.join(format!("synth_{n}.openapi.json"));
        let measured: Vec<Option<f64>> = MEMORY_MODES
            .iter()
            .map(|(mode, _)| peak_memory(mode, if *mode == "progenitor" { &export } else { path }))
            .collect();
        let cell = |m: Option<f64>| m.map_or("failed".to_owned(), |m| format!("{m:.0}"));
        rows.push(std::iter::once(n.to_string()).chain(measured.iter().map(|m| cell(*m))).collect());
        peaks.push((n, measured));
    }
    let mut header = vec!["endpoints"];
    header.extend(MEMORY_MODES.iter().map(|(_, label)| *label));
    report.table(&header, &rows);
    let at = |n: usize| peaks.iter().find(|(size, _)| *size == n);
    if let (Some((_, small)), Some((_, large))) = (at(1_000), at(10_000)) {
        for (i, (_, label)) in MEMORY_MODES.iter().enumerate().take(2) {
            if let (Some(a), Some(b)) = (small[i], large[i]) {
                report.line(format!(
                    "- {label}: {b:.0} MiB at 10,000 endpoints ({:.2}x the 1,000-endpoint peak). Goal <= 2048 MiB: {}",
                    b / a,
                    verdict(b, 2048.0, true)
                ));
            }
        }
    }
    report.blank();
}
