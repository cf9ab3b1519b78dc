//! Newtypes for lists with length bounds written on their field (`items: {type: array<X>, min_length: 1}`): the
//! constructor checks the number of items, and so does decoding, so a list of the type always has a length the spec
//! allows and a request can never carry `"items": []` where at least one item is required.

use super::{docs, rust_type};
use crate::ir::{Constraints, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn bound(value: Option<u64>) -> TokenStream {
    match value {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

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
    let (min, max, exact) = (bound(constraints.min_length), bound(constraints.max_length), bound(constraints.length));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident(Vec<#item>);

        impl #ident {
            /// Checks the number of `items` against the rules above.
            pub fn new(items: Vec<#item>) -> Result<Self, rt::ValidationError> {
                rt::lists::check_count(#name, items.len(), #min, #max, #exact)?;
                Ok(Self(items))
            }

            /// The items.
            pub fn as_slice(&self) -> &[#item] {
                &self.0
            }

            /// The items, as an owned list.
            pub fn into_inner(self) -> Vec<#item> {
                self.0
            }
        }

        impl ::std::ops::Deref for #ident {
            type Target = [#item];
            fn deref(&self) -> &[#item] {
                &self.0
            }
        }

        impl ::std::convert::TryFrom<Vec<#item>> for #ident {
            type Error = rt::ValidationError;
            fn try_from(items: Vec<#item>) -> Result<Self, Self::Error> {
                Self::new(items)
            }
        }

        impl rt::serde::Serialize for #ident {
            fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                rt::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> rt::serde::Deserialize<'de> for #ident {
            fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                // The item type is left to inference: named here, a spec type called `D` would mean the parameter.
                let items = rt::serde::Deserialize::deserialize(deserializer)?;
                Self::new(items).map_err(<D::Error as rt::serde::de::Error>::custom)
            }
        }
    }
}
