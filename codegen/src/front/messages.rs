//! Every diagnostic the front end can produce, in one table: code, message, label and help.
//!
//! Keeping the words here (and nowhere else) keeps them consistent and lets the goldens under `tests/diagnostics/`
//! cover each one.

use crate::diag::Diagnostic;
use crate::source::Span;

// ---- YAML layer: no spec path exists yet, so these carry none. ----

/// A syntax error, already explained by the YAML layer (which knows the text around it).
pub fn yaml_syntax(span: Span, message: &str, label: &str, help: &str) -> Diagnostic {
    Diagnostic::new("yaml-syntax", span, "", message).label(label).help(help)
}

pub fn yaml_tab(span: Span, read_as: usize) -> Diagnostic {
    Diagnostic::new("yaml-syntax", span, "", "the file is not valid YAML: a tab in the indentation")
        .label("tab")
        .help(format!(
            "YAML indents with spaces only; replace the tab with spaces (this line was read as indented by {read_as} spaces)"
        ))
}

pub fn not_utf8(span: Span) -> Diagnostic {
    Diagnostic::new("not-utf8", span, "", "the file is not UTF-8 text")
        .label("this byte is not valid UTF-8")
        .help("save the spec as UTF-8")
}

/// A control character other than tab, line feed and carriage return, which YAML does not allow in a file.
pub fn control_character(span: Span, c: char) -> Diagnostic {
    let code = format!("U+{:04X}", u32::from(c));
    let name = match c {
        '\0' => " (NUL)",
        '\x7f' => " (DEL)",
        _ => "",
    };
    Diagnostic::new("control-character", span, "", format!("the file contains the control character {code}{name}"))
        .label(format!("{code} here"))
        .help("remove it: a spec is text, and tab, line feed and carriage return are the only control characters it may hold (it was read as a space and the rest of the file was still checked)")
}

/// Mappings and lists nested deeper than `limit`; `path` is where the too-deep value is.
pub fn yaml_too_deep(span: Span, path: &str, limit: usize) -> Diagnostic {
    Diagnostic::new("nesting-too-deep", span, path, format!("mappings and lists are nested more than {limit} levels deep"))
        .label(format!("this value would be level {}", limit + 1))
        .help(format!(
            "a spec nests at most {limit} levels; flatten the value, or declare its parts as named types under `types` (what is nested deeper was not read)"
        ))
}

/// A type expression whose `array<...>`/`map<...>` nest deeper than `limit`.
pub fn type_too_deep(span: Span, path: &str, limit: usize) -> Diagnostic {
    Diagnostic::new("nesting-too-deep", span, path, format!("the type nests `array<...>` and `map<...>` more than {limit} levels deep"))
        .label("nested too deep")
        .help(format!(
            "a type expression nests at most {limit} levels; declare the inner part as a named type under `types` and refer to it by name"
        ))
}

pub fn empty_spec(span: Span, only_comments: bool) -> Diagnostic {
    Diagnostic::new("yaml-empty", span, "", "the file holds no YAML document")
        .label(if only_comments { "no YAML content (only comments or blank lines)" } else { "empty file" })
        .help("start from one of the specs in `spec/` and `spec/README.md`")
}

pub fn yaml_duplicate_key(span: Span, first: Span, key: &str) -> Diagnostic {
    Diagnostic::new("duplicate-key", span, "", format!("`{key}` is given twice in the same mapping"))
        .label("second definition")
        .related(first, "first defined here")
        .help("remove or rename one of them; only the first is read")
}

pub fn yaml_anchor(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new("yaml-anchor", span, "", "YAML anchors are not allowed in specs")
        .label("anchor defined here")
        .help(format!("remove `{written}`; every value is written out where it applies"))
}

/// An alias (`*name`); `anchor` is the anchor it repeats, which is then not reported on its own.
pub fn yaml_alias(span: Span, anchor: Option<Span>) -> Diagnostic {
    let d = Diagnostic::new("yaml-alias", span, "", "YAML aliases are not allowed in specs")
        .label("alias used here")
        .help("write the value out where it is used and remove the anchor, or declare a named type under `types` and refer to it by name");
    match anchor {
        Some(anchor) => d.related(anchor, "the anchor it repeats"),
        None => d,
    }
}

pub fn yaml_tag(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new("yaml-tag", span, "", "YAML tags are not allowed in specs")
        .label("tag used here")
        .help(format!("remove `{written}`; each key's meaning comes from the spec language"))
}

pub fn yaml_complex_key(span: Span) -> Diagnostic {
    Diagnostic::new("yaml-complex-key", span, "", "a mapping key must be plain text")
        .label("this key is a mapping or a list")
        .help("write the key as a single word, such as a field or type name")
}

pub fn yaml_second_document(span: Span) -> Diagnostic {
    Diagnostic::new("yaml-second-document", span, "", "a spec file holds exactly one YAML document")
        .label("a second document starts here")
        .help("put each API in its own file")
}

/// Two specs of one workspace with the same `api.name`; `first` is where the first one names it.
pub fn duplicate_api_name(span: Span, first: Span, name: &str) -> Diagnostic {
    Diagnostic::new("duplicate-api-name", span, "api.name", format!("another spec is already named `{name}`"))
        .label("second API with this name")
        .related(first, "first named here")
        .help(format!(
            "`api.name` names an API's output (`{name}.rs`, its module, its docs page), so one would overwrite the other; give each spec its own name"
        ))
}

// ---- Shape of the spec: keys and value kinds. ----

pub fn unknown_key(span: Span, path: &str, key: &str, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::new("unknown-key", span, path, format!("unknown key `{key}`")).label("not a key here");
    match closest(key, allowed.iter().copied()) {
        Some(best) => d.help(format!("did you mean `{best}`? keys allowed here: {}", list(allowed))),
        None => d.help(format!("keys allowed here: {}", list(allowed))),
    }
}

pub fn missing_key(span: Span, path: &str, key: &str) -> Diagnostic {
    Diagnostic::new("missing-key", span, path, format!("required key `{key}` is missing"))
        .label(format!("needs `{key}`"))
        .help(format!("add `{key}:`; `spec/README.md` describes it"))
}

