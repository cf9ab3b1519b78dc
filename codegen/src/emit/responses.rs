//! What a successful call returns: the body alone, or, when the spec describes response headers, a struct of the body
//! and those headers, each read with its own type (and the rules written on it) before the body.

use super::model::Model;
use super::{docs, rust_type};
use crate::ir::{Endpoint, Field, PageScheme, TypeExpr};
use crate::kinds::paging::NextLink;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What a successful call returns: the body type, or a struct of body and headers when the spec declares headers.
pub fn success_type(endpoint: &Endpoint) -> TokenStream {
    match &endpoint.names.response {
        Some(name) => {
            let ident = format_ident!("{}", name);
            quote!(#ident)
        }
        None => rust_type::of(&endpoint.response.ty),
    }
}

/// The Rust type of one response header's value: its type, or the newtype of the rules written on it.
fn header_type(model: &Model<'_>, endpoint: &Endpoint, header: &Field) -> TokenStream {
    model.value_type(&Model::response_headers_of(&endpoint.name), header)
}

/// An expression `Result<Option<T>, String>` reading the header from `response`: a list header item by item, any
/// other through its type's `FromStr`.
fn read_header(model: &Model<'_>, endpoint: &Endpoint, header: &Field) -> TokenStream {
    let wire = &header.wire_name;
    let ty = header_type(model, endpoint, header);
    let TypeExpr::Array(item) = &header.ty else {
        // The header a walk reads its next link from may come on several lines; the others are read from the first.
        let links_here = endpoint.pagination.as_ref().is_some_and(|p| {
            matches!(&p.scheme, PageScheme::NextLink { link: NextLink::Header(h) } if h.wire_name == header.wire_name)
        });
        if links_here {
            return quote!(rt::call::header_links::<#ty>(&response, #wire));
        }
        return quote!(rt::call::header_value::<#ty>(&response, #wire));
    };
    let item = rust_type::of(item);
    let items = quote!(rt::call::header_list::<#item>(&response, #wire));
    match model.inline_name(&Model::response_headers_of(&endpoint.name), header) {
        // A list with length bounds of its own: the items, then its newtype's check of how many there are.
        Some(_) => quote!(#items.and_then(|items| {
            items.map(#ty::new).transpose().map_err(|why| ::std::format!("header `{}`: {}", #wire, why))
        })),
        None => items,
    }
}

/// The decoder `execute` gets: the runtime's JSON body reader, preceded by the documented headers when there are
/// some (read first, while the response is still whole).
pub fn decode_success(model: &Model<'_>, endpoint: &Endpoint) -> TokenStream {
    let body_ty = rust_type::of(&endpoint.response.ty);
    let Some(response_name) = &endpoint.names.response else {
        return quote!(rt::call::json_body::<#body_ty>);
    };
    let response_ty = format_ident!("{}", response_name);
    let reads = endpoint.response.headers.iter().map(|h| {
        let field = format_ident!("{}", h.rust_name);
        let read = read_header(model, endpoint, h);
        quote! {
            let #field = match #read {
                Ok(value) => value,
                Err(reason) => {
                    return Err(rt::call::Undecodable::new(reason, response));
                }
            };
        }
    });
    let fields: Vec<_> = endpoint.response.headers.iter().map(|h| format_ident!("{}", h.rust_name)).collect();
    quote! {
        |response: rt::HttpResponse| {
            #(#reads)*
            let body: #body_ty = rt::call::json_body(response)?;
            Ok(#response_ty { body, #(#fields),* })
        }
    }
}

/// The response struct of an endpoint whose spec declares response headers.
pub fn response_struct(model: &Model<'_>, endpoint: &Endpoint) -> TokenStream {
    let Some(name) = &endpoint.names.response else { return quote!() };
    let ident = format_ident!("{}", name);
    let body_ty = rust_type::of(&endpoint.response.ty);
    let body_doc = docs::attrs(&docs::of(&endpoint.response.doc));
    let fields = endpoint.response.headers.iter().map(|h| {
        let field = format_ident!("{}", h.rust_name);
        let ty = header_type(model, endpoint, h);
        let doc = docs::attrs(&format!(
            "{}\n\nHeader: `{}`; `None` when the server leaves it out.",
            docs::of(&h.doc),
            h.wire_name
        ));
        quote!(#doc pub #field: Option<#ty>,)
    });
    let doc = docs::attrs(&format!(
        "What `{}` returns: the body and the response headers the spec describes.",
        endpoint.name
    ));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident {
            #body_doc
            pub body: #body_ty,
            #(#fields)*
        }
    }
}
