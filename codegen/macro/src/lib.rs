//! `api!("spec/reservepay.yaml")` expands to the same `pub mod reservepay { ... }` that `codegen generate` and the
//! build.rs door write to files. The path is relative to the crate that uses the macro (its `CARGO_MANIFEST_DIR`).
//!
//! A spec with problems becomes one `compile_error!` listing every diagnostic with its `file:line:col`. The expansion
//! includes the spec's bytes, so Cargo rebuilds the crate when the spec changes.

use proc_macro::TokenStream;
use quote::quote;
use std::path::PathBuf;

/// Expands to the generated module of the spec at the given path.
#[proc_macro]
pub fn api(input: TokenStream) -> TokenStream {
    let literal = match syn::parse::<syn::LitStr>(input) {
        Ok(literal) => literal,
        Err(error) => return error.to_compile_error().into(),
    };
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from).unwrap_or_default();
    let path = base.join(literal.value());
    match codegen::expand_spec(&path) {
        Ok(module) => {
            let tracked = path.to_string_lossy().into_owned();
            quote! {
                // Makes the spec an input of this crate: editing it triggers a rebuild.
                const _: &[u8] = include_bytes!(#tracked);
                #module
            }
            .into()
        }
        Err(rendered) => {
            let message = format!("the spec `{}` has problems:\n\n{rendered}", literal.value());
            syn::Error::new(literal.span(), message).to_compile_error().into()
        }
    }
}
