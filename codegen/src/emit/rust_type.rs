//! Spec types to Rust types, and the serde attributes that keep absent, `null` and present apart.

use crate::ir::{Field, Primitive, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The Rust type of a type expression. Named types are referred to by name within the API's module.
pub fn of(expr: &TypeExpr) -> TokenStream {
    match expr {
        TypeExpr::Primitive(p) => primitive(*p),
        TypeExpr::Named(name) => {
            let ident = format_ident!("{}", name);
            quote!(#ident)
        }
        TypeExpr::Array(inner) => {
            let inner = of(inner);
            quote!(Vec<#inner>)
        }
        TypeExpr::Map(inner) => {
            let inner = of(inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        TypeExpr::Expandable(name) => {
            let ident = format_ident!("{}", name);
            quote!(rt::Expandable<#ident>)
        }
    }
}

fn primitive(p: Primitive) -> TokenStream {
    match p {
        Primitive::String => quote!(String),
        Primitive::Uri => quote!(rt::Uri),
        Primitive::Email => quote!(rt::Email),
        Primitive::Boolean => quote!(bool),
        Primitive::Integer => quote!(i64),
        Primitive::Int32 => quote!(i32),
        // A decimal with no rules of its own: written with its exact digits by the runtime, not by rust_decimal's serde
        // (whose form depends on features an application may set).
        Primitive::Decimal => quote!(rt::ExactDecimal),
        Primitive::Date => quote!(rt::Date),
        Primitive::DateTime => quote!(rt::DateTime),
        Primitive::UnixTime => quote!(rt::UnixTime),
        // Kept as its exact text: a `serde_json::Value` would round numbers unless every application turned on
        // `arbitrary_precision`.
        Primitive::Json => quote!(rt::Json),
    }
}

/// The type a field holds in Rust: `T`, `Option<T>` (optional, or required but nullable) or `Option<Option<T>>`
/// (optional and nullable, so absent and `null` stay apart). `base` is the field's value type.
pub fn field_type(field: &Field, base: &TokenStream) -> TokenStream {
    match (field.required, field.nullable) {
        (true, false) => base.clone(),
        (true, true) | (false, false) => quote!(Option<#base>),
        (false, true) => quote!(Option<Option<#base>>),
    }
}

/// Serde attributes for a field: wire name, aliases, and how absence and `null` are written.
pub fn serde_attrs(field: &Field) -> TokenStream {
    field_attrs(field, true)
}

/// [`serde_attrs`] for a type that only encodes: without aliases and defaults, which only reading uses.
pub fn serialize_attrs(field: &Field) -> TokenStream {
    field_attrs(field, false)
}

fn field_attrs(field: &Field, reads: bool) -> TokenStream {
    let mut parts = Vec::new();
    if field.wire_name != field.rust_name {
        let wire = &field.wire_name;
        parts.push(quote!(rename = #wire));
    }
    for alias in field.aliases.iter().filter(|_| reads) {
        parts.push(quote!(alias = #alias));
    }
    if !field.required {
        if reads {
            parts.push(quote!(default));
        }
        parts.push(quote!(skip_serializing_if = "Option::is_none"));
        if field.nullable {
            parts.push(quote!(with = "rt::nullable"));
        }
    }
    if parts.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}
