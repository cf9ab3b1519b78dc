//! Escaping and Markdown: every piece of spec text goes through here on its way into a page.
//!
//! Descriptions are Markdown (the spec language says so) and become HTML with pulldown-cmark. Raw HTML in a
//! description is shown as text, never passed through, so a page holds only the markup the renderer writes; links
//! and images keep their markup only when they point at `http:`, `https:`, `mailto:` or a relative URL.

use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

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

/// Whether a link or image in a description may keep `destination`: a relative URL, or one whose scheme is `http`,
/// `https` or `mailto`. Anything else (`javascript:`, `data:`, `vbscript:`, `file:`, ...) could run script or reach
/// outside the web, so it is refused.
///
/// Browsers drop leading and trailing spaces and control characters and every tab and newline before reading a URL
/// (`java\tscript:` is `javascript:`), so a destination with a control character anywhere is refused too.
pub fn is_safe_destination(destination: &str) -> bool {
    let trimmed = destination.trim_matches(|c: char| c == ' ' || c.is_control());
    if trimmed.chars().any(char::is_control) {
        return false;
    }
    // A scheme ends at the first `:` that comes before any `/`, `?` or `#`; without one the URL is relative.
    match trimmed.find([':', '/', '?', '#']) {
        Some(end) if trimmed[end..].starts_with(':') => {
            ["http", "https", "mailto"].iter().any(|scheme| trimmed[..end].eq_ignore_ascii_case(scheme))
        }
        _ => true,
    }
}

/// One Markdown event made safe for a page: raw HTML becomes text, and a link or image with a refused destination
/// loses its tags, so its text (or an image's alt text) stays as plain text. `open` holds, for each link or image
/// being rendered, whether its tags are kept, so its end tag is treated like its start tag.
fn safe_event<'a>(event: Event<'a>, open: &mut Vec<bool>) -> Option<Event<'a>> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
            let keep = is_safe_destination(dest_url);
            open.push(keep);
            keep.then_some(event)
        }
        Event::End(TagEnd::Link | TagEnd::Image) => open.pop().unwrap_or(false).then_some(event),
        other => Some(other),
    }
}

/// A Markdown description as HTML blocks (paragraphs, lists, code).
pub fn markdown(source: &str) -> String {
    let mut open = Vec::new();
    let events = Parser::new_ext(source.trim(), options()).filter_map(|event| safe_event(event, &mut open));
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
    fn links_and_images_keep_only_web_mail_and_relative_destinations() {
        let refused = [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\u{0}script:alert(1)",
            "&#106;avascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "httpx://example.com",
        ];
        for destination in refused {
            assert!(!is_safe_destination(&destination.replace("&#106;", "j")), "{destination:?}");
        }
        let kept = [
            "https://example.com/a?b#c",
            "HTTP://example.com",
            "mailto:ops@example.com",
            "other.html#x",
            "/a:b",
            "?q=a:b",
            "#frag:x",
            "",
        ];
        for destination in kept {
            assert!(is_safe_destination(destination), "{destination:?}");
        }
    }

    #[test]
    fn refused_links_become_text() {
        let hostile = [
            "[x](javascript:alert(1))",
            "[x](<java\tscript:alert(1)>)",
            "[x](&#106;avascript:alert(1))",
            "[x][r]\n\n[r]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "![x](javascript:alert(1))",
            "[![x](data:image/svg+xml,x)](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<img src=x onerror=alert(1)>",
        ];
        for source in hostile {
            let out = markdown(source);
            // Text is escaped (`&lt;a`), so a tag in the output can only be one the renderer wrote.
            assert!(!out.contains("<a ") && !out.contains("<img "), "{source:?} rendered {out:?}");
        }
        assert_eq!(markdown("[x](javascript:alert(1))"), "<p>x</p>\n");
        assert_eq!(markdown("![alt](javascript:alert(1))"), "<p>alt</p>\n");
        assert_eq!(
            markdown(
                "[docs](https://example.com) <https://example.com/a> [mail](mailto:a@example.com) [up](../x.html)"
            ),
            "<p><a href=\"https://example.com\">docs</a> <a href=\"https://example.com/a\">https://example.com/a</a> \
             <a href=\"mailto:a@example.com\">mail</a> <a href=\"../x.html\">up</a></p>\n"
        );
        assert_eq!(
            markdown("![logo](https://example.com/l.png)"),
            "<p><img src=\"https://example.com/l.png\" alt=\"logo\" /></p>\n"
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
