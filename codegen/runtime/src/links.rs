//! Finding the link to the next page where a page gives it: in an array of relations (HATEOAS `links`, objects with
//! `rel` and `href`, as PayPal writes them) or in a `Link` header (RFC 8288). Whether the link may be followed is
//! decided apart, by [`crate::origin::link_target`].
//!
//! The server writes what is read here, so nothing in it is trusted to be well formed: junk is skipped, never a
//! panic, and one pass over the text decides, so the work grows with its length only.

use std::borrow::Cow;

/// Whether a `rel` value names the next page: it lists relation types separated by spaces (`rel="next last"`), which
/// compare without regard to case (RFC 8288, section 3.3).
///
/// ```
/// use codegen_runtime::links::names_next;
/// assert!(names_next("next") && names_next("NEXT") && names_next("last next"));
/// assert!(!names_next("prev") && !names_next("next-page") && !names_next(""));
/// ```
pub fn names_next(rel: &str) -> bool {
    rel.split_ascii_whitespace().any(|relation| relation.eq_ignore_ascii_case("next"))
}

/// The `href` of the first relation whose `rel` names the next page, from `(rel, href)` pairs; a relation without
/// one of them is skipped.
///
/// ```
/// use codegen_runtime::links::next_in_relations;
/// let links = [(Some("self"), Some("/items?page=2")), (Some("next"), Some("/items?page=3"))];
/// assert_eq!(next_in_relations(links), Some("/items?page=3"));
/// assert_eq!(next_in_relations([(Some("prev"), Some("/items?page=1"))]), None);
/// ```
pub fn next_in_relations<'a>(
    relations: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> Option<&'a str> {
    relations.into_iter().find_map(|(rel, href)| href.filter(|_| rel.is_some_and(names_next)))
}

/// The target of the first link of a `Link` header value whose `rel` names the next page.
///
/// The value is read as RFC 8288 writes it: links separated by commas, each a target in `<...>` followed by
/// parameters after `;`, whose values are tokens or quoted strings (with `\` escapes); only the first `rel` of a link
/// counts. A link that does not start with `<` is skipped up to the next comma outside a quoted string.
///
/// ```
/// use codegen_runtime::links::next_in_header;
/// let header = r#"<https://api.example.com/items?page=1>; rel="prev", <https://api.example.com/items?page=3>; rel=next"#;
/// assert_eq!(next_in_header(header), Some("https://api.example.com/items?page=3"));
/// assert_eq!(next_in_header(r#"</items?page=9>; rel="last""#), None);
/// ```
pub fn next_in_header(value: &str) -> Option<&str> {
    let mut cursor = Cursor { text: value, at: 0 };
    loop {
        cursor.skip(|byte| byte == b',' || is_space(byte));
        if cursor.at_end() {
            return None;
        }
        if cursor.eat(b'<') {
            let target = cursor.take(|byte| byte != b'>');
            if !cursor.eat(b'>') {
                // A target that never closes leaves nothing after it to read.
                return None;
            }
            if first_rel(&mut cursor).is_some_and(|rel| names_next(&rel)) {
                return Some(target);
            }
        }
        cursor.skip_rest_of_link();
    }
}

/// Reads the parameters of a link, from just after its target up to the comma that ends it (or the end), and gives
/// the value of its first `rel` (a `rel` without a value counts, as empty).
fn first_rel<'a>(cursor: &mut Cursor<'a>) -> Option<Cow<'a, str>> {
    let mut rel = None;
    loop {
        cursor.skip(is_space);
        if !cursor.eat(b';') {
            return rel;
        }
        cursor.skip(is_space);
        let name = cursor.take(|byte| !matches!(byte, b'=' | b';' | b',') && !is_space(byte));
        cursor.skip(is_space);
        let value = if cursor.eat(b'=') {
            cursor.skip(is_space);
            cursor.parameter_value()
        } else {
            Cow::Borrowed("")
        };
        // Occurrences of `rel` after the first are ignored (RFC 8288, section 3.3).
        if rel.is_none() && name.eq_ignore_ascii_case("rel") {
            rel = Some(value);
        }
    }
}

