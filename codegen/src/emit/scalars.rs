//! Newtypes for constrained values: the struct and its rule table. The runtime's `text_newtype!`,
//! `integer_newtype!` and `decimal_newtype!` write the validating constructor (returning `ValidationError`) and serde
//! that validates on the way in too, so a value of the type always satisfies the spec.

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

/// `name = value` for a rule the type has; nothing for one it does not (the table's base leaves it `None`).
pub(super) fn rule<T: quote::ToTokens>(name: &str, value: Option<T>) -> Option<TokenStream> {
    let name = format_ident!("{}", name);
    value.map(|value| quote!(#name = #value))
}

/// The inclusive `i64` bounds of an integer type, each rounded towards the stricter side: a minimum of `1.5` admits
/// `2` and up, a maximum of `9.5` admits `9` and below. `check` refuses bounds outside `i64`, so none is dropped.
fn integer_bounds(constraints: &Constraints) -> (Option<i64>, Option<i64>) {
    let min = constraints.min.map(|d| d.ceil()).and_then(|d| i64::try_from(d).ok());
    let max = constraints.max.map(|d| d.floor()).and_then(|d| i64::try_from(d).ok());
    (min, max)
}

/// A number of decimal places as the runtime's `u32` (`codegen check` keeps it within what a decimal holds).
fn places_literal(places: u64) -> proc_macro2::Literal {
    proc_macro2::Literal::u32_unsuffixed(u32::try_from(places).unwrap_or(u32::MAX))
}

/// The rules the scalar has, as the fields of its runtime rule table (`TextRules`, `IntegerRules`, `DecimalRules`).
fn rules(scalar: &Scalar) -> Vec<TokenStream> {
    let lit = |n: Option<u64>| n.map(super::lit);
    match scalar {
        Scalar::Text { format, constraints } => {
            let decimal_places = match format {
                Some(StringFormat::Decimal) => constraints.max_decimals.map(places_literal),
                _ => None,
            };
            let format = format.map(|format| {
                let variant = format_ident!("{}", format!("{format:?}"));
                quote!(rt::validate::Format::#variant)
            });
            [
                rule("format", format),
                rule("decimal_places", decimal_places),
                rule("min_length", lit(constraints.min_length)),
                rule("max_length", lit(constraints.max_length)),
                rule("length", lit(constraints.length)),
                rule("pattern", constraints.pattern.as_deref()),
            ]
            .into_iter()
            .flatten()
            .collect()
        }
        Scalar::Integer { constraints, .. } => {
            let (min, max) = integer_bounds(constraints);
            let number = |n: i64| proc_macro2::Literal::i64_unsuffixed(n);
            [rule("min", min.map(number)), rule("max", max.map(number))].into_iter().flatten().collect()
        }
        Scalar::Decimal { constraints } => {
            let text = |d: rust_decimal::Decimal| d.to_string();
            [
                rule("min", constraints.min.map(text)),
                rule("max", constraints.max.map(text)),
                rule("places", constraints.max_decimals.map(places_literal)),
            ]
            .into_iter()
            .flatten()
            .collect()
        }
    }
}

/// A newtype named `name` with rustdoc `doc`: the struct, and its rules handed to the runtime macro that writes the
/// checked constructor, accessors and trait impls.
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
    let rules = rules(scalar);
    match scalar {
        Scalar::Text { format, .. } => {
            let extra = text_extras(*format).map(|extra| quote!(impl #ident { #extra }));
            quote! {
                #doc
                #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(String);
                rt::text_newtype!(#ident { #(#rules),* });
                #extra
            }
        }
        Scalar::Integer { width, .. } => {
            let inner = if *width == 32 { quote!(i32) } else { quote!(i64) };
            quote! {
                #doc
                #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
                pub struct #ident(#inner);
                rt::integer_newtype!(#ident(#inner) { #(#rules),* });
            }
        }
        Scalar::Decimal { .. } => quote! {
            #doc
            #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct #ident(rt::Decimal);
            rt::decimal_newtype!(#ident { #(#rules),* });
        },
    }
}

/// Extra constructors for formats with a natural non-string source.
fn text_extras(format: Option<StringFormat>) -> Option<TokenStream> {
    let extra = match format {
        Some(StringFormat::PositiveInteger) => quote! {
            /// Builds the value from a whole number (it must be greater than zero).
            #[inline]
            pub fn from_u64(value: u64) -> Result<Self, rt::ValidationError> {
                Self::new(value.to_string())
            }
        },
        Some(StringFormat::Decimal) => quote! {
            /// Builds the value from an exact decimal, written with the decimal's own scale.
            #[inline]
            pub fn from_decimal(value: rt::Decimal) -> Result<Self, rt::ValidationError> {
                Self::new(value.to_string())
            }

            /// The value as an exact decimal.
            #[inline]
            pub fn to_decimal(&self) -> rt::Decimal {
                // `new` only accepts text an exact decimal holds.
                rt::exact::decimal_of_checked_text(&self.0)
            }
        },
        _ => return None,
    };
    Some(extra)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn integer_rules(min: &str, max: &str) -> String {
        let decimal = |text: &str| Some(Decimal::from_str_exact(text).expect("a decimal"));
        let constraints = Constraints { min: decimal(min), max: decimal(max), ..Constraints::default() };
        let rules = rules(&Scalar::Integer { width: 64, constraints });
        quote!(#(#rules),*).to_string().replace(' ', "")
    }

    /// A fractional bound of an integer is rounded towards the stricter side, never truncated towards zero.
    #[test]
    fn integer_bounds_round_towards_strict() {
        assert_eq!(integer_rules("1.5", "9.5"), "min=2,max=9");
        assert_eq!(integer_rules("-9.5", "-1.5"), "min=-9,max=-2");
        assert_eq!(integer_rules("0.0000000000000000000000000001", "0.9999999999999999999999999999"), "min=1,max=0");
    }
}
