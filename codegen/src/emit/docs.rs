//! Rustdoc text built from the spec: descriptions, wire facts and constraints, as `#[doc = "..."]` attributes.

use crate::ir::{Constraints, Doc, Field, StringFormat, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for a block of Markdown, one per line so rustdoc renders it as written.
pub fn attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|line| {
        // A leading space keeps `///`-style rendering; rustdoc strips one space.
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// A description followed by its provenance note, if any.
pub fn of(doc: &Doc) -> String {
    let mut text = escape_brackets(doc.description.trim());
    if let Some(source) = &doc.source {
        text.push_str(&format!("\n\n*Source:* {}", escape_brackets(source.trim())));
    }
    text
}

/// Square brackets in prose would be read as intra-doc links by rustdoc. Spec prose never means that, so they are
/// escaped, except in code spans and in Markdown links `[text](url)`, which stay links.
fn escape_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut link_depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '[' if !in_code => {
                if opens_link(&text[i..]) {
                    link_depth += 1;
                } else {
                    out.push('\\');
                }
            }
            ']' if !in_code => {
                if link_depth > 0 && text[i + 1..].starts_with('(') {
                    link_depth -= 1;
                } else {
                    out.push('\\');
                }
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (starting at `[`) is a Markdown link: `[text](...)` on one line.
fn opens_link(rest: &str) -> bool {
    let line = rest.lines().next().unwrap_or("");
    match line.find(']') {
        Some(close) => line[close + 1..].starts_with('(') && !line[1..close].contains('['),
        None => false,
    }
}

/// The constraint lines of a value, for docs: "At most 50 characters." etc.
pub fn constraint_lines(c: &Constraints, format: Option<StringFormat>) -> Vec<String> {
    constraint_lines_counting(c, format, "characters")
}

/// [`constraint_lines`] with lengths counted in `unit` (`characters` for text, `items` for a list).
pub fn constraint_lines_counting(c: &Constraints, format: Option<StringFormat>, unit: &str) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(format) = format {
        lines.push(
            match format {
                StringFormat::Date => "A date, `YYYY-MM-DD`.",
                StringFormat::DateTime => "An RFC 3339 date and time.",
                StringFormat::LocalDateTime => "A date and time without an offset, such as `2018-08-28 07:43:55`.",
                StringFormat::Uri => "An absolute URI.",
                StringFormat::Email => "An e-mail address.",
                StringFormat::Digits => "ASCII digits only.",
                StringFormat::PositiveInteger => "A positive whole number written as a string, with no leading zero.",
                StringFormat::Decimal => "A decimal number written as a string, such as `10.50`.",
            }
            .to_owned(),
        );
    }
    if let Some(n) = c.length {
        lines.push(format!("Exactly {n} {unit}."));
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => lines.push(format!("Between {min} and {max} {unit}.")),
        (Some(min), None) => lines.push(format!("At least {min} {unit}.")),
        (None, Some(max)) => lines.push(format!("At most {max} {unit}.")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.pattern {
        lines.push(format!("Matches the pattern `{pattern}` (whole value)."));
    }
    match (c.min, c.max) {
        (Some(min), Some(max)) => lines.push(format!("From {min} to {max}.")),
        (Some(min), None) => lines.push(format!("At least {min}.")),
        (None, Some(max)) => lines.push(format!("At most {max}.")),
        (None, None) => {}
    }
    if let Some(places) = c.max_decimals {
        lines.push(format!("At most {places} decimal places."));
    }
    match (c.key_min_length, c.key_max_length) {
        (Some(min), Some(max)) => lines.push(format!("Each key has between {min} and {max} characters.")),
        (Some(min), None) => lines.push(format!("Each key has at least {min} characters.")),
        (None, Some(max)) => lines.push(format!("Each key has at most {max} characters.")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.key_pattern {
        lines.push(format!("Each key matches the pattern `{pattern}` (whole key)."));
    }
    lines
}

/// Full documentation of a field or argument: description, then wire facts.
pub fn field(f: &Field) -> String {
    let mut text = of(&f.doc);
    let mut facts = vec![format!("Wire name: `{}`.", f.wire_name)];
    facts.push(
        match (f.required, f.nullable) {
            (true, false) => "Required.",
            (true, true) => "Required; may be `null`.",
            (false, false) => "Optional.",
            (false, true) => "Optional; may be `null` (absent and `null` are kept apart).",
        }
        .to_owned(),
    );
    // A list's length counts its items and a map's its entries (its keys have rules of their own).
    let unit = match f.ty {
        TypeExpr::Array(_) => "items",
        TypeExpr::Map(_) => "entries",
        _ => "characters",
    };
    facts.extend(constraint_lines_counting(&f.constraints, None, unit));
    if let Some(default) = &f.default {
        facts.push(format!("Default: `{default}`."));
    }
    if let Some(example) = &f.example {
        facts.push(format!("Example: `{example}`."));
    }
    if f.read_only {
        facts.push("Set by the server.".to_owned());
    }
    if !f.aliases.is_empty() {
        let aliases: Vec<String> = f.aliases.iter().map(|a| format!("`{a}`")).collect();
        facts.push(format!("Also accepted under the name {}.", aliases.join(", ")));
    }
    text.push_str("\n\n");
    text.push_str(&facts.join(" "));
    text
}

#[cfg(test)]
mod tests {
    use super::escape_brackets;

    #[test]
    fn brackets_are_escaped_but_links_and_code_stay() {
        assert_eq!(escape_brackets("a [b] c"), "a \\[b\\] c");
        assert_eq!(escape_brackets("see [docs](https://x.y/z)."), "see [docs](https://x.y/z).");
        assert_eq!(escape_brackets("`v[0]` and [x]"), "`v[0]` and \\[x\\]");
    }
}
