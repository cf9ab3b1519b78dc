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
