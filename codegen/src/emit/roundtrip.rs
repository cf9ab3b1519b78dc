//! A hidden per-API registry that decodes JSON as a named generated type and encodes it back, so tests can round-trip
//! every type, and any JSON the spec shows, without knowing the generated names in advance.

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
            fn again<T>(value: rt::serde_json::Value) -> Result<rt::serde_json::Value, String>
            where
                T: rt::serde::Serialize + rt::serde::de::DeserializeOwned,
            {
                let typed: T = rt::from_json_value(&value).map_err(|e| e.to_string())?;
                rt::to_json_value(&typed).map_err(|e| e.to_string())
            }
            match type_name {
                #( #names => Some(again::<#idents>(value)), )*
                _ => None,
            }
        }
    }
}
