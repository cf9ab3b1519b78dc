//! How an argument that does not travel in the JSON body reaches the wire: a query argument is pushed onto the
//! call's `query` with its encoding, a header argument onto its `headers`. Shared by the arguments a request holds
//! directly and those inside group alternatives, so both are sent alike.

use crate::ir::{Field, Location, QueryEncoding, TypeExpr};
use proc_macro2::TokenStream;
use quote::quote;

/// Statements that send one value of `field` where the field lives, nothing for a body or path argument. `value` is
/// an expression of its value type or a reference to one, and `reference` a reference to the same value.
fn push(field: &Field, value: TokenStream, reference: TokenStream) -> TokenStream {
    match field.location {
        Location::Query => push_query(field, value, reference),
        Location::Header => push_header(field, value),
        Location::Body | Location::Path => quote!(),
    }
}

/// Statements that add the value to `query`, following the argument's encoding.
fn push_query(field: &Field, value: TokenStream, reference: TokenStream) -> TokenStream {
    let wire = &field.wire_name;
    // The checker lets each encoding fit one shape of value (a list, or a string for `filter`), and lowering gives a
    // list in the query without an encoding `repeated`: the encoding alone says which push it takes.
    match field.encoding {
        Some(QueryEncoding::Comma | QueryEncoding::Sort) => {
            quote!(query.push_comma(#wire, #value.iter().map(::std::string::ToString::to_string))?;)
        }
        Some(QueryEncoding::Repeated) => {
            quote!(query.push_repeated(#wire, #value.iter().map(::std::string::ToString::to_string));)
        }
        Some(QueryEncoding::Filter) => quote!(if !#value.is_empty() { query.push(#wire, #value.to_string()); }),
        Some(QueryEncoding::Form) => quote!(query.push_form(#wire, #reference)?;),
        None => quote!(query.push(#wire, #value.to_string());),
    }
}

/// Statements that add the value to `headers`: a list as its items joined by commas (an item holding a comma is
/// refused), any other value as its text.
fn push_header(field: &Field, value: TokenStream) -> TokenStream {
    let wire = &field.wire_name;
    let text = match field.ty {
        TypeExpr::Array(_) => quote!(rt::header_lists::join(#wire, #value.iter())?),
        _ => quote!(#value.to_string()),
    };
    quote!(headers.push((#wire.to_owned(), rt::HeaderValue::plain(#text)));)
}

/// Statements that send a fixed wire value (what a group alternative `sets`) for `field`, where the field lives.
pub fn push_fixed(field: &Field, value: &str) -> TokenStream {
    let wire = &field.wire_name;
    match field.location {
        Location::Query => quote!(query.push(#wire, #value);),
        Location::Header => quote!(headers.push((#wire.to_owned(), rt::HeaderValue::plain(#value)));),
        Location::Body | Location::Path => quote!(),
    }
}

/// Statements that send the value a slot of `field` holds, if any. The slot has the Rust type of a field that is
/// `required` or not (`T`, `Option<T>` or `Option<Option<T>>`, by `field.nullable`); `place` names it (`request.ids`,
/// or a binding to a reference), `reference` is a reference to it (`&request.ids`, or that binding). `null` has no
/// form outside a body, so a slot holding it sends nothing.
pub fn push_present(field: &Field, required: bool, place: TokenStream, reference: TokenStream) -> TokenStream {
    match (required, field.nullable) {
        (true, false) => push(field, place, reference),
        (true, true) | (false, false) => {
            let push = push(field, quote!(value), quote!(value));
            quote!(if let Some(value) = #reference { #push })
        }
        (false, true) => {
            let push = push(field, quote!(value), quote!(value));
            quote!(if let Some(Some(value)) = #reference { #push })
        }
    }
}
