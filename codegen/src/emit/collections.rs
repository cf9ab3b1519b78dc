//! Newtypes for lists and maps with rules written on their field (`items: {type: array<X>, min_length: 1}`,
//! `metadata: {type: map<string>, max_length: 50, key_max_length: 40}`): the constructor checks the number of items
//! or entries (and a map's keys), and so does decoding, so a value of the type always has a shape the spec allows and
//! a request can never carry `"items": []` where at least one item is required.

use super::{docs, rust_type};
use crate::ir::{Constraints, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A newtype named `name` over `Vec<item>`, with rustdoc `doc`.
pub fn list(name: &str, doc: &str, item: &TypeExpr, constraints: &Constraints) -> TokenStream {
    let ident = format_ident!("{}", name);
    let item = rust_type::of(item);
    let doc = collection_doc(name, doc, constraints, "items", "the number of items");
    let rules = count_rules(constraints);
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident(Vec<#item>);
        rt::list_newtype!(#ident(#item) { #(#rules),* });
    }
}

/// A newtype named `name` over `BTreeMap<String, item>`, with rustdoc `doc`.
pub fn map(name: &str, doc: &str, item: &TypeExpr, constraints: &Constraints) -> TokenStream {
    let ident = format_ident!("{}", name);
    let item = rust_type::of(item);
    let doc = collection_doc(name, doc, constraints, "entries", "the entries and keys");
    let bound = |name: &str, value: Option<u64>| super::scalars::rule(name, value.map(super::lit));
    let key_rules = [
        bound("key_min_length", constraints.key_min_length),
        bound("key_max_length", constraints.key_max_length),
        super::scalars::rule("key_pattern", constraints.key_pattern.as_ref().map(|p| quote!(#p))),
    ];
    let rules = count_rules(constraints).chain(key_rules.into_iter().flatten());
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident(::std::collections::BTreeMap<String, #item>);
        rt::map_newtype!(#ident(#item) { #(#rules),* });
    }
}

/// The newtype's rustdoc: the field's words, its rules (lengths counting `unit`), and how to build one.
fn collection_doc(name: &str, doc: &str, constraints: &Constraints, unit: &str, checks: &str) -> TokenStream {
    let mut text = doc.to_owned();
    let lines = docs::constraint_lines_counting(constraints, None, unit);
    if !lines.is_empty() {
        text.push_str("\n\n");
        text.push_str(&lines.join(" "));
    }
    text.push_str(&format!("\n\nBuild one with [`{name}::new`], which checks {checks}."));
    docs::attrs(&text)
}

/// The bounds on the number of items or entries, as the runtime macros take them.
fn count_rules(constraints: &Constraints) -> impl Iterator<Item = TokenStream> {
    let bound = |name: &str, value: Option<u64>| super::scalars::rule(name, value.map(super::lit));
    [
        bound("min_length", constraints.min_length),
        bound("max_length", constraints.max_length),
        bound("length", constraints.length),
    ]
    .into_iter()
    .flatten()
}
