//! Newtypes for constrained values: a validating constructor returning `ValidationError`, and serde that validates
//! on the way in too, so a value of the type always satisfies the spec.

use super::docs;
use crate::ir::{Constraints, StringFormat};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// What a scalar newtype wraps.
pub enum Scalar {
    Text { format: Option<StringFormat>, constraints: Constraints },
    Integer { width: u8, constraints: Constraints },
    Decimal { constraints: Constraints },
}

fn opt_u64(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    }
}

fn decimal_literal(v: Option<rust_decimal::Decimal>) -> TokenStream {
    match v {
        Some(d) => {
            let text = d.to_string();
            quote!(Some(rt::validate::decimal(#text)))
        }
        None => quote!(None),
    }
}

/// The inclusive `i64` bounds of an integer type, each rounded towards the stricter side: a minimum of `1.5` admits
/// `2` and up, a maximum of `9.5` admits `9` and below. `check` refuses bounds outside `i64`, so none is dropped.
fn integer_bounds(constraints: &Constraints) -> (Option<i64>, Option<i64>) {
    let min = constraints.min.map(|d| d.ceil()).and_then(|d| i64::try_from(d).ok());
    let max = constraints.max.map(|d| d.floor()).and_then(|d| i64::try_from(d).ok());
    (min, max)
}

/// The statements that validate `value` (a `&str`, `i64` or `&Decimal` named `value`) against the scalar's rules.
fn checks(name: &str, scalar: &Scalar) -> TokenStream {
    let mut out = Vec::new();
    match scalar {
        Scalar::Text { format, constraints } => {
            if let Some(format) = format {
                let variant = format_ident!("{}", format!("{format:?}"));
                out.push(quote!(rt::validate::check_format(#name, value, rt::validate::Format::#variant)?;));
                if let (StringFormat::Decimal, Some(places)) = (format, constraints.max_decimals) {
                    let places = places as u32;
                    out.push(quote!(rt::validate::check_decimal_text_places(#name, value, #places)?;));
                }
            }
            if constraints.length.is_some() || constraints.min_length.is_some() || constraints.max_length.is_some() {
                let (min, max, exact) =
                    (opt_u64(constraints.min_length), opt_u64(constraints.max_length), opt_u64(constraints.length));
                out.push(quote!(rt::validate::check_length(#name, value, #min, #max, #exact)?;));
            }
            if let Some(pattern) = &constraints.pattern {
                out.push(quote! {
                    static PATTERN: rt::validate::Pattern = rt::validate::Pattern::new(#pattern);
                    rt::validate::check_pattern(#name, value, &PATTERN)?;
                });
            }
        }
        Scalar::Integer { constraints, width } => {
            if constraints.min.is_some() || constraints.max.is_some() {
                let bound = |n: Option<i64>| match n {
                    Some(n) => quote!(Some(#n)),
                    None => quote!(None),
                };
                let (min, max) = integer_bounds(constraints);
                let (min, max) = (bound(min), bound(max));
                let wide = if *width == 32 { quote!(i64::from(value)) } else { quote!(value) };
                out.push(quote!(rt::validate::check_range_i64(#name, #wide, #min, #max)?;));
            }
        }
        Scalar::Decimal { constraints } => {
            if constraints.min.is_some() || constraints.max.is_some() {
                let (min, max) = (decimal_literal(constraints.min), decimal_literal(constraints.max));
                out.push(quote!(rt::validate::check_range_decimal(#name, value, #min, #max)?;));
            }
            if let Some(places) = constraints.max_decimals {
                let places = places as u32;
                out.push(quote!(rt::validate::check_decimal_places(#name, value, #places)?;));
            }
        }
    }
    quote!(#(#out)*)
}

/// A newtype named `name` with rustdoc `doc`.
pub fn newtype(name: &str, doc: &str, scalar: &Scalar) -> TokenStream {
    let ident = format_ident!("{}", name);
    let mut doc_text = doc.to_owned();
    let (format, constraints) = match scalar {
        Scalar::Text { format, constraints } => (*format, constraints),
        Scalar::Integer { constraints, .. } | Scalar::Decimal { constraints } => (None, constraints),
    };
    let lines = docs::constraint_lines(constraints, format);
    if !lines.is_empty() {
        doc_text.push_str("\n\n");
        doc_text.push_str(&lines.join(" "));
    }
    doc_text.push_str(&format!("\n\nBuild one with [`{name}::new`], which checks these rules."));
    let doc = docs::attrs(&doc_text);
    let checks = checks(name, scalar);
    match scalar {
        Scalar::Text { format, .. } => {
            let extra = text_extras(name, *format);
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(String);

                impl #ident {
                    /// Checks `value` against the rules above.
                    pub fn new(value: impl Into<String>) -> Result<Self, rt::ValidationError> {
                        let owned = value.into();
                        Self::check(&owned)?;
                        Ok(Self(owned))
                    }

                    fn check(value: &str) -> Result<(), rt::ValidationError> {
                        #checks
                        let _ = value;
                        Ok(())
                    }

                    /// The value as sent on the wire.
                    pub fn as_str(&self) -> &str {
                        &self.0
                    }

                    /// The value as an owned string.
                    pub fn into_inner(self) -> String {
                        self.0
                    }

                    #extra
                }

                impl ::std::fmt::Display for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(&self.0)
                    }
                }

                impl ::std::str::FromStr for #ident {
                    type Err = rt::ValidationError;
                    fn from_str(value: &str) -> Result<Self, Self::Err> {
                        Self::new(value)
                    }
                }

                impl ::std::convert::AsRef<str> for #ident {
                    fn as_ref(&self) -> &str {
                        &self.0
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
            }
        }
        Scalar::Integer { width, .. } => {
            let inner = if *width == 32 { quote!(i32) } else { quote!(i64) };
            quote! {
                #doc
                #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(#inner);

                impl #ident {
                    /// Checks `value` against the rules above.
                    pub fn new(value: #inner) -> Result<Self, rt::ValidationError> {
                        #checks
                        Ok(Self(value))
                    }

                    /// The number.
                    pub fn get(self) -> #inner {
                        self.0
                    }
                }

                impl ::std::fmt::Display for #ident {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        ::std::fmt::Display::fmt(&self.0, f)
                    }
                }

                impl ::std::str::FromStr for #ident {
                    type Err = rt::ValidationError;
                    fn from_str(text: &str) -> Result<Self, Self::Err> {
                        let value = text.parse().map_err(|_| rt::ValidationError::new(#name, "must be a whole number"))?;
                        Self::new(value)
                    }
                }

                impl rt::serde::Serialize for #ident {
                    fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        rt::serde::Serialize::serialize(&self.0, serializer)
                    }
                }

                impl<'de> rt::serde::Deserialize<'de> for #ident {
                    fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = <#inner as rt::serde::Deserialize>::deserialize(deserializer)?;
                        Self::new(value).map_err(<D::Error as rt::serde::de::Error>::custom)
                    }
                }
            }
        }
        Scalar::Decimal { .. } => quote! {
            #doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct #ident(rt::Decimal);

            impl #ident {
                /// Checks `value` against the rules above.
                pub fn new(value: rt::Decimal) -> Result<Self, rt::ValidationError> {
                    {
                        let value = &value;
                        #checks
                        let _ = value;
                    }
                    Ok(Self(value))
                }

                /// The exact decimal value.
                pub fn get(self) -> rt::Decimal {
                    self.0
                }
            }

            impl ::std::fmt::Display for #ident {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    ::std::fmt::Display::fmt(&self.0, f)
                }
            }

            impl ::std::str::FromStr for #ident {
                type Err = rt::ValidationError;
                fn from_str(text: &str) -> Result<Self, Self::Err> {
                    // Read from its digits, as the JSON form is: never through a float.
                    let value = text.parse::<rt::ExactDecimal>()
                        .map_err(|_| rt::ValidationError::new(#name, "must be a decimal number"))?;
                    Self::new(value.get())
                }
            }

            impl rt::serde::Serialize for #ident {
                fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    rt::serialize_exact_decimal(&self.0, serializer)
                }
            }

            impl<'de> rt::serde::Deserialize<'de> for #ident {
                fn deserialize<D: rt::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = rt::deserialize_exact_decimal(deserializer)?;
                    Self::new(value).map_err(<D::Error as rt::serde::de::Error>::custom)
                }
            }
        },
    }
}

/// Extra constructors for formats with a natural non-string source.
fn text_extras(name: &str, format: Option<StringFormat>) -> TokenStream {
    match format {
        Some(StringFormat::PositiveInteger) => quote! {
            /// Builds the value from a whole number (it must be greater than zero).
            pub fn from_u64(value: u64) -> Result<Self, rt::ValidationError> {
                Self::new(value.to_string())
            }
        },
        Some(StringFormat::Decimal) => quote! {
            /// Builds the value from an exact decimal, written with the decimal's own scale.
            pub fn from_decimal(value: rt::Decimal) -> Result<Self, rt::ValidationError> {
                Self::new(value.to_string())
            }

            /// The value as an exact decimal.
            pub fn to_decimal(&self) -> rt::Decimal {
                // `new` only accepts text an exact decimal holds.
                rt::exact::decimal_of_checked_text(&self.0)
            }
        },
        _ => {
            let _ = name;
            TokenStream::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn integer_checks(min: &str, max: &str) -> String {
        let decimal = |text: &str| Some(Decimal::from_str_exact(text).expect("a decimal"));
        let constraints = Constraints { min: decimal(min), max: decimal(max), ..Constraints::default() };
        checks("Count", &Scalar::Integer { width: 64, constraints }).to_string().replace(' ', "")
    }

    /// A fractional bound of an integer is rounded towards the stricter side, never truncated towards zero.
    #[test]
    fn integer_bounds_round_towards_strict() {
        let checks = integer_checks("1.5", "9.5");
        assert!(checks.contains("Some(2i64),Some(9i64)"), "{checks}");
        let checks = integer_checks("-9.5", "-1.5");
        assert!(checks.contains("Some(-9i64),Some(-2i64)"), "{checks}");
        let checks = integer_checks("0.0000000000000000000000000001", "0.9999999999999999999999999999");
        assert!(checks.contains("Some(1i64),Some(0i64)"), "{checks}");
    }
}
