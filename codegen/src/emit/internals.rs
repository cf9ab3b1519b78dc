//! The client's own helpers (the credential headers, sending a prepared call, walking cursor pages) live as free
//! functions in a private module, `client_internals`, never as methods of `Client`: endpoint methods are named by the
//! spec, so any method the client kept for itself could one day share a name with an endpoint.
//!
//! The module's name is `snake_case`, so it cannot meet a generated type (always `UpperCamelCase`) in the API module,
//! and its functions are named `auth_headers`, `exchange_<endpoint>` and `walk_<endpoint>`, which cannot meet each
//! other. The same path, `client_internals::<name>`, works from the API module and from inside the module itself
//! (which imports its parent, itself included).

use crate::ir::Endpoint;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The name of the helper that sends a prepared call of `endpoint` and reads its response, for its definition.
pub fn exchange_name(endpoint: &Endpoint) -> Ident {
    format_ident!("exchange_{}", endpoint.name)
}

/// The helper that sends a prepared call of `endpoint` and reads its response, for a call.
pub fn exchange(endpoint: &Endpoint) -> TokenStream {
    let name = exchange_name(endpoint);
    quote!(client_internals::#name)
}

/// The name of the helper that walks the cursor pages of `endpoint`, for its definition.
pub fn walk_name(endpoint: &Endpoint) -> Ident {
    format_ident!("walk_{}", endpoint.name)
}

/// The helper that walks the cursor pages of `endpoint`, for a call.
pub fn walk(endpoint: &Endpoint) -> TokenStream {
    let name = walk_name(endpoint);
    quote!(client_internals::#name)
}

/// The headers that authenticate a call of `endpoint` made through `client` (an expression of type `&Client`):
/// the client's credentials, or none for an endpoint that takes none.
pub fn auth_headers(endpoint: &Endpoint, client: TokenStream) -> TokenStream {
    if endpoint.auth_required {
        quote!(client_internals::auth_headers(#client))
    } else {
        quote!(Vec::new())
    }
}

/// `mod client_internals` with `items` and `auth_headers`.
pub fn module(endpoints: &[Endpoint], items: impl IntoIterator<Item = TokenStream>) -> TokenStream {
    // It also reads the client's credentials, so even when every endpoint goes without, it is kept (and allowed).
    let unused = if endpoints.iter().any(|e| e.auth_required) { quote!() } else { quote!(#[allow(dead_code)]) };
    let items = items.into_iter();
    quote! {
        /// What the client's methods share, kept out of `Client` so that no endpoint method can collide with it.
        mod client_internals {
            use super::*;

            /// The headers that carry the client's credentials (none for an API without credentials).
            #unused
            pub(super) fn auth_headers(client: &Client) -> Vec<(String, rt::HeaderValue)> {
                client.auth.iter().cloned().collect()
            }

            #(#items)*
        }
    }
}
