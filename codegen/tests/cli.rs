//! The `codegen` command end to end: exit codes, output, `--help` text, and that `generate` writes what the build.rs
//! door writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env("NO_COLOR", "1")
        .output()
        .expect("the codegen binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn check_accepts_the_three_specs() {
    let out = codegen(&["check", "spec/"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for api in ["spec/rebilly.yaml", "spec/reservepay.yaml", "spec/tokenio.yaml"] {
        assert!(stdout.contains(&format!("ok: {api}")), "{stdout}");
    }
}

#[test]
fn check_reports_every_problem_with_its_location_and_exits_1() {
    let dir = temp("broken");
    let spec = dir.join("broken.yaml");
    let original = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/tokenio.yaml")).unwrap();
    // Two unrelated mistakes in one file: both must be reported in one run.
    let broken = original.replacen("type: PayoutStatus", "type: PayoutStatsu", 1);
    let broken = broken.replacen("  get_payout:\n", "  getPayout:\n", 1);
    std::fs::write(&spec, broken).unwrap();
    let out = codegen(&["check", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[unknown-type]: unknown type `PayoutStatsu`"), "{stderr}");
    assert!(stderr.contains("did you mean `PayoutStatus`?"), "{stderr}");
    assert!(stderr.contains("error[name-case]"), "{stderr}");
    assert!(stderr.contains(&format!("--> {}:", spec.display())), "{stderr}");
    assert!(stderr.contains("problem(s) in 1 file(s)"), "{stderr}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(codegen(&["check"]).status.code(), Some(2));
    assert_eq!(codegen(&["frobnicate"]).status.code(), Some(2));
    let missing = codegen(&["check", "no/such/spec.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("no/such/spec.yaml"));
}

#[test]
fn help_text_matches_its_golden() {
    let update = std::env::var_os("UPDATE_GOLDENS").is_some();
    for (args, golden) in [
        (&["--help"][..], "help.txt"),
        (&["check", "--help"][..], "help-check.txt"),
        (&["generate", "--help"][..], "help-generate.txt"),
        (&["openapi", "--help"][..], "help-openapi.txt"),
        (&["docs", "--help"][..], "help-docs.txt"),
    ] {
        let out = codegen(args);
        assert_eq!(out.status.code(), Some(0));
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cli").join(golden);
        let actual = text(&out.stdout);
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(expected, actual, "{} changed; accept with UPDATE_GOLDENS=1", path.display());
    }
}

/// How many specs `spec/` holds.
fn spec_count() -> usize {
    codegen::spec_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")).expect("spec/ is readable").len()
}

#[test]
fn generate_writes_what_the_build_script_door_writes_and_only_when_changed() {
    let dir = temp("generate");
    let out = codegen(&["generate", "spec/", "--out", dir.join("cli").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).matches("wrote: ").count(), spec_count());
    // The CLI formats its files, for people to read; a build script's `Config` writes the same bytes when asked to
    // (by default it leaves the file unformatted, which `tests/generated_goldens.rs` proves is the same code).
    let files = codegen::Config::new()
        .spec(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec"))
        .out_dir(dir.join("config"))
        .cargo_directives(false)
        .formatted(true)
        .generate()
        .expect("generates");
    for file in files {
        let from_cli = std::fs::read(dir.join("cli").join(format!("{}.rs", file.api))).unwrap();
        assert_eq!(from_cli, std::fs::read(&file.path).unwrap(), "{} differs between CLI and Config", file.api);
    }
    let again = codegen(&["generate", "spec/", "--out", dir.join("cli").to_str().unwrap()]);
    assert_eq!(text(&again.stdout).matches("unchanged: ").count(), spec_count(), "{}", text(&again.stdout));
}

#[test]
fn docs_writes_the_site_only_when_changed_with_the_exit_codes_of_check() {
    let dir = temp("docs");
    let out_dir = dir.join("site");
    let out = codegen(&["docs", "spec/", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let pages = ["index.html", "reservepay.html", "tokenio.html", "rebilly.html", "stripe.html", "wise.html"];
    for page in pages.into_iter().chain(["markdown/tokenio.md"]) {
        assert!(out_dir.join(page).is_file(), "{page} missing; stdout:\n{stdout}");
    }
    // An HTML page and a Markdown page per API, and the two index pages.
    let files = 2 * spec_count() + 2;
    assert_eq!(stdout.matches("wrote: ").count(), files, "{stdout}");
    let again = codegen(&["docs", "spec/", "--out", out_dir.to_str().unwrap()]);
    assert_eq!(text(&again.stdout).matches("unchanged: ").count(), files, "{}", text(&again.stdout));

    let broken = dir.join("broken.yaml");
    let original = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/tokenio.yaml")).unwrap();
    std::fs::write(&broken, original.replacen("type: PayoutStatus", "type: PayoutStatsu", 1)).unwrap();
    let failed = codegen(&["docs", broken.to_str().unwrap(), "--out", dir.join("nothing").to_str().unwrap()]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(text(&failed.stderr).contains("unknown type `PayoutStatsu`"), "{}", text(&failed.stderr));
    assert!(!dir.join("nothing").exists(), "nothing is written when a spec has problems");
    assert_eq!(codegen(&["docs", "no/such/spec.yaml", "--out", dir.to_str().unwrap()]).status.code(), Some(2));
    assert_eq!(codegen(&["docs", "spec/"]).status.code(), Some(2), "--out is required");
}

/// Runs `codegen` with its output going nowhere, and kills it if it has not ended after `seconds`: the hostile paths
/// below used to block or read for ever.
fn codegen_within(seconds: u64, args: &[&str]) -> Output {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the codegen binary runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().expect("wait").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("`codegen {}` still running after {seconds} s", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn a_fifo_or_a_device_is_refused_without_being_opened() {
    let dir = temp("fifo");
    let fifo = dir.join("spec.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        let out = codegen_within(10, &["check", path]);
        assert_eq!(out.status.code(), Some(2), "{path}: {}", text(&out.stderr));
        assert!(text(&out.stderr).contains("not a regular file"), "{}", text(&out.stderr));
    }
    // In a folder, the FIFO is passed over and the real spec beside it is read.
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/tokenio.yaml"), dir.join("tokenio.yaml"))
        .unwrap();
    let out = codegen_within(10, &["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).matches("ok: ").count(), 1);
}

#[test]
fn a_spec_larger_than_16_mib_is_refused_before_it_is_read() {
    let dir = temp("large");
    let spec = dir.join("huge.yaml");
    std::fs::File::create(&spec).unwrap().set_len(codegen::MAX_SPEC_BYTES + 1).unwrap();
    let out = codegen_within(10, &["check", spec.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("larger than 16 MiB"), "{}", text(&out.stderr));
}

#[test]
fn two_specs_with_one_api_name_are_refused_and_nothing_is_written() {
    let dir = temp("same-name");
    let tokenio = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/tokenio.yaml");
    std::fs::copy(&tokenio, dir.join("a.yaml")).unwrap();
    std::fs::copy(&tokenio, dir.join("b.yaml")).unwrap();
    let out_dir = dir.join("out");
    let out = codegen(&["generate", dir.to_str().unwrap(), "--out", out_dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("error[duplicate-api-name]"), "{stderr}");
    assert!(stderr.contains("b.yaml") && stderr.contains("a.yaml"), "{stderr}");
    assert!(!out_dir.exists());
}

#[test]
fn a_closed_pipe_ends_the_output_without_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    // Enough problems that the report is far larger than a pipe's buffer.
    let dir = temp("pipe");
    let unknown: String = (0..5_000).map(|i| format!("unknown_{i}: 1\n")).collect();
    std::fs::write(dir.join("broken.yaml"), format!("spec: 1\n{unknown}")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(["check", dir.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the codegen binary runs");
    // Read the start of the report, as `| head` would, then close both ends.
    let mut start = [0u8; 64];
    child.stderr.as_mut().unwrap().read_exact(&mut start).unwrap();
    assert!(String::from_utf8_lossy(&start).starts_with("error["));
    drop(child.stderr.take());
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    // 101 would be a panic; 1 is "the specs have problems", which is what they have.
    assert_eq!(status.code(), Some(1));
}
