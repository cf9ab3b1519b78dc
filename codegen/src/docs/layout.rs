//! The page shell every HTML page shares: the document head with the inline style sheet, the top bar and the
//! footer. No scripts, no fonts or images from anywhere: a page is one self-contained file.

use super::{csp, escape};

/// The style sheet, inlined into every page.
const CSS: &str = r#"
:root {
  --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0b5cad; --bar: #0f1b2d;
  --code-bg: #eff2f5; --pre-bg: #0f1720; --pre-fg: #e6edf3;
}
* { box-sizing: border-box; }
html { scroll-padding-top: 1rem; }
body { margin: 0; color: var(--fg); background: #fff; line-height: 1.55;
  font: 15px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, kbd { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; }
code { font-size: 0.88em; background: var(--code-bg); padding: 0.1em 0.35em; border-radius: 4px; }
pre { background: var(--pre-bg); color: var(--pre-fg); padding: 0.9rem 1rem; border-radius: 8px; overflow-x: auto;
  font-size: 13px; line-height: 1.5; margin: 0.4rem 0 1rem; }
pre code { background: none; padding: 0; font-size: inherit; color: inherit; }
.topbar { background: var(--bar); color: #fff; padding: 0.85rem 1.5rem; display: flex; gap: 0.6rem; align-items: baseline; }
.topbar a { color: #fff; font-weight: 600; }
.topbar .crumb { color: #9fb3c8; }
.layout { display: grid; grid-template-columns: 230px minmax(0, 1fr); min-height: calc(100vh - 3rem); }
.sidebar { background: var(--soft); border-right: 1px solid var(--line); padding: 1.2rem 0.8rem; font-size: 14px; }
.sidebar li a code { font-size: 12px; background: none; padding: 0; }
.sidebar nav { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
.sidebar h2 { font-size: 11px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); margin: 1.1rem 0 0.4rem; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar li { margin: 0.15rem 0; }
.sidebar li a { display: block; padding: 0.15rem 0.4rem; border-radius: 5px; color: var(--fg); overflow-wrap: anywhere; }
.sidebar li a:hover { background: #e7ecf1; text-decoration: none; }
main { padding: 1.5rem 1.8rem 4rem; max-width: 1180px; }
h1 { font-size: 2rem; margin: 0.2rem 0 0.6rem; line-height: 1.25; }
h2 { font-size: 1.45rem; margin: 2.4rem 0 0.8rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.2rem; margin: 1.6rem 0 0.5rem; }
h4 { font-size: 0.95rem; margin: 1.4rem 0 0.5rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); }
h5 { font-size: 0.9rem; margin: 0.9rem 0 0.3rem; }
.lead { font-size: 1.05rem; color: #333d47; }
.prose p { margin: 0.5rem 0; }
.prose ul, .prose ol { padding-left: 1.4rem; }
aside.source { border-left: 3px solid #c8d3de; background: #f8fafc; color: var(--muted); padding: 0.5rem 0.8rem;
  margin: 0.6rem 0; font-size: 13.5px; border-radius: 0 6px 6px 0; }
aside.source p { margin: 0.2rem 0; }
.badge { display: inline-block; font-size: 11.5px; font-weight: 700; letter-spacing: 0.03em; padding: 0.15em 0.55em;
  border-radius: 999px; background: #e7ecf1; color: #33404d; vertical-align: middle; }
.badge.ok { background: #e3f3e6; color: #1a6b33; } .badge.error { background: #fde8e7; color: #a4231a; }
.method { display: inline-block; min-width: 3.6em; text-align: center; font: 700 12px/1.7 ui-monospace, Menlo, Consolas, monospace;
  padding: 0 0.45em; border-radius: 5px; color: #fff; background: #57606a; }
.method-get { background: #1a7f37; } .method-post { background: #0b5cad; } .method-put { background: #b35900; }
.method-patch { background: #7f3fbf; } .method-delete { background: #c62828; }
.table-wrap { overflow-x: auto; margin: 0.4rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
td code { font-size: 0.84em; }
th, td { border: 1px solid var(--line); padding: 0.45rem 0.6rem; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
td p { margin: 0 0 0.35rem; } td p:last-child { margin-bottom: 0; }
td ul { margin: 0; padding-left: 1.1rem; }
td.name code { overflow-wrap: normal; }
code.type a { color: var(--accent); }
td code.type, .values code { overflow-wrap: normal; }
td.req-cell { min-width: 6rem; font-size: 13.5px; }
td.constraints { min-width: 7.5rem; font-size: 13.5px; }
td.allowed { font-size: 13px; }
td.desc { min-width: 12rem; width: 36%; }
td code { overflow-wrap: anywhere; }
tr.nested td.name { padding-left: 1.6rem; }
tr.nested td.name code { background: #f3f0fa; }
.req { color: #b42318; font-weight: 600; } .opt { color: var(--muted); } .scope-own { color: var(--fg); font-weight: 600; }
caption { caption-side: top; text-align: left; color: var(--muted); font-size: 13px; padding: 0 0 0.35rem; }
.note { color: var(--muted); font-size: 13px; }
.values code { display: inline-block; margin: 0 0.2rem 0.2rem 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0.6rem 0 1rem;
  background: var(--soft); border: 1px solid var(--line); border-radius: 8px; padding: 0.7rem 1rem; font-size: 14px; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.signature { font-size: 1rem; margin: 0.3rem 0 0.6rem; display: flex; gap: 0.6rem; align-items: center; flex-wrap: wrap; }
.signature code { font-size: 0.95rem; background: none; padding: 0; }
section.endpoint { border-top: 1px solid var(--line); padding-top: 0.6rem; margin-top: 2.2rem; }
h2 + section.endpoint { border-top: 0; margin-top: 0.6rem; padding-top: 0; }
section.endpoint > h3 { display: flex; gap: 0.6rem; align-items: baseline; flex-wrap: wrap; }
section.type { margin-top: 1.6rem; }
a.anchor { color: inherit; }
details.example { border: 1px solid var(--line); border-radius: 8px; margin: 0.6rem 0; padding: 0 1rem; }
details.example[open] { padding-bottom: 0.4rem; }
details.example > summary { cursor: pointer; padding: 0.6rem 0; font-weight: 600; }
details.example > summary .note { font-weight: 400; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 1.2rem; margin-top: 1.2rem; }
.card { border: 1px solid var(--line); border-radius: 10px; padding: 1.1rem 1.2rem; background: #fff;
  box-shadow: 0 1px 2px rgba(15, 27, 45, 0.06); }
.card h2 { margin: 0 0 0.3rem; border: 0; padding: 0; font-size: 1.25rem; }
.card .meta { color: var(--muted); font-size: 13px; margin: 0.2rem 0 0.6rem; }
.card ul.endpoints { list-style: none; padding: 0; margin: 0.6rem 0 0; }
.card ul.endpoints li { display: grid; grid-template-columns: 4.4em 1fr; gap: 0.5rem; padding: 0.35rem 0;
  border-top: 1px solid #eef1f4; font-size: 14px; }
.card ul.endpoints li .method { align-self: start; }
.card dl.facts { margin: 0.4rem 0 0.6rem; font-size: 13px; padding: 0.5rem 0.8rem; }
.card ul.endpoints .path { display: block; color: var(--muted); font-size: 12.5px; overflow-wrap: anywhere; }
.hero { background: linear-gradient(180deg, #f3f6fa, #fff); border-bottom: 1px solid var(--line); padding: 2rem 2.5rem 1.5rem; }
.hero h1 { margin: 0; }
.hero p { margin: 0.4rem 0 0; color: var(--muted); max-width: 60rem; }
.index main { max-width: 1280px; padding-top: 0.5rem; }
footer { color: var(--muted); font-size: 13px; padding: 1.5rem 2.5rem; border-top: 1px solid var(--line); }
@media (max-width: 900px) {
  .layout { grid-template-columns: 1fr; }
  .sidebar { border-right: 0; border-bottom: 1px solid var(--line); }
  .sidebar nav { position: static; max-height: none; }
  main { padding: 1rem; }
}
@media print { .sidebar, .topbar { display: none; } .layout { display: block; } pre { white-space: pre-wrap; } }
"#;

/// A whole HTML document titled `title`, in the site called `site_title`. `body_class` names the kind of page;
/// `crumb` is the page's place under the index.
pub fn page(site_title: &str, title: &str, body_class: &str, crumb: Option<&str>, body: &str, footer: &str) -> String {
    // Wide tables scroll inside their own box instead of widening the page.
    let body = body.replace("<table", "<div class=\"table-wrap\"><table").replace("</table>", "</table></div>");
    let crumb =
        crumb.map_or(String::new(), |c| format!("<span class=\"crumb\">/</span> <span>{}</span>", escape::text(c)));
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{csp}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"codegen docs\">\n<title>{title}</title>\n<style>{CSS}</style>\n</head>\n\
         <body class=\"{class}\">\n<header class=\"topbar\"><a href=\"index.html\">{site}</a> {crumb}</header>\n\
         {body}\n<footer>{footer}</footer>\n</body>\n</html>\n",
        csp = csp::meta(CSS),
        title = escape::text(title),
        site = escape::text(site_title),
        class = escape::attr(body_class),
    )
}