/// A required key written without a value (`kind:` and nothing after it).
pub fn missing_value(span: Span, path: &str, key: &str) -> Diagnostic {
    Diagnostic::new("missing-key", span, path, format!("required key `{key}` has no value"))
        .label("nothing written after the `:`")
        .help(format!("write the value after `{key}:`; `spec/README.md` describes it"))
}

/// What a value should have been, for `wrong-shape`.
#[derive(Clone, Copy, Debug)]
pub enum Shape<'a> {
    /// A mapping with fixed keys.
    Mapping,
    /// A mapping from names the author chooses (types, fields, servers...).
    Names,
    /// A list; the words say of what ("examples"), or are empty.
    List(&'a str),
    /// A single value.
    Text,
}

/// What a value was instead, for `wrong-shape`.
#[derive(Clone, Copy, Debug)]
pub enum Found<'a> {
    Scalar(&'a str),
    Mapping { flow: bool },
    List { flow: bool },
}

/// A value of the wrong kind under `key`. `misplaced` is set when the value is a name-level entry whose name is a key
/// of the entries around it (`required: true` written beside the arguments instead of under one).
pub fn wrong_shape(
    span: Span,
    path: &str,
    key: &str,
    expected: Shape<'_>,
    found: Found<'_>,
    misplaced: bool,
) -> Diagnostic {
    let expected_words = match expected {
        Shape::Mapping => "a mapping".to_owned(),
        Shape::Names => "a mapping of names".to_owned(),
        Shape::List("") => "a list".to_owned(),
        Shape::List(of) => format!("a list of {of}"),
        Shape::Text => "a single value".to_owned(),
    };
    let found_words = match found {
        Found::Scalar(_) => "a single value",
        Found::Mapping { .. } => "a mapping",
        Found::List { .. } => "a list",
    };
    let help = match (expected, found) {
        (Shape::Mapping | Shape::Names, Found::Scalar(_)) if misplaced => format!(
            "`{key}` looks like a key of the entry above it, but it is indented as an entry of its own; indent it under the entry it belongs to"
        ),
        (Shape::Mapping | Shape::Names, Found::Scalar(_)) => {
            format!("write the entries on the lines below `{key}:`, indented, one `name: value` per line")
        }
        (Shape::List(_), Found::Scalar(text)) => {
            let item = text.replace('\\', "\\\\").replace('"', "\\\"");
            format!("write a list, such as `{key}: [\"{item}\"]`, or one `- item` per line below `{key}:`")
        }
        (Shape::List(_), Found::Mapping { flow: false }) => {
            "start each item with `- `; lines of `name: value` make a mapping, not a list".to_owned()
        }
        (Shape::List(_), Found::Mapping { flow: true }) => "write a list with `[...]`, not `{...}`".to_owned(),
        (Shape::Mapping | Shape::Names, Found::List { flow: false }) => {
            "remove the `- `: this takes `name: value` entries, not list items".to_owned()
        }
        (Shape::Mapping | Shape::Names, Found::List { flow: true }) => "write a mapping with `{...}`, not `[...]`".to_owned(),
        (Shape::Text, Found::Mapping { flow: true } | Found::List { flow: true }) => {
            "put the value in quotes: a value that starts with `{` or `[` is read as a mapping or a list".to_owned()
        }
        (Shape::Text, Found::Mapping { flow: false } | Found::List { flow: false }) => format!(
            "`{key}` takes a single value, but the lines below it are indented under it; check their indentation"
        ),
        // Same kind on both sides cannot be wrong; kept for completeness.
        _ => "see `spec/README.md` for what this key takes".to_owned(),
    };
    let label =
        if misplaced { format!("read as an entry named `{key}`") } else { format!("should be {expected_words}") };
    Diagnostic::new("wrong-shape", span, path, format!("expected {expected_words}, found {found_words}"))
        .label(label)
        .help(help)
}

pub fn bad_scalar(span: Span, path: &str, text: &str, expected: &str) -> Diagnostic {
    Diagnostic::new("bad-value", span, path, format!("`{text}` is not {expected}"))
        .label(format!("expected {expected}"))
        .help(format!("write {expected} here"))
}

pub fn inexact_decimal(span: Span, path: &str, text: &str) -> Diagnostic {
    Diagnostic::new("inexact-decimal", span, path, format!("`{text}` cannot be held exactly by a decimal"))
        .label("more digits than an exact decimal holds")
        .help("write a number with at most 28 significant digits and 28 decimal places; it is never rounded")
}

pub fn integer_bound_out_of_range(span: Span, path: &str, key: &str, value: &str) -> Diagnostic {
    let message = format!("`{key}` ({value}) is outside the range of a 64-bit integer");
    Diagnostic::new("integer-bound-out-of-range", span, path, message)
        .label("no 64-bit integer bound can say this")
        .help(format!("write a `{key}` between -9223372036854775808 and 9223372036854775807, or use a decimal type"))
}

pub fn unknown_choice(span: Span, path: &str, text: &str, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::new("unknown-choice", span, path, format!("`{text}` is not one of the allowed values"))
        .label("not allowed here");
    match closest(text, allowed.iter().copied()) {
        Some(best) => d.help(format!("did you mean `{best}`? allowed: {}", list(allowed))),
        None => d.help(format!("allowed: {}", list(allowed))),
    }
}

pub fn spec_version(span: Span, found: &str) -> Diagnostic {
    Diagnostic::new("spec-version", span, "spec", format!("unsupported spec language version `{found}`"))
        .label("this tool reads version 1")
        .help("write `spec: 1`")
}

pub fn empty_text(span: Span, path: &str, key: &str) -> Diagnostic {
    Diagnostic::new("empty-text", span, path, format!("`{key}` is empty"))
        .label("nothing written here")
        .help("write the text the documentation should show")
}

pub fn empty_versions(span: Span) -> Diagnostic {
    Diagnostic::new("empty-list", span, "versioning.versions", "`versions` lists no version")
        .label("empty list")
        .help("list every version the client may send, such as `versions: [\"2024-01-01\"]`")
}

pub fn empty_servers(span: Span) -> Diagnostic {
    Diagnostic::new("empty-list", span, "servers", "`servers` names no server")
        .label("no server here")
        .help("add one entry per environment, such as `production: { url: https://api.example.com, description: ... }`")
}

