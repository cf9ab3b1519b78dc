//! The reference renders in a real browser: headless Chromium (Debian's `chromium` package) loads every page from
//! disk, logs nothing to the console, asks the network for nothing, and its DOM holds the page's title and sections.
//! A screenshot of the index is written to `target/api-docs-screenshot.png` for review.
//!
//! Without Chromium the test prints a notice and passes, except in CI (`CI` set), where it fails: `.ci/run` must
//! install Chromium (`apt-get install chromium`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chromium() -> Option<String> {
    ["chromium", "chromium-browser"]
        .into_iter()
        .map(str::to_owned)
        .find(|name| Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success()))
}

/// `target/`, wherever Cargo puts it.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).parent().map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
}

fn run(browser: &str, profile: &Path, extra: &[String], page: &Path) -> Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            // Nothing resolves, so nothing leaves the machine; requests still show in the net-log.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// Console messages in Chromium's log: the pages have no scripts, so any message at all is a problem (a blocked
/// resource, a parse error, a policy violation).
fn console_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught")).collect()
}

/// URLs the page itself (not the browser's own services) asked the network for, read from a net-log: requests whose
/// network isolation key is the `file://` page.
fn page_requests(net_log: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(net_log) else { return Vec::new() };
    // Chromium may stop before closing the JSON; the events are read one object at a time from the text instead.
    let mut urls = Vec::new();
    for event in text.split("{\"params\":").skip(1) {
        if !event.contains("\"network_isolation_key\":\"file://") {
            continue;
        }
        if let Some(start) = event.find("\"url\":\"") {
            let rest = &event[start + 7..];
            let url = &rest[..rest.find('"').unwrap_or(rest.len())];
            if !url.starts_with("file:") && !url.starts_with("data:") && !url.starts_with("about:") {
                urls.push(url.to_owned());
            }
        }
    }
    urls
}

#[test]
fn every_page_loads_in_headless_chromium_without_console_errors_or_network() {
    let Some(browser) = chromium() else {
        if std::env::var_os("CI").is_some() {
            panic!("Chromium is not installed: .ci/run must install it (apt-get install -y chromium) for the docs browser check");
        }
        eprintln!("SKIPPED docs_browser: `chromium` is not installed (apt-get install -y chromium); the pages were not checked in a browser");
        return;
    };
    let work = std::env::temp_dir().join(format!("codegen-docs-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let site = work.join("site");
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let written = codegen::docs::generate(&[spec], &site, &codegen_tests::site_options()).expect("site generates");
    let pages: Vec<PathBuf> =
        written.iter().map(|w| w.path.clone()).filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    assert!(pages.len() >= 2, "expected the index and a page per API, got {pages:?}");
    let mut failures = Vec::new();

    // The checks must be able to fail: a page with a script that logs an error and an image from the network.
    let canary = work.join("canary.html");
    std::fs::write(
        &canary,
        "<!DOCTYPE html><html><head><title>canary</title></head><body><img src=\"https://example.invalid/x.png\">\
         <script>console.error('canary')</script></body></html>",
    )
    .expect("canary page");
    let canary_log = work.join("net-canary.json");
    let output = run(
        &browser,
        &work.join("profile-canary"),
        &["--dump-dom".to_owned(), format!("--log-net-log={}", canary_log.display())],
        &canary,
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!console_lines(&stderr).is_empty(), "the console check does not see console.error: {stderr}");
    assert!(!page_requests(&canary_log).is_empty(), "the network check does not see the canary's image request");

    for (i, page) in pages.iter().enumerate() {
        let page = page.canonicalize().expect("page path");
        let source = std::fs::read_to_string(&page).expect("page");
        let title =
            source.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or_default().to_owned();
        let net_log = work.join(format!("net-{i}.json"));
        let output = run(
            &browser,
            &work.join(format!("profile-{i}")),
            &["--dump-dom".to_owned(), format!("--log-net-log={}", net_log.display())],
            &page,
        );
        let name = page.file_name().unwrap_or_default().to_string_lossy().into_owned();
        let dom = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            failures.push(format!("{name}: chromium exited with {}: {stderr}", output.status));
            continue;
        }
        if title.is_empty() || !dom.contains(&format!("<title>{title}</title>")) {
            failures.push(format!("{name}: the rendered DOM lacks the title {title:?}"));
        }
        let marker = if name == "index.html" { "class=\"card api\"" } else { "class=\"endpoint\"" };
        if !dom.contains(marker) {
            failures.push(format!("{name}: the rendered DOM lacks {marker}"));
        }
        for line in console_lines(&stderr) {
            failures.push(format!("{name}: console: {line}"));
        }
        for url in page_requests(&net_log) {
            failures.push(format!("{name}: the page requested {url}"));
        }
    }
    let index = site.join("index.html").canonicalize().expect("index");
    let screenshot = target_dir().join("api-docs-screenshot.png");
    let _ = std::fs::remove_file(&screenshot);
    let output = run(
        &browser,
        &work.join("profile-shot"),
        &[format!("--screenshot={}", screenshot.display()), "--window-size=1280,2000".to_owned()],
        &index,
    );
    let png = std::fs::read(&screenshot).unwrap_or_default();
    if !output.status.success() || !png.starts_with(b"\x89PNG") {
        failures.push(format!("no screenshot of the index: {}", String::from_utf8_lossy(&output.stderr)));
    } else {
        println!(
            "docs_browser: {} pages loaded in {browser}; index screenshot at {}",
            pages.len(),
            screenshot.display()
        );
    }
    let _ = std::fs::remove_dir_all(&work);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
