//! The loader on hostile specs (issue #9): a 1 MiB mapping of 64k keys, and 200,000 lines indented with tabs. Both
//! were quadratic (26 s and more than a minute); the goal is the 64k-key spec under 1 s in release. The specs are
//! the Token.io spec with the extra lines in its first enum, as in `tests/robustness.rs`, which checks what they
//! report; here only the time of `Workspace::from_source` (read, check, lower) and of rendering the diagnostics.

use crate::harness::{f2, median, ms, repo_root, timed, verdict, Report};
use codegen::Workspace;

/// The Token.io spec with `lines` more entries in the first enum's `values`, each written by `line(i)`.
fn with_enum_values(line: impl Fn(usize) -> String, lines: usize) -> String {
    let spec = std::fs::read_to_string(repo_root().join("spec/tokenio.yaml")).expect("read spec/tokenio.yaml");
    let at = spec.find("\n    values:\n").expect("an enum") + "\n    values:\n".len();
    let mut text = String::with_capacity(spec.len() + lines * 24);
    text.push_str(&spec[..at]);
    for i in 0..lines {
        text.push_str(&line(i));
    }
    text.push_str(&spec[at..]);
    text
}

/// 65,536 keys of 16 bytes a line (1 MiB), the last one written twice.
pub fn many_keys() -> String {
    with_enum_values(|i| format!("      V{i:05}: x\n"), 65_536).replacen(
        "      V65535: x\n",
        "      V65535: x\n      V00007: again\n",
        1,
    )
}

/// 200,000 enum values indented with a tab instead of six spaces.
pub fn tab_lines() -> String {
    with_enum_values(|i| format!("\tV{i:06}: x\n"), 200_000)
}

pub fn run(report: &mut Report, quick: bool) {
    report.line("## Loader on hostile specs");
    report.blank();
    report.line(crate::harness::load_line());
    report.blank();
    let runs = if quick { 1 } else { 5 };
    let mut rows = Vec::new();
    let mut key_seconds = 0.0;
    for (name, text, expected) in [
        ("64k keys, one duplicate", many_keys(), "1 duplicate-key"),
        ("200,000 tab-indented lines", tab_lines(), "20 yaml-syntax (tab)"),
    ] {
        let mut load = Vec::new();
        let mut render = Vec::new();
        let mut found = 0;
        for _ in 0..runs {
            let (workspace, took) = timed(|| Workspace::from_source("spec/tokenio.yaml", &text));
            load.push(ms(took));
            let (_, took) = timed(|| workspace.render());
            render.push(ms(took));
            found = workspace.diagnostics.len();
        }
        if name.starts_with("64k") {
            key_seconds = median(&load) / 1e3;
        }
        rows.push(vec![
            name.to_owned(),
            format!("{:.2} MiB", text.len() as f64 / (1 << 20) as f64),
            f2(median(&load)),
            f2(median(&render)),
            format!("{found} (expected {expected})"),
        ]);
    }
    report.table(&["spec", "size", "load + check, ms (median)", "render diagnostics, ms", "diagnostics"], &rows);
    report.line(format!("64k-key spec under 1 s: {}", verdict(key_seconds, 1.0, true)));
    report.blank();
}
