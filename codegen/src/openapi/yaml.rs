//! YAML output, written here rather than by a YAML library so that every string reads back as that same string in
//! every YAML reader OpenAPI tools use: YAML 1.2 ones and YAML 1.1 ones (PyYAML, js-yaml's defaults, SnakeYAML).
//!
//! A YAML 1.2 writer (`serde_norway` was used before) quotes only what YAML 1.2 would read as something else, so
//! `version: 2025-04-01` stayed plain and a YAML 1.1 reader saw a date, `yes`/`on`/`y` booleans and `1_000` or `0o17`
//! numbers. Here a string is written plain only when it is obviously a string under both versions (see
//! [`is_plain_safe`]); anything else is double-quoted, and multi-line text is a literal block when that is exact.
//!
//! Numbers are written from their JSON text (exact digits, unlike going through `f64`), in a form both versions read
//! as the same number.

use serde_json::{Map, Number, Value};

pub(super) fn to_string(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(entries) if !entries.is_empty() => mapping(&mut out, entries, 0),
        Value::Array(items) if !items.is_empty() => sequence(&mut out, items, 0),
        scalar => {
            out.push_str(&inline_scalar(scalar));
            out.push('\n');
        }
    }
    out
}

/// Words that some YAML reader resolves to null or a boolean, compared ignoring case (YAML 1.1 takes `y`, `yes`,
/// `on`, ... in three spellings each; ignoring case covers them all and a few more, which only costs quotes).
const RESERVED_WORDS: &[&str] = &["null", "true", "false", "yes", "no", "on", "off", "y", "n"];

/// Whether `text` can be written as a plain (unquoted) scalar and read back as this string by YAML 1.1 and 1.2
/// readers alike. Deliberately narrow: it starts with a letter, `_`, `/` or `$` (never a digit, sign or `.`, so no
/// number, date, time, `.inf` or `.nan` under any schema), holds only letters, digits, spaces and `_-./(),$` (no `:`, `#`,
/// quotes, brackets or other indicators), does not end with a space, and is not a null or boolean word.
fn is_plain_safe(text: &str) -> bool {
    let Some(first) = text.chars().next() else { return false };
    (first.is_alphabetic() || "_/$".contains(first))
        && text.chars().all(|c| c.is_alphanumeric() || " _-./(),$".contains(c))
        && !text.ends_with(' ')
        && !RESERVED_WORDS.iter().any(|word| text.eq_ignore_ascii_case(word))
}

/// Whether YAML needs `c` escaped in any scalar: controls (including tab, DEL and the C1 range), which YAML either
/// forbids raw or reads as line breaks (U+0085), the other YAML 1.1 line breaks (U+2028, U+2029), a byte order mark
/// and the non-characters U+FFFE and U+FFFF.
fn must_be_escaped(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// `text` as a YAML double-quoted scalar. Quotes, backslashes and every character YAML does not allow raw or reads as
/// a line break (controls, DEL, C1 controls, U+2028, U+2029) or a byte order mark are escaped.
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if must_be_escaped(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The chomping indicator of a literal block that holds `text` exactly, when one can: `|-` (no final line break) or
/// `|` (one). Refused (so the text is double-quoted) when the block would not read back the same: text that does
/// not span lines, starts with a space or a line break (the block's indentation would be misread), ends with several
/// line breaks, has a line ending in whitespace, or holds a character that must be escaped.
fn literal_block_indicator(text: &str) -> Option<&'static str> {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let plain_chars = body.chars().all(|c| c == '\n' || !must_be_escaped(c));
    let fits = body.contains('\n')
        && plain_chars
        && !body.starts_with([' ', '\n'])
        && !body.ends_with('\n')
        && body.lines().all(|line| !line.ends_with([' ', '\t']));
    match (fits, body.len() == text.len()) {
        (false, _) => None,
        (true, true) => Some("|-"),
        (true, false) => Some("|"),
    }
}

fn string_scalar(text: &str) -> String {
    if is_plain_safe(text) {
        text.to_owned()
    } else {
        double_quoted(text)
    }
}

/// A number in a form YAML 1.1 and 1.2 both read as this number: JSON's `1e3` has no `.` and no exponent sign,
/// which YAML 1.1 requires of a float (without them it reads a string), so it is written `1.0e+3`.
fn number(n: &Number) -> String {
    number_text(&n.to_string())
}

/// [`number`] on the JSON text of a number.
fn number_text(text: &str) -> String {
    let Some(e) = text.find(['e', 'E']) else { return text.to_owned() };
    let (mantissa, letter, exponent) = (&text[..e], &text[e..=e], &text[e + 1..]);
    let mantissa = if mantissa.contains('.') { mantissa.to_owned() } else { format!("{mantissa}.0") };
    let exponent = if exponent.starts_with(['+', '-']) { exponent.to_owned() } else { format!("+{exponent}") };
    format!("{mantissa}{letter}{exponent}")
}

/// A value written on one line: a scalar, or an empty collection.
fn inline_scalar(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => number(n),
        Value::String(s) => string_scalar(s),
        Value::Array(_) => "[]".to_owned(),
        Value::Object(_) => "{}".to_owned(),
    }
}