/// Optional whitespace as HTTP allows it between the parts of a header: spaces and tabs.
fn is_space(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// A position in a header value. Every stop is at an ASCII byte, so every slice taken is on a character boundary.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Cursor<'a> {
    fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Steps over `byte` when it is next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        if next {
            self.at += 1;
        }
        next
    }

    /// Steps over the bytes that `keep` accepts.
    fn skip(&mut self, keep: impl Fn(u8) -> bool) {
        let _ = self.take(keep);
    }

    /// The text of the bytes that `keep` accepts, stepped over.
    fn take(&mut self, keep: impl Fn(u8) -> bool) -> &'a str {
        let start = self.at;
        while self.peek().is_some_and(&keep) {
            self.at += 1;
        }
        &self.text[start..self.at]
    }

    /// A parameter's value: a quoted string with its escapes undone, or a token up to the next `;` or `,`.
    fn parameter_value(&mut self) -> Cow<'a, str> {
        if !self.eat(b'"') {
            return Cow::Borrowed(self.take(|byte| !matches!(byte, b';' | b',') && !is_space(byte)));
        }
        let start = self.at;
        let mut escaped = false;
        while let Some(byte) = self.peek() {
            match byte {
                b'"' => break,
                // The escaped byte is taken whatever it is, so `\"` does not end the string.
                b'\\' => {
                    escaped = true;
                    self.at = (self.at + 2).min(self.text.len());
                }
                _ => self.at += 1,
            }
        }
        // The loop stops at `"` or at the end, both character boundaries, even when an escape stepped into the
        // middle of a multi-byte character.
        let quoted = &self.text[start..self.at];
        let _ = self.eat(b'"');
        if escaped {
            Cow::Owned(unescape(quoted))
        } else {
            Cow::Borrowed(quoted)
        }
    }

    /// Steps to the comma that ends the current link, skipping over quoted strings (which may hold commas).
    fn skip_rest_of_link(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b',' => return,
                b'"' => {
                    let _ = self.parameter_value();
                }
                _ => self.at += 1,
            }
        }
    }
}

