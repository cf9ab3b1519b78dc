//! Escaping and Markdown: every piece of spec text goes through here on its way into a page.
//!
//! Descriptions are Markdown (the spec language says so) and become HTML with pulldown-cmark. Raw HTML in a
//! description is shown as text, never passed through, so a page holds only the markup the renderer writes.

use pulldown_cmark::{html, Event, Options, Parser};

/// Text for an HTML element's content.
pub fn text(value: &str) -> String {
    html_escape::encode_text(value).into_owned()
}

/// Text for a double-quoted HTML attribute.
pub fn attr(value: &str) -> String {
    html_escape::encode_double_quoted_attribute(value).into_owned()
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A Markdown description as HTML blocks (paragraphs, lists, code).
pub fn markdown(source: &str) -> String {
    let events = Parser::new_ext(source.trim(), options()).map(|event| match event {
        // Raw HTML is shown as written, not interpreted.
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

/// A one-line piece of Markdown (a constraint, a short note) as inline HTML, without the wrapping paragraph.
pub fn markdown_inline(source: &str) -> String {
    let block = markdown(source);
    let trimmed = block.trim_end();
    match trimmed.strip_prefix("<p>").and_then(|rest| rest.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => block,
    }
}

/// Text for a cell of a Markdown table: one line, `|` escaped, paragraphs separated by `<br><br>`.
pub fn md_cell(value: &str) -> String {
    let paragraphs: Vec<String> = value
        .trim()
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("<br><br>").replace('|', "\\|")
}

/// Inline code in Markdown, with a fence long enough for the backticks inside.
pub fn md_code(value: &str) -> String {
    let longest = value.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if value.starts_with('`') || value.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{value}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_in_descriptions_is_shown_not_interpreted() {
        let out = markdown("Use <script>alert(1)</script> **bold** and `code`.");
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            out.contains("&lt;script&gt;")
                && out.contains("<strong>bold</strong>")
                && out.contains("<code>code</code>")
        );
    }

    #[test]
    fn inline_markdown_drops_the_paragraph() {
        assert_eq!(markdown_inline("matches `[A-Z]{2}`"), "matches <code>[A-Z]{2}</code>");
        assert_eq!(text("a<b & \"c\""), "a&lt;b &amp; \"c\"");
        assert_eq!(attr("a\"b"), "a&quot;b");
    }

    #[test]
    fn markdown_cells_stay_on_one_line() {
        assert_eq!(md_cell("a | b\nc\n\nd"), "a \\| b c<br><br>d");
        assert_eq!(md_code("a`b"), "``a`b``");
    }
}
