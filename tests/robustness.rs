//! Robustness of the front end: damaged versions of the real specs never make it panic, and every rejection points at
//! a real place in the file.
//!
//! The quick run in the suite checks `ROBUSTNESS_CASES` cases (default 10,000) from a fixed seed, so a failure is
//! reproducible. A longer run: `ROBUSTNESS_CASES=200000 ROBUSTNESS_SEED=7 cargo test --release -p codegen-tests --test
//! robustness -- --nocapture`.

use codegen::Workspace;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// Bytes that matter to YAML or to the spec language, so mutations hit structure rather than only prose.
const INTERESTING: &[u8] = b":-{}[],\"'#&*!|>?% \t\n\\0123456789abcxyzATU_.<>@`\xff\xc3";

struct Spec {
    name: String,
    text: String,
}

fn specs() -> Vec<Spec> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut specs: Vec<Spec> = ["reservepay.yaml", "tokenio.yaml", "rebilly.yaml"]
        .iter()
        .map(|name| Spec {
            name: format!("spec/{name}"),
            text: std::fs::read_to_string(dir.join(name)).expect("spec is readable"),
        })
        .collect();
    specs.sort_by(|a, b| a.name.cmp(&b.name));
    specs
}

#[derive(Clone, Copy, Debug)]
enum Mutation {
    Truncate,
    DeleteLine,
    DuplicateLine,
    SwapLines,
    Indent,
    Dedent,
    ReplaceByte,
    InsertByte,
    DeleteByte,
}

const MUTATIONS: [Mutation; 9] = [
    Mutation::Truncate,
    Mutation::DeleteLine,
    Mutation::DuplicateLine,
    Mutation::SwapLines,
    Mutation::Indent,
    Mutation::Dedent,
    Mutation::ReplaceByte,
    Mutation::InsertByte,
    Mutation::DeleteByte,
];

fn line_starts(text: &[u8]) -> Vec<usize> {
    std::iter::once(0).chain(text.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1)).collect()
}

fn line_range(text: &[u8], starts: &[usize], line: usize) -> std::ops::Range<usize> {
    let start = starts[line];
    let end = starts.get(line + 1).copied().unwrap_or(text.len());
    start..end
}

/// Applies one to three mutations; returns the damaged bytes and what was done, for the failure message.
fn mutate(rng: &mut fastrand::Rng, original: &str) -> (Vec<u8>, Vec<String>) {
    let mut bytes = original.as_bytes().to_vec();
    let mut done = Vec::new();
    for _ in 0..rng.usize(1..=3) {
        if bytes.is_empty() {
            break;
        }
        let mutation = MUTATIONS[rng.usize(..MUTATIONS.len())];
        let starts = line_starts(&bytes);
        let line = rng.usize(..starts.len());
        let at = rng.usize(..bytes.len());
        match mutation {
            Mutation::Truncate => bytes.truncate(at),
            Mutation::DeleteLine => {
                let range = line_range(&bytes, &starts, line);
                bytes.drain(range);
            }
            Mutation::DuplicateLine => {
                let range = line_range(&bytes, &starts, line);
                let copy = bytes[range.clone()].to_vec();
                bytes.splice(range.start..range.start, copy);
            }
            Mutation::SwapLines => {
                let other = rng.usize(..starts.len());
                let (a, b) = (line.min(other), line.max(other));
                let (ra, rb) = (line_range(&bytes, &starts, a), line_range(&bytes, &starts, b));
                if a != b {
                    let (la, lb) = (bytes[ra.clone()].to_vec(), bytes[rb.clone()].to_vec());
                    bytes.splice(rb, la);
                    bytes.splice(ra, lb);
                }
            }
            Mutation::Indent => {
                let pad = vec![b' '; rng.usize(1..=4)];
                bytes.splice(starts[line]..starts[line], pad);
            }
            Mutation::Dedent => {
                let start = starts[line];
                let spaces = bytes[start..].iter().take_while(|b| **b == b' ').count().min(rng.usize(1..=4));
                bytes.drain(start..start + spaces);
            }
            Mutation::ReplaceByte => bytes[at] = INTERESTING[rng.usize(..INTERESTING.len())],
            Mutation::InsertByte => bytes.insert(at, INTERESTING[rng.usize(..INTERESTING.len())]),
            Mutation::DeleteByte => {
                bytes.remove(at);
            }
        }
        done.push(format!("{mutation:?} (line {}, byte {at})", line + 1));
    }
    (bytes, done)
}