/// Writes `value` after a `key:` or `-` that is already on the line (at `indent`), then ends the line.
fn value_after_indicator(out: &mut String, value: &Value, indent: usize, in_sequence: bool) {
    match value {
        Value::Object(entries) if !entries.is_empty() => {
            if in_sequence {
                // `- key: value`: the mapping starts on the dash's line, its other keys line up under the first.
                out.push(' ');
                let mut nested = String::new();
                mapping(&mut nested, entries, indent + 2);
                out.push_str(&nested[indent + 2..]);
            } else {
                out.push('\n');
                mapping(out, entries, indent + 2);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            if in_sequence {
                out.push(' ');
                let mut nested = String::new();
                sequence(&mut nested, items, indent + 2);
                out.push_str(&nested[indent + 2..]);
            } else {
                // A sequence under a key sits at the key's indentation, as most YAML writers put it.
                out.push('\n');
                sequence(out, items, indent);
            }
        }
        Value::String(text) => match literal_block_indicator(text) {
            Some(indicator) => {
                out.push(' ');
                out.push_str(indicator);
                out.push('\n');
                for line in text.strip_suffix('\n').unwrap_or(text).split('\n') {
                    if !line.is_empty() {
                        out.push_str(&" ".repeat(indent + 2));
                        out.push_str(line);
                    }
                    out.push('\n');
                }
            }
            None => {
                out.push(' ');
                out.push_str(&string_scalar(text));
                out.push('\n');
            }
        },
        scalar => {
            out.push(' ');
            out.push_str(&inline_scalar(scalar));
            out.push('\n');
        }
    }
}

/// Keys longer than this are written as explicit `? key` entries: YAML limits implicit keys to 1024 characters.
const IMPLICIT_KEY_LIMIT: usize = 1000;

fn mapping(out: &mut String, entries: &Map<String, Value>, indent: usize) {
    for (key, value) in entries {
        let key = string_scalar(key);
        out.push_str(&" ".repeat(indent));
        if key.len() > IMPLICIT_KEY_LIMIT {
            out.push_str("? ");
            out.push_str(&key);
            out.push('\n');
            out.push_str(&" ".repeat(indent));
        } else {
            out.push_str(&key);
        }
        out.push(':');
        value_after_indicator(out, value, indent, false);
    }
}

fn sequence(out: &mut String, items: &[Value], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push('-');
        value_after_indicator(out, item, indent, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Strings that a YAML 1.1 or 1.2 reader would read as something other than the same string if written plain.
    const TRICKY: &[&str] = &[
        "2025-04-01",
        "2025-04-01T10:00:00Z",
        "2001-12-14 21:59:43.10 -5",
        "12:30:00",
        "190:20:30",
        "1",
        "-1",
        "+1",
        "007",
        "0o17",
        "0x1F",
        "0b101",
        "1_000",
        "1e3",
        "1E3",
        "3.14",
        ".5",
        "5.",
        ".inf",
        "-.inf",
        "+.INF",
        ".nan",
        ".NaN",
        "yes",
        "Yes",
        "YES",
        "no",
        "No",
        "on",
        "ON",
        "off",
        "Off",
        "y",
        "Y",
        "n",
        "N",
        "true",
        "True",
        "FALSE",
        "null",
        "Null",
        "NULL",
        "~",
        "",
        " leading",
        "trailing ",
        " ",
        "key: value",
        "a:b",
        "ends with:",
        "# comment",
        "a #b",
        "- item",
        "-",
        "? key",
        "[a, b]",
        "{a: b}",
        "&anchor",
        "*alias",
        "!tag",
        "!!str",
        "|",
        ">",
        "'single'",
        "\"double\"",
        "%YAML",
        "@at",
        "`tick",
        "=",
        "<<",
        "---",
        "...",
        "a\tb",
        "line\nbreak",
        "\nleading break",
        "trailing break\n",
        "two breaks\n\n",
        "trailing space \nline",
        " indented\nblock",
        "back\\slash",
        "nel\u{85}x",
        "ls\u{2028}x",
        "bom\u{feff}x",
        "del\u{7f}x",
        "nul\u{0}x",
        "bell\u{7}x",
        "c1\u{9b}x",
    ];

    /// Plain strings that must stay plain, so the output stays readable.
    const PLAIN: &[&str] = &[
        "openapi",
        "Reservepay Merchant API",
        "/payout-requests",
        "application/json",
        "x-ok_1 (a, b)",
        "$ref",
        "Yesterday",
        "nope",
    ];

    fn round_trip(value: &Value) -> Value {
        let yaml = to_string(value);
        serde_norway::from_str(&yaml).unwrap_or_else(|e| panic!("{value}: {e}\n{yaml}"))
    }

    #[test]
    fn tricky_strings_are_quoted_and_read_back_unchanged() {
        for text in TRICKY {
            assert!(!is_plain_safe(text), "{text:?} must not be plain");
            let value = json!({ *text: [*text, { *text: *text }], "k": *text });
            assert_eq!(round_trip(&value), value, "{text:?}");
        }
    }

    #[test]
    fn ordinary_strings_stay_plain() {
        for text in PLAIN {
            assert!(is_plain_safe(text), "{text:?}");
            assert_eq!(to_string(&json!({ "k": *text })), format!("k: {text}\n"));
        }
    }

    #[test]
    fn escapes_and_blocks() {
        assert_eq!(double_quoted("a\"b\\c\nd\te\u{0}\u{85}\u{2028}é"), "\"a\\\"b\\\\c\\nd\\te\\u0000\\u0085\\u2028é\"");
        assert_eq!(to_string(&json!({ "version": "2025-04-01" })), "version: \"2025-04-01\"\n");
        assert_eq!(to_string(&json!({ "d": "one\n\ntwo" })), "d: |-\n  one\n\n  two\n");
        assert_eq!(to_string(&json!({ "d": "one\ntwo\n" })), "d: |\n  one\n  two\n");
        assert_eq!(to_string(&json!({ "d": " one\ntwo" })), "d: \" one\\ntwo\"\n");
        assert_eq!(to_string(&json!({ "200": { "a": [] , "b": {} } })), "\"200\":\n  a: []\n  b: {}\n");
        assert_eq!(
            to_string(&json!({ "s": [{ "a": 1, "b": [true, null] }, ["x", "z"]] })),
            "s:\n- a: 1\n  b:\n  - true\n  - null\n- - x\n  - z\n"
        );
        let long_key = "k".repeat(IMPLICIT_KEY_LIMIT + 1);
        let value = json!({ long_key.clone(): 1 });
        assert!(to_string(&value).starts_with("? kkk"));
        assert_eq!(round_trip(&value), value);
    }

    #[test]
    fn numbers_read_the_same_in_yaml_1_1_and_1_2() {
        assert_eq!(number_text("1e3"), "1.0e+3");
        assert_eq!(number_text("-2E7"), "-2.0E+7");
        assert_eq!(number_text("-2.5E-7"), "-2.5E-7");
        assert_eq!(number_text("100.25"), "100.25");
        assert_eq!(number_text("-7"), "-7");
        for text in ["1e3", "-2E7", "2.5e-7", "100.25", "-7", "0"] {
            let json: Value = serde_json::from_str(text).expect("a JSON number");
            let yaml: Value = serde_norway::from_str(&number_text(text)).expect("a YAML number");
            assert_eq!(yaml.as_f64(), json.as_f64(), "{text}");
        }
    }
}
