//! Rule: no name holds an invisible or direction-changing character. Such a character makes a name look like
//! another one (or like nothing at all) in the spec, in review and in the generated code, so two names that read
//! the same could name different things.

use super::written_names::written_names;
use super::Ctx;
use crate::front::messages as msg;
use crate::source::Span;

/// The characters refused in names, with their Unicode names (a message names the character it cannot show).
const INVISIBLE: &[(char, &str)] = &[
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{061C}', "ARABIC LETTER MARK"),
    ('\u{180E}', "MONGOLIAN VOWEL SEPARATOR"),
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{200E}', "LEFT-TO-RIGHT MARK"),
    ('\u{200F}', "RIGHT-TO-LEFT MARK"),
    ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
    ('\u{202B}', "RIGHT-TO-LEFT EMBEDDING"),
    ('\u{202C}', "POP DIRECTIONAL FORMATTING"),
    ('\u{202D}', "LEFT-TO-RIGHT OVERRIDE"),
    ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{2061}', "FUNCTION APPLICATION"),
    ('\u{2062}', "INVISIBLE TIMES"),
    ('\u{2063}', "INVISIBLE SEPARATOR"),
    ('\u{2064}', "INVISIBLE PLUS"),
    ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
    ('\u{2067}', "RIGHT-TO-LEFT ISOLATE"),
    ('\u{2068}', "FIRST STRONG ISOLATE"),
    ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
];

fn unicode_name(c: char) -> Option<&'static str> {
    INVISIBLE.iter().find(|(invisible, _)| *invisible == c).map(|(_, name)| *name)
}

/// The name with every refused character spelled `<U+XXXX>`, so that a message shows what it holds.
fn shown(name: &str) -> String {
    name.chars()
        .map(|c| if unicode_name(c).is_some() { format!("<U+{:04X}>", u32::from(c)) } else { c.to_string() })
        .collect()
}

/// Reports every name holding a refused character (its first one), and returns the spans of those names: other
/// rules about the same names (their case, the Rust name they make) would only repeat the problem.
pub(super) fn check(ctx: &mut Ctx<'_, '_>) -> Vec<Span> {
    let mut reported = Vec::new();
    for name in written_names(ctx.spec) {
        let text = &name.text.value;
        let Some((at, c, unicode)) = text.char_indices().find_map(|(at, c)| Some((at, c, unicode_name(c)?))) else {
            continue;
        };
        let span = name.text.sub_span(at..at + c.len_utf8());
        let code_point = format!("U+{:04X} ({unicode})", u32::from(c));
        // The path holds the name too: it is shown with the character spelled out, never the character itself.
        let path = name.path.replace(text.as_str(), &shown(text));
        ctx.diagnostics.push(msg::invisible_character(span, &path, name.what, &shown(text), &code_point));
        reported.push(name.text.span);
    }
    reported
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_characters_are_shown_by_code_point() {
        assert_eq!(shown("amount\u{202E}"), "amount<U+202E>");
        assert_eq!(shown("\u{FEFF}id\u{200B}"), "<U+FEFF>id<U+200B>");
        assert_eq!(shown("montant_dû"), "montant_dû");
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{200F}', '\u{061C}', '\u{FEFF}'] {
            assert!(unicode_name(c).is_some(), "{c:?}");
        }
    }
}
