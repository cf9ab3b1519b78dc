//! Enums of documented string values, each with a doc, plus `Unknown(String)` so a value the server adds later still
//! decodes and re-encodes unchanged.

use super::docs;
use crate::ir::EnumValue;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn string_enum(name: &str, doc: &str, values: &[EnumValue], default: Option<&str>) -> TokenStream {
    let ident = format_ident!("{}", name);
    let mut doc = doc.to_owned();
    if let Some(default) = default {
        doc.push_str(&format!("\n\nThe server assumes `{default}` when the value is absent."));
    }
    let doc = docs::attrs(&doc);
    let variants: Vec<_> = values.iter().map(|v| format_ident!("{}", v.variant)).collect();
    let wires: Vec<&str> = values.iter().map(|v| v.wire.as_str()).collect();
    let variant_docs =
        values.iter().map(|v| docs::attrs(&format!("{}\n\nWire value: `{}`.", docs::of(&v.doc), v.wire)));
    let default_variant = default.and_then(|d| values.iter().find(|v| v.wire == d)).map(|v| v.variant.as_str());
    let derive_default = default_variant.map(|_| quote!(Default,));
    let variant_defaults =
        values.iter().map(|v| if Some(v.variant.as_str()) == default_variant { quote!(#[default]) } else { quote!() });
    quote! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq, Eq, Hash)]
        pub enum #ident {
            #( #variant_docs #variant_defaults #variants, )*
            /// A value this client does not know yet, kept exactly as the server sent it.
            Unknown(String),
        }

        impl #ident {
            /// Every documented value, in the order the spec lists them.
            pub const DOCUMENTED: &'static [&'static str] = &[#(#wires),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::Unknown(value) => value,
                }
            }

            /// Reads a wire value; values the spec does not list become [`Self::Unknown`].
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #( #wires => Self::#variants, )*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        // Headers and other text are read through `FromStr`; like `from_wire`, it never fails.
        impl ::std::str::FromStr for #ident {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from_wire(value))
            }
        }

        impl rt::serde::Serialize for #ident {
            fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> rt::serde::Deserialize<'de> for #ident {
            fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as rt::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::from_wire(&text))
            }
        }
    }
}

/// An identifier that is either the API's own ID (recognised by its prefix) or, when allowed, one the caller chose.
pub fn id_type(name: &str, doc: &str, prefix: &str, external: bool, max_length: Option<u64>) -> TokenStream {
    let ident = format_ident!("{}", name);
    let max = match max_length {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    let common_checks = quote! {
        rt::validate::check_not_empty(#name, &value)?;
        rt::validate::check_length(#name, &value, None, #max, None)?;
    };
    if !external {
        let doc = docs::attrs(&format!(
            "{doc}\n\nAlways starts with `{prefix}`. Build one with [`{name}::new`], which checks this."
        ));
        return quote! {
            #doc
            #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct #ident(String);

            impl #ident {
                /// The prefix every such ID starts with.
                pub const PREFIX: &'static str = #prefix;

                /// Checks that `value` is an ID of this kind.
                pub fn new(value: impl Into<String>) -> Result<Self, rt::ValidationError> {
                    let value = value.into();
                    #common_checks
                    rt::validate::check_prefix(#name, &value, Self::PREFIX)?;
                    Ok(Self(value))
                }

                /// The ID as sent on the wire.
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl ::std::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.write_str(&self.0)
                }
            }

            impl ::std::str::FromStr for #ident {
                type Err = rt::ValidationError;
                fn from_str(text: &str) -> Result<Self, Self::Err> {
                    Self::new(text)
                }
            }

            impl rt::serde::Serialize for #ident {
                fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(&self.0)
                }
            }

            impl<'de> rt::serde::Deserialize<'de> for #ident {
                fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let text = <String as rt::serde::Deserialize>::deserialize(deserializer)?;
                    Self::new(text).map_err(<D::Error as rt::serde::de::Error>::custom)
                }
            }
        };
    }
    let doc = docs::attrs(&format!(
        "{doc}\n\nEither the API's own ID (it starts with `{prefix}`) or an external ID you chose. The wire carries \
         both as the same string; which one you mean is fixed when you build the value with [`{name}::uid`] or \
         [`{name}::external`], which check it."
    ));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct #ident {
            value: String,
            external: bool,
        }

        impl #ident {
            /// The prefix of the API's own IDs.
            pub const UID_PREFIX: &'static str = #prefix;

            /// The API's own ID; it must start with the prefix.
            pub fn uid(value: impl Into<String>) -> Result<Self, rt::ValidationError> {
                let value = value.into();
                #common_checks
                rt::validate::check_prefix(#name, &value, Self::UID_PREFIX)?;
                Ok(Self { value, external: false })
            }

            /// Your own external ID. It must not start with the prefix, or the API would read it as its own ID.
            pub fn external(value: impl Into<String>) -> Result<Self, rt::ValidationError> {
                let value = value.into();
                #common_checks
                if value.starts_with(Self::UID_PREFIX) {
                    return Err(rt::ValidationError::new(
                        #name,
                        ::std::format!("an external ID must not start with `{}`, which marks the API's own IDs", Self::UID_PREFIX),
                    ));
                }
                Ok(Self { value, external: true })
            }

            /// Whether this is an external ID you chose (rather than the API's own).
            pub fn is_external(&self) -> bool {
                self.external
            }

            /// The ID as sent on the wire.
            pub fn as_str(&self) -> &str {
                &self.value
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// Reads a wire value (a header, a query): the API's own ID when it starts with the prefix, else an external ID.
        impl ::std::str::FromStr for #ident {
            type Err = rt::ValidationError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                if text.starts_with(Self::UID_PREFIX) { Self::uid(text) } else { Self::external(text) }
            }
        }

        impl rt::serde::Serialize for #ident {
            fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> rt::serde::Deserialize<'de> for #ident {
            fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as rt::serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(<D::Error as rt::serde::de::Error>::custom)
            }
        }
    }
}