#[test]
fn damaged_specs_never_panic_and_every_rejection_has_a_location() {
    let cases: usize = std::env::var("ROBUSTNESS_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let seed: u64 = std::env::var("ROBUSTNESS_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(2026);
    let specs = specs();
    let mut rng = fastrand::Rng::with_seed(seed);
    let (mut rejected, mut accepted, mut diagnostics) = (0usize, 0usize, 0usize);
    for case in 0..cases {
        let spec = &specs[case % specs.len()];
        let (bytes, done) = mutate(&mut rng, &spec.text);
        let outcome = catch_unwind(AssertUnwindSafe(|| Workspace::from_bytes(&spec.name, &bytes)));
        let Ok(workspace) = outcome else {
            panic!("case {case} (seed {seed}) panicked on {} after {done:?}", spec.name);
        };
        if workspace.is_ok() {
            accepted += 1;
            continue;
        }
        rejected += 1;
        diagnostics += workspace.diagnostics.len();
        for diagnostic in &workspace.diagnostics {
            let text_len = workspace.sources.text(diagnostic.span.file).len();
            let location = diagnostic.location(&workspace.sources);
            assert!(
                diagnostic.span.end <= text_len && location.line >= 1 && location.column >= 1,
                "case {case} (seed {seed}): `{}` on {} has no usable location ({location}, span {:?}, file of {text_len} bytes) after {done:?}",
                diagnostic.code,
                spec.name,
                diagnostic.span,
            );
        }
        // Rendering touches every span again, through the same code path as the CLI.
        assert!(!workspace.render().is_empty());
    }
    println!(
        "robustness: {cases} mutated cases (seed {seed}): {rejected} rejected, every one with a location ({diagnostics} diagnostics); {accepted} accepted (harmless edits)"
    );
    assert_eq!(rejected + accepted, cases);
    assert!(rejected > cases / 2, "too few rejections ({rejected}/{cases}): are the mutations reaching the specs?");
}

// ---- Hostile specs: each of these used to crash, hang, or read something other than what the file says. ----

fn tokenio() -> String {
    specs().into_iter().find(|s| s.name.ends_with("tokenio.yaml")).expect("tokenio spec").text
}

fn codes(workspace: &Workspace) -> Vec<&'static str> {
    workspace.diagnostics.iter().map(|d| d.code).collect()
}

/// The Token.io spec with `lines` more entries in the first enum's `values`, each written by `line(i)`.
fn with_enum_values(line: impl Fn(usize) -> String, lines: usize) -> String {
    let spec = tokenio();
    let at = spec.find("\n    values:\n").expect("an enum") + "\n    values:\n".len();
    let mut text = String::with_capacity(spec.len() + lines * 24);
    text.push_str(&spec[..at]);
    for i in 0..lines {
        text.push_str(&line(i));
    }
    text.push_str(&spec[at..]);
    text
}

#[test]
fn a_one_megabyte_mapping_of_64k_keys_with_one_duplicate_reports_exactly_that_duplicate() {
    // 16 bytes a line: 65,536 keys make 1 MiB.
    let text = with_enum_values(|i| format!("      V{i:05}: x\n"), 65_536).replacen(
        "      V65535: x\n",
        "      V65535: x\n      V00007: again\n",
        1,
    );
    assert!(text.len() > 1 << 20);
    let workspace = Workspace::from_source("spec/tokenio.yaml", &text);
    assert_eq!(codes(&workspace), ["duplicate-key"], "{}", workspace.render());
    let duplicate = &workspace.diagnostics[0];
    assert_eq!(duplicate.span.start, text.find("      V00007: again").expect("second") + 6);
    assert_eq!(duplicate.related[0].0.start, text.find("      V00007: x").expect("first") + 6);
}

#[test]
fn two_hundred_thousand_tab_indented_lines_are_read_as_spaces_and_the_first_few_reported() {
    let text = with_enum_values(|i| format!("\tV{i:06}: x\n"), 200_000);
    let workspace = Workspace::from_source("spec/tokenio.yaml", &text);
    // Twenty are reported (enough to fix a file indented with tabs); every line was read as its neighbours.
    assert_eq!(codes(&workspace), ["yaml-syntax"; 20], "{}", workspace.render().lines().take(40).collect::<String>());
    assert!(workspace.diagnostics.iter().all(|d| d.message.contains("a tab in the indentation")));
}

#[test]
fn a_type_nested_50_000_deep_is_refused_with_its_location() {
    for levels in [2_000, 50_000] {
        let deep = format!("{}string{}", "array<".repeat(levels), ">".repeat(levels));
        let text = tokenio().replacen("type: PayoutStatus", &format!("type: {deep}"), 1);
        let workspace = Workspace::from_source("spec/tokenio.yaml", &text);
        assert_eq!(codes(&workspace), ["nesting-too-deep"], "{levels} levels");
        let location = workspace.diagnostics[0].location(&workspace.sources);
        assert_eq!(location.line, text[..text.find("array<").unwrap()].lines().count());
    }
}