/// The text of a quoted string without its `\` escapes.
fn unescape(quoted: &str) -> String {
    let mut text = String::with_capacity(quoted.len());
    let mut characters = quoted.chars();
    while let Some(character) = characters.next() {
        match character {
            '\\' => text.extend(characters.next()),
            _ => text.push(character),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_link_of_a_header_is_found_among_others() {
        let github = "<https://api.github.com/repositories/1/issues?page=2>; rel=\"next\", \
                      <https://api.github.com/repositories/1/issues?page=5>; rel=\"last\"";
        assert_eq!(next_in_header(github), Some("https://api.github.com/repositories/1/issues?page=2"));
        let after_others = "</items?page=1>; rel=first, </items?page=2>; rel=prev,</items?page=4>;rel=next";
        assert_eq!(next_in_header(after_others), Some("/items?page=4"));
        // Relation types compare without case, and a link may have several.
        assert_eq!(next_in_header("</a>; rel=\"Last NEXT\""), Some("/a"));
        assert_eq!(next_in_header("</a>;\trel = \"next\""), Some("/a"));
        // Other parameters before and after `rel`, some of them quoted with commas and semicolons inside.
        let parameters = "</a>; title=\"a, b; rel=next\"; rel=\"prev\", </b>; type=\"text/html\"; rel=next; x=y";
        assert_eq!(next_in_header(parameters), Some("/b"));
        // A target may hold commas and semicolons: only `>` ends it.
        assert_eq!(next_in_header("</a?x=1,2;3>; rel=next"), Some("/a?x=1,2;3"));
    }

    #[test]
    fn only_a_link_whose_first_rel_names_next_is_the_next() {
        assert_eq!(next_in_header("</a>; rel=prev; rel=next"), None);
        assert_eq!(next_in_header("</a>; rel=\"next-page\", </b>; rel=nextish"), None);
        assert_eq!(next_in_header("</a>; rev=next"), None);
        assert_eq!(next_in_header("</a>; rel"), None);
        assert_eq!(next_in_header("</a>"), None);
        assert_eq!(next_in_header(""), None);
        assert_eq!(next_in_header(" , ,"), None);
        // Escapes in a quoted value are undone before comparing.
        assert_eq!(next_in_header(r#"</a>; rel="ne\xt""#), Some("/a"));
        assert_eq!(next_in_header(r#"</a>; rel="prev \"next\""; x, </b>; rel=next"#), Some("/b"));
    }

    #[test]
    fn junk_is_skipped_without_a_panic() {
        assert_eq!(next_in_header("garbage; rel=next, </b>; rel=next"), Some("/b"));
        assert_eq!(next_in_header("\"unclosed, </b>; rel=next"), None);
        assert_eq!(next_in_header("</never-closed; rel=next"), None);
        assert_eq!(next_in_header("<>; rel=next"), Some(""));
        assert_eq!(next_in_header("</a>; rel=\"next"), Some("/a"));
        assert_eq!(next_in_header("</a>; rel=\"x\\"), None);
        assert_eq!(next_in_header("</a>; rel=\"\\é\", </é>; rel=next"), Some("/é"));
        assert_eq!(next_in_header(";;;==,,<<>>;rel=next"), None);
        for junk in ["<", ">", ";", "=", "\"", "\\", "<\"", "</a>;", "</a>;=", "</a>; =next", "é<é>;rel=é"] {
            let _ = next_in_header(junk);
        }
    }

    #[test]
    fn a_long_header_is_read_in_one_pass() {
        // Many links, then the next one: found, in time proportional to the length.
        let mut header = "</page>; rel=\"prev\"; title=\"x, y\", ".repeat(20_000);
        header.push_str("</next>; rel=next");
        assert_eq!(next_in_header(&header), Some("/next"));
        let quotes = "\"".repeat(100_000);
        assert_eq!(next_in_header(&quotes), None);
        let semicolons = format!("</a>{}", ";".repeat(100_000));
        assert_eq!(next_in_header(&semicolons), None);
    }

    #[test]
    fn whatever_the_header_the_next_link_is_a_target_it_holds() {
        let mut found = 0;
        let pieces = [
            "</a>",
            "<",
            ">",
            ";",
            "; rel=next",
            "; rel=\"next\"",
            "rel",
            "=",
            "\"",
            "\\",
            ",",
            " ",
            "next",
            "prev",
            "é",
        ];
        for header in crate::origin::tests::junk(50_000, &pieces) {
            if let Some(target) = next_in_header(&header) {
                found += 1;
                assert!(header.contains(&format!("<{target}>")), "{header:?} gave {target:?}");
            }
        }
        assert!(found > 10, "the generator reaches next links too ({found})");
    }

    #[test]
    fn relations_give_the_href_of_the_first_next() {
        let paypal = [
            (Some("self"), Some("https://api-m.paypal.com/v1/payments/payouts/B1?page=2")),
            (Some("next"), Some("https://api-m.paypal.com/v1/payments/payouts/B1?page=3")),
            (Some("previous"), Some("https://api-m.paypal.com/v1/payments/payouts/B1?page=1")),
        ];
        assert_eq!(next_in_relations(paypal), Some("https://api-m.paypal.com/v1/payments/payouts/B1?page=3"));
        // An entry without `href`, or without `rel`, does not count.
        let incomplete = [(Some("next"), None), (None, Some("/x")), (Some("Next"), Some("/y"))];
        assert_eq!(next_in_relations(incomplete), Some("/y"));
        assert_eq!(next_in_relations([(Some("prev next"), Some("/z"))]), Some("/z"));
        assert_eq!(next_in_relations(Vec::new()), None);
    }
}
