//! A median-of-N harness and the report every section writes to.
//!
//! Every figure is a median of repeated runs, and every goal is a ratio against a baseline measured in the same
//! process run, interleaved with it where that is possible, because the machines these run on are noisy.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Runs `f` and returns its result and how long it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = f();
    (value, start.elapsed())
}

/// The median of `samples` (the mean of the middle two for an even count). Zero for no samples.
pub fn median(samples: &[f64]) -> f64 {
    if samples.is_empty() {
        return 0.0;
    }
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

/// Where the benchmarks write specs, generated crates and results: `benches/target/bench-work`.
pub fn work_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-work");
    std::fs::create_dir_all(&dir).expect("cannot create benches/target/bench-work");
    dir
}

/// The repository root (`benches/..`).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").canonicalize().expect("repository root")
}

/// Markdown written as the run goes: printed at once, and kept to be saved with the results.
#[derive(Default)]
pub struct Report {
    text: String,
}

impl Report {
    pub fn line(&mut self, line: impl AsRef<str>) {
        println!("{}", line.as_ref());
        let _ = writeln!(self.text, "{}", line.as_ref());
    }

    pub fn blank(&mut self) {
        self.line("");
    }

    /// A Markdown table.
    pub fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        self.line(format!("| {} |", header.join(" | ")));
        self.line(format!("|{}", header.iter().map(|_| " --- |").collect::<String>()));
        for row in rows {
            self.line(format!("| {} |", row.join(" | ")));
        }
        self.blank();
    }

    /// Adds text already printed (by a child process) to the report without printing it again.
    pub fn add_quietly(&mut self, text: &str) {
        self.text.push_str(text);
        self.text.push('\n');
    }

    pub fn text(&self) -> &str {
        &self.text
    }
}

/// `met` or `missed`, with the margin: `value` against `goal`, where lower is better when `lower_is_better`.
pub fn verdict(value: f64, goal: f64, lower_is_better: bool) -> String {
    let met = if lower_is_better { value <= goal } else { value >= goal };
    let margin = if lower_is_better { value / goal } else { goal / value };
    if met {
        format!("**met** ({value:.3} vs goal {goal})")
    } else {
        format!("**missed** ({value:.3} vs goal {goal}: {:.2}x off)", margin)
    }
}

/// "Load average at start: 0.12 0.50 1.02" from `/proc/loadavg`: other work on the machine skews every figure.
pub fn load_line() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let fields: Vec<&str> = load.split_whitespace().take(3).collect();
    format!("Load average (1, 5, 15 min) when this section started: {}.", fields.join(" "))
}

pub fn f2(x: f64) -> String {
    format!("{x:.2}")
}

pub fn f3(x: f64) -> String {
    format!("{x:.3}")
}
