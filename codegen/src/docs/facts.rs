//! What the reference says about each value, derived once from the IR and rendered by both the HTML and the Markdown
//! pages: table rows for arguments, response attributes and fields, constraints, allowed values, error statuses.
//!
//! Response attributes follow one rule: the fields of the response's object type (for an array or map body, of its
//! items), and for each field whose type is itself a named object (or an array or map of one), that object's fields
//! one level down, as `field.sub`, `field[].sub` or `field{}.sub`. Deeper objects are described in the Types section,
//! which every type name links to.

use crate::ir::{Api, Constraints, Doc, Endpoint, Field, Location, Primitive, StringFormat, TypeDefKind, TypeExpr};

/// Whether a value must be given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirement {
    Required,
    Optional,
    /// Part of an argument group: required by the alternatives listed, allowed by no other.
    InGroup {
        group: String,
        required_by: Vec<String>,
        optional_in: Vec<String>,
    },
    /// Written by the group's alternatives (`sets`), never given directly.
    SetByGroup {
        group: String,
    },
}

/// One row of an arguments, attributes or fields table.
#[derive(Clone, Debug)]
pub struct Row {
    /// Wire name, or a dotted path for a nested response attribute.
    pub name: String,
    /// Where an argument travels (REST APIs only; RPC arguments are all body fields).
    pub location: Option<Location>,
    pub ty: TypeExpr,
    pub requirement: Requirement,
    pub nullable: bool,
    pub read_only: bool,
    pub constraints: Vec<String>,
    pub allowed: Vec<AllowedValue>,
    pub default: Option<String>,
    pub example: Option<String>,
    pub aliases: Vec<String>,
    pub doc: Doc,
    /// 0 for a top-level value, 1 for an attribute of a nested object.
    pub depth: usize,
}

#[derive(Clone, Debug)]
pub struct AllowedValue {
    pub wire: String,
    pub description: String,
}

fn row(api: &Api, field: &Field, name: String, requirement: Requirement, depth: usize) -> Row {
    Row {
        name,
        location: None,
        ty: field.ty.clone(),
        requirement,
        nullable: field.nullable,
        read_only: field.read_only,
        constraints: constraints(api, &field.ty, &field.constraints),
        allowed: allowed_values(api, &field.ty),
        default: field.default.as_ref().map(ToString::to_string),
        example: field.example.as_ref().map(ToString::to_string),
        aliases: field.aliases.clone(),
        doc: field.doc.clone(),
        depth,
    }
}

fn requirement(field: &Field) -> Requirement {
    if field.required {
        Requirement::Required
    } else {
        Requirement::Optional
    }
}

/// One row per argument, in spec order.
pub fn argument_rows(api: &Api, endpoint: &Endpoint) -> Vec<Row> {
    endpoint
        .arguments
        .iter()
        .map(|field| {
            let mut requirement = requirement(field);
            for group in &endpoint.groups {
                let required_by: Vec<String> = group
                    .alternatives
                    .iter()
                    .filter(|a| a.arguments.contains(&field.wire_name))
                    .map(|a| a.name.clone())
                    .collect();
                let optional_in: Vec<String> = group
                    .alternatives
                    .iter()
                    .filter(|a| a.optional.contains(&field.wire_name))
                    .map(|a| a.name.clone())
                    .collect();
                if !required_by.is_empty() || !optional_in.is_empty() {
                    requirement = Requirement::InGroup { group: group.name.clone(), required_by, optional_in };
                } else if group.alternatives.iter().any(|a| a.sets.iter().any(|(k, _)| *k == field.wire_name)) {
                    requirement = Requirement::SetByGroup { group: group.name.clone() };
                }
            }
            let mut row = row(api, field, field.wire_name.clone(), requirement, 0);
            if !api.style.all_in_body() {
                row.location = Some(field.location);
            }
            row
        })
        .collect()
}

/// One row per field of an object type, in spec order.
pub fn field_rows(api: &Api, fields: &[Field]) -> Vec<Row> {
    fields.iter().map(|f| row(api, f, f.wire_name.clone(), requirement(f), 0)).collect()
}

/// A type with its array and map wrappers removed, and the suffix that says how it was wrapped (`[]`, `{}`).
fn unwrap(ty: &TypeExpr) -> (&TypeExpr, String) {
    let mut ty = ty;
    let mut suffix = String::new();
    loop {
        match ty {
            TypeExpr::Array(inner) => {
                suffix.push_str("[]");
                ty = inner;
            }
            TypeExpr::Map(inner) => {
                suffix.push_str("{}");
                ty = inner;
            }
            _ => return (ty, suffix),
        }
    }
}

/// The fields of a named object type.
pub fn object_fields<'a>(api: &'a Api, ty: &TypeExpr) -> Option<&'a [Field]> {
    let TypeExpr::Named(name) = ty else { return None };
    match &api.type_def(name)?.kind {
        TypeDefKind::Object { fields, .. } => Some(fields),
        _ => None,
    }
}

/// The attributes of a response body (see the module docs for the rule), and a note on how the body wraps them.
pub fn attribute_rows(api: &Api, body: &TypeExpr) -> (Option<String>, Vec<Row>) {
    let (root, wrapping) = unwrap(body);
    let Some(fields) = object_fields(api, root) else { return (None, Vec::new()) };
    let note = match wrapping.as_str() {
        "" => None,
        "[]" => Some(format!("The body is an array; each item is a `{root}` with these attributes.")),
        _ => Some(format!("The body is `{body}`; each `{root}` in it has these attributes.")),
    };
    let mut rows = Vec::new();
    for field in fields {
        rows.push(row(api, field, field.wire_name.clone(), requirement(field), 0));
        let (inner, suffix) = unwrap(&field.ty);
        if let Some(nested) = object_fields(api, inner) {
            for sub in nested {
                let name = format!("{}{suffix}.{}", field.wire_name, sub.wire_name);
                rows.push(row(api, sub, name, requirement(sub), 1));
            }
        }
    }
    (note, rows)
}

