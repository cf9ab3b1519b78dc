//! The Markdown variant of the reference, for reading in a repository: `markdown/index.md` and `markdown/<api>.md`,
//! with the same sections, tables and samples as the HTML pages. Anchors are explicit (`<a id="endpoint-...">`) so
//! that links match the HTML pages.

use super::api_page::json_text;
use super::escape::{md_cell, md_code};
use super::facts::{self, Requirement, Row};
use crate::ir::{Api, Doc, Endpoint, Example, Field, TypeDefKind, TypeExpr};
use crate::samples;

pub fn index(apis: &[Api], title: &str) -> String {
    let mut out = format!("# {title}\n\nGenerated from the specs by `codegen docs`. Each API has its own page.\n\n");
    for api in apis {
        out.push_str(&format!(
            "## [{}]({}.md)\n\n{}\n\n",
            api.title,
            api.name,
            facts::first_paragraph(&api.doc.description)
        ));
        for endpoint in &api.endpoints {
            out.push_str(&format!(
                "- `{}` [{}]({}.md#endpoint-{}): `{}`\n",
                endpoint.method.as_str(),
                endpoint.summary,
                api.name,
                endpoint.name,
                endpoint.path
            ));
        }
        out.push('\n');
    }
    out
}

fn fence(lang: &str, content: &str) -> String {
    let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{}\n{fence}\n\n", content.trim_end())
}

fn doc(doc: &Doc) -> String {
    let mut out = format!("{}\n\n", doc.description.trim());
    if let Some(source) = &doc.source {
        out.push_str(&format!("> **Source:** {}\n\n", source.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    out
}

fn doc_cell(doc: &Doc) -> String {
    let mut out = md_cell(&doc.description);
    if let Some(source) = &doc.source {
        out.push_str(&format!("<br><br>*Source:* {}", md_cell(source)));
    }
    out
}

fn type_md(api: &Api, ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Primitive(p) => format!("`{}`", p.name()),
        TypeExpr::Named(name) if api.type_def(name).is_some() => format!("[`{name}`](#type-{name})"),
        TypeExpr::Named(name) => format!("`{name}`"),
        TypeExpr::Array(inner) => format!("`array<`{}`>`", type_md(api, inner)),
        TypeExpr::Map(inner) => format!("`map<`{}`>`", type_md(api, inner)),
        TypeExpr::Expandable(name) => format!("`expandable<`{}`>`", type_md(api, &TypeExpr::Named(name.clone()))),
    }
}

fn row_cells(api: &Api, row: &Row, with_location: bool) -> String {
    let mut requirement = match &row.requirement {
        Requirement::Required => "**required**".to_owned(),
        Requirement::Optional => "optional".to_owned(),
        Requirement::InGroup { group, required_by, optional_in } => {
            let mut parts = vec![format!("group `{group}`")];
            if !required_by.is_empty() {
                parts.push(format!("required with `{}`", required_by.join("`, `")));
            }
            if !optional_in.is_empty() {
                parts.push(format!("optional with `{}`", optional_in.join("`, `")));
            }
            parts.join(": ")
        }
        Requirement::SetByGroup { group } => format!("set by group `{group}`"),
    };
    if row.nullable {
        requirement.push_str(", may be `null`");
    }
    if row.read_only {
        requirement.push_str(", read-only");
    }
    let mut constraints = row.constraints.clone();
    if let Some(default) = &row.default {
        constraints.push(format!("default {}", md_code(default)));
    }
    let allowed: Vec<String> = row.allowed.iter().map(|v| md_code(&v.wire)).collect();
    let mut description = doc_cell(&row.doc);
    if let Some(example) = &row.example {
        description.push_str(&format!("<br>Example: {}", md_code(example)));
    }
    if !row.aliases.is_empty() {
        let aliases: Vec<String> = row.aliases.iter().map(|a| md_code(a)).collect();
        description.push_str(&format!("<br>Also accepted as {}", aliases.join(", ")));
    }
    let location = if with_location { format!(" {} |", row.location.map_or("", |l| l.name())) } else { String::new() };
    format!(
        "| {} |{location} {} | {} | {} | {} | {} |\n",
        md_code(&row.name),
        type_md(api, &row.ty),
        requirement,
        md_cell(&constraints.join("; ")),
        allowed.join(" "),
        description
    )
}

fn rows_table(api: &Api, name_header: &str, rows: &[Row]) -> String {
    let with_location = rows.iter().any(|r| r.location.is_some());
    let (location_header, location_rule) = if with_location { (" In |", " --- |") } else { ("", "") };
    let mut out = format!(
        "| {name_header} |{location_header} Type | Required | Constraints | Allowed values | Description |\n| --- |{location_rule} --- | --- | --- | --- | --- |\n"
    );
    for row in rows {
        out.push_str(&row_cells(api, row, with_location));
    }
    out.push('\n');
    out
}

fn headers_table(api: &Api, headers: &[Field]) -> String {
    let mut out = String::from("| Header | Type | Constraints | Description |\n| --- | --- | --- | --- |\n");
    for header in headers {
        let mut constraints = facts::constraints(api, &header.ty, &header.constraints);
        if let Some(default) = &header.default {
            constraints.push(format!("default {}", md_code(&default.to_string())));
        }
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            md_code(&header.wire_name),
            type_md(api, &header.ty),
            md_cell(&constraints.join("; ")),
            doc_cell(&header.doc)
        ));
    }
    out.push('\n');
    out
}

