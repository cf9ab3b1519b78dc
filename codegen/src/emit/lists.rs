//! Newtypes for lists with length bounds written on their field (`items: {type: array<X>, min_length: 1}`): the
//! constructor checks the number of items, and so does decoding, so a list of the type always has a length the spec
//! allows and a request can never carry `"items": []` where at least one item is required.

use super::{docs, rust_type};
use crate::ir::{Constraints, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A newtype named `name` over `Vec<item>`, with rustdoc `doc`.
pub fn newtype(name: &str, doc: &str, item: &TypeExpr, constraints: &Constraints) -> TokenStream {
    let ident = format_ident!("{}", name);
    let item = rust_type::of(item);
    let mut doc_text = doc.to_owned();
    let lines = docs::constraint_lines_counting(constraints, None, "items");
    if !lines.is_empty() {
        doc_text.push_str("\n\n");
        doc_text.push_str(&lines.join(" "));
    }
    doc_text.push_str(&format!("\n\nBuild one with [`{name}::new`], which checks the number of items."));
    let doc = docs::attrs(&doc_text);
    let bound = |name: &str, value: Option<u64>| super::scalars::rule(name, value.map(super::lit));
    let rules = [
        bound("min_length", constraints.min_length),
        bound("max_length", constraints.max_length),
        bound("length", constraints.length),
    ]
    .into_iter()
    .flatten();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident(Vec<#item>);
        rt::list_newtype!(#ident(#item) { #(#rules),* });
    }
}
