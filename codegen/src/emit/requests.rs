//! One request type per endpoint. Required arguments are constructor parameters, so leaving one out does not
//! compile; optional ones have setters; argument groups are enums, so alternatives cannot be mixed.

use super::model::Model;
use super::{docs, rust_type};
use crate::ir::{Endpoint, Field, Group, Location};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn request_name(endpoint: &Endpoint) -> String {
    endpoint.names.request.clone()
}

/// Arguments that a group decides: those inside its alternatives and those its alternatives `set`.
fn grouped(endpoint: &Endpoint) -> Vec<&str> {
    let mut names = Vec::new();
    for group in &endpoint.groups {
        for alternative in &group.alternatives {
            names.extend(alternative.arguments.iter().chain(&alternative.optional).map(String::as_str));
            names.extend(alternative.sets.iter().map(|(k, _)| k.as_str()));
        }
    }
    names
}

/// The arguments the request type holds directly, in spec order.
pub fn direct_arguments(endpoint: &Endpoint) -> Vec<&Field> {
    let grouped = grouped(endpoint);
    endpoint.arguments.iter().filter(|a| !grouped.contains(&a.wire_name.as_str())).collect()
}

/// Whether the group has an alternative that takes no arguments, which then is the default choice.
pub(super) fn empty_alternative(group: &Group) -> Option<&crate::ir::Alternative> {
    group.alternatives.iter().find(|a| a.arguments.is_empty() && a.optional.is_empty())
}

pub fn request(model: &Model<'_>, endpoint: &Endpoint) -> TokenStream {
    let name = request_name(endpoint);
    let ident = format_ident!("{}", name);
    let owner = Model::arguments_of(&endpoint.name);
    let direct = direct_arguments(endpoint);
    let members = direct.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let ty = rust_type::field_type(f, &model.value_type(&owner, f));
        let serde = if f.location == Location::Body { rust_type::serde_attrs(f) } else { quote!(#[serde(skip)]) };
        quote!(#serde #field_ident: #ty,)
    });
    let group_members = endpoint.groups.iter().map(|g| {
        let field_ident = format_ident!("{}", g.rust_name);
        let ty = format_ident!("{}", g.rust_type.clone());
        quote!(#[serde(flatten)] #field_ident: #ty,)
    });
    // What the request sends beyond its arguments: its extra body fields are written with the body.
    let extras = format_ident!("{}", naming::REQUEST_EXTRAS);
    let extras_serde = if endpoint.body.is_some() { quote!(#[serde(flatten)]) } else { quote!(#[serde(skip)]) };
    let extras_member = quote!(#extras_serde #extras: rt::RequestExtras,);
    let extras_methods = extras_methods(endpoint, &ident);
    let required: Vec<&&Field> = direct.iter().filter(|f| f.required).collect();
    let required_groups: Vec<&Group> = endpoint.groups.iter().filter(|g| empty_alternative(g).is_none()).collect();
    let params = required
        .iter()
        .map(|f| {
            let field_ident = format_ident!("{}", f.rust_name);
            let ty = rust_type::field_type(f, &model.value_type(&owner, f));
            quote!(#field_ident: impl Into<#ty>)
        })
        .chain(required_groups.iter().map(|g| {
            let field_ident = format_ident!("{}", g.rust_name);
            let ty = format_ident!("{}", g.rust_type.clone());
            quote!(#field_ident: impl Into<#ty>)
        }));
    let inits = direct
        .iter()
        .map(|f| {
            let field_ident = format_ident!("{}", f.rust_name);
            if f.required {
                quote!(#field_ident: #field_ident.into(),)
            } else {
                quote!(#field_ident: None,)
            }
        })
        .chain(endpoint.groups.iter().map(|g| {
            let field_ident = format_ident!("{}", g.rust_name);
            if empty_alternative(g).is_some() {
                quote!(#field_ident: ::std::default::Default::default(),)
            } else {
                quote!(#field_ident: #field_ident.into(),)
            }
        }))
        .chain(std::iter::once(quote!(#extras: rt::RequestExtras::new(),)));
    let setters = direct.iter().filter(|f| !f.required).map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let setter = format_ident!("{}", f.setter());
        let base = model.value_type(&owner, f);
        let param = if f.nullable { quote!(Option<#base>) } else { base };
        let doc = docs::attrs(&docs::field(f));
        quote! {
            #doc
            pub fn #setter(mut self, value: impl Into<#param>) -> Self {
                self.#field_ident = Some(value.into());
                self
            }
        }
    });
    let group_setters = endpoint.groups.iter().filter(|g| empty_alternative(g).is_some()).map(|g| {
        let field_ident = format_ident!("{}", g.rust_name);
        let setter = format_ident!("{}", g.setter());
        let ty = format_ident!("{}", g.rust_type.clone());
        let doc = docs::attrs(&format!(
            "Chooses `{}` (default: [`{}::{}`]).",
            g.name,
            g.rust_type.clone(),
            empty_alternative(g).map_or(String::new(), |a| a.variant.clone())
        ));
        quote! {
            #doc
            pub fn #setter(mut self, value: impl Into<#ty>) -> Self {
                self.#field_ident = value.into();
                self
            }
        }
    });
    let required_docs: Vec<String> = required
        .iter()
        .map(|f| format!("- `{}`: {}", f.rust_name, first_sentence(&f.doc.description)))
        .chain(required_groups.iter().map(|g| format!("- `{}`: {}", g.rust_name, first_sentence(&g.doc.description))))
        .collect();
    let new_doc = if required_docs.is_empty() {
        "Builds the request; every argument is optional and starts empty.".to_owned()
    } else {
        format!("Builds the request from its required arguments:\n\n{}", required_docs.join("\n"))
    };
    let new_doc = docs::attrs(&new_doc);
    let doc = docs::attrs(&format!(
        "Arguments of `{}` ({}).\n\n{}",
        endpoint.name,
        endpoint.summary,
        "Build it with `new`, which takes every required argument, then set optional ones with their `with_` methods."
    ));
    let groups = endpoint.groups.iter().map(|g| super::groups::group_enum(model, endpoint, g));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, rt::serde::Serialize)]
        #[serde(crate = "rt::serde")]
        pub struct #ident {
            #(#members)*
            #(#group_members)*
            #extras_member
        }

        impl #ident {
            #new_doc
            #[inline]
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* }
            }

            #(#setters)*
            #(#group_setters)*
        }

        #extras_methods

        #(#groups)*
    }
}

/// `add_field` (with a body), `add_query` and `add_header`, through the runtime's `request_extras!`, which refuses
/// every wire name the spec gives an argument of that kind.
fn extras_methods(endpoint: &Endpoint, ident: &proc_macro2::Ident) -> TokenStream {
    let names_in = |location: Location| -> Vec<&str> {
        endpoint.arguments.iter().filter(|a| a.location == location).map(|a| a.wire_name.as_str()).collect()
    };
    let (query, headers) = (names_in(Location::Query), names_in(Location::Header));
    let body = endpoint.body.map(|_| {
        let body = names_in(Location::Body);
        quote!(body: [#(#body),*],)
    });
    quote!(rt::request_extras!(#ident { #body query: [#(#query),*], headers: [#(#headers),*] });)
}

fn first_sentence(text: &str) -> String {
    let text = text.trim().lines().next().unwrap_or("").trim();
    match text.find(". ") {
        Some(end) => text[..=end].to_owned(),
        None => text.to_owned(),
    }
}
