//! The HTML tables of the reference: arguments, response attributes and object fields share one layout; errors,
//! headers, servers and auth schemes have their own. Each table carries a stable class so that tests (and readers'
//! user styles) can find it: `arguments`, `response`, `fields`, `response-headers`, `errors`, `common-errors`,
//! `error-codes`, `servers`, `auth-schemes`, `values`.

use super::escape::{self, markdown, markdown_inline};
use super::facts::{self, Requirement, Row};
use crate::ir::{Api, Doc, EndpointError, Field, TypeExpr};

/// A type expression in one `<code>`, with every named type linked to its entry in the Types section.
pub fn type_html(api: &Api, ty: &TypeExpr) -> String {
    fn inner(api: &Api, ty: &TypeExpr) -> String {
        match ty {
            TypeExpr::Primitive(p) => p.name().to_owned(),
            TypeExpr::Named(name) if api.type_def(name).is_some() => {
                format!("<a href=\"#type-{}\">{}</a>", escape::attr(name), breakable(name))
            }
            TypeExpr::Named(name) => escape::text(name),
            TypeExpr::Array(item) => format!("array&lt;<wbr>{}&gt;", inner(api, item)),
            TypeExpr::Map(item) => format!("map&lt;<wbr>{}&gt;", inner(api, item)),
            TypeExpr::Expandable(name) => {
                format!("expandable&lt;<wbr>{}&gt;", inner(api, &TypeExpr::Named(name.clone())))
            }
        }
    }
    format!("<code class=\"type\">{}</code>", inner(api, ty))
}

/// A name as HTML that a narrow column may break: after a `.` of a nested attribute, and inside a long name before
/// each capital letter (`selectedPayment<wbr>Instrument...`). `<wbr>` adds no text, so the name copies unchanged.
fn breakable(name: &str) -> String {
    let long = name.len() > 20;
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if long && i > 0 && c.is_ascii_uppercase() {
            out.push_str("<wbr>");
        }
        out.push_str(&escape::text(&c.to_string()));
        if c == '.' {
            out.push_str("<wbr>");
        }
    }
    out
}

/// A description with its provenance note.
pub fn doc_html(doc: &Doc) -> String {
    let mut out = markdown(&doc.description);
    if let Some(source) = &doc.source {
        out.push_str(&format!("<aside class=\"source\"><strong>Source:</strong> {}</aside>", markdown_inline(source)));
    }
    out
}

fn requirement_html(row: &Row) -> String {
    let mut out = match &row.requirement {
        Requirement::Required => "<span class=\"req\">required</span>".to_owned(),
        Requirement::Optional => "<span class=\"opt\">optional</span>".to_owned(),
        Requirement::InGroup { group, required_by, optional_in } => {
            let list = |names: &[String]| {
                names.iter().map(|n| format!("<code>{}</code>", escape::text(n))).collect::<Vec<_>>().join(", ")
            };
            let mut parts = Vec::new();
            if !required_by.is_empty() {
                parts.push(format!("required with {}", list(required_by)));
            }
            if !optional_in.is_empty() {
                parts.push(format!("optional with {}", list(optional_in)));
            }
            format!(
                "<span class=\"opt\">group <a href=\"#group-{g}\"><code>{g}</code></a></span><br><span class=\"note\">{}</span>",
                parts.join("; "),
                g = escape::text(group)
            )
        }
        Requirement::SetByGroup { group } => format!(
            "<span class=\"opt\">set by group <a href=\"#group-{g}\"><code>{g}</code></a></span>",
            g = escape::text(group)
        ),
    };
    if row.nullable {
        out.push_str("<br><span class=\"note\">may be <code>null</code></span>");
    }
    if row.read_only {
        out.push_str("<br><span class=\"note\">read-only</span>");
    }
    out
}

fn constraints_html(row: &Row) -> String {
    let mut items: Vec<String> = row.constraints.iter().map(|c| markdown_inline(c)).collect();
    if let Some(default) = &row.default {
        items.push(format!("default <code>{}</code>", escape::text(default)));
    }
    match items.len() {
        0 => String::new(),
        1 => items.remove(0),
        _ => format!("<ul>{}</ul>", items.iter().map(|i| format!("<li>{i}</li>")).collect::<String>()),
    }
}

fn allowed_html(row: &Row) -> String {
    if row.allowed.is_empty() {
        return String::new();
    }
    let values: String = row
        .allowed
        .iter()
        .map(|v| {
            let wire = escape::text(&v.wire).replace('_', "_<wbr>");
            format!("<code title=\"{}\">{wire}</code> ", escape::attr(v.description.trim()))
        })
        .collect();
    format!("<div class=\"values\">{}</div>", values.trim_end())
}

fn description_html(row: &Row) -> String {
    let mut out = doc_html(&row.doc);
    let mut notes = Vec::new();
    if let Some(example) = &row.example {
        notes.push(format!("Example: <code>{}</code>", escape::text(example)));
    }
    if !row.aliases.is_empty() {
        let aliases: Vec<String> = row.aliases.iter().map(|a| format!("<code>{}</code>", escape::text(a))).collect();
        notes.push(format!("Also accepted as {}", aliases.join(", ")));
    }
    if !notes.is_empty() {
        out.push_str(&format!("<p class=\"note\">{}</p>", notes.join(" · ")));
    }
    out
}