pub fn api(api: &Api, crate_path: &str) -> String {
    let mut out = format!("# {}\n\n", api.title);
    out.push_str(&doc(&api.doc));
    let style = api.style.summary_markdown();
    out.push_str(&format!("- Style: {style}\n"));
    if let Some(url) = &api.docs_url {
        out.push_str(&format!("- Vendor documentation: <{url}>\n"));
    }
    out.push_str(&format!(
        "- Rust module: `{crate_path}::{}` (Cargo feature `{}`)\n- Spec: `{}`\n\n",
        api.name, api.name, api.spec_file
    ));
    out.push_str("## Contents\n\n- [Servers](#servers)\n- [Authentication](#auth)\n");
    if api.versioning.is_some() {
        out.push_str("- [Versioning](#versioning)\n");
    }
    out.push_str("- [Errors](#errors)\n- [Endpoints](#endpoints)\n");
    for endpoint in &api.endpoints {
        out.push_str(&format!(
            "  - [`{} {}`](#endpoint-{}) {}\n",
            endpoint.method.as_str(),
            endpoint.path,
            endpoint.name,
            endpoint.summary
        ));
    }
    if !api.types.is_empty() {
        out.push_str("- [Types](#types)\n");
    }
    out.push_str(
        "\n### Creating a client\n\nEvery Rust sample takes a `Client`. Build one for an environment with credentials \
         (`Client::with_config` also takes timeouts, retries and a custom transport):\n\n",
    );
    out.push_str(&fence("rust", &samples::rust_client(api, crate_path)));

    out.push_str("<a id=\"servers\"></a>\n\n## Servers\n\nThe first server is the default.\n\n| Environment | Base URL | Description |\n| --- | --- | --- |\n");
    for server in &api.servers {
        let mut description = doc_cell(&server.doc);
        for variable in &server.variables {
            let example =
                variable.example.as_ref().map_or(String::new(), |e| format!(" Example: {}.", md_code(&json_text(e))));
            description.push_str(&format!(
                "<br>`{{{}}}`: {}{example}",
                variable.name,
                md_cell(&variable.doc.description)
            ));
        }
        out.push_str(&format!("| `{}` | {} | {description} |\n", server.name, md_code(&server.url)));
    }

    out.push_str("\n<a id=\"auth\"></a>\n\n## Authentication\n\n");
    if api.auth.is_empty() {
        out.push_str("This API takes no credentials.\n\n");
    } else {
        out.push_str("The schemes are alternatives: authenticate each request with exactly one of them.\n\n| Scheme | Kind | Sent as | Environments | Description |\n| --- | --- | --- | --- | --- |\n");
        for scheme in &api.auth {
            let kind = scheme.method.label();
            let environments = if scheme.environments.is_empty() {
                "all".to_owned()
            } else {
                format!("`{}`", scheme.environments.join("`, `"))
            };
            let mut description = doc_cell(&scheme.doc);
            if let Some(example) = &scheme.example {
                description.push_str(&format!("<br>Example: {}", md_code(example)));
            }
            out.push_str(&format!(
                "| `{}` | {kind} | {} | {environments} | {description} |\n",
                scheme.name,
                scheme.method.sent_as()
            ));
        }
        out.push('\n');
    }

    if let Some(v) = &api.versioning {
        out.push_str(&format!(
            "<a id=\"versioning\"></a>\n\n## Versioning\n\n- Header: `{}`\n- Versions: `{}`\n- Default: `{}`\n\n",
            v.header,
            v.versions.join("`, `"),
            v.default
        ));
        out.push_str(&doc(&v.doc));
    }

    out.push_str("<a id=\"errors\"></a>\n\n## Errors\n\n");
    let style = api.errors.shape.style_markdown();
    out.push_str(&format!("- Style: {style}\n- Content types: `{}`\n\n", api.errors.content_types.join("`, `")));
    out.push_str(&doc(&api.errors.doc));
    out.push_str("### Common errors\n\nEvery endpoint can return these.\n\n| Error | HTTP | Description |\n| --- | --- | --- |\n");
    for error in api.errors.codes.iter().filter(|e| e.common) {
        out.push_str(&format!("| `{}` | {} | {} |\n", error.name, error.statuses_text(), doc_cell(&error.doc)));
    }
    out.push_str("\n### All errors\n\n| Error | HTTP | Scope | Description |\n| --- | --- | --- | --- |\n");
    for error in &api.errors.codes {
        let scope = if error.common { "common" } else { "per endpoint" };
        out.push_str(&format!(
            "| `{}` | {} | {scope} | {} |\n",
            error.name,
            error.statuses_text(),
            doc_cell(&error.doc)
        ));
    }

    out.push_str("\n<a id=\"endpoints\"></a>\n\n## Endpoints\n\n");
    for endpoint in &api.endpoints {
        out.push_str(&endpoint_md(api, endpoint, crate_path));
    }
    if !api.types.is_empty() {
        out.push_str("<a id=\"types\"></a>\n\n## Types\n\n");
        for ty in &api.types {
            out.push_str(&type_md_section(api, ty));
        }
    }
    out.trim_end().to_owned() + "\n"
}

