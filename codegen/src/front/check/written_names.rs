//! Every name a spec writes (a key it chooses, or a `rust_name`), with where it is and what it names. Rules about
//! how a name is written, whatever it names, walk this list.

use crate::front::ast::{Field, Spec, Text};

pub(super) struct WrittenName<'s> {
    pub text: &'s Text,
    /// The spec path of what the name names.
    pub path: String,
    /// What the name names, for messages that say "the {what} name" ("type", "field", "Rust" for a `rust_name`).
    pub what: &'static str,
}

pub(super) fn written_names(spec: &Spec) -> Vec<WrittenName<'_>> {
    let mut out: Vec<WrittenName<'_>> = Vec::new();
    let mut push = |text, path: String, what| out.push(WrittenName { text, path, what });
    if let Some(name) = &spec.api.name {
        push(name, "api.name".to_owned(), "API");
    }
    for server in &spec.servers {
        let path = format!("servers.{}", server.name.value);
        for variable in &server.variables {
            push(&variable.name, format!("{path}.variables.{}", variable.name.value), "server variable");
        }
        push(&server.name, path, "server");
    }
    if let Some(header) = spec.versioning.as_ref().and_then(|v| v.header.as_ref()) {
        push(header, "versioning.header".to_owned(), "header");
    }
    for scheme in &spec.auth {
        let path = format!("auth.schemes.{}", scheme.name.value);
        if let Some(header) = &scheme.header {
            push(header, format!("{path}.header"), "header");
        }
        push(&scheme.name, path, "auth scheme");
    }
    for code in spec.errors.iter().flat_map(|e| &e.codes) {
        push(&code.name, code.path.clone(), "error");
        fields(&mut push, &code.headers, "header");
    }
    for ty in &spec.types {
        push(&ty.name, ty.path.clone(), "type");
        fields(&mut push, &ty.fields, "field");
        for value in &ty.values {
            let path = format!("{}.values.{}", ty.path, value.value.value);
            if let Some(rust_name) = &value.rust_name {
                push(rust_name, format!("{path}.rust_name"), "Rust");
            }
            push(&value.value, path, "enum value");
        }
    }
    for endpoint in &spec.endpoints {
        push(&endpoint.name, endpoint.path_in_spec.clone(), "endpoint");
        fields(&mut push, &endpoint.arguments, "argument");
        for group in &endpoint.groups {
            push(&group.name, group.path.clone(), "group");
            for alternative in &group.alternatives {
                push(&alternative.name, alternative.path.clone(), "alternative");
            }
        }
        fields(&mut push, endpoint.response.iter().flat_map(|r| &r.headers), "header");
        for example in &endpoint.examples {
            if let Some(name) = &example.name {
                push(name, format!("{}.name", example.path), "example");
            }
        }
    }
    out
}

/// The names of fields, arguments or headers, and their `rust_name`s.
fn fields<'s>(
    push: &mut impl FnMut(&'s Text, String, &'static str),
    fields: impl IntoIterator<Item = &'s Field>,
    what: &'static str,
) {
    for field in fields {
        if let Some(rust_name) = &field.rust_name {
            push(rust_name, format!("{}.rust_name", field.path), "Rust");
        }
        push(&field.name, field.path.clone(), what);
    }
}