/// A table of values: arguments (`class = "arguments"`), response attributes (`"response"`) or object fields
/// (`"fields"`). The first cell of every row is the value's name in `<code>`.
pub fn rows_table(api: &Api, class: &str, name_header: &str, rows: &[Row]) -> String {
    let mut out = format!("<table class=\"{}\">\n<thead><tr><th>{name_header}</th>", escape::attr(class));
    out.push_str("<th>Type</th><th>Required</th><th>Constraints</th><th>Allowed values</th><th>Description</th></tr></thead>\n<tbody>\n");
    for row in rows {
        let nested = if row.depth > 0 { " class=\"nested\"" } else { "" };
        // REST arguments say where they travel, under their name.
        let location =
            row.location.map_or(String::new(), |l| format!("<br><span class=\"note in\">in {}</span>", l.name()));
        out.push_str(&format!(
            "<tr{nested} data-name=\"{}\"><td class=\"name\"><code>{}</code>{location}</td>",
            escape::attr(&row.name),
            breakable(&row.name)
        ));
        out.push_str(&format!(
            "<td class=\"type\">{}</td><td class=\"req-cell\">{}</td><td class=\"constraints\">{}</td><td class=\"allowed\">{}</td><td class=\"desc\">{}</td></tr>\n",
            type_html(api, &row.ty),
            requirement_html(row),
            constraints_html(row),
            allowed_html(row),
            description_html(row)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Response or error headers.
pub fn headers_table(api: &Api, class: &str, headers: &[Field]) -> String {
    let mut out = format!(
        "<table class=\"{}\">\n<thead><tr><th>Header</th><th>Type</th><th>Constraints</th><th>Description</th></tr></thead>\n<tbody>\n",
        escape::attr(class)
    );
    for header in headers {
        let mut constraints: Vec<String> =
            facts::constraints(api, &header.ty, &header.constraints).iter().map(|c| markdown_inline(c)).collect();
        if let Some(default) = &header.default {
            constraints.push(format!("default <code>{}</code>", escape::text(&default.to_string())));
        }
        let mut description = doc_html(&header.doc);
        if let Some(example) = &header.example {
            description.push_str(&format!(
                "<p class=\"note\">Example: <code>{}</code></p>",
                escape::text(&example.to_string())
            ));
        }
        out.push_str(&format!(
            "<tr data-name=\"{}\"><td class=\"name\"><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            escape::attr(&header.wire_name),
            escape::text(&header.wire_name),
            type_html(api, &header.ty),
            constraints.join("<br>"),
            description
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The errors an endpoint can return (its own, then the common ones), each with the description that applies here.
pub fn endpoint_errors_table(api: &Api, endpoint_error_type: &str, errors: &[EndpointError]) -> String {
    let mut out = format!(
        "<table class=\"errors\">\n<caption>In Rust, each error is a variant of <code>{}</code>, returned as \
         <code>Error::Api(..)</code>.</caption>\n\
         <thead><tr><th>Error</th><th>HTTP</th><th>Scope</th><th>Rust variant</th><th>Description</th></tr></thead>\n<tbody>\n",
        escape::text(endpoint_error_type)
    );
    for error in errors {
        let variant = api.error(&error.name).map_or(String::new(), |e| e.variant.clone());
        let scope = if error.common { "common" } else { "endpoint" };
        out.push_str(&format!(
            "<tr data-name=\"{name}\"><td class=\"name\"><code>{text}</code></td><td>{status}</td><td><span class=\"{cls}\">{scope}</span></td>\
             <td><code>{variant}</code></td><td class=\"desc\">{description}</td></tr>\n",
            name = escape::attr(&error.name),
            text = escape::text(&error.name),
            status = api.errors.status_of(&error.name).map_or(String::new(), |s| s.to_string()),
            cls = if error.common { "opt" } else { "scope-own" },
            variant = escape::text(&variant),
            description = endpoint_error_doc(api, error),
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// An endpoint's description of an error, with its provenance note unless it is the API-level one (shown in the
/// Errors section already).
fn endpoint_error_doc(api: &Api, error: &EndpointError) -> String {
    let general = api.error(&error.name).and_then(|e| e.doc.source.as_ref());
    if error.doc.source.is_some() && error.doc.source.as_ref() == general {
        return markdown(&error.doc.description);
    }
    doc_html(&error.doc)
}

/// Every error the API documents (`class = "error-codes"`), or only the common ones (`"common-errors"`).
pub fn api_errors_table(api: &Api, class: &str, common_only: bool) -> String {
    let with_body = api.errors.codes.iter().any(|e| e.wire.payload_type().is_some());
    let mut out = format!("<table class=\"{}\">\n<thead><tr><th>Error</th><th>HTTP</th>", escape::attr(class));
    if !common_only {
        out.push_str("<th>Scope</th>");
    }
    if with_body {
        out.push_str("<th>Body / details</th>");
    }
    out.push_str("<th>Description</th></tr></thead>\n<tbody>\n");
    for error in api.errors.codes.iter().filter(|e| e.common || !common_only) {
        out.push_str(&format!(
            "<tr data-name=\"{}\"><td class=\"name\"><code>{}</code></td><td>{}</td>",
            escape::attr(&error.name),
            escape::text(&error.name),
            error.statuses_text()
        ));
        if !common_only {
            let scope = if error.common { "common to every endpoint" } else { "listed per endpoint" };
            out.push_str(&format!("<td>{scope}</td>"));
        }
        if with_body {
            let cell = match (&error.wire, error.wire.payload_type()) {
                (_, Some(ty)) => type_html(api, ty),
                (crate::ir::ErrorWire::Status { body: None, .. }, None) => "none".to_owned(),
                (_, None) => String::new(),
            };
            out.push_str(&format!("<td>{cell}</td>"));
        }
        let mut description = doc_html(&error.doc);
        if !error.headers.is_empty() {
            description.push_str("<p class=\"note\">Response headers of this error:</p>");
            description.push_str(&headers_table(api, "error-headers", &error.headers));
        }
        out.push_str(&format!("<td>{description}</td></tr>\n"));
    }
    out.push_str("</tbody>\n</table>\n");
    out
}