fn endpoint_md(api: &Api, endpoint: &Endpoint, crate_path: &str) -> String {
    let names = &endpoint.names;
    let mut out = format!(
        "<a id=\"endpoint-{}\"></a>\n\n### {} (`{}`)\n\n`{} {}`\n\n",
        endpoint.name,
        endpoint.summary,
        endpoint.name,
        endpoint.method.as_str(),
        facts::endpoint_url(api, endpoint)
    );
    let auth = if !endpoint.auth_required || api.auth.is_empty() {
        "none".to_owned()
    } else {
        api.auth.iter().map(|s| format!("`{}` ({})", s.name, s.method.word())).collect::<Vec<_>>().join(" or ")
    };
    out.push_str(&format!(
        "- Auth: {auth}\n- Rust: `client.{}({})`, errors in `{}`\n",
        names.method, names.request, names.error
    ));
    if let Some(note) = endpoint.body.and_then(|b| b.docs_note()) {
        out.push_str(&format!("- Body: {note}\n"));
    }
    if let Some(idempotency) = &endpoint.idempotency {
        out.push_str(&format!("- Retries: {}\n", idempotency.retry_note()));
    }
    if endpoint.pagination.is_some() {
        out.push_str(&format!(
            "- Pagination: `client.{m}_pages(...)` and `client.{m}_items(...)` walk every page\n",
            m = names.method
        ));
    }
    out.push('\n');
    out.push_str(&doc(&endpoint.doc));
    out.push_str("#### Arguments\n\n");
    if endpoint.arguments.is_empty() {
        out.push_str("No arguments.\n\n");
    } else {
        out.push_str(&rows_table(api, "Argument", &facts::argument_rows(api, endpoint)));
    }
    for group in &endpoint.groups {
        out.push_str(&format!("**Argument group `{}`.** {}\n\n", group.name, md_cell(&group.doc.description)));
        for alternative in &group.alternatives {
            let mut facts = Vec::new();
            if !alternative.arguments.is_empty() {
                facts.push(format!("requires `{}`", alternative.arguments.join("`, `")));
            }
            if !alternative.optional.is_empty() {
                facts.push(format!("allows `{}`", alternative.optional.join("`, `")));
            }
            for (k, v) in &alternative.sets {
                facts.push(format!("sends `{k}: {v}`"));
            }
            let facts = if facts.is_empty() { String::new() } else { format!(" ({})", facts.join("; ")) };
            out.push_str(&format!("- `{}`{facts}: {}\n", alternative.name, md_cell(&alternative.doc.description)));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "#### Response\n\nHTTP {} with a JSON body of type {}. {}\n\n",
        endpoint.response.status,
        type_md(api, &endpoint.response.ty),
        md_cell(&endpoint.response.doc.description)
    ));
    let (note, rows) = facts::attribute_rows(api, &endpoint.response.ty);
    if let Some(note) = note {
        out.push_str(&format!("{note}\n\n"));
    }
    if !rows.is_empty() {
        out.push_str(&rows_table(api, "Attribute", &rows));
    }
    if !endpoint.response.headers.is_empty() {
        out.push_str("#### Response headers\n\n");
        out.push_str(&headers_table(api, &endpoint.response.headers));
    }
    out.push_str("#### Errors\n\n| Error | HTTP | Scope | Description |\n| --- | --- | --- | --- |\n");
    for error in &endpoint.errors {
        let scope = if error.common { "common" } else { "this endpoint" };
        out.push_str(&format!(
            "| `{}` | {} | {scope} | {} |\n",
            error.name,
            api.errors.status_of(&error.name).map_or(String::new(), |s| s.to_string()),
            doc_cell(&error.doc)
        ));
    }
    out.push_str("\n#### Examples\n\n");
    if endpoint.examples.is_empty() {
        out.push_str(&example_md(api, endpoint, &samples::synthesized_example(api, endpoint), None, crate_path));
    }
    for example in &endpoint.examples {
        out.push_str(&example_md(api, endpoint, example, Some(example), crate_path));
    }
    out
}

