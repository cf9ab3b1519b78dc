//! A hidden per-API registry that decodes JSON as a named generated type and encodes it back, so tests can round-trip
//! every type, and any JSON the spec shows, without knowing the generated names in advance. Emitted only when
//! [`super::Options::roundtrip_registry`] asks for it: it compiles a decoder and an encoder of every type, which
//! users of the clients do not need.

use super::model::Model;
use crate::ir::Api;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn registry(api: &Api, model: &Model<'_>) -> TokenStream {
    let names: Vec<&str> =
        api.types.iter().map(|t| t.name.as_str()).chain(model.inline_types.iter().map(|t| t.name.as_str())).collect();
    let idents: Vec<_> = names.iter().map(|n| format_ident!("{}", n)).collect();
    quote! {
        /// Names of every generated type that has a JSON form (for tests).
        #[doc(hidden)]
        pub const TYPE_NAMES: &[&str] = &[#(#names),*];

        /// Decodes `value` as the generated type called `type_name` and encodes it again; `None` for an unknown name.
        #[doc(hidden)]
        pub fn roundtrip_json(
            type_name: &str,
            value: rt::serde_json::Value,
        ) -> Option<Result<rt::serde_json::Value, String>> {
            // One entry per name of `TYPE_NAMES`, in the same order.
            const ROUND_TRIPS: &[rt::roundtrip::RoundTrip] = &[#(rt::roundtrip::again::<#idents>),*];
            rt::roundtrip::run(TYPE_NAMES, ROUND_TRIPS, type_name, value)
        }
    }
}
