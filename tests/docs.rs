//! The HTML reference covers every spec completely: for each API page, parsed as HTML, every endpoint has its
//! section, and inside it every argument, response attribute, response header and error (the endpoint's own and the
//! common ones) has a row in the right table, and every example its curl and Rust samples. The index links every
//! endpoint, internal links resolve, the pages are self-contained (nothing fetched from the network), output is
//! deterministic, and the Markdown variant names the same things.
//!
//! Response attributes are checked by this rule: the fields of the response's object type (for an array or map body,
//! of its items), and for each field whose type is a named object or an array or map of one, that object's fields
//! one level down, named `field.sub`, `field[].sub` or `field{}.sub`. Deeper objects are documented in the Types
//! section, which is checked too (every type has a section, every object field a row).
//!
//! Run with `--nocapture` for the counts per API.

use codegen::ir::{Api, Field, TypeDefKind, TypeExpr};
use codegen::samples;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn apis() -> Vec<Api> {
    let workspace = codegen::Workspace::load(&[spec_dir()]).expect("specs load");
    assert!(workspace.is_ok(), "{}", workspace.render());
    assert!(!workspace.apis.is_empty());
    workspace.apis
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-docs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The site written to a fresh folder through the same function the CLI uses.
fn write_site(name: &str) -> (Vec<Api>, PathBuf) {
    let dir = temp_dir(name);
    let written = codegen::docs::generate(&[spec_dir()], &dir, &codegen_tests::site_options()).expect("site generates");
    assert!(written.iter().all(|w| w.written), "a fresh folder gets every file written");
    (apis(), dir)
}

fn read(dir: &Path, page: &str) -> String {
    std::fs::read_to_string(dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

fn sel(selector: &str) -> Selector {
    Selector::parse(selector).unwrap_or_else(|e| panic!("selector {selector}: {e:?}"))
}

fn text(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// The names in the first cell (`<code>`) of each body row of the tables matching `table` inside `scope`.
fn row_names(scope: ElementRef<'_>, table: &str) -> BTreeSet<String> {
    let rows = sel(&format!("{table} > tbody > tr"));
    let first = sel("td:first-child code");
    scope.select(&rows).filter_map(|row| row.select(&first).next().map(text)).collect()
}

/// The response attributes the rule above expects, as the docs name them.
fn expected_attributes(api: &Api, body: &TypeExpr) -> Vec<String> {
    fn unwrap(ty: &TypeExpr) -> (&TypeExpr, String) {
        match ty {
            TypeExpr::Array(inner) => {
                let (t, s) = unwrap(inner);
                (t, format!("[]{s}"))
            }
            TypeExpr::Map(inner) => {
                let (t, s) = unwrap(inner);
                (t, format!("{{}}{s}"))
            }
            other => (other, String::new()),
        }
    }
    fn fields<'a>(api: &'a Api, ty: &TypeExpr) -> Option<&'a [Field]> {
        let TypeExpr::Named(name) = ty else { return None };
        match &api.type_def(name)?.kind {
            TypeDefKind::Object { fields, .. } => Some(fields),
            _ => None,
        }
    }
    let mut names = Vec::new();
    let Some(top) = fields(api, unwrap(body).0) else { return names };
    for field in top {
        names.push(field.wire_name.clone());
        let (inner, suffix) = unwrap(&field.ty);
        for sub in fields(api, inner).unwrap_or_default() {
            names.push(format!("{}{suffix}.{}", field.wire_name, sub.wire_name));
        }
    }
    names
}

/// The documented values of an enum type, or of the items of an array of one.
fn enum_values(api: &Api, ty: &TypeExpr) -> Vec<String> {
    let ty = match ty {
        TypeExpr::Array(inner) => inner,
        other => other,
    };
    let TypeExpr::Named(name) = ty else { return Vec::new() };
    match api.type_def(name).map(|t| &t.kind) {
        Some(TypeDefKind::Enum { values, .. }) => values.iter().map(|v| v.wire.clone()).collect(),
        _ => Vec::new(),
    }
}

#[derive(Default)]
struct Counts {
    endpoints: usize,
    arguments: usize,
    attributes: usize,
    headers: usize,
    endpoint_errors: usize,
    error_codes: BTreeSet<String>,
    samples: usize,
    types: usize,
}

#[test]
fn every_endpoint_argument_attribute_header_and_error_is_in_its_section() {
    let (apis, dir) = write_site("coverage");
    let index = Html::parse_document(&read(&dir, "index.html"));
    let mut failures = Vec::new();
    let mut totals = Counts::default();
    for api in &apis {
        let page_name = format!("{}.html", api.name);
        let page = Html::parse_document(&read(&dir, &page_name));
        let root = page.root_element();
        let mut counts = Counts::default();
        let mut fail = |what: String| failures.push(format!("[{}] {what}", api.name));

        // Metadata: servers, auth schemes, common errors and every error code, each in its own table.
        let servers = row_names(root, "section#servers table.servers");
        for server in &api.servers {
            if !servers.contains(&server.name) {
                fail(format!("server `{}` is not in the servers table", server.name));
            }
        }
        let schemes = row_names(root, "section#auth table.auth-schemes");
        for scheme in &api.auth {
            if !schemes.contains(&scheme.name) {
                fail(format!("auth scheme `{}` is not in the auth table", scheme.name));
            }
        }
        if let Some(versioning) = &api.versioning {
            let section = root.select(&sel("section#versioning")).next().map(text).unwrap_or_default();
            if !section.contains(&versioning.header)
                || !versioning.versions.iter().all(|v| section.contains(v.as_str()))
            {
                fail("the versioning section does not name the header and every version".to_owned());
            }
        }
        let common = row_names(root, "section#errors table.common-errors");
        let all_codes = row_names(root, "section#errors table.error-codes");
        for error in &api.errors.codes {
            if error.common && !common.contains(&error.name) {
                fail(format!("common error `{}` is not in the common errors table", error.name));
            }
            if !all_codes.contains(&error.name) {
                fail(format!("error `{}` is not in the error codes table", error.name));
            }
            counts.error_codes.insert(error.name.clone());
        }

        for endpoint in &api.endpoints {
            counts.endpoints += 1;
            let id = format!("endpoint-{}", endpoint.name);
            let sections: Vec<ElementRef<'_>> = root.select(&sel(&format!("section.endpoint#{id}"))).collect();
            let [section] = sections[..] else {
                fail(format!("expected one section#{id}, found {}", sections.len()));
                continue;
            };
            let link = format!("{page_name}#{id}");
            if index.select(&sel(&format!("a[href=\"{link}\"]"))).next().is_none() {
                fail(format!("index.html does not link {link}"));
            }

            // Signature: method, path, full URL, auth.
            let signature = section.select(&sel(".signature")).next().map(text).unwrap_or_default();
            if !signature.contains(endpoint.method.as_str()) || !signature.contains(&endpoint.path) {
                fail(format!("{}: the signature `{signature}` lacks the method or path", endpoint.name));
            }
            let url = section.select(&sel("dl.facts code.url")).next().map(text).unwrap_or_default();
            if url != format!("{}{}", samples::base_url(api), endpoint.path) {
                fail(format!("{}: URL `{url}`", endpoint.name));
            }
            let auth = section.select(&sel("dl.facts dd.auth")).next().map(text).unwrap_or_default();
            let auth_ok = if endpoint.auth_required && !api.auth.is_empty() {
                api.auth.iter().all(|s| auth.contains(&s.name))
            } else {
                auth.contains("none")
            };
            if !auth_ok {
                fail(format!("{}: auth line `{auth}`", endpoint.name));
            }

            let arguments = row_names(section, "table.arguments");
            for argument in &endpoint.arguments {
                counts.arguments += 1;
                if !arguments.contains(&argument.wire_name) {
                    fail(format!("{}: argument `{}` is not in its arguments table", endpoint.name, argument.wire_name));
                }
                // An enum argument (or an array of one) lists every documented value in its row.
                let documented = enum_values(api, &argument.ty);
                if !documented.is_empty() {
                    let cells =
                        sel(&format!("table.arguments tr[data-name=\"{}\"] td.allowed code", argument.wire_name));
                    let shown: BTreeSet<String> = section.select(&cells).map(text).collect();
                    for value in documented.iter().filter(|v| !shown.contains(*v)) {
                        fail(format!(
                            "{}: argument `{}` does not list the value `{value}`",
                            endpoint.name, argument.wire_name
                        ));
                    }
                }
            }
            let attributes = row_names(section, "table.response");
            for attribute in expected_attributes(api, &endpoint.response.ty) {
                counts.attributes += 1;
                if !attributes.contains(&attribute) {
                    fail(format!("{}: response attribute `{attribute}` is not in its response table", endpoint.name));
                }
            }
            let headers = row_names(section, "table.response-headers");
            for header in &endpoint.response.headers {
                counts.headers += 1;
                if !headers.contains(&header.wire_name) {
                    fail(format!(
                        "{}: response header `{}` is not in its headers table",
                        endpoint.name, header.wire_name
                    ));
                }
            }
            let errors = row_names(section, "table.errors");
            let common_names = api.errors.codes.iter().filter(|e| e.common).map(|e| e.name.clone());
            let expected_errors: BTreeSet<String> =
                endpoint.errors.iter().map(|e| e.name.clone()).chain(common_names).collect();
            for error in &expected_errors {
                counts.endpoint_errors += 1;
                if !errors.contains(error) {
                    fail(format!("{}: error `{error}` is not in its errors table", endpoint.name));
                }
            }
            if errors.len() != expected_errors.len() {
                fail(format!("{}: the errors table lists {errors:?}, expected {expected_errors:?}", endpoint.name));
            }

            // Samples: one curl and one Rust sample per example, exactly the text `codegen::samples` gives (the
            // Rust text is the one `docs_samples` compiles and runs).
            let synthesized = samples::synthesized_example(api, endpoint);
            let shown: Vec<(&codegen::ir::Example, Option<&codegen::ir::Example>)> = if endpoint.examples.is_empty() {
                vec![(&synthesized, None)]
            } else {
                endpoint.examples.iter().map(|e| (e, Some(e))).collect()
            };
            for (example, rust_example) in shown {
                counts.samples += 1;
                let block_id = format!("example-{}-{}", endpoint.name, example.name);
                let Some(block) = section.select(&sel(&format!("details.example#{block_id}"))).next() else {
                    fail(format!("{}: no example block #{block_id}", endpoint.name));
                    continue;
                };
                let curl = block.select(&sel("pre.sample-curl")).next().map(text);
                let expected_curl = samples::curl(api, endpoint, example, &samples::base_url(api));
                if curl.as_deref() != Some(expected_curl.as_str()) {
                    fail(format!("{block_id}: the curl sample differs from codegen::samples::curl"));
                }
                let rust = block.select(&sel("pre.sample-rust")).next().map(text);
                let expected_rust = samples::rust(api, endpoint, rust_example, codegen_tests::CRATE_PATH);
                if rust.as_deref() != Some(expected_rust.as_str()) {
                    fail(format!("{block_id}: the Rust sample differs from codegen::samples::rust"));
                }
            }
        }

        // Types: a section per type, a row per object field and enum value.
        for ty in &api.types {
            counts.types += 1;
            let Some(section) = root.select(&sel(&format!("section.type#type-{}", ty.name))).next() else {
                fail(format!("type `{}` has no section", ty.name));
                continue;
            };
            match &ty.kind {
                TypeDefKind::Object { fields, .. } => {
                    let rows = row_names(section, "table.fields");
                    for field in fields.iter().filter(|f| !rows.contains(&f.wire_name)) {
                        fail(format!("type `{}`: field `{}` has no row", ty.name, field.wire_name));
                    }
                }
                TypeDefKind::Enum { values, .. } => {
                    let rows = row_names(section, "table.values");
                    for value in values.iter().filter(|v| !rows.contains(&v.wire)) {
                        fail(format!("enum `{}`: value `{}` has no row", ty.name, value.wire));
                    }
                }
                _ => {}
            }
        }

        println!(
            "docs[{}]: {} endpoints, {} arguments, {} response attributes, {} response headers, {} error codes \
             ({} endpoint error rows), {} examples with curl and Rust samples, {} types",
            api.name,
            counts.endpoints,
            counts.arguments,
            counts.attributes,
            counts.headers,
            counts.error_codes.len(),
            counts.endpoint_errors,
            counts.samples,
            counts.types
        );
        totals.endpoints += counts.endpoints;
        totals.arguments += counts.arguments;
        totals.attributes += counts.attributes;
        totals.headers += counts.headers;
        totals.endpoint_errors += counts.endpoint_errors;
        totals.samples += counts.samples;
        totals.types += counts.types;
        totals.error_codes.extend(counts.error_codes.iter().map(|c| format!("{}/{c}", api.name)));
    }
    println!(
        "docs[total]: {} endpoints, {} arguments, {} response attributes, {} response headers, {} error codes \
         ({} endpoint error rows), {} examples, {} types",
        totals.endpoints,
        totals.arguments,
        totals.attributes,
        totals.headers,
        totals.error_codes.len(),
        totals.endpoint_errors,
        totals.samples,
        totals.types
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn internal_links_resolve() {
    let (apis, dir) = write_site("links");
    let mut failures = Vec::new();
    let pages: Vec<String> =
        std::iter::once("index.html".to_owned()).chain(apis.iter().map(|a| format!("{}.html", a.name))).collect();
    let ids = |html: &Html| -> BTreeSet<String> {
        html.select(&sel("[id]")).filter_map(|e| e.value().attr("id").map(str::to_owned)).collect()
    };
    for page in &pages {
        let html = Html::parse_document(&read(&dir, page));
        let own_ids = ids(&html);
        for link in html.select(&sel("a[href]")) {
            let href = link.value().attr("href").unwrap_or_default();
            if href.starts_with("http://") || href.starts_with("https://") {
                continue;
            }
            let (file, fragment) = href.split_once('#').unwrap_or((href, ""));
            let target_ids = if file.is_empty() {
                own_ids.clone()
            } else if dir.join(file).is_file() {
                if file.ends_with(".html") {
                    ids(&Html::parse_document(&read(&dir, file)))
                } else {
                    BTreeSet::new()
                }
            } else {
                failures.push(format!("{page}: link to missing file `{href}`"));
                continue;
            };
            if !fragment.is_empty() && !target_ids.contains(fragment) {
                failures.push(format!("{page}: link `{href}` has no target"));
            }
        }
        let all: Vec<String> =
            html.select(&sel("[id]")).filter_map(|e| e.value().attr("id").map(str::to_owned)).collect();
        if all.len() != own_ids.len() {
            failures.push(format!("{page}: {} ids but {} distinct", all.len(), own_ids.len()));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pages_are_self_contained() {
    let (apis, dir) = write_site("offline");
    let mut failures = Vec::new();
    let mut vendor_links = 0;
    let pages: Vec<String> =
        std::iter::once("index.html".to_owned()).chain(apis.iter().map(|a| format!("{}.html", a.name))).collect();
    for page in &pages {
        let source = read(&dir, page);
        let html = Html::parse_document(&source);
        for tag in ["script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"] {
            if html.select(&sel(tag)).next().is_some() {
                failures.push(format!("{page}: has a <{tag}> element"));
            }
        }
        if html.select(&sel("[src], [srcset], [style*=\"url(\"]")).next().is_some() {
            failures.push(format!("{page}: an element loads a resource"));
        }
        for style in html.select(&sel("style")) {
            let css = text(style);
            if css.contains("url(") || css.contains("@import") || css.contains("@font-face") {
                failures.push(format!("{page}: the style sheet refers to outside resources"));
            }
        }
        // Links out are allowed only where the specs put them: in rendered prose and the vendor docs link.
        let prose = sel(".prose a, aside.source a, td a, dd a.vendor-docs");
        let allowed: BTreeSet<_> = html.select(&prose).map(|a| a.id()).collect();
        for link in html.select(&sel("a[href]")) {
            let href = link.value().attr("href").unwrap_or_default();
            if href.starts_with("http:") || href.starts_with("https:") || href.starts_with("//") {
                vendor_links += 1;
                if !allowed.contains(&link.id()) {
                    failures.push(format!("{page}: network link `{href}` outside the specs' prose"));
                }
            }
        }
        if !source.starts_with("<!DOCTYPE html>") || html.select(&sel("head > meta[charset]")).next().is_none() {
            failures.push(format!("{page}: not a complete HTML document"));
        }
    }
    println!("docs[offline]: {} pages, {vendor_links} links to vendor documentation, nothing loaded", pages.len());
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn output_is_deterministic_and_unchanged_files_are_not_rewritten() {
    let apis = apis();
    let first = codegen::docs::site(&apis, &codegen_tests::site_options());
    let second = codegen::docs::site(
        &codegen::Workspace::load(&[spec_dir()]).expect("load").apis,
        &codegen_tests::site_options(),
    );
    assert_eq!(first, second, "two renders of the same specs differ");
    let dir = temp_dir("determinism");
    let written = codegen::docs::write_site(&apis, &dir, &codegen_tests::site_options()).expect("writes");
    let bytes: Vec<Vec<u8>> = written.iter().map(|w| std::fs::read(&w.path).expect("read")).collect();
    let again = codegen::docs::write_site(&apis, &dir, &codegen_tests::site_options()).expect("writes again");
    assert!(
        again.iter().all(|w| !w.written),
        "a second run rewrote {:?}",
        again.iter().filter(|w| w.written).collect::<Vec<_>>()
    );
    let bytes_again: Vec<Vec<u8>> = again.iter().map(|w| std::fs::read(&w.path).expect("read")).collect();
    assert_eq!(bytes, bytes_again);
    let names: Vec<String> = written.iter().map(|w| w.path.strip_prefix(&dir).unwrap().display().to_string()).collect();
    let mut expected = vec!["index.html".to_owned()];
    expected.extend(apis.iter().map(|a| format!("{}.html", a.name)));
    expected.push("markdown/index.md".to_owned());
    expected.extend(apis.iter().map(|a| format!("markdown/{}.md", a.name)));
    assert_eq!(names, expected);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn markdown_variant_names_every_endpoint_argument_attribute_and_error() {
    let (apis, dir) = write_site("markdown");
    let index = read(&dir, "markdown/index.md");
    let mut failures = Vec::new();
    for api in &apis {
        let page = read(&dir, &format!("markdown/{}.md", api.name));
        if !index.contains(&format!("({}.md)", api.name)) {
            failures.push(format!("markdown/index.md does not link {}.md", api.name));
        }
        let mut expect = |needle: String, what: &str| {
            if !page.contains(&needle) {
                failures.push(format!("[{}] markdown lacks {what} {needle}", api.name));
            }
        };
        for endpoint in &api.endpoints {
            expect(format!("<a id=\"endpoint-{}\"></a>", endpoint.name), "the anchor");
            for argument in &endpoint.arguments {
                expect(format!("| `{}` |", argument.wire_name), "argument");
            }
            for attribute in expected_attributes(api, &endpoint.response.ty) {
                expect(format!("| `{attribute}` |"), "attribute");
            }
            for header in &endpoint.response.headers {
                expect(format!("| `{}` |", header.wire_name), "header");
            }
            for error in &endpoint.errors {
                expect(format!("| `{}` |", error.name), "error");
            }
            for example in &endpoint.examples {
                expect(samples::curl(api, endpoint, example, &samples::base_url(api)), "the curl sample of");
                expect(samples::rust(api, endpoint, Some(example), codegen_tests::CRATE_PATH), "the Rust sample of");
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Descriptions are spec text, and a spec may come from anywhere: links, images, autolinks and raw HTML that point at
/// `javascript:` (or `data:`, `vbscript:`, ...) must not become markup, in any description and in the vendor docs link.
const HOSTILE_MARKDOWN: &str = "Click [here](javascript:alert(1)) or [there](<java\tscript:alert(2)>) or \
    [ref][evil] or <javascript:alert(3)> or ![pic](javascript:alert(4)) or [![pic](data:image/svg+xml,x)](vbscript:x) \
    or <a href=\"javascript:alert(5)\" onclick=\"alert(6)\">raw</a> <img src=x onerror=alert(7)>\n\n\
    <script>alert(8)</script>\n\n[evil]: javascript:alert(9)\n\n\
    Fine: [docs](https://example.com/docs), <https://example.com/auto>, [mail](mailto:ops@example.com), \
    [relative](other.html#x).";

/// Whether an `href`/`src` is one a page may carry: the rule of the reference, re-stated independently here.
fn allowed_destination(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    match lower.find([':', '/', '?', '#']) {
        Some(end) if lower[end..].starts_with(':') => ["http", "https", "mailto"].contains(&&lower[..end]),
        _ => !url.chars().any(char::is_control),
    }
}

#[test]
fn hostile_descriptions_never_become_links_scripts_or_handlers() {
    let mut apis = apis();
    for api in &mut apis {
        api.doc.description = HOSTILE_MARKDOWN.to_owned();
        api.docs_url = Some("javascript:alert(10)".to_owned());
        for endpoint in &mut api.endpoints {
            endpoint.doc.description = HOSTILE_MARKDOWN.to_owned();
        }
    }
    let mut failures = Vec::new();
    let mut kept_links = 0;
    for page in codegen::docs::site(&apis, &codegen_tests::site_options()).iter().filter(|p| p.path.ends_with(".html"))
    {
        let html = Html::parse_document(&page.content);
        for element in html.select(&sel("*")) {
            for (name, value) in element.value().attrs() {
                let name = name.to_ascii_lowercase();
                if name.starts_with("on") {
                    failures.push(format!("{}: event handler `{name}`", page.path));
                }
                if ["href", "src", "action", "formaction"].contains(&name.as_str()) && !allowed_destination(value) {
                    failures.push(format!("{}: {name}=`{value}`", page.path));
                }
            }
        }
        if html.select(&sel("script, img, iframe, object, embed, form")).next().is_some() {
            failures.push(format!("{}: an active or loading element", page.path));
        }
        kept_links +=
            html.select(&sel("a[href=\"https://example.com/docs\"], a[href=\"mailto:ops@example.com\"]")).count();
        if page.path != "index.html" && !page.content.contains("Click here or there or") {
            failures.push(format!("{}: the refused links' text is not shown as text", page.path));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(kept_links > 0, "allowed links stay links");
}

/// Every page carries a Content-Security-Policy before anything it governs: nothing but the page's own style sheet,
/// allowed by hash, and no script at all. (That the hash matches is proven by `docs_browser`, where Chromium would log
/// a refused style sheet, and by the SHA-256 unit tests in `codegen::docs::csp`.)
#[test]
fn every_page_carries_a_restrictive_content_security_policy() {
    let apis = apis();
    for page in codegen::docs::site(&apis, &codegen_tests::site_options()).iter().filter(|p| p.path.ends_with(".html"))
    {
        let html = Html::parse_document(&page.content);
        let policies: Vec<&str> = html
            .select(&sel("head > meta[http-equiv=\"Content-Security-Policy\"]"))
            .filter_map(|meta| meta.value().attr("content"))
            .collect();
        assert_eq!(policies.len(), 1, "{}: one policy", page.path);
        let directives: BTreeSet<&str> = policies[0].split(';').map(str::trim).collect();
        assert!(directives.contains("default-src 'none'"), "{}: {}", page.path, policies[0]);
        assert!(directives.contains("base-uri 'none'") && directives.contains("form-action 'none'"), "{}", page.path);
        let style = directives.iter().find(|d| d.starts_with("style-src ")).expect("style-src");
        assert!(style.starts_with("style-src 'sha256-") && style.ends_with("='"), "{style}");
        assert!(!policies[0].contains("unsafe") && !policies[0].contains("script-src"), "{}", policies[0]);
        let meta_at = page.content.find("http-equiv=\"Content-Security-Policy\"").expect("meta");
        let style_at = page.content.find("<style>").expect("style sheet");
        assert!(meta_at < style_at, "{}: the policy comes before the style sheet", page.path);
        assert_eq!(html.select(&sel("style")).count(), 1, "{}: one style sheet, the hashed one", page.path);
        assert!(html.select(&sel("[style]")).next().is_none(), "{}: no style attributes (not hashed)", page.path);
    }
}