fn example_md(
    api: &Api,
    endpoint: &Endpoint,
    example: &Example,
    rust_example: Option<&Example>,
    crate_path: &str,
) -> String {
    let outcome = match &example.error {
        Some(error) => format!("error `{error}`, HTTP {}", example.status),
        None => format!("HTTP {}", example.status),
    };
    let mut out = format!("##### `{}` ({outcome})\n\n", example.name);
    if let Some(description) = &example.description {
        out.push_str(&format!("{}\n\n", description.trim()));
    }
    out.push_str(&fence("sh", &samples::curl(api, endpoint, example, &samples::base_url(api))));
    out.push_str(&fence("rust", &samples::rust(api, endpoint, rust_example, crate_path)));
    if let Some(response) = &example.response {
        let headers: Vec<String> = example.headers.iter().map(|(n, v)| format!("`{n}: {}`", json_text(v))).collect();
        let headers = if headers.is_empty() { String::new() } else { format!(" with {}", headers.join(", ")) };
        out.push_str(&format!("Response: HTTP {}{headers}\n\n", example.status));
        let pretty = serde_json::to_string_pretty(response).unwrap_or_else(|_| response.to_string());
        out.push_str(&fence("json", &pretty));
    }
    out
}

fn type_md_section(api: &Api, ty: &crate::ir::TypeDef) -> String {
    let kind = match &ty.kind {
        TypeDefKind::Object { .. } => "object",
        TypeDefKind::Enum { .. } => "enum",
        TypeDefKind::String { .. } => "string",
        TypeDefKind::Integer { .. } => "integer",
        TypeDefKind::Decimal { .. } => "decimal",
        TypeDefKind::Id { .. } => "id",
        TypeDefKind::Union { .. } => "union",
    };
    let mut out = format!("<a id=\"type-{}\"></a>\n\n### `{}` ({kind})\n\n", ty.name, ty.name);
    out.push_str(&doc(&ty.doc));
    match &ty.kind {
        TypeDefKind::Object { fields, currency_decimals, .. } => {
            if let Some(rule) = currency_decimals {
                out.push_str(&format!("{}\n\n", rule.summary()));
            }
            out.push_str(&rows_table(api, "Field", &facts::field_rows(api, fields)))
        }
        TypeDefKind::Enum { values, .. } => {
            out.push_str("| Value | Rust variant | Description |\n| --- | --- | --- |\n");
            for value in values {
                out.push_str(&format!(
                    "| {} | `{}::{}` | {} |\n",
                    md_code(&value.wire),
                    ty.name,
                    value.variant,
                    doc_cell(&value.doc)
                ));
            }
            out.push('\n');
        }
        TypeDefKind::Union { tag, variants } => {
            out.push_str(&format!(
                "One object; its `{tag}` field says which type the rest of its fields belong to (an unlisted `{tag}` is \
                 kept whole as `{}::Unknown`).\n\n| `{tag}` | Rust variant | Type |\n| --- | --- | --- |\n",
                ty.name
            ));
            for v in variants {
                out.push_str(&format!(
                    "| {} | `{}::{}` | [`{}`](#type-{}) |\n",
                    md_code(&v.wire),
                    ty.name,
                    v.variant,
                    v.object,
                    v.object
                ));
            }
            out.push('\n');
        }
        _ => {
            for rule in facts::constraints(api, &TypeExpr::Named(ty.name.clone()), &Default::default()) {
                out.push_str(&format!("- {rule}\n"));
            }
            out.push('\n');
        }
    }
    out
}
