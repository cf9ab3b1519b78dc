//! `reconcile_<endpoint>`: after a creating call ended with an unknown outcome, one call that finds what it made by
//! its reference, through the lookup endpoint the spec names (`idempotency.lookup`).

use super::errors::error_name;
use super::model::Model;
use super::pagination::items;
use super::requests::{direct_arguments, request_name};
use super::rust_type;
use crate::ir::{Api, Endpoint, Field, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn method(api: &Api, model: &Model<'_>, endpoint: &Endpoint) -> TokenStream {
    let Some(idempotency) = &endpoint.idempotency else { return quote!() };
    let Some(lookup) = &idempotency.lookup else { return quote!() };
    let Some(target) = api.endpoints.iter().find(|e| e.name == lookup.endpoint) else { return quote!() };
    let Some((item_ty, items_of)) = items(target) else { return quote!() };
    let name = format_ident!("reconcile_{}", endpoint.name);
    let call = format_ident!("{}", target.name);
    let request_ty = format_ident!("{}", request_name(target));
    let error_ty = format_ident!("{}", error_name(target));
    let direct = direct_arguments(target);
    let owner = Model::arguments_of(&target.name);
    // Each argument the lookup request is built with: the reference, or a fixed value from the spec, read as the
    // argument's own type (named: `new` takes `impl Into` of it).
    let value_of = |argument: &Field| -> Option<TokenStream> {
        let value_type = model.value_type(&owner, argument);
        let ty = if argument.required { rust_type::field_type(argument, &value_type) } else { value_type };
        if argument.wire_name == lookup.argument {
            let one = quote!(rt::serde_json::Value::String(reference.to_owned()));
            let json = match argument.ty {
                TypeExpr::Array(_) => quote!(rt::serde_json::Value::Array(::std::vec![#one])),
                _ => one,
            };
            return Some(quote!(rt::from_json_value::<#ty>(&#json).map_err(|why| {
                rt::ValidationError::new("reference", why.to_string())
            })?));
        }
        let (_, value) = lookup.with.iter().find(|(key, _)| *key == argument.wire_name)?;
        let text = value.to_string();
        let wire = &argument.wire_name;
        Some(quote!(rt::serde_json::from_str::<#ty>(#text).map_err(|why| {
            rt::ValidationError::new(#wire, why.to_string())
        })?))
    };
    let params = direct
        .iter()
        .filter(|a| a.required)
        .map(|a| value_of(a).unwrap_or_else(|| quote!(::std::default::Default::default())));
    let optional = direct.iter().filter(|a| !a.required).filter_map(|a| {
        let field = format_ident!("{}", a.rust_name);
        let value = value_of(a)?;
        Some(if a.nullable {
            quote!(request.#field = Some(Some(#value));)
        } else {
            quote!(request.#field = Some(#value);)
        })
    });
    let doc = format!(
        "Finds what `{}` made, by its reference `{}`, through `{}`: the first item found, or `None` when the server \
         knows no such reference.\n\nCall it after `Error::OutcomeUnknown` (with \
         `Unconfirmed::reference`), before sending the request again.",
        endpoint.name,
        idempotency.dotted(),
        target.name
    );
    quote! {
        #[doc = #doc]
        pub async fn #name(&self, reference: &str) -> Result<Option<#item_ty>, rt::Error<#error_ty>> {
            #[allow(unused_mut)]
            let mut request = #request_ty::new(#(#params),*);
            #(#optional)*
            let page = self.#call(request).await?;
            let found = { let page = &page; #items_of.and_then(|items| items.first().cloned()) };
            Ok(found)
        }
    }
}
