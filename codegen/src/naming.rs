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

// ---- Names the generator makes itself. ----
//
// Every item name the emitter builds from a spec name, or writes as it is, is made here, so that the checker can
// report a spec name that would collide with one (`check::reserved`). Each function says which emitter uses it.

/// The request struct of an endpoint (`emit::requests::request_name`): `get_payout` -> `GetPayoutRequest`.
pub fn request_type(endpoint: &str) -> String {
    format!("{}Request", camel(endpoint))
}

/// The struct of body and headers of an endpoint whose response declares headers (`emit::client::response_name`).
pub fn response_type(endpoint: &str) -> String {
    format!("{}Response", camel(endpoint))
}

/// The error enum of an endpoint (`emit::errors::error_name`): `get_payout` -> `GetPayoutError`.
pub fn error_type(endpoint: &str) -> String {
    format!("{}Error", camel(endpoint))
}

/// The enum of a group's alternatives (`emit::requests::group_name`): `send_payout` + `destination` ->
/// `SendPayoutDestination`.
pub fn group_type(endpoint: &str, group: &str) -> String {
    format!("{}{}", camel(endpoint), camel(group))
}

/// Whether constraints written on a field of type `ty` give the field a checked newtype of its own (`inline_type`):
/// text, integers, decimals and lists get one; constraints on named types and other built-ins are refused by the
/// checker or only documented. The checker (reserved names) and lowering (`ir::Field::inline_type`) both ask here.
pub fn gets_inline_type(ty: &crate::front::ast::TypeExpr, constrained: bool) -> bool {
    use crate::front::ast::{Primitive, TypeExpr};
    let wrapped = matches!(
        ty,
        TypeExpr::Primitive(
            Primitive::String
                | Primitive::Uri
                | Primitive::Email
                | Primitive::Integer
                | Primitive::Int32
                | Primitive::Decimal
        ) | TypeExpr::Array(_)
            | TypeExpr::Map(_)
    );
    wrapped && constrained
}

/// The newtype of a field, argument or header whose constraints are written on it (`emit::model::Model`): `owner`
/// is the object type's name or the endpoint's `UpperCamelCase` name, `field` the Rust name of the field.
pub fn inline_type(owner: &str, field: &str) -> String {
    format!("{owner}{}", camel(field))
}

/// The struct of an error's documented headers (`emit::errors::headers_name`), after the error's variant name.
pub fn error_headers_type(variant: &str) -> String {
    format!("{variant}Headers")
}

/// Items every API module holds whatever its spec says, with words saying what each is (for messages).
pub const MODULE_ITEMS: &[(&str, &str)] = &[
    // `emit::client::client`
    ("Client", "the generated client struct"),
    // `emit::client::environment`
    ("Environment", "the generated enum of servers"),
    // `emit::client::auth`
    ("Auth", "the generated enum of credentials"),
    // `emit::client::client`, with `versioning`
    ("API_VERSION", "the generated constant of the default API version"),
    ("API_VERSIONS", "the generated constant of every API version"),
    // `emit::roundtrip::registry`
    ("TYPE_NAMES", "the generated registry of type names"),
    // Every emitter: the generated module names these standard prelude items unqualified, which keeps the code short
    // and readable, so no spec type may hide them.
    ("Option", "the standard `Option` the generated code names"),
    ("Some", "the standard `Option::Some` the generated code names"),
    ("None", "the standard `Option::None` the generated code names"),
    ("Result", "the standard `Result` the generated code names"),
    ("Ok", "the standard `Result::Ok` the generated code names"),
    ("Err", "the standard `Result::Err` the generated code names"),
    ("String", "the standard `String` the generated code names"),
    ("Vec", "the standard `Vec` the generated code names"),
    ("Box", "the standard `Box` the generated code names"),
    ("Into", "the standard `Into` the generated code names"),
];

/// What the generated module calls the runtime crate (`use <runtime path> as rt;`, `emit::api_module_with`): one
/// import decides where the runtime lives, and every emitter writes `rt::...`. Lower case, so no spec type (always
/// `UpperCamelCase`) can take it.
pub const RUNTIME_ALIAS: &str = "rt";

/// The variant `Environment` has for a base URL the caller gives (`emit::client::environment`).
pub const CUSTOM_ENVIRONMENT: &str = "Custom";

/// The member every object struct has for fields the spec does not list (`emit::objects::object`).
pub const ADDITIONAL_FIELDS: &str = "additional_fields";

/// The member every request struct has for what it sends beyond its arguments (`emit::requests::request`).
pub const REQUEST_EXTRAS: &str = "extras";

/// Methods of `Client` that are not endpoints (`emit::client::client`). They are all public: the client's own helpers
/// live in the runtime and in trait implementations of the request types, so no endpoint can collide with them.
pub const CLIENT_METHODS: &[&str] = &["new", "with_config", "with_api_version"];

/// Which kind of pagination an endpoint has, for the helper methods it gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paging {
    None,
    /// `cursor_body`: also resumes from a cursor.
    Cursor,
    /// Every other kind: the page and item streams only, resumed (when at all) from the request's own arguments.
    Offset,
}

/// The `Client` methods generated for one endpoint besides the one named after it, with words saying what each is.
/// `reconciles` is whether the endpoint's `idempotency.lookup` gives it a `reconcile_` method.
pub fn endpoint_helper_methods(endpoint: &str, paging: Paging, reconciles: bool) -> Vec<(String, String)> {
    // Sending a call and walking pages live in the runtime (`ClientCore::run`, `ClientCore::pages`), not in `Client`.
    let mut names = Vec::new();
    if paging != Paging::None {
        // `emit::pagination::methods`
        names.push((format!("{endpoint}_pages"), format!("the page stream of endpoint `{endpoint}`")));
        names.push((format!("{endpoint}_items"), format!("the item stream of endpoint `{endpoint}`")));
    }
    if paging == Paging::Cursor {
        // `emit::pagination::cursor_body`
        names.push((
            format!("{endpoint}_pages_from_cursor"),
            format!("the cursor-resume method of endpoint `{endpoint}`"),
        ));
    }
    if reconciles {
        // `emit::reconcile::method`
        names.push((format!("reconcile_{endpoint}"), format!("the reconcile method of endpoint `{endpoint}`")));
    }
    names
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

    #[test]
    fn generated_names() {
        assert_eq!(request_type("get_payout"), "GetPayoutRequest");
        assert_eq!(error_type("get_payout"), "GetPayoutError");
        assert_eq!(response_type("get_payouts"), "GetPayoutsResponse");
        assert_eq!(group_type("send_payout", "destination"), "SendPayoutDestination");
        assert_eq!(inline_type("GetPayouts", "per_page"), "GetPayoutsPerPage");
        let helpers = endpoint_helper_methods("list", Paging::Cursor, true);
        let names: Vec<&str> = helpers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["list_pages", "list_items", "list_pages_from_cursor", "reconcile_list"]);
    }
}
