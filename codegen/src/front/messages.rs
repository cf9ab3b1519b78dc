//! Every diagnostic the front end can produce, in one table: code, message, label and help.
//!
//! Keeping the words here (and nowhere else) keeps them consistent and lets the goldens under `tests/diagnostics/`
//! cover each one.

use crate::diag::Diagnostic;
use crate::source::Span;

// ---- YAML layer: no spec path exists yet, so these carry none. ----

pub fn yaml_syntax(span: Span, info: &str) -> Diagnostic {
    Diagnostic::new("yaml-syntax", span, "", format!("the file is not valid YAML: {info}"))
        .label("the YAML parser stopped here")
        .help("check the indentation and quoting on this line and the one before it; nothing after this point was read")
}

pub fn not_utf8(span: Span) -> Diagnostic {
    Diagnostic::new("not-utf8", span, "", "the file is not UTF-8 text")
        .label("this byte is not valid UTF-8")
        .help("save the spec as UTF-8")
}

pub fn empty_spec(span: Span) -> Diagnostic {
    Diagnostic::new("yaml-empty", span, "", "the file holds no YAML document")
        .label("empty file")
        .help("start from one of the specs in `spec/` and `spec/README.md`")
}

pub fn yaml_duplicate_key(span: Span, first: Span, key: &str) -> Diagnostic {
    Diagnostic::new("duplicate-key", span, "", format!("`{key}` is given twice in the same mapping"))
        .label("second definition")
        .related(first, "first defined here")
        .help("remove or rename one of them; only the first is read")
}

pub fn yaml_anchor(span: Span) -> Diagnostic {
    Diagnostic::new("yaml-anchor", span, "", "YAML anchors are not allowed in specs")
        .label("anchor defined here")
        .help("write the value out where it is used, or declare a named type under `types` and refer to it")
}

pub fn yaml_alias(span: Span) -> Diagnostic {
    Diagnostic::new("yaml-alias", span, "", "YAML aliases are not allowed in specs")
        .label("alias used here")
        .help("write the value out where it is used, or declare a named type under `types` and refer to it")
}

pub fn yaml_tag(span: Span) -> Diagnostic {
    Diagnostic::new("yaml-tag", span, "", "YAML tags are not allowed in specs")
        .label("tag used here")
        .help("remove the `!tag`; each key's meaning comes from the spec language")
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

pub fn wrong_node(span: Span, path: &str, expected: &str, found: &str) -> Diagnostic {
    Diagnostic::new("wrong-shape", span, path, format!("expected {expected}, found {found}"))
        .label(format!("should be {expected}"))
        .help("check the indentation: a nested value must be indented under its key")
}

pub fn bad_scalar(span: Span, path: &str, text: &str, expected: &str) -> Diagnostic {
    Diagnostic::new("bad-value", span, path, format!("`{text}` is not {expected}"))
        .label(format!("expected {expected}"))
        .help(format!("write {expected} here"))
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

// ---- Names. ----

pub fn bad_name_case(span: Span, path: &str, name: &str, what: &str, case: &str, suggestion: &str) -> Diagnostic {
    Diagnostic::new("name-case", span, path, format!("{what} `{name}` must be written in {case}"))
        .label(format!("not {case}"))
        .help(format!("rename it to `{suggestion}`"))
}

pub fn name_collision(span: Span, first: Span, path: &str, name: &str, other: &str, rust: &str) -> Diagnostic {
    Diagnostic::new("name-collision", span, path, format!("`{name}` and `{other}` both become `{rust}` in Rust"))
        .label(format!("becomes `{rust}`"))
        .related(first, format!("`{other}` also becomes `{rust}`"))
        .help("rename one of them, or give one a `rust_name`")
}

pub fn rust_keyword(span: Span, path: &str, name: &str, rust: &str) -> Diagnostic {
    Diagnostic::new("rust-keyword", span, path, format!("`{name}` becomes `{rust}`, a Rust keyword"))
        .label("reserved in Rust")
        .help("add `rust_name:` with a name that says what the value is, such as `export_type` for a `type` field")
}

pub fn bad_rust_name(span: Span, path: &str, name: &str) -> Diagnostic {
    Diagnostic::new("bad-rust-name", span, path, format!("`{name}` is not a usable Rust name"))
        .label("not a Rust identifier")
        .help("use letters, digits and `_`, starting with a letter, and no keyword")
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
        .help("write a built-in type, a name under `types`, `array<T>` or `map<T>`")
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
    Diagnostic::new("constraint-type", span, path, format!("`{key}` cannot constrain a value of type `{ty}`"))
        .label("does not apply to this type")
        .help("`min`/`max`/`max_decimals` apply to numbers; `min_length`/`max_length`/`length` to strings and arrays; `pattern` to strings")
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
        .help("patterns use Rust `regex` syntax and are anchored for you (leave out `^` and `$`)")
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

pub fn style_mismatch(span: Span, path: &str, key: &str, style: &str, why: &str) -> Diagnostic {
    Diagnostic::new("style-mismatch", span, path, format!("`{key}` {why} with `{style}`"))
        .label(format!("conflicts with `{style}`"))
        .help("see the table for this key in `spec/README.md`")
}

pub fn bad_status(span: Span, path: &str, status: u64, range: &str) -> Diagnostic {
    Diagnostic::new("bad-status", span, path, format!("HTTP status {status} is not {range}"))
        .label("out of range")
        .help(format!("use a status {range}"))
}

pub fn duplicate_status(span: Span, first: Span, path: &str, status: u16) -> Diagnostic {
    Diagnostic::new("duplicate-status", span, path, format!("two errors use HTTP status {status}"))
        .label("second error with this status")
        .related(first, "first error with this status")
        .help("with `style: by_status` the status identifies the error, so each status belongs to one error")
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
        "`repeated` and `comma` are for query arrays, `sort` for a query array of strings, `filter` for a query string",
    )
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

pub fn pagination_field(span: Span, path: &str, key: &str, target: &str, why: &str) -> Diagnostic {
    Diagnostic::new("pagination", span, path, format!("pagination `{key}` refers to `{target}`, which {why}"))
        .label("cannot page with this")
        .help("pagination names must point at existing response fields, arguments or headers")
}

pub fn idempotency_reference(span: Span, path: &str, target: &str, why: &str) -> Diagnostic {
    Diagnostic::new("idempotency", span, path, format!("idempotency reference `{target}` {why}"))
        .label("not a usable reference")
        .help("name an optional or required string argument, or `argument.field` for a field of an object argument")
}

pub fn example_problem(span: Span, path: &str, why: &str) -> Diagnostic {
    Diagnostic::new("example", span, path, format!("example {why}"))
        .label("does not match the spec")
        .help("examples feed the docs and the round-trip tests, so they must be valid for the types they show")
}

// ---- Helpers. ----

/// The candidate closest to `word` when it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_ascii_lowercase()), c))
        // One edit is always a likely typo; two only in longer names, where they are still a small share.
        .filter(|(d, c)| *d == 1 && c.len() > 1 || *d == 2 && c.len() >= 7)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

fn list(items: &[&str]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}

fn list_owned(items: &[String]) -> String {
    items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
}
