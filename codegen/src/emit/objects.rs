//! Object types: a struct with public fields, a constructor taking the required ones, `with_*` setters for the
//! optional ones, and a map that keeps fields the spec does not list.

use super::model::Model;
use super::{docs, rust_type};
use crate::ir::{CurrencyDecimals, Field};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn object(
    model: &Model<'_>,
    name: &str,
    doc: &str,
    fields: &[Field],
    closed: bool,
    currency_decimals: Option<&CurrencyDecimals>,
) -> TokenStream {
    let ident = format_ident!("{}", name);
    let doc = match currency_decimals {
        Some(rule) => format!("{doc}\n\n{}", rule.summary()),
        None => doc.to_owned(),
    };
    let doc = docs::attrs(&doc);
    // With a rule, the derive writes an inherent `serialize` that the runtime's impl calls once the rule holds.
    let (remote, checked) = match currency_decimals {
        Some(rule) => (quote!(, remote = "Self"), currency_decimals_impl(name, rule)),
        None => (quote!(), quote!()),
    };
    let members = fields.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let ty = rust_type::field_type(f, &model.stored_type(name, f));
        let serde = rust_type::serialize_attrs(f);
        let doc = docs::attrs(&docs::field(f));
        quote!(#doc #serde pub #field_ident: #ty,)
    });
    // Only writing is derived; reading goes through the runtime's table-driven decoder (`decoder` below).
    let (additional, additional_init) = if closed {
        (quote!(), quote!())
    } else {
        (
            quote! {
                // Read-only for callers: a key added here could repeat, and so get around, a checked field.
                #[serde(flatten)]
                additional_fields: rt::UnknownFields,
            },
            quote!(additional_fields: rt::UnknownFields::new(),),
        )
    };
    let additional_accessor = if closed {
        quote!()
    } else {
        quote! {
            /// Fields the spec does not list, kept as received (each as its exact JSON text) so that nothing is lost
            /// when the value is sent back or stored.
            #[inline]
            pub fn additional_fields(&self) -> &rt::UnknownFields {
                &self.additional_fields
            }
        }
    };
    let deserialize = decoder(model, name, fields, closed);
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    // Every parameter, like every setter, takes `impl Into` of its type (see spec/README.md, "The generated code").
    let params = required.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let ty = rust_type::field_type(f, &model.value_type(name, f));
        quote!(#field_ident: impl Into<#ty>)
    });
    // Parameters and setters take a boxed field's value as it is; the box is made here.
    let inits = fields.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let ty = rust_type::field_type(f, &model.value_type(name, f));
        match (f.required, f.nullable, model.is_boxed(name, f)) {
            (true, false, true) => quote!(#field_ident: Box::new(#field_ident.into()),),
            (true, true, true) => quote!(#field_ident: Into::<#ty>::into(#field_ident).map(Box::new),),
            (true, _, false) => quote!(#field_ident: #field_ident.into(),),
            (false, _, _) => quote!(#field_ident: None,),
        }
    });
    // Declared once, as a table: the runtime's `setters!` writes each `with_*` method.
    let setter_entries: Vec<TokenStream> = fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| {
            let field_ident = format_ident!("{}", f.rust_name);
            let setter = format_ident!("{}", f.setter());
            let wire = &f.wire_name;
            let mut how = Vec::new();
            if f.nullable {
                how.push(quote!(nullable));
            }
            if model.is_boxed(name, f) {
                how.push(quote!(boxed));
            }
            let value = model.value_type(name, f);
            quote!(#setter(#field_ident, #wire #(, #how)*): #value;)
        })
        .collect();
    let setters =
        if setter_entries.is_empty() { quote!() } else { quote!(rt::setters!(#ident { #(#setter_entries)* });) };
    let new_doc = docs::attrs(&if required.is_empty() {
        "Builds a value with every field empty.".to_owned()
    } else {
        let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.wire_name)).collect();
        format!("Builds a value from its required fields ({}); optional fields start empty.", names.join(", "))
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, rt::serde::Serialize)]
        #[serde(crate = "rt::serde" #remote)]
        pub struct #ident {
            #(#members)*
            #additional
        }

        impl #ident {
            #new_doc
            #[inline]
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* #additional_init }
            }

            #additional_accessor
        }

        #setters

        #deserialize

        #checked
    }
}

/// `Serialize` through the runtime's `currency_decimals!`, which checks the rule first.
fn currency_decimals_impl(name: &str, rule: &CurrencyDecimals) -> TokenStream {
    let ident = format_ident!("{}", name);
    let amount = format_ident!("{}", rule.amount.0);
    let amount_wire = &rule.amount.1;
    let currency = format_ident!("{}", rule.currency.0);
    let currency_wire = &rule.currency.1;
    let default = match rule.default {
        Some(places) => {
            let places = proc_macro2::Literal::u32_unsuffixed(places);
            quote!(#places)
        }
        None => quote!(_),
    };
    let codes = rule.places.iter().map(|(code, places)| {
        let places = proc_macro2::Literal::u32_unsuffixed(*places);
        quote!(#code = #places)
    });
    quote! {
        rt::currency_decimals!(#ident {
            #amount #amount_wire, #currency #currency_wire, default #default, { #(#codes),* }
        });
    }
}

/// `Deserialize` through the runtime's `object_decoder!`: one entry per field (index, name, wire name and aliases, how
/// absence and `null` read, value type); the runtime walks the object and keeps or refuses unlisted fields.
fn decoder(model: &Model<'_>, name: &str, fields: &[Field], closed: bool) -> TokenStream {
    let ident = format_ident!("{}", name);
    let openness = if closed { quote!(closed) } else { quote!(open) };
    let entries = fields.iter().enumerate().map(|(index, f)| {
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        let field_ident = format_ident!("{}", f.rust_name);
        let names = std::iter::once(&f.wire_name).chain(&f.aliases);
        let kind = match (f.required, f.nullable) {
            (true, false) => quote!(required),
            (true, true) => quote!(required_nullable),
            (false, false) => quote!(optional),
            (false, true) => quote!(optional_nullable),
        };
        // The value's type alone: the macro wraps it in the `Option`s the kind calls for.
        let ty = model.stored_type(name, f);
        quote!(#index #field_ident [#(#names)|*] #kind: #ty;)
    });
    quote!(rt::object_decoder!(#ident #openness { #(#entries)* });)
}
