//! Tagged unions: an enum with one boxed variant per tag value (boxed so that the enum stays as small as a pointer
//! whatever its objects hold, and so that no cycle of types runs through it), plus `Unknown` for a tag the spec does
//! not list. The runtime's `tagged_union!` writes the tag-first encoding, the decoding by tag and the `From` impls.

use super::docs;
use crate::ir::UnionVariant;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn union(name: &str, doc: &str, tag: &str, variants: &[UnionVariant]) -> TokenStream {
    let ident = format_ident!("{}", name);
    let tags: Vec<String> = variants.iter().map(|v| format!("`{}`", v.wire)).collect();
    let doc = docs::attrs(&format!(
        "{doc}\n\nA JSON object whose `{tag}` field ({}) says which type the rest of its fields belong to; build one from \
         that type with `From`.",
        tags.join(", ")
    ));
    let entries = variants.iter().map(|v| {
        let variant = format_ident!("{}", v.variant);
        let object = format_ident!("{}", v.object);
        let wire = &v.wire;
        quote!(#variant(#object) = #wire,)
    });
    let members = variants.iter().map(|v| {
        let variant = format_ident!("{}", v.variant);
        let object = format_ident!("{}", v.object);
        let doc = docs::attrs(&format!("`{tag}` is `{}`: a [`{}`].", v.wire, v.object));
        quote!(#doc #variant(Box<#object>),)
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #(#members)*
            /// A tag this client does not know yet: the object is kept exactly as the server sent it.
            Unknown(rt::union::OtherVariant),
        }
        rt::tagged_union!(#ident #tag { #(#entries)* });
    }
}
