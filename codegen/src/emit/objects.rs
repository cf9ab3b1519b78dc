//! Object types: a struct with public fields, a constructor taking the required ones, `with_*` setters for the
//! optional ones, and a map that keeps fields the spec does not list.

use super::model::Model;
use super::{docs, rust_type};
use crate::ir::Field;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn object(model: &Model<'_>, name: &str, doc: &str, fields: &[Field], closed: bool) -> TokenStream {
    let ident = format_ident!("{}", name);
    let doc = docs::attrs(doc);
    let members = fields.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let ty = rust_type::field_type(f, &model.stored_type(name, f));
        let serde = rust_type::serde_attrs(f);
        let doc = docs::attrs(&docs::field(f));
        quote!(#doc #serde pub #field_ident: #ty,)
    });
    let (container_attr, derives, additional, additional_init) = if closed {
        (
            quote!(#[serde(crate = "rt::serde", deny_unknown_fields)]),
            quote!(rt::serde::Serialize, rt::serde::Deserialize),
            quote!(),
            quote!(),
        )
    } else {
        (
            quote!(#[serde(crate = "rt::serde")]),
            // Deserialize is written out (`open_deserialize`): a derived one would buffer the object for the
            // flattened field, and numbers leave that buffer as floats.
            quote!(rt::serde::Serialize),
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
            pub fn additional_fields(&self) -> &rt::UnknownFields {
                &self.additional_fields
            }
        }
    };
    let deserialize = if closed { quote!() } else { open_deserialize(model, name, fields) };
    let required: Vec<&Field> = fields.iter().filter(|f| f.required).collect();
    let params = required.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let ty = rust_type::field_type(f, &model.value_type(name, f));
        quote!(#field_ident: #ty)
    });
    // Parameters and setters take a boxed field's value as it is; the box is made here.
    let inits = fields.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        match (f.required, f.nullable, model.is_boxed(name, f)) {
            (true, false, true) => quote!(#field_ident: Box::new(#field_ident),),
            (true, true, true) => quote!(#field_ident: #field_ident.map(Box::new),),
            (true, _, false) => quote!(#field_ident,),
            (false, _, _) => quote!(#field_ident: None,),
        }
    });
    // Declared once, as a table: the runtime's `setters!` writes each `with_*` method.
    let setter_entries: Vec<TokenStream> = fields
        .iter()
        .filter(|f| !f.required)
        .map(|f| {
            let field_ident = format_ident!("{}", f.rust_name);
            let setter = format_ident!("with_{}", f.rust_name);
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
        #[derive(Clone, Debug, PartialEq, #derives)]
        #container_attr
        pub struct #ident {
            #(#members)*
            #additional
        }

        impl #ident {
            #new_doc
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* #additional_init }
            }

            #additional_accessor
        }

        #setters

        #deserialize
    }
}

/// `Deserialize` for an object that keeps unlisted fields: a private twin of the struct (same fields, names, aliases and
/// rules) derives the decoder of the listed fields as `#[serde(remote)]`, so it builds the object itself, and the
/// runtime hands it only the listed entries while it keeps the others as they came.
fn open_deserialize(model: &Model<'_>, name: &str, fields: &[Field]) -> TokenStream {
    let ident = format_ident!("{}", name);
    let remote = ident.to_string();
    let members = fields.iter().map(|f| {
        let field_ident = format_ident!("{}", f.rust_name);
        let ty = rust_type::field_type(f, &model.stored_type(name, f));
        let serde = rust_type::deserialize_attrs(f);
        quote!(#serde #field_ident: #ty,)
    });
    quote! {
        impl<'de> rt::serde::Deserialize<'de> for #ident {
            // `__D` and `__Listed` cannot be spec type names (those are UpperCamelCase), so the fields' types, named
            // inside this function, always mean the API's types.
            fn deserialize<__D: rt::serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                #[derive(rt::serde::Deserialize)]
                #[serde(crate = "rt::serde", remote = #remote)]
                struct __Listed {
                    #(#members)*
                    #[serde(skip)]
                    additional_fields: rt::UnknownFields,
                }
                let (mut value, additional_fields) =
                    rt::deserialize_open_object(deserializer, |object| __Listed::deserialize(object))?;
                value.additional_fields = additional_fields;
                Ok(value)
            }
        }
    }
}