#[test]
fn yaml_nested_50_000_deep_is_refused_with_its_location() {
    let spec = tokenio();
    for (style, levels) in [("flow", 50_000), ("flow", 200), ("block", 2_000)] {
        let deep = match style {
            "flow" => format!("      deep: {}1{}\n", "[".repeat(levels), "]".repeat(levels)),
            _ => (0..levels).map(|l| format!("{}k{l}:\n", " ".repeat(6 + l))).collect(),
        };
        // Under a free-form JSON example, where any value is allowed but its depth.
        let at = spec.find("\n    example:\n").expect("an example") + "\n    example:\n".len();
        let text = format!("{}{deep}{}", &spec[..at], &spec[at..]);
        let workspace = Workspace::from_source("spec/tokenio.yaml", &text);
        assert!(codes(&workspace).contains(&"nesting-too-deep"), "{style} {levels}: {}", workspace.render());
        assert!(!workspace.render().is_empty());
    }
}

#[test]
fn a_nul_byte_is_reported_and_the_rest_of_the_file_is_still_read() {
    // A NUL before the last endpoint, and a mistake inside that endpoint: both must be found.
    let spec = tokenio();
    let last = spec.rfind("\n  get_payout:\n").expect("get_payout");
    let (before, after) = spec.split_at(last);
    let text = format!("{before}\0{}", after.replacen("type: PayoutId", "type: PayoutIdd", 1));
    let workspace = Workspace::from_bytes("spec/tokenio.yaml", text.as_bytes());
    let codes = codes(&workspace);
    assert!(codes.contains(&"control-character") && codes.contains(&"unknown-type"), "{}", workspace.render());
    let nul = workspace.diagnostics.iter().find(|d| d.code == "control-character").expect("reported");
    assert_eq!(nul.span.start, last);
}

#[test]
fn a_byte_order_mark_is_skipped_and_every_location_stays_right() {
    let spec = tokenio();
    let plain = Workspace::from_source("spec/tokenio.yaml", &spec);
    let with_bom = Workspace::from_bytes("spec/tokenio.yaml", format!("\u{feff}{spec}").as_bytes());
    assert!(with_bom.is_ok(), "{}", with_bom.render());
    assert_eq!(with_bom.apis, plain.apis);
    // A mistake is still reported at its line and column.
    let broken = spec.replacen("type: PayoutStatus", "type: PayoutStatsu", 1);
    let plain = Workspace::from_source("spec/tokenio.yaml", &broken);
    let with_bom = Workspace::from_source("spec/tokenio.yaml", &format!("\u{feff}{broken}"));
    assert_eq!(with_bom.diagnostics.len(), 1);
    assert_eq!(with_bom.diagnostics[0].span.start, plain.diagnostics[0].span.start + 3);
    assert_eq!(with_bom.diagnostics[0].location(&with_bom.sources), plain.diagnostics[0].location(&plain.sources));
}

#[test]
fn a_ten_megabyte_line_is_shortened_around_the_problem_in_the_rendered_report() {
    let spec = tokenio();
    let long_comment = "x".repeat(10 << 20);
    let text = spec.replacen("type: PayoutStatus", &format!("type: PayoutStatsu  # {long_comment}"), 1);
    let workspace = Workspace::from_source("spec/tokenio.yaml", &text);
    assert_eq!(codes(&workspace), ["unknown-type"]);
    let rendered = workspace.render();
    assert!(rendered.len() < 2_000, "{} bytes rendered", rendered.len());
    // The location is the real one, and the caret is still under the type.
    let at = text.find("PayoutStatsu").unwrap();
    let line = text[..at].lines().count();
    let column = at - text[..at].rfind('\n').unwrap();
    assert!(rendered.contains(&format!("spec/tokenio.yaml:{line}:{column}")), "{rendered}");
    let source_line = rendered.lines().find(|l| l.contains("type: PayoutStatsu")).expect("source line");
    let caret_line = rendered.lines().find(|l| l.contains("^^^")).expect("caret line");
    let (source_at, caret_at) = (source_line.find("PayoutStatsu").unwrap(), caret_line.find('^').unwrap());
    assert_eq!(source_at, caret_at, "{rendered}");
    assert_eq!(caret_line.matches('^').count(), "PayoutStatsu".len());
    assert!(source_line.ends_with("..."));
}

#[test]
fn a_message_that_quotes_a_ten_megabyte_value_is_shortened_too() {
    let name = format!("Payout{}", "x".repeat(10 << 20));
    let text = tokenio().replacen("type: PayoutStatus", &format!("type: {name}"), 1);
    let workspace = Workspace::from_source("spec/tokenio.yaml", &text);
    assert_eq!(codes(&workspace), ["unknown-type"]);
    let rendered = workspace.render();
    assert!(rendered.len() < 4_000, "{} bytes rendered", rendered.len());
    assert!(rendered.contains("error[unknown-type]: unknown type `Payoutxxx"), "{rendered}");
}
