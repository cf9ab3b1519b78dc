//! One error enum per endpoint: a variant per documented error (its own and the common ones) with the spec's words as
//! its doc, and `Unknown` for well-formed errors the spec does not list. Anything else the server sends becomes
//! `codegen_runtime::Error::UnexpectedResponse`, which keeps status, headers and body.

use super::{docs, lit, rust_type};
use crate::ir::{Api, CodeRules, Endpoint, ErrorDef, ErrorShape, ErrorWire, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn error_name(endpoint: &Endpoint) -> String {
    endpoint.names.error.clone()
}

/// Structs for error headers the spec describes (Token.io's `token-external-error`), shared by every endpoint.
pub fn header_structs(api: &Api) -> TokenStream {
    // Only errors some endpoint can return are read: the headers of any other would be dead code.
    let returned = |error: &&ErrorDef| api.endpoints.iter().any(|e| e.errors.iter().any(|own| own.name == error.name));
    let structs = api.errors.codes.iter().filter(returned).filter_map(|error| {
        let headers_type = match &error.wire {
            ErrorWire::Status { headers_type, .. } => headers_type.as_ref()?,
            // An error told by code is a `CodedError`: its documented headers are not read.
            ErrorWire::Code { .. } => return None,
        };
        let ident = format_ident!("{}", headers_type);
        let doc = docs::attrs(&format!("Response headers that come with `{}`.", error.name));
        let fields = error.headers.iter().map(|h| {
            let field_ident = format_ident!("{}", h.rust_name);
            let ty = rust_type::of(&h.ty);
            let doc = docs::attrs(&format!("{}\n\nHeader: `{}`.", docs::of(&h.doc), h.wire_name));
            quote!(#doc pub #field_ident: Option<#ty>,)
        });
        let reads = error.headers.iter().map(|h| {
            let field_ident = format_ident!("{}", h.rust_name);
            let name = &h.wire_name;
            // A list is read item by item (comma-separated), any other value through its type's `FromStr`.
            let read = match &h.ty {
                TypeExpr::Array(item) => {
                    let item = rust_type::of(item);
                    quote!(rt::call::header_list::<#item>(response, #name))
                }
                ty => {
                    let ty = rust_type::of(ty);
                    quote!(rt::call::header_value::<#ty>(response, #name))
                }
            };
            quote!(#field_ident: #read?,)
        });
        Some(quote! {
            #doc
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #ident {
                #(#fields)*
            }

            impl rt::api_errors::ErrorHeaders for #ident {
                #[inline]
                fn read(response: &rt::HttpResponse) -> Result<Self, String> {
                    Ok(Self { #(#reads)* })
                }
            }
        })
    });
    quote!(#(#structs)*)
}

/// The payload type of one error variant.
fn payload(error: &ErrorDef) -> TokenStream {
    match &error.wire {
        ErrorWire::Code { details } => {
            let details = details.as_ref().map_or(quote!(rt::Json), rust_type::of);
            quote!(rt::CodedError<#details>)
        }
        ErrorWire::Status { body, headers_type } => {
            let body = body.as_ref().map_or(quote!(rt::NoBody), rust_type::of);
            match headers_type {
                Some(headers) => {
                    let headers = format_ident!("{}", headers);
                    quote!(rt::StatusError<#body, #headers>)
                }
                None => quote!(rt::StatusError<#body>),
            }
        }
    }
}

/// One line of a runtime error table: `Variant = 400 | 422 "name",` (the wire code, or the spec's name).
fn row(def: &ErrorDef) -> TokenStream {
    let variant = format_ident!("{}", def.variant);
    let statuses = def.statuses().map(|status| lit(u64::from(status)));
    let name = &def.name;
    quote!(#variant = #(#statuses)|* #name,)
}

/// `value` as a Rust `Option` expression.
fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

pub fn error_enum(api: &Api, endpoint: &Endpoint) -> TokenStream {
    let ident = format_ident!("{}", error_name(endpoint));
    let errors: Vec<(&crate::ir::EndpointError, &ErrorDef)> =
        endpoint.errors.iter().filter_map(|e| api.error(&e.name).map(|def| (e, def))).collect();
    let variants = errors.iter().map(|(e, def)| {
        let variant = format_ident!("{}", def.variant);
        let payload = payload(def);
        let wire = def.wire_sentence();
        let scope = if e.common { " Common to every endpoint." } else { "" };
        let doc = docs::attrs(&format!("{}\n\n{wire}{scope}", docs::of(&e.doc)));
        quote!(#doc #variant(#payload),)
    });
    let doc = docs::attrs(&format!(
        "Errors of `{}` ({}).\n\n{}",
        endpoint.name,
        endpoint.summary,
        "Every error the documentation lists for this endpoint is a variant; `Unknown` keeps any other well-formed \
         error with its raw code and body."
    ));
    let refusals = errors.iter().filter(|(_, def)| def.refusal).map(|(_, def)| format_ident!("{}", def.variant));
    let duplicate = endpoint
        .idempotency
        .as_ref()
        .and_then(|i| i.duplicate_error.as_ref())
        .and_then(|name| api.error(name))
        .map(|def| format_ident!("{}", def.variant));
    // One line per variant; the runtime macro writes the decoding, the accessors and the trait implementations.
    let table = match &api.errors.shape {
        ErrorShape::ByStatus => {
            let rows = errors.iter().map(|(_, def)| row(def));
            quote!(rt::status_errors!(#ident { #(#rows)* } refusals [#(#refusals),*] duplicate [#duplicate]);)
        }
        ErrorShape::Coded(rules) => {
            let (codes, by_status): (Vec<&ErrorDef>, Vec<&ErrorDef>) =
                errors.iter().map(|(_, def)| *def).partition(|def| matches!(def.wire, ErrorWire::Code { .. }));
            let codes = codes.into_iter().map(row);
            let by_status = by_status.into_iter().map(row);
            let CodeRules { code, message, details, only_status, case_insensitive } = rules;
            let only_status = *only_status;
            let message = option(message.as_ref().map(|m| quote!(#m)));
            let only_status = option(only_status.map(|s| {
                let status = lit(u64::from(s));
                quote!(#status)
            }));
            quote! {
                rt::code_errors!(
                    #ident
                    rules {
                        code: #code,
                        message: #message,
                        details: #details,
                        only_status: #only_status,
                        ignore_case: #case_insensitive,
                    }
                    codes { #(#codes)* }
                    statuses { #(#by_status)* }
                    refusals [#(#refusals),*] duplicate [#duplicate]
                );
            }
        }
    };
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)] // Errors are rare and short-lived; boxing would only add indirection.
        pub enum #ident {
            #(#variants)*
            /// An error the spec does not list for this endpoint, kept with its raw code and body.
            Unknown(rt::UnknownApiError),
        }

        #table
    }
}