// ---- Names. ----

pub fn bad_name_case(span: Span, path: &str, name: &str, what: &str, case: &str, suggestion: &str) -> Diagnostic {
    Diagnostic::new("name-case", span, path, format!("{what} `{name}` must be written in {case}"))
        .label(format!("not {case}"))
        .help(format!("rename it to `{suggestion}`"))
}

/// What a wire name names, for the messages about the Rust names derived from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameOf {
    /// A field, argument or header: a `snake_case` struct field, with `rust_name` available.
    Field,
    /// An enum value: an `UpperCamelCase` variant, with `rust_name` available in the mapping form.
    EnumValue,
    /// A union's tag value: an `UpperCamelCase` variant, with `rust_name` available in the mapping form.
    UnionVariant,
    /// An endpoint: the client method, named as written.
    Endpoint,
    /// An error under `errors.codes`: a variant without `rust_name`. With `code_array` the name is the wire code.
    Error { code_array: bool },
    /// Another name that becomes a Rust name and has no `rust_name` (a group, an alternative, an auth scheme, a
    /// server variable); `what` says which.
    Other { what: &'static str },
}

/// How to give a wire name another Rust name, for helps.
fn rename_help(of: NameOf, name: &str, suggestion: &str) -> String {
    match of {
        NameOf::Field => format!("add `rust_name: {suggestion}` (or another name that says what the value is)"),
        NameOf::EnumValue => format!(
            "write the value in mapping form with a `rust_name`: `{name}: {{ description: ..., rust_name: {suggestion} }}`"
        ),
        NameOf::UnionVariant => format!(
            "write the variant in mapping form with a `rust_name` (the tag is sent as it is): `{name}: {{ type: ..., rust_name: {suggestion} }}`"
        ),
        NameOf::Endpoint => format!("rename the endpoint (it becomes the client method), for example to `{suggestion}`"),
        NameOf::Error { code_array: false } => {
            format!("rename the error, for example to `{suggestion}`; with `style: by_status` its name is not sent on the wire")
        }
        NameOf::Error { code_array: true } => format!(
            "give the error a `rust_name` (for example `rust_name: {suggestion}`); with `style: code_array` or `by_code` its name is the wire code, which stays as it is"
        ),
        NameOf::Other { what } => format!("rename the {what} (it has no `rust_name`), for example to `{suggestion}`"),
    }
}

pub fn name_collision(
    span: Span,
    first: Span,
    path: &str,
    name: &str,
    other: &str,
    rust: &str,
    of: NameOf,
) -> Diagnostic {
    let help = match of {
        NameOf::UnionVariant => "give one of them a `rust_name`".to_owned(),
        NameOf::Field | NameOf::EnumValue | NameOf::Endpoint => "rename one of them, or give one a `rust_name`".to_owned(),
        NameOf::Other { .. } => "rename one of them".to_owned(),
        NameOf::Error { code_array: false } => {
            "rename one of them; with `style: by_status` error names are not sent on the wire".to_owned()
        }
        NameOf::Error { code_array: true } => "error names are the wire codes: if the API compares codes ignoring case, keep one of them and set `errors.case_insensitive_codes: true`; otherwise give one a `rust_name`".to_owned(),
    };
    Diagnostic::new("name-collision", span, path, format!("`{name}` and `{other}` both become `{rust}` in Rust"))
        .label(format!("becomes `{rust}`"))
        .related(first, format!("`{other}` also becomes `{rust}`"))
        .help(help)
}

/// A wire name whose Rust name is a keyword. `suggestion` is a usable name to offer.
pub fn rust_keyword(span: Span, path: &str, name: &str, rust: &str, of: NameOf, suggestion: &str) -> Diagnostic {
    let what = match of {
        NameOf::Field => "field name",
        NameOf::EnumValue => "enum value",
        NameOf::UnionVariant => "union tag",
        NameOf::Endpoint => "endpoint name",
        NameOf::Error { .. } => "error name",
        NameOf::Other { what } => what,
    };
    let message = if name == rust {
        format!("the {what} `{name}` is a Rust keyword")
    } else {
        format!("the {what} `{name}` becomes `{rust}` in Rust, which is a keyword")
    };
    Diagnostic::new("rust-keyword", span, path, message)
        .label("reserved in Rust")
        .help(rename_help(of, name, suggestion))
}

/// A wire name that does not make a Rust identifier at all (`3ds`, `-`).
pub fn not_an_identifier(span: Span, path: &str, name: &str, rust: &str, of: NameOf, suggestion: &str) -> Diagnostic {
    let message = if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("`{name}` cannot become a Rust name: it starts with a digit")
    } else if rust.is_empty() {
        format!("`{name}` cannot become a Rust name: it has no letters")
    } else if !rust.is_ascii() {
        format!("`{name}` cannot become a Rust name: it has characters outside ASCII (it becomes `{rust}`)")
    } else {
        format!("`{name}` cannot become a Rust name (it becomes `{rust}`)")
    };
    Diagnostic::new("bad-rust-name", span, path, message)
        .label("no Rust name can be derived from this")
        .help(rename_help(of, name, suggestion))
}

/// A wire name whose variant would be `Unknown`, which generated enums keep for values the spec does not list.
pub fn reserved_unknown(span: Span, path: &str, name: &str, of: NameOf) -> Diagnostic {
    Diagnostic::new(
        "bad-rust-name",
        span,
        path,
        format!("`{name}` becomes `Unknown`, which is reserved for values the spec does not list"),
    )
    .label("would be the `Unknown` variant")
    .help(rename_help(of, name, "Unspecified"))
}

/// A `rust_name` that breaks the casing its place requires (`case` is "snake_case" or "UpperCamelCase").
pub fn rust_name_case(span: Span, path: &str, given: &str, of: NameOf, case: &str, fixed: &str) -> Diagnostic {
    let whose = match of {
        NameOf::EnumValue => "an enum value's",
        NameOf::UnionVariant => "a union variant's",
        _ => "a field's",
    };
    Diagnostic::new("bad-rust-name", span, path, format!("{whose} `rust_name` must be {case}, and `{given}` is not"))
        .label(format!("not {case}"))
        .help(format!("write `rust_name: {fixed}`"))
}

