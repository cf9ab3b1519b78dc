//! Enums of documented string values, each with a doc, plus `Unknown(String)` so a value the server adds later still
//! decodes and re-encodes unchanged; and ID types. The runtime's `string_enum!`, `id_newtype!` and `external_id!`
//! write their accessors and trait impls from the table given here.

use super::docs;
use crate::ir::EnumValue;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn string_enum(name: &str, doc: &str, values: &[EnumValue], default: Option<&str>) -> TokenStream {
    let ident = format_ident!("{}", name);
    let mut doc = doc.to_owned();
    if let Some(default) = default {
        doc.push_str(&format!("\n\nThe server assumes `{default}` when the value is absent."));
    }
    let doc = docs::attrs(&doc);
    let variants: Vec<_> = values.iter().map(|v| format_ident!("{}", v.variant)).collect();
    let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs =
        values.iter().map(|v| docs::attrs(&format!("{}\n\nWire value: `{}`.", docs::of(&v.doc), v.wire)));
    let default_variant = default.and_then(|d| values.iter().find(|v| v.wire == d)).map(|v| v.variant.as_str());
    let derive_default = default_variant.map(|_| quote!(Default,));
    let variant_defaults =
        values.iter().map(|v| if Some(v.variant.as_str()) == default_variant { quote!(#[default]) } else { quote!() });
    quote! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash)]
        pub enum #ident {
            #( #variant_docs #variant_defaults #variants, )*
            /// A value this client does not know yet, kept exactly as the server sent it.
            Unknown(String),
        }
        rt::string_enum!(#ident { #( #variants = #wires ),* });
    }
}

/// An identifier that is either the API's own ID (recognised by its prefix) or, when allowed, one the caller chose.
pub fn id_type(name: &str, doc: &str, prefix: &str, external: bool, max_length: Option<u64>) -> TokenStream {
    let ident = format_ident!("{}", name);
    let max_length = super::scalars::rule("max_length", max_length.map(super::lit)).map(|rule| quote!(, #rule));
    if !external {
        let doc = docs::attrs(&format!(
            "{doc}\n\nAlways starts with `{prefix}`. Build one with [`{name}::new`], which checks this."
        ));
        return quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct #ident(String);
            rt::id_newtype!(#ident { prefix = #prefix #max_length });
        };
    }
    let doc = docs::attrs(&format!(
        "{doc}\n\nEither the API's own ID (it starts with `{prefix}`) or an external ID you chose. The wire carries \
         both as the same string; which one you mean is fixed when you build the value with [`{name}::uid`] or \
         [`{name}::external`], which check it."
    ));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct #ident {
            value: String,
            external: bool,
        }
        rt::external_id!(#ident { prefix = #prefix #max_length });
    }
}
