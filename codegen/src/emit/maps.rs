//! Newtypes for maps with rules written on their field (`metadata: {type: map<string>, max_length: 50,
//! key_max_length: 40}`, Stripe's metadata): the constructor checks the number of entries and every key, and so
//! does decoding, so a map of the type always has a shape the spec allows.

use super::{docs, rust_type};
use crate::ir::{Constraints, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// A newtype named `name` over `BTreeMap<String, item>`, with rustdoc `doc`.
pub fn newtype(name: &str, doc: &str, item: &TypeExpr, constraints: &Constraints) -> TokenStream {
    let ident = format_ident!("{}", name);
    let item = rust_type::of(item);
    let mut doc_text = doc.to_owned();
    let lines = docs::constraint_lines_counting(constraints, None, "entries");
    if !lines.is_empty() {
        doc_text.push_str("\n\n");
        doc_text.push_str(&lines.join(" "));
    }
    doc_text.push_str(&format!("\n\nBuild one with [`{name}::new`], which checks the entries and keys."));
    let doc = docs::attrs(&doc_text);
    let bound = |name: &str, value: Option<u64>| super::scalars::rule(name, value.map(super::lit));
    let rules = [
        bound("min_length", constraints.min_length),
        bound("max_length", constraints.max_length),
        bound("length", constraints.length),
        bound("key_min_length", constraints.key_min_length),
        bound("key_max_length", constraints.key_max_length),
        super::scalars::rule("key_pattern", constraints.key_pattern.as_ref().map(|p| quote!(#p))),
    ]
    .into_iter()
    .flatten();
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident(::std::collections::BTreeMap<String, #item>);
        rt::map_newtype!(#ident(#item) { #(#rules),* });
    }
}