/// A `rust_name` that is no usable identifier (a keyword, a leading digit, other characters), or is `Unknown`.
pub fn rust_name_unusable(span: Span, path: &str, given: &str) -> Diagnostic {
    let why = if given == "Unknown" {
        "is reserved for values the spec does not list"
    } else if crate::naming::is_keyword(given) {
        "is a Rust keyword"
    } else {
        "is not a Rust identifier"
    };
    Diagnostic::new("bad-rust-name", span, path, format!("`rust_name: {given}` {why}"))
        .label("not usable as a Rust name")
        .help("use letters, digits and `_`, starting with a letter; not a keyword and not `Unknown`")
}

pub fn duplicate_name(span: Span, first: Span, path: &str, name: &str, what: &str) -> Diagnostic {
    Diagnostic::new("duplicate-name", span, path, format!("{what} `{name}` is declared twice"))
        .label("second declaration")
        .related(first, "first declared here")
        .help("names must be unique; remove or rename one")
}

// ---- Types. ----

pub fn bad_type_expr(span: Span, path: &str, text: &str, why: &str) -> Diagnostic {
    Diagnostic::new("bad-type", span, path, format!("`{text}` is not a type expression: {why}"))
        .label("cannot read this type")
        .help("write a built-in type, a name under `types`, `array<T>`, `map<T>` or `expandable<T>`")
}

pub fn expandable_not_object(span: Span, path: &str, name: &str, kind: &str) -> Diagnostic {
    Diagnostic::new("bad-type", span, path, format!("`expandable<{name}>` names a type of kind `{kind}`"))
        .label("not an object type")
        .help("an expandable field holds an ID or the object it identifies: name a type of kind `object`")
}

pub fn currency_decimals_field(span: Span, path: &str, name: &str, why: &str) -> Diagnostic {
    Diagnostic::new("currency-decimals", span, path, format!("`{name}` {why}"))
        .label("cannot carry the rule")
        .help("name the object's amount field (a `decimal` or a string of format `decimal`) as `amount` and its currency code field as `currency`")
}

pub fn currency_decimals_code(span: Span, path: &str, code: &str, currency: &str) -> Diagnostic {
    Diagnostic::new("currency-decimals", span, path, format!("`{code}` is not one of the values of `{currency}`"))
        .label("a code the currency field never holds")
        .help(format!("list only codes of `{currency}`, or add `{code}` to its values"))
}

pub fn union_without_variants(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new("bad-union", span, path, "a union needs at least one variant")
        .label("no variants")
        .help("list each value of the tag with the object type it stands for: `variants: {card: Card}`")
}

pub fn union_variant_not_object(span: Span, path: &str, name: &str, kind: &str) -> Diagnostic {
    Diagnostic::new("bad-union", span, path, format!("union variant `{name}` is a type of kind `{kind}`"))
        .label("not an object type")
        .help("the fields of a union's value beside its tag are one object: name a type of kind `object`")
}

pub fn union_variant_twice(span: Span, path: &str, name: &str, first: &str) -> Diagnostic {
    Diagnostic::new("bad-union", span, path, format!("`{name}` is already the variant of tag `{first}`"))
        .label("a second variant of the same type")
        .help("give each tag its own object type, so that a value tells which tag it came with")
}

pub fn union_variant_has_tag(span: Span, path: &str, name: &str, tag: &str, field: &str) -> Diagnostic {
    Diagnostic::new("bad-union", span, path, format!("variant `{name}` has a field `{tag}`, the union's tag"))
        .label("this object lists the tag itself")
        .help(format!("the union writes `{tag}`; remove the field at `{field}` from the object type"))
}

pub fn unknown_type(span: Span, path: &str, name: &str, candidates: &[String]) -> Diagnostic {
    let d = Diagnostic::new("unknown-type", span, path, format!("unknown type `{name}`"))
        .label("not a built-in type and not declared under `types`");
    let hint = match name {
        "number" | "float" | "double" | "f64" | "f32" => {
            Some("the spec language has no floating point: use `decimal` for amounts, or `integer`/`int32`".to_owned())
        }
        "int" | "int64" | "long" => Some("use `integer` (64-bit) or `int32`".to_owned()),
        "bool" => Some("use `boolean`".to_owned()),
        "object" | "any" => Some("use `json` for free-form values, or declare an object type under `types`".to_owned()),
        _ => closest(name, candidates.iter().map(String::as_str)).map(|best| format!("did you mean `{best}`?")),
    };
    d.help(hint.unwrap_or_else(|| "declare it under `types`, or use a built-in type (see `spec/README.md`)".into()))
}

pub fn kind_key(span: Span, path: &str, key: &str, kind: &str) -> Diagnostic {
    Diagnostic::new("key-not-for-kind", span, path, format!("`{key}` does not apply to `kind: {kind}`"))
        .label(format!("not used by {kind} types"))
        .help("remove it, or change `kind`")
}

pub fn constraint_not_for_type(span: Span, path: &str, key: &str, ty: &str) -> Diagnostic {
    let applies = match key {
        "min" | "max" => {
            "`min` and `max` apply to numbers: `integer`, `int32`, `decimal`, and integer or decimal types"
        }
        "max_decimals" => "`max_decimals` applies to `decimal` values and decimal types",
        "pattern" => "`pattern` applies to strings: `string`, `uri`, `email`, and string or ID types",
        "key_min_length" | "key_max_length" | "key_pattern" => {
            "`key_min_length`, `key_max_length` and `key_pattern` apply to the keys of a `map<...>` field"
        }
        _ => "`min_length`, `max_length` and `length` apply to strings, arrays and maps (their number of entries)",
    };
    Diagnostic::new("constraint-type", span, path, format!("`{key}` cannot constrain a value of type `{ty}`"))
        .label(format!("`{ty}` has no use for `{key}`"))
        .help(format!("{applies}; remove it, or change the type"))
}

