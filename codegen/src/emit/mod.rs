//! Rust code from the IR: quote -> syn -> prettyplease, one module per kind of output.
//!
//! [`api_module`] gives the tokens of `pub mod <api> { ... }`, used as they are by the proc-macro; [`render`] formats
//! them into a file with a header, used by the CLI and the goldens; [`render_compact_with`] writes the same tokens
//! unformatted, for build scripts, whose files only rustc reads. Output depends only on the IR, in spec
//! order, so the same spec always gives the same bytes.
//!
//! **Machine code is left to the caller.** Every non-generic function written for an endpoint (its
//! `Operation::call`, its error's `from_response`, its `Paged` steps and stream methods) and every object's decoder
//! entry points are `#[inline]`. That is not about speed: a non-generic function is compiled where it is defined,
//! with every runtime generic it reaches (the retry loop, serde_json's parser for each type), even if nobody calls
//! it. Marked `#[inline]`, it is compiled in the crate that calls it, and only if it does, which is how serde's
//! derives and `async fn` behave already. The generated crate's own build then pays for declarations only (a debug
//! build of a 100-endpoint API went from 1.10 to 0.72 of progenitor's time), and an application pays for the
//! endpoints it calls.

mod client;
mod collections;
mod compact;
mod cycles;
mod docs;
mod enums;
mod errors;
mod groups;
mod model;
mod objects;
mod page_arguments;
mod pagination;
mod pieces;
mod reconcile;
mod requests;
mod responses;
mod roundtrip;
mod rust_type;
mod scalars;
mod unions;
mod webhooks;
mod wire;

use crate::ir::Api;
use model::Model;
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

/// An unsuffixed integer literal, so generated code reads `404` rather than `404u16`.
pub(crate) fn lit(n: u64) -> Literal {
    Literal::u64_unsuffixed(n)
}

/// Choices that change what is emitted beyond the spec itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Path of the crate that will hold the generated module (`payout_clients`). When set, every client method's
    /// rustdoc carries an example using that path, compiled by `cargo test --doc`; unset, there are no examples (a
    /// proc-macro or a copied file cannot know the path its users reach it by).
    pub doc_example_crate: Option<String>,
    /// Path of the runtime crate as the generated code reaches it (default [`DEFAULT_RUNTIME_PATH`]), for a crate
    /// that depends on the runtime under another name or re-exports it.
    pub runtime_path: Option<String>,
    /// Whether to emit the hidden round-trip registry (`TYPE_NAMES`, `roundtrip_json`) that the test suites use to
    /// decode and re-encode every type by name. Off by default: it makes every type's serde code compile.
    pub roundtrip_registry: bool,
}

/// Where the generated code finds the runtime unless [`Options::runtime_path`] says otherwise.
pub const DEFAULT_RUNTIME_PATH: &str = "::codegen_runtime";

/// `pub mod <api name> { ... }` with every item generated for the API.
pub fn api_module(api: &Api) -> TokenStream {
    api_module_with(api, &Options::default())
}

/// [`api_module`] with [`Options`].
pub fn api_module_with(api: &Api, options: &Options) -> TokenStream {
    let model = Model::new(api);
    let items: TokenStream = pieces::of(api, &model, options).iter().map(|piece| piece()).collect();
    module_shell(api, options, items)
}

/// `pub mod <api name> { ... }` around `items`: the module's documentation, its lint allowances and its runtime
/// import.
fn module_shell(api: &Api, options: &Options, items: TokenStream) -> TokenStream {
    let module = format_ident!("{}", api.name);
    let mut module_doc = format!("{}\n\n{}", api.title, docs::of(&api.doc));
    if let Some(url) = &api.docs_url {
        module_doc.push_str(&format!("\n\nVendor documentation: <{url}>"));
    }
    module_doc.push_str(&format!("\n\nGenerated from `{}`.", api.spec_file));
    let module_doc = docs::attrs(&module_doc);
    let runtime = runtime_path(options);
    let alias = format_ident!("{}", crate::naming::RUNTIME_ALIAS);
    quote! {
        #module_doc
        pub mod #module {
            // The spec decides how deeply types nest (`array<...>` up to 32 levels), not the reader of this code.
            #![allow(clippy::type_complexity)]
            use #runtime as #alias;

            #items
        }
    }
}

/// The runtime path of `options` as tokens; a path that does not parse falls back to the default, and
/// [`crate::Config::runtime_path`] refuses such a path before generating.
fn runtime_path(options: &Options) -> TokenStream {
    let path = options.runtime_path.as_deref().unwrap_or(DEFAULT_RUNTIME_PATH);
    syn::parse_str::<syn::Path>(path).map(|path| quote!(#path)).unwrap_or_else(|_| quote!(::codegen_runtime))
}

/// The generated file for one API: a header naming the spec, then the formatted module.
pub fn render(api: &Api) -> String {
    render_with(api, &Options::default())
}

/// The first lines of every generated file.
fn header(api: &Api) -> String {
    format!("// @generated by codegen from {}. Do not edit: change the spec and regenerate.\n\n", api.spec_file)
}

/// The generated file for one API without formatting, for files rustc reads (a build script's `OUT_DIR`): the header,
/// then the module's tokens in a compact layout (a line break after each `;`, attribute and brace, no other layout).
/// It skips the syn parse and prettyplease, about two thirds of the time [`render_with`] takes (`throughput`
/// benchmark), and is the same code: formatting it gives [`render_with`]'s file (the goldens test checks this for
/// every spec).
pub fn render_compact_with(api: &Api, options: &Options) -> String {
    pieces::render(api, options, pieces::Layout::Compact, pieces::default_threads())
}

/// [`render`] with [`Options`]. The module's items are formatted one by one, on as many threads as the machine has,
/// and joined in spec order: the bytes are those of formatting the whole module at once (the goldens test checks this
/// for every spec), without holding the whole module's syntax tree.
pub fn render_with(api: &Api, options: &Options) -> String {
    pieces::render(api, options, pieces::Layout::Formatted, pieces::default_threads())
}

/// [`render_with`] or [`render_compact_with`] on exactly `threads` threads (at least one), for measuring what the
/// threads bring; the output does not depend on the number.
pub fn render_on_threads(api: &Api, options: &Options, formatted: bool, threads: usize) -> String {
    let layout = if formatted { pieces::Layout::Formatted } else { pieces::Layout::Compact };
    pieces::render(api, options, layout, threads)
}
