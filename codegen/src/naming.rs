//! How wire names become Rust names. The checker and the generator both use these, so a name the checker accepts is
//! exactly the name the generator emits.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves (strict, reserved and edition-2024 keywords). None of them may be an identifier.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// A usable Rust identifier: starts with a letter or `_` (not `_` alone), then letters, digits and `_`.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    name != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && !is_keyword(name)
}

/// Field, argument, method and module names: `refId` -> `ref_id`, `Pagination-Total` -> `pagination_total`.
pub fn snake(wire: &str) -> String {
    wire.to_snake_case()
}

/// Type and variant names: `in-progress` -> `InProgress`, `INITIATION_PENDING` -> `InitiationPending`.
pub fn camel(wire: &str) -> String {
    wire.to_upper_camel_case()
}

/// A wire name with its leading digits spelled out, so that a Rust name can be derived from it: `3ds` ->
/// `three ds` (then `three_ds` or `ThreeDs`). Used to suggest a `rust_name`; names are never changed silently.
pub fn spell_leading_digits(wire: &str) -> String {
    const WORDS: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
    let digits = wire.len() - wire.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut words: Vec<&str> = wire[..digits].bytes().map(|d| WORDS[usize::from(d - b'0')]).collect();
    words.push(&wire[digits..]);
    words.join(" ")
}

pub fn is_snake_case(name: &str) -> bool {
    !name.is_empty() && snake(name) == name
}

pub fn is_upper_camel_case(name: &str) -> bool {
    !name.is_empty() && camel(name) == name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_map_to_rust_names() {
        assert_eq!(snake("refId"), "ref_id");
        assert_eq!(snake("_links"), "links");
        assert_eq!(snake("Pagination-Total"), "pagination_total");
        assert_eq!(camel("in-progress"), "InProgress");
        assert_eq!(camel("INITIATION_PENDING"), "InitiationPending");
        assert!(is_keyword("type") && !is_identifier("type"));
        assert!(!is_identifier("3ds") && is_identifier("three_ds"));
        assert_eq!(snake(&spell_leading_digits("3ds")), "three_ds");
        assert_eq!(camel(&spell_leading_digits("3ds")), "ThreeDs");
        assert_eq!(camel(&spell_leading_digits("in-progress")), "InProgress");
    }
}