/// A rule written on a field whose type is a named type: the type's own rules are the value's rules.
pub fn constraint_on_named_type(span: Span, path: &str, key: &str, ty: &str) -> Diagnostic {
    Diagnostic::new(
        "constraint-type",
        span,
        path,
        format!("`{key}` on a field of the named type `{ty}` would not be applied"),
    )
    .label(format!("`{ty}` carries its own rules"))
    .help(format!("put `{key}` on the type `{ty}` itself, or declare another type with it and use that type here"))
}

/// `max_decimals` on a string type that is not a decimal string.
pub fn max_decimals_needs_decimal_format(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new("constraint-type", span, path, "`max_decimals` on a string type needs `format: decimal`")
        .label("this string type has no `format: decimal`")
        .help("add `format: decimal` if the value is a decimal number written as a string; otherwise remove `max_decimals`")
}

pub fn min_above_max(
    span: Span,
    other: Span,
    path: &str,
    low_key: &str,
    low: &str,
    high_key: &str,
    high: &str,
) -> Diagnostic {
    Diagnostic::new("min-above-max", span, path, format!("`{low_key}` ({low}) is greater than `{high_key}` ({high})"))
        .label(format!("{low_key} is {low}"))
        .related(other, format!("{high_key} is {high}"))
        .help(format!("no value can satisfy both; swap them or fix the `{low_key}`"))
}

pub fn length_conflict(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new("length-conflict", span, path, "`length` cannot be combined with `min_length` or `max_length`")
        .label("exact length given here")
        .help("keep `length` for an exact length, or the bounds for a range")
}

pub fn bad_pattern(span: Span, path: &str, error: &str) -> Diagnostic {
    Diagnostic::new("bad-pattern", span, path, format!("the pattern is not a valid regular expression: {error}"))
        .label("invalid regular expression")
        .help("patterns use Rust `regex` syntax; each must be one whole expression, which is anchored for you (leave out `^` and `$`)")
}

pub fn anchored_pattern(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new("anchored-pattern", span, path, "patterns are anchored for you")
        .label("starts with `^` or ends with `$`")
        .help("remove `^` and `$`; the whole value must always match")
}

pub fn empty_enum(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new("empty-enum", span, path, "an enum needs at least one value")
        .label("no values")
        .help("list the documented values under `values`, each with a description")
}

pub fn value_violates(span: Span, path: &str, what: &str, value: &str, why: &str) -> Diagnostic {
    Diagnostic::new("value-violates", span, path, format!("{what} `{value}` does not fit: {why}"))
        .label(format!("this {what} is not a valid value"))
        .help("make it satisfy the type and constraints it is given for")
}

pub fn version_not_listed(span: Span, default: &str, versions: &[String]) -> Diagnostic {
    Diagnostic::new(
        "value-violates",
        span,
        "versioning.default",
        format!("default version `{default}` is not listed under `versions`"),
    )
    .label("not in `versions`")
    .help(format!("add `{default}` to `versions`, or make `default` one of {}", list_owned(versions)))
}

pub fn not_required_default(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new("default-on-required", span, path, "a required value cannot have a default")
        .label("the caller always gives it")
        .help("remove `default`, or make the value optional")
}

// ---- API level. ----

pub fn bad_url(span: Span, path: &str, url: &str, why: &str) -> Diagnostic {
    Diagnostic::new("bad-url", span, path, format!("`{url}` {why}"))
        .label("not a usable base URL")
        .help("write an absolute `https://` URL without a trailing `/`")
}

pub fn server_variable_undeclared(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new(
        "server-variable",
        span,
        path,
        format!("the URL uses `{{{name}}}` but `variables` does not declare it"),
    )
    .label("placeholder without a declaration")
    .help(format!("add `variables: {{ {name}: {{ description: ... }} }}`"))
}

pub fn server_variable_unused(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new("server-variable", span, path, format!("variable `{name}` does not appear in the URL"))
        .label("declared but unused")
        .help(format!("remove it, or use `{{{name}}}` in `url`"))
}

pub fn unknown_reference(span: Span, path: &str, what: &str, name: &str, candidates: &[String]) -> Diagnostic {
    let d = Diagnostic::new("unknown-reference", span, path, format!("no {what} named `{name}`"))
        .label(format!("unknown {what}"));
    match closest(name, candidates.iter().map(String::as_str)) {
        Some(best) => d.help(format!("did you mean `{best}`?")),
        None if candidates.is_empty() => d.help(format!("there is no {what} to refer to here")),
        None => d.help(format!("known: {}", list_owned(candidates))),
    }
}

