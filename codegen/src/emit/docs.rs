//! Rustdoc text built from the spec: descriptions, wire facts and constraints, as `#[doc = "..."]` attributes.

use crate::ir::{Constraints, Doc, Field, StringFormat, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;
use std::cell::RefCell;

/// `#[doc]` attributes for a block of Markdown, one per line so rustdoc renders it as written.
pub fn attrs(text: &str) -> TokenStream {
    let lines = text.trim_end().lines().map(|line| {
        // A leading space keeps `///`-style rendering; rustdoc strips one space.
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        match set_aside(&line) {
            Some(marker) => quote!(#[doc = #marker]),
            None => quote!(#[doc = #line]),
        }
    });
    quote!(#(#lines)*)
}

thread_local! {
    /// The doc lines set aside while a piece is emitted for formatting (see [`with_lines_set_aside`]), in order.
    static SET_ASIDE: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Sets `line` aside if a piece is being emitted for formatting and prettyplease would print it as `///{line}` (one
/// line, not starting with `/`; its trailing spaces dropped, as prettyplease drops them), and gives the marker that
/// takes its place: `@` and its number. Real lines never start with `@` (they start with a space, or are empty).
fn set_aside(line: &str) -> Option<String> {
    SET_ASIDE.with(|set_aside| match set_aside.borrow_mut().as_mut() {
        Some(lines) if !line.starts_with('/') && !line.contains('\n') => {
            lines.push(line.trim_end_matches(' ').to_owned());
            Some(format!("@{}", lines.len() - 1))
        }
        _ => None,
    })
}

/// Runs `emit` with its doc lines set aside: each leaves `#[doc = "@<number>"]` in the tokens, which prettyplease
/// prints as `///@<number>`, and [`restore_lines`] puts the text back into the formatted code. Documentation is about
/// a third of a generated file, and text that syn and prettyplease only carry through (escaped by quote, unescaped by
/// syn, printed by prettyplease) need not cross them.
pub(super) fn with_lines_set_aside(emit: impl FnOnce() -> TokenStream) -> (TokenStream, Vec<String>) {
    let outer = SET_ASIDE.with(|set_aside| set_aside.replace(Some(Vec::new())));
    let tokens = emit();
    let lines = SET_ASIDE.with(|set_aside| set_aside.replace(outer)).unwrap_or_default();
    (tokens, lines)
}

/// `formatted` with each `///@<number>` line replaced by that set-aside line, at the same indentation; `None` unless
/// every set-aside line finds a place. (A marker that prettyplease did not print as a doc comment, inside a macro's
/// arguments say, would leave its line unplaced: the caller then formats the piece with its docs.)
pub(super) fn restore_lines(formatted: &str, lines: &[String]) -> Option<String> {
    let mut out = String::with_capacity(formatted.len() + lines.iter().map(String::len).sum::<usize>());
    let mut placed = vec![false; lines.len()];
    for code in formatted.split_inclusive('\n') {
        let text = code.trim_start_matches(' ');
        let marker = text.strip_suffix('\n').unwrap_or(text).strip_prefix("///@");
        match marker {
            Some(number) => {
                let at = number.parse::<usize>().ok().filter(|at| *at < lines.len())?;
                out.push_str(&code[..code.len() - text.len()]);
                out.push_str("///");
                out.push_str(&lines[at]);
                out.push('\n');
                placed[at] = true;
            }
            None => out.push_str(code),
        }
    }
    placed.iter().all(|placed| *placed).then_some(out)
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
    use super::{attrs, escape_brackets, restore_lines, with_lines_set_aside};
    use quote::quote;

    #[test]
    fn set_aside_lines_come_back_where_prettyplease_put_their_markers() {
        let (tokens, lines) = with_lines_set_aside(|| {
            let field = attrs("The amount.  \n\nIn cents.");
            let type_doc = attrs("A payout.");
            quote!(#type_doc pub struct Payout { #field pub amount: i64 })
        });
        assert_eq!(lines, [" The amount.", "", " In cents.", " A payout."]);
        // Outside a piece being formatted, nothing is set aside.
        assert_eq!(attrs("Text.").to_string(), quote!(#[doc = " Text."]).to_string());
        let formatted = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
        let restored = restore_lines(&formatted, &lines).expect("every line placed");
        assert_eq!(restored, "/// A payout.\npub struct Payout {\n    /// The amount.\n    ///\n    /// In cents.\n    pub amount: i64,\n}\n");
        // A marker prettyplease did not print as a doc comment leaves its line unplaced.
        let (tokens, lines) = with_lines_set_aside(|| {
            let doc = attrs("Inside.");
            quote!(rt::declare!(#doc struct X;);)
        });
        let formatted = prettyplease::unparse(&syn::parse2(tokens).expect("parses"));
        assert_eq!(restore_lines(&formatted, &lines), None);
    }

    #[test]
    fn brackets_are_escaped_but_links_and_code_stay() {
        assert_eq!(escape_brackets("a [b] c"), "a \\[b\\] c");
        assert_eq!(escape_brackets("see [docs](https://x.y/z)."), "see [docs](https://x.y/z).");
        assert_eq!(escape_brackets("`v[0]` and [x]"), "`v[0]` and \\[x\\]");
    }
}