/// Short constraint phrases for a value: those written on the field, then those of its named type (for an array,
/// those of its items).
pub fn constraints(api: &Api, ty: &TypeExpr, own: &Constraints) -> Vec<String> {
    let unit = match ty {
        TypeExpr::Array(_) => "items",
        TypeExpr::Map(_) => "entries",
        _ => "characters",
    };
    let mut out = constraint_phrases(own, None, unit);
    let (inner, suffix) = unwrap(ty);
    let prefix = if suffix.is_empty() { "" } else { "each item: " };
    let mut typed = Vec::new();
    if let TypeExpr::Named(name) = inner {
        match api.type_def(name).map(|t| &t.kind) {
            Some(TypeDefKind::String { constraints, format }) => {
                typed = constraint_phrases(constraints, *format, "characters");
            }
            Some(TypeDefKind::Integer { constraints, width }) => {
                typed = constraint_phrases(constraints, None, "characters");
                if *width == 32 {
                    typed.insert(0, "32-bit".to_owned());
                }
            }
            Some(TypeDefKind::Decimal { constraints }) => typed = constraint_phrases(constraints, None, "characters"),
            Some(TypeDefKind::Id { uid_prefix, external, max_length }) => {
                typed.push(format!("internal IDs start with `{uid_prefix}`"));
                if *external {
                    typed.push("your own external ID also accepted".to_owned());
                }
                if let Some(max) = max_length {
                    typed.push(format!("at most {max} characters"));
                }
            }
            _ => {}
        }
    } else if let TypeExpr::Primitive(p) = inner {
        let phrase = match p {
            Primitive::Date => Some("`YYYY-MM-DD`"),
            Primitive::DateTime => Some("RFC 3339 date and time"),
            Primitive::UnixTime => Some("seconds since the Unix epoch"),
            Primitive::Int32 => Some("32-bit"),
            Primitive::Decimal => Some("exact decimal (a JSON number)"),
            _ => None,
        };
        typed.extend(phrase.map(str::to_owned));
    }
    out.extend(typed.into_iter().map(|t| format!("{prefix}{t}")));
    out
}

/// `unit` is what lengths count: `characters`, or the `items` of a list or `entries` of a map.
fn constraint_phrases(c: &Constraints, format: Option<StringFormat>, unit: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(format) = format {
        out.push(
            match format {
                StringFormat::Date => "format: date (`YYYY-MM-DD`)",
                StringFormat::DateTime => "format: RFC 3339 date and time",
                StringFormat::LocalDateTime => "format: date and time without an offset (`2018-08-28 07:43:55`)",
                StringFormat::Uri => "format: absolute URI",
                StringFormat::Email => "format: e-mail address",
                StringFormat::Digits => "format: ASCII digits only",
                StringFormat::PositiveInteger => "format: positive whole number as a string, no leading zero",
                StringFormat::Decimal => "format: decimal number as a string",
            }
            .to_owned(),
        );
    }
    if let Some(n) = c.length {
        out.push(format!("exactly {n} {unit}"));
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => out.push(format!("{min} to {max} {unit}")),
        (Some(min), None) => out.push(format!("at least {min} {unit}")),
        (None, Some(max)) => out.push(format!("at most {max} {unit}")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.pattern {
        out.push(format!("matches `{pattern}`"));
    }
    match (c.min, c.max) {
        (Some(min), Some(max)) => out.push(format!("from {min} to {max}")),
        (Some(min), None) => out.push(format!("at least {min}")),
        (None, Some(max)) => out.push(format!("at most {max}")),
        (None, None) => {}
    }
    if let Some(places) = c.max_decimals {
        out.push(format!("at most {places} decimal places"));
    }
    match (c.key_min_length, c.key_max_length) {
        (Some(min), Some(max)) => out.push(format!("keys of {min} to {max} characters")),
        (Some(min), None) => out.push(format!("keys of at least {min} characters")),
        (None, Some(max)) => out.push(format!("keys of at most {max} characters")),
        (None, None) => {}
    }
    if let Some(pattern) = &c.key_pattern {
        out.push(format!("keys match `{pattern}`"));
    }
    out
}

/// The documented values of an enum type (or of the items of an array of one).
pub fn allowed_values(api: &Api, ty: &TypeExpr) -> Vec<AllowedValue> {
    let (inner, _) = unwrap(ty);
    let TypeExpr::Named(name) = inner else { return Vec::new() };
    match api.type_def(name).map(|t| &t.kind) {
        Some(TypeDefKind::Enum { values, .. }) => values
            .iter()
            .map(|v| AllowedValue { wire: v.wire.clone(), description: v.doc.description.clone() })
            .collect(),
        _ => Vec::new(),
    }
}

/// The endpoint's full URL on the default server, with `{placeholders}` for path arguments.
pub fn endpoint_url(api: &Api, endpoint: &Endpoint) -> String {
    format!("{}{}", crate::samples::base_url(api), endpoint.path)
}

/// The first line of a description, for summaries.
pub fn first_paragraph(text: &str) -> String {
    text.trim().split("\n\n").next().unwrap_or("").trim().to_owned()
}
