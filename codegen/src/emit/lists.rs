//! Newtypes for lists with length bounds written on their field (`items: {type: array<X>, min_length: 1}`): the
//! constructor checks the number of items, and so does decoding, so a list of the type always has a length the spec
//! allows and a request can never carry `"items": []` where at least one item is required.

use super::{docs, rust_type};
use crate::ir::{Constraints, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

fn bound(value: Option<u64>) -> TokenStream {
    match value {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
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
        pub struct #ident(::std::vec::Vec<#item>);

        impl #ident {
            /// Checks the number of `items` against the rules above.
            pub fn new(items: ::std::vec::Vec<#item>) -> ::std::result::Result<Self, ::payout_runtime::ValidationError> {
                ::payout_runtime::lists::check_count(#name, items.len(), #min, #max, #exact)?;
                ::std::result::Result::Ok(Self(items))
            }

            /// The items.
            pub fn as_slice(&self) -> &[#item] {
                &self.0
            }

            /// The items, as an owned list.
            pub fn into_inner(self) -> ::std::vec::Vec<#item> {
                self.0
            }
        }

        impl ::std::ops::Deref for #ident {
            type Target = [#item];
            fn deref(&self) -> &[#item] {
                &self.0
            }
        }

        impl ::std::convert::TryFrom<::std::vec::Vec<#item>> for #ident {
            type Error = ::payout_runtime::ValidationError;
            fn try_from(items: ::std::vec::Vec<#item>) -> ::std::result::Result<Self, Self::Error> {
                Self::new(items)
            }
        }

        impl ::payout_runtime::serde::Serialize for #ident {
            fn serialize<S: ::payout_runtime::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                ::payout_runtime::serde::Serialize::serialize(&self.0, serializer)
            }
        }

        impl<'de> ::payout_runtime::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::payout_runtime::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                // The item type is left to inference: named here, a spec type called `D` would mean the parameter.
                let items = ::payout_runtime::serde::Deserialize::deserialize(deserializer)?;
                Self::new(items).map_err(<D::Error as ::payout_runtime::serde::de::Error>::custom)
            }
        }
    }
}