/// A key or value that the API's style (or the scheme's kind) rules out.
#[derive(Clone, Copy, Debug)]
pub enum Mismatch<'a> {
    /// `api.path_prefix` with `style: rest`.
    PathPrefixOnRest,
    /// `header` on a `bearer` or `basic` scheme.
    AuthHeader { kind: &'a str },
    /// `format` on a scheme that is not `bearer`.
    FormatNotBearer { kind: &'a str },
    /// `errors.status` with `style: by_status`.
    ErrorsStatusByStatus,
    /// `errors.case_insensitive_codes` with `style: by_status`.
    CaseInsensitiveByStatus,
    /// An error's `status` with `style: code_array`.
    CodeStatusWithCodeArray,
    /// An error's `body` with `style: code_array`.
    CodeBodyWithCodeArray,
    /// An error's `details` with `style: by_status`.
    DetailsWithByStatus,
    /// A key of `errors`, or of one error, that only another error style uses (`code`, `message` and `details`
    /// pointers or `match` outside `by_code`; `status` on `by_code`; `body` on an error told by its code).
    ErrorKeyNotInStyle { key: &'a str, style: &'a str, help: &'a str },
    /// A key of an auth scheme that only another kind reads (`token_url`, `scopes` outside OAuth2).
    KeyNotInKind { key: &'a str, kind: &'a str, help: &'a str },
    /// A `method` other than `POST` on an RPC endpoint.
    RpcMethod { method: &'a str },
    /// A `path` on an RPC endpoint; `derived` is the path it gets.
    RpcPath { derived: &'a str },
    /// An RPC argument that is not `in: body`.
    RpcArgumentIn { location: &'a str },
    /// An `in: body` argument on a `GET` endpoint.
    GetWithBody,
}

pub fn style_mismatch(span: Span, path: &str, mismatch: Mismatch<'_>) -> Diagnostic {
    let (message, label, help) = match mismatch {
        Mismatch::PathPrefixOnRest => (
            "`path_prefix` is only used with `style: rpc`".to_owned(),
            "not used with `style: rest`".to_owned(),
            "remove `path_prefix`; REST endpoints give their whole `path`".to_owned(),
        ),
        Mismatch::AuthHeader { kind } => (
            format!("`header` is not used with `kind: {kind}`"),
            format!("`{kind}` always sends `Authorization`"),
            "remove `header`, or use `kind: api_key` for a secret sent alone in a header of its own".to_owned(),
        ),
        Mismatch::FormatNotBearer { kind } => (
            format!("`format` only applies to `kind: bearer`, and this scheme is `kind: {kind}`"),
            format!("not used with `kind: {kind}`"),
            "remove `format`; say what the credential looks like in `description`".to_owned(),
        ),
        Mismatch::ErrorsStatusByStatus => (
            "`errors.status` is not used with `style: by_status`".to_owned(),
            "each error has its own status".to_owned(),
            "remove it, and give each error under `errors.codes` its own `status`".to_owned(),
        ),
        Mismatch::CaseInsensitiveByStatus => (
            "`case_insensitive_codes` only applies to `style: code_array`".to_owned(),
            "`by_status` errors have no codes to compare".to_owned(),
            "remove it; with `style: by_status` the HTTP status identifies the error".to_owned(),
        ),
        Mismatch::CodeStatusWithCodeArray => (
            "an error's `status` is not used with `style: code_array`".to_owned(),
            "every handled error arrives with `errors.status`".to_owned(),
            "remove it; with `style: code_array` the code in the body identifies the error".to_owned(),
        ),
        Mismatch::CodeBodyWithCodeArray => (
            "an error's `body` is not used with `style: code_array`".to_owned(),
            "the body is always `[code, message, details]`".to_owned(),
            "remove `body`; describe the third element of the array with `details`".to_owned(),
        ),
        Mismatch::DetailsWithByStatus => (
            "an error's `details` is not used with `style: by_status`".to_owned(),
            "`by_status` errors have no details element".to_owned(),
            "describe the whole error body with `body` instead".to_owned(),
        ),
        Mismatch::KeyNotInKind { key, kind, help } => {
            (format!("`{key}` is not used with `kind: {kind}`"), format!("not used with `{kind}`"), help.to_owned())
        }
        Mismatch::ErrorKeyNotInStyle { key, style, help } => {
            (format!("`{key}` is not used with `style: {style}`"), format!("not used with `{style}`"), help.to_owned())
        }
        Mismatch::RpcMethod { method } => (
            format!("RPC endpoints are always `POST`, not `{method}`"),
            "not `POST`".to_owned(),
            "remove `method`; with `style: rpc` every endpoint is `POST`".to_owned(),
        ),
        Mismatch::RpcPath { derived } => (
            "`path` is not used with `style: rpc`".to_owned(),
            "RPC paths come from the endpoint name".to_owned(),
            format!("remove `path`; this endpoint is `POST {derived}`"),
        ),
        Mismatch::RpcArgumentIn { location } => (
            format!("RPC arguments travel in the JSON body, not `in: {location}`"),
            "not `body`".to_owned(),
            "remove `in`; with `style: rpc` every argument is a field of the body".to_owned(),
        ),
        Mismatch::GetWithBody => (
            "a `GET` request has no body, so it cannot take an `in: body` argument".to_owned(),
            "body argument on a `GET` endpoint".to_owned(),
            "use `in: query`, or another method if the API really takes a body here".to_owned(),
        ),
    };
    Diagnostic::new("style-mismatch", span, path, message).label(label).help(help)
}

/// Which statuses a place accepts, for `bad-status`.
#[derive(Clone, Copy, Debug)]
pub enum Statuses {
    Success,
    Error,
}

pub fn bad_status(span: Span, path: &str, status: u64, allowed: Statuses) -> Diagnostic {
    let (what, low, high) = match allowed {
        Statuses::Success => ("a success status", 200, 299),
        Statuses::Error => ("an error status", 400, 599),
    };
    Diagnostic::new("bad-status", span, path, format!("HTTP status {status} is not {what} ({low} to {high})"))
        .label("out of range")
        .help(format!("use a status from {low} to {high}"))
}

pub fn duplicate_status(span: Span, first: Span, path: &str, status: u16) -> Diagnostic {
    Diagnostic::new("duplicate-status", span, path, format!("two errors use HTTP status {status}"))
        .label("second error with this status")
        .related(first, "first error with this status")
        .help(
            "an error told by its status alone (every error of `style: by_status`, and `match: status` with \
             `by_code`) owns its status; give the other error its own status, or tell them apart by code",
        )
}

pub fn oauth2_token_url(span: Span, path: &str, url: &str) -> Diagnostic {
    Diagnostic::new("oauth2", span, path, format!("`{url}` is not a path on the API's server"))
        .label("not a path")
        .help("write the token endpoint's path, starting with `/` and without a query, such as `/v1/oauth2/token`")
}

pub fn bad_json_pointer(span: Span, path: &str, pointer: &str) -> Diagnostic {
    Diagnostic::new("json-pointer", span, path, format!("`{pointer}` is not a JSON pointer"))
        .label("not a JSON pointer")
        .help(
            "write `\"\"` for the whole body, or `/` before each member name or array index, as in `/error/code` or \
             `/0` (RFC 6901: write `~1` for `/` and `~0` for `~` inside a name)",
        )
}

pub fn undeclared_error(span: Span, path: &str, name: &str, candidates: &[String]) -> Diagnostic {
    let d = Diagnostic::new("undeclared-error", span, path, format!("error `{name}` is used but not declared"))
        .label("not under `errors.codes`");
    match closest(name, candidates.iter().map(String::as_str)) {
        Some(best) => d.help(format!("did you mean `{best}`? otherwise declare it under `errors.codes`")),
        None => d.help(format!("declare `{name}` under `errors.codes` with its description")),
    }
}

// ---- Endpoints. ----

pub fn path_param_missing(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new("path-parameter", span, path, format!("path argument `{name}` does not appear in the path"))
        .label("declared `in: path`")
        .help(format!("add `{{{name}}}` to `path`, or change `in`"))
}

pub fn path_param_undeclared(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new("path-parameter", span, path, format!("the path uses `{{{name}}}` but no argument declares it"))
        .label("placeholder without an argument")
        .help(format!("add an argument `{name}` with `in: path` and `required: true`"))
}

pub fn path_param_optional(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new("path-parameter", span, path, format!("path argument `{name}` must be required"))
        .label("a path cannot have a hole")
        .help("add `required: true`")
}

pub fn encoding_misuse(span: Span, path: &str, why: &str) -> Diagnostic {
    Diagnostic::new("encoding", span, path, format!("this `encoding` {why}")).label("encoding does not fit").help(
        "`repeated` and `comma` are for query arrays, `sort` for a query array of strings, `filter` for a query \
         string, `form` for any query value",
    )
}

pub fn form_name_bracket(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new(
        "form-name",
        span,
        path,
        format!("`{name}` is written into a form key, where `[` and `]` mean nesting"),
    )
    .label("brackets in a form key")
    .help(
        "describe the nesting instead: an object (`created` with a field `gte`) is written as \
             `created[gte]=...` by itself",
    )
}

pub fn body_encoding_without_body(span: Span, path: &str) -> Diagnostic {
    Diagnostic::new("body-encoding", span, path, "this endpoint sends no body, so it has no `body_encoding`")
        .label("no body to encode")
        .help("only an endpoint with an `in: body` argument (or any endpoint of an `rpc` API) sends a body; remove the key")
}

pub fn group_argument_required(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new(
        "group-argument",
        span,
        path,
        format!("argument `{name}` is required, so it cannot belong to a group"),
    )
    .label("group arguments are chosen by the alternative")
    .help(format!("remove `required: true` from `{name}`; the alternative makes it required when chosen"))
}

pub fn group_argument_twice(span: Span, first: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new("group-argument", span, path, format!("argument `{name}` belongs to more than one alternative"))
        .label("second use")
        .related(first, "first use")
        .help(
            "an argument can belong to one alternative only; split it into two arguments if the API really allows both",
        )
}

pub fn group_sets_invalid(span: Span, path: &str, why: &str) -> Diagnostic {
    Diagnostic::new("group-sets", span, path, format!("`sets` {why}"))
        .label("cannot set this")
        .help("`sets` fixes an enum argument that is not part of any alternative to one of its values")
}

/// A `webhooks` section whose parts do not fit together (no signature and no reason, a key for another algorithm, a
/// template that does not read, two events making one variant).
pub fn webhooks(span: Span, path: &str, message: String, help: String) -> Diagnostic {
    Diagnostic::new("webhooks", span, path, message).label("cannot verify or read deliveries with this").help(help)
}

/// A pagination name that points at nothing usable. `help` comes from one of the `pagination_help_*` words below.
pub fn pagination(span: Span, path: &str, message: String, help: String) -> Diagnostic {
    Diagnostic::new("pagination", span, path, message).label("cannot page with this").help(help)
}

/// `items`, `next`, `previous` or `next_offset` names no field of the response.
pub fn pagination_unknown_field(span: Span, path: &str, key: &str, target: &str, why: &str) -> Diagnostic {
    pagination(
        span,
        path,
        format!("pagination `{key}` refers to `{target}`, which {why}"),
        format!("`{key}` names a field of the response type (a dotted path such as `page.next` for a nested one)"),
    )
}

/// `items` names a field that is not an array.
pub fn pagination_items_not_array(span: Span, path: &str, target: &str, ty: &str) -> Diagnostic {
    pagination(
        span,
        path,
        format!("pagination `items` refers to `{target}`, which is a `{ty}`, not an array"),
        "`items` names the `array<...>` field of the response that holds the page's items".to_owned(),
    )
}

/// No `items`, and the response itself is not an array.
pub fn pagination_items_needed(span: Span, path: &str, ty: &str) -> Diagnostic {
    pagination(
        span,
        path,
        format!("the response is a `{ty}`, not an array, so pagination needs `items`"),
        "add `items:` naming the `array<...>` field of the response that holds the page's items".to_owned(),
    )
}

/// `limit` or `offset` names no argument.
pub fn pagination_unknown_argument(span: Span, path: &str, key: &str, target: &str, known: &[String]) -> Diagnostic {
    let help = if known.is_empty() {
        format!("`{key}` names an argument of this endpoint, and it has none; declare `{target}` under `arguments`")
    } else {
        format!("`{key}` names an argument of this endpoint: {}", list_owned(known))
    };
    pagination(
        span,
        path,
        format!("pagination `{key}` refers to `{target}`, which is not an argument of this endpoint"),
        help,
    )
}

/// `total_header` or `link_header` names no response header.
pub fn pagination_unknown_header(span: Span, path: &str, key: &str, target: &str, known: &[String]) -> Diagnostic {
    let help = if known.is_empty() {
        format!("declare `{target}` under `response.headers`")
    } else {
        format!("`{key}` names one of the response `headers`: {}", list_owned(known))
    };
    pagination(
        span,
        path,
        format!("pagination `{key}` refers to `{target}`, which is not a response header of this endpoint"),
        help,
    )
}

/// `kind: next_link` without `link` or `link_header`.
pub fn next_link_not_get(span: Span, path: &str, method: &str) -> Diagnostic {
    pagination(
        span,
        path,
        format!("pagination `kind: next_link` on a `{method}` endpoint"),
        "a link is followed by sending the request again, body and credentials included, to wherever the page points; \
         only a `GET` can be sent that way without acting twice: use another kind for this endpoint"
            .to_owned(),
    )
}

pub fn next_link_source_missing(span: Span, path: &str) -> Diagnostic {
    pagination(
        span,
        path,
        "pagination `kind: next_link` does not say where a page gives the link to the next one".to_owned(),
        "add `link:` naming the response field that holds it, or `link_header:` naming the response header (such as \
         `Link`) that carries it"
            .to_owned(),
    )
}

/// `kind: next_link` with both `link` and `link_header`.
pub fn next_link_sources_both(span: Span, path: &str) -> Diagnostic {
    pagination(
        span,
        path,
        "pagination `kind: next_link` has both `link` and `link_header`".to_owned(),
        "a walk follows one link: keep `link` (a response field) or `link_header` (a response header), not both"
            .to_owned(),
    )
}

/// A pagination key that the chosen `kind` does not read, which would otherwise be ignored without a word.
pub fn pagination_key_unused(span: Span, path: &str, key: &str, kind: &str, used: &[&str]) -> Diagnostic {
    Diagnostic::new("pagination", span, path, format!("pagination `{key}` is not read by `kind: {kind}`"))
        .label("ignored by this kind")
        .help(format!("`{kind}` reads `items` and {}; remove `{key}`, or choose the kind that uses it", list(used)))
}

/// A pagination key that names something of a type the page walk cannot use; `why` says what it is.
pub fn pagination_unusable(span: Span, path: &str, key: &str, target: &str, why: &str, help: &str) -> Diagnostic {
    pagination(span, path, format!("pagination `{key}` refers to `{target}`, which {why}"), help.to_owned())
}

pub fn idempotency_reference(span: Span, path: &str, target: &str, why: &str) -> Diagnostic {
    Diagnostic::new("idempotency", span, path, format!("idempotency reference `{target}` {why}"))
        .label("not a usable reference")
        .help(
            "name a text or number argument outside every group, or `argument.field` for a field of an object argument",
        )
}

/// Any other problem with `idempotency:` (its `duplicate_error` or `lookup`).
pub fn idempotency(span: Span, path: &str, what: impl Into<String>, help: &str) -> Diagnostic {
    Diagnostic::new("idempotency", span, path, what).label("not usable here").help(help)
}

pub fn example_problem(span: Span, path: &str, why: &str) -> Diagnostic {
    Diagnostic::new("example", span, path, format!("example {why}"))
        .label("does not match the spec")
        .help("examples feed the docs and the round-trip tests, so they must be valid for the types they show")
}

// ---- Values outside the body: query arguments and headers. ----

/// A query argument or header whose type has no single text form (`place` is "a query argument", "a header
/// argument", "a response header" or "an error header").
pub fn location_type(span: Span, path: &str, place: &str, ty: &str) -> Diagnostic {
    let (takes, instead) = if place == "a query argument" {
        (
            "a scalar (not `json`), an enum, a named string, number or ID type, or an `array<...>` of those",
            "write it with bracketed keys (`encoding: form`, as in `created[gte]=...`), send it as a body argument \
             (`in: body`), or split it into one argument per part",
        )
    } else {
        (
            "a scalar (not `json`), an enum, or a named string, number or ID type",
            "a header is one line of text: declare one header per value, or use a `string` and describe its syntax",
        )
    };
    Diagnostic::new("location-type", span, path, format!("{place} cannot be of type `{ty}`"))
        .label("no single text form")
        .help(format!("{place} takes {takes}; {instead}"))
}

/// A `nullable` path or header argument: `null` is a JSON value, and neither carries JSON.
pub fn location_nullable(span: Span, path: &str, place: &str) -> Diagnostic {
    Diagnostic::new("location-type", span, path, format!("{place} cannot be `nullable`"))
        .label("no `null` outside JSON")
        .help("remove `nullable: true`: an optional header argument is left out when there is no value, and a path argument always has one")
}

/// A header argument named like a header the client sets itself (compared ignoring ASCII case).
pub fn reserved_header(span: Span, path: &str, name: &str, header: &str, set_by: &str) -> Diagnostic {
    Diagnostic::new("reserved-header", span, path, format!("header argument `{name}` is `{header}`, which {set_by}"))
        .label("would be sent twice")
        .help(format!(
            "remove the argument: every request already carries `{header}` (credentials come from `Auth`, the API version from `versioning`)"
        ))
}

/// A name holding an invisible or direction-changing character; `shown` is the name with such characters spelled
/// `<U+XXXX>`, `code_point` the first one and its Unicode name.
pub fn invisible_character(span: Span, path: &str, what: &str, shown: &str, code_point: &str) -> Diagnostic {
    let message = format!("the {what} name `{shown}` holds the invisible character {code_point}");
    Diagnostic::new("invisible-character", span, path, message)
    .label(format!("{} here", code_point.split(' ').next().unwrap_or(code_point)))
    .help("remove it (retype the name if it was pasted): invisible and direction-changing characters make a name look like another one, in the spec and in the generated code")
}

// ---- Names the generator makes itself. ----

/// A spec name that becomes a Rust name the generator already uses. `what` is the kind of name ("type", "server"),
/// `collides_with` says which generated item, and `help` how to give the spec name another Rust name.
pub fn reserved_name(span: Span, path: &str, what: &str, name: &str, collides_with: &str, help: &str) -> Diagnostic {
    Diagnostic::new("reserved-name", span, path, format!("the {what} name `{name}` collides with {collides_with}"))
        .label("a name the generated code already uses")
        .help(help.to_owned())
}

/// Two generated items that would get the same name, such as the request struct of endpoint `get_payout` and the
/// enum of group `payout_request` of endpoint `get`. `what` is the second, `first` the first.
pub fn generated_name_twice(span: Span, path: &str, rust: &str, what: &str, first: &str) -> Diagnostic {
    Diagnostic::new(
        "reserved-name",
        span,
        path,
        format!("`{rust}` would be generated twice: as {first}, and as {what}"),
    )
    .label(format!("makes `{rust}`"))
    .help("rename one of the spec names the two are made from (generated names follow from them)")
}

// ---- Helpers. ----

/// The candidate closest to `word` when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let length = word.chars().count();
    candidates
        // At most two edits are ever suggested, and that many edits change the length by at most two: other
        // candidates are passed over unmeasured, which keeps a megabyte-long word from costing minutes.
        .filter(|c| c.chars().count().abs_diff(length) <= 2)
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()), c))
        // A difference in case only, or one edit, is always a likely typo; two edits only in longer names, where they
        // are still a small share.
        .filter(|(d, c)| *d == 0 && *c != word || *d == 1 && c.len() > 1 || *d == 2 && c.len() >= 7)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

fn list_owned(items: &[String]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}
