//! The benchmark suite. See BENCHMARKS.md at the repository root.
//!
//! ```text
//! cargo run --release --manifest-path benches/Cargo.toml -- all          # everything, prints every ratio
//! cargo run --release --manifest-path benches/Cargo.toml -- throughput   # generation throughput vs progenitor
//! cargo run --release --manifest-path benches/Cargo.toml -- compile      # build time of generated crates vs progenitor
//! cargo run --release --manifest-path benches/Cargo.toml -- doors        # proc-macro door vs build.rs door
//! cargo run --release --manifest-path benches/Cargo.toml -- runtime      # decoding, encoding, loopback calls
//! cargo run --release --manifest-path benches/Cargo.toml -- loader       # the loader on hostile specs (issue #9)
//! cargo run --release --manifest-path benches/Cargo.toml -- specs DIR    # only write the synthetic specs
//! ```
//!
//! `--quick` runs everything once (for trying the suite out; the figures are then not medians), and
//! `--sizes 10,100` limits the throughput sizes.

mod baseline;
mod baseline_vendors;
mod compile;
mod harness;
mod loader;
mod runtime;
mod synth;
mod throughput;

use harness::Report;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let quick = take_flag(&mut args, "--quick");
    let sizes: Vec<usize> = match take_value(&mut args, "--sizes") {
        Some(list) => list.split(',').map(|s| s.trim().replace('_', "").parse().expect("--sizes 10,100")).collect(),
        None => throughput::SIZES.to_vec(),
    };
    let command = args.first().cloned().unwrap_or_else(|| "all".to_owned());
    let mut report = Report::default();
    let started = std::time::Instant::now();
    match command.as_str() {
        "specs" => {
            let dir = args.get(1).map(std::path::PathBuf::from).unwrap_or_else(|| harness::work_dir().join("specs"));
            for path in throughput::write_specs(&dir, &sizes) {
                println!("{}", path.display());
            }
            return;
        }
        // Internal: one generation of the spec at args[2] in this process, then its peak memory on stdout (see
        // `throughput::peak_memory`).
        "memory-child" => {
            throughput::memory_child(args.get(1).map_or("", String::as_str), args.get(2).map_or("", String::as_str));
            return;
        }
        "profile" => {
            runtime::profile(args.get(1).map_or("", String::as_str));
            return;
        }
        "throughput" => throughput::run(&mut report, quick, &sizes),
        "compile" => compile::run_compile(&mut report, quick),
        "doors" => compile::run_doors(&mut report, quick),
        "runtime" => runtime::run(&mut report, quick),
        "loader" => loader::run(&mut report, quick),
        "all" => {
            machine(&mut report);
            for section in ["throughput", "loader", "runtime", "compile", "doors"] {
                run_in_child(&mut report, section, quick, &sizes);
            }
        }
        other => {
            eprintln!("unknown command `{other}`: use all, throughput, loader, compile, doors, runtime or specs");
            std::process::exit(2);
        }
    }
    report.line(format!("Total benchmark time: {:.0} s.", started.elapsed().as_secs_f64()));
    let path = harness::work_dir().join(format!("results-{command}.md"));
    std::fs::write(&path, report.text()).expect("write results");
    eprintln!("results written to {}", path.display());
}

/// Runs one section in a process of its own and adds its results to `report`. A fresh process per section keeps one
/// section's heap from weighing on the next: after generating the 10,000-endpoint file in the same process, the
/// allocation-bound decoding benchmark ran up to a sixth slower (stripe 0.746 against 0.888 on its own).
fn run_in_child(report: &mut Report, section: &str, quick: bool, sizes: &[usize]) {
    let exe = std::env::current_exe().expect("the benchmark binary's path");
    let mut command = std::process::Command::new(exe);
    command.arg(section);
    if quick {
        command.arg("--quick");
    }
    let sizes: Vec<String> = sizes.iter().map(usize::to_string).collect();
    command.args(["--sizes", &sizes.join(",")]);
    let status = command.status().expect("run a benchmark section");
    let results = harness::work_dir().join(format!("results-{section}.md"));
    match std::fs::read_to_string(&results) {
        Ok(text) if status.success() => {
            let kept: Vec<&str> = text.lines().filter(|line| !line.starts_with("Total benchmark time")).collect();
            report.add_quietly(&kept.join("\n"));
        }
        _ => report.line(format!("The `{section}` section failed ({status}); its results are missing.")),
    }
}

fn take_flag(args: &mut Vec<String>, flag: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != flag);
    args.len() != before
}

fn take_value(args: &mut Vec<String>, flag: &str) -> Option<String> {
    let at = args.iter().position(|a| a == flag)?;
    args.remove(at);
    (at < args.len()).then(|| args.remove(at))
}

/// The machine the figures come from.
fn machine(report: &mut Report) {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let field = |name: &str| {
        info.lines()
            .find(|l| l.split(':').next().is_some_and(|k| k.trim() == name))
            .and_then(|l| l.split_once(':'))
            .map_or(String::new(), |(_, v)| v.trim().to_owned())
    };
    let virtualised =
        if field("flags").split_whitespace().any(|f| f == "hypervisor") { ", virtual machine" } else { "" };
    let cpu =
        format!("{} (family {}, model {}){virtualised}", field("model name"), field("cpu family"), field("model"));
    let cpus = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            info.lines().next().map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<f64>().unwrap_or(0.0))
        })
        .map_or("unknown".to_owned(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0));
    let rustc = std::process::Command::new("rustc")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    report.line("## Machine");
    report.blank();
    report.line(format!("- CPU: {cpu}, {cpus} CPUs available"));
    report.line(format!("- Memory: {memory}"));
    report.line(format!("- {rustc}"));
    report.blank();
}
