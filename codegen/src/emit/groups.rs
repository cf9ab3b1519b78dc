//! The enum of a group's alternatives. Exactly one alternative applies to a call, so its variants hold that
//! alternative's arguments (`arguments` as values, `optional` ones as `Option`s) and nothing else.
//!
//! Each argument of the chosen alternative travels where the spec puts it, and so does each value the alternative
//! `sets`: body arguments through the enum's `Serialize` (the request flattens it into the JSON body), query and
//! header arguments through `push_outside_body`, which the client method calls with the call's query and headers.

use super::model::Model;
use super::requests::empty_alternative;
use super::{docs, wire};
use crate::ir::{Alternative, Endpoint, Field, Group, Location};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// One argument of an alternative: its field, and whether the alternative requires it.
struct Member<'e> {
    field: &'e Field,
    required: bool,
}

impl Member<'_> {
    fn ident(&self) -> Ident {
        format_ident!("{}", self.field.rust_name)
    }
}

fn find<'e>(endpoint: &'e Endpoint, name: &str) -> Option<&'e Field> {
    endpoint.arguments.iter().find(|a| a.wire_name == name)
}

/// The alternative's arguments, required ones first, in the order the spec lists them.
fn members<'e>(endpoint: &'e Endpoint, alternative: &Alternative) -> Vec<Member<'e>> {
    let required = alternative.arguments.iter().map(|name| (name, true));
    let optional = alternative.optional.iter().map(|name| (name, false));
    required
        .chain(optional)
        .filter_map(|(name, required)| Some(Member { field: find(endpoint, name)?, required }))
        .collect()
}

/// Where an argument the alternative names or sets travels (a name the checks let through always resolves).
fn location_of(endpoint: &Endpoint, name: &str) -> Location {
    find(endpoint, name).map_or(Location::Body, |field| field.location)
}

/// Whether some argument of the group, or some value it sets, travels in `location`.
fn sends_in(endpoint: &Endpoint, group: &Group, location: Location) -> bool {
    group.alternatives.iter().any(|alternative| {
        let names = alternative.arguments.iter().chain(&alternative.optional);
        let set = alternative.sets.iter().map(|(name, _)| name);
        names.chain(set).any(|name| location_of(endpoint, name) == location)
    })
}

/// Whether some argument of the group, or some value it sets, travels outside the JSON body.
pub fn sends_outside_body(endpoint: &Endpoint, group: &Group) -> bool {
    sends_in(endpoint, group, Location::Query) || sends_in(endpoint, group, Location::Header)
}

/// The enum, its `Serialize` (the body part), and `push_outside_body` when the group sends anything elsewhere.
pub fn group_enum(model: &Model<'_>, endpoint: &Endpoint, group: &Group) -> TokenStream {
    let ident = format_ident!("{}", group.rust_type.clone());
    let doc = docs::attrs(&format!(
        "{}\n\nExactly one alternative applies to a call, so arguments of different alternatives cannot be combined.",
        docs::of(&group.doc)
    ));
    let variants = group.alternatives.iter().map(|alternative| variant(model, endpoint, group, alternative));
    let serialize_body = if sends_in(endpoint, group, Location::Body) {
        let arms = group.alternatives.iter().map(|alternative| body_arm(endpoint, alternative));
        quote! {
            let mut map = serializer.serialize_map(None)?;
            match self {
                #(#arms)*
            }
            map.end()
        }
    } else {
        // Nothing of the group travels in the body.
        quote!(serializer.serialize_map(Some(0))?.end())
    };
    let derive_default = empty_alternative(group).map(|_| quote!(Default,));
    let outside = if sends_outside_body(endpoint, group) { outside_body(endpoint, group) } else { quote!() };
    quote! {
        #doc
        #[derive(Clone, Debug, #derive_default PartialEq)]
        pub enum #ident {
            #(#variants)*
        }

        impl rt::serde::Serialize for #ident {
            fn serialize<S: rt::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use rt::serde::ser::SerializeMap as _;
                #serialize_body
            }
        }

        #outside
    }
}

/// One variant: unit for an alternative without arguments, else a field per argument.
fn variant(model: &Model<'_>, endpoint: &Endpoint, group: &Group, alternative: &Alternative) -> TokenStream {
    let variant = format_ident!("{}", alternative.variant);
    let owner = Model::arguments_of(&endpoint.name);
    let mut text = docs::of(&alternative.doc);
    if !alternative.sets.is_empty() {
        let sets: Vec<String> = alternative.sets.iter().map(|(k, v)| format!("`{k}: {v}`")).collect();
        text.push_str(&format!("\n\nSends {}.", sets.join(", ")));
    }
    let doc = docs::attrs(&text);
    let members = members(endpoint, alternative);
    if members.is_empty() {
        let default = if empty_alternative(group).is_some_and(|a| a.name == alternative.name) {
            quote!(#[default])
        } else {
            quote!()
        };
        return quote!(#doc #default #variant,);
    }
    let fields = members.iter().map(|member| {
        let field_ident = member.ident();
        let base = model.value_type(&owner, member.field);
        // As a request field would be: an argument the alternative requires is there (`null` where the argument is
        // nullable), an optional one may be absent too.
        let ty = match (member.required, member.field.nullable) {
            (true, false) => base,
            (true, true) | (false, false) => quote!(Option<#base>),
            (false, true) => quote!(Option<Option<#base>>),
        };
        let doc = docs::attrs(&docs::of(&member.field.doc));
        quote!(#doc #field_ident: #ty)
    });
    quote!(#doc #variant { #(#fields),* },)
}

/// The local a pattern binds the `index`-th used member to. Members are named by the spec, so binding them under
/// their own names could shadow the locals of the generated function (`map`, `serializer`, `query`, `headers`).
fn binding(index: usize) -> proc_macro2::Ident {
    format_ident!("arg_{index}")
}

/// A pattern for the alternative's variant that binds the members `used` (by reference, the `i`-th to
/// [`binding`]`(i)`) and ignores the rest.
fn pattern(endpoint: &Endpoint, alternative: &Alternative, used: &[&Member<'_>]) -> TokenStream {
    let variant = format_ident!("{}", alternative.variant);
    let all = members(endpoint, alternative);
    if all.is_empty() {
        return quote!(Self::#variant);
    }
    let bindings = used.iter().enumerate().map(|(index, member)| {
        let field = member.ident();
        let local = binding(index);
        quote!(#field: #local)
    });
    let rest = if used.len() < all.len() { quote!(..) } else { quote!() };
    quote!(Self::#variant { #(#bindings,)* #rest })
}

/// The `Serialize` arm of one alternative: its body arguments and the body values it sets.
fn body_arm(endpoint: &Endpoint, alternative: &Alternative) -> TokenStream {
    let members = members(endpoint, alternative);
    let in_body: Vec<&Member<'_>> = members.iter().filter(|m| m.field.location == Location::Body).collect();
    let pattern = pattern(endpoint, alternative, &in_body);
    let writes = in_body.iter().enumerate().map(|(index, member)| {
        let wire = &member.field.wire_name;
        let binding = binding(index);
        if member.required {
            quote!(map.serialize_entry(#wire, #binding)?;)
        } else {
            quote!(if let Some(value) = #binding { map.serialize_entry(#wire, value)?; })
        }
    });
    let sets = alternative
        .sets
        .iter()
        .filter(|(name, _)| location_of(endpoint, name) == Location::Body)
        .map(|(name, value)| quote!(map.serialize_entry(#name, #value)?;));
    quote!(#pattern => { #(#writes)* #(#sets)* })
}

/// `push_outside_body`: the chosen alternative's query and header arguments, and the query and header values it sets.
fn outside_body(endpoint: &Endpoint, group: &Group) -> TokenStream {
    let ident = format_ident!("{}", group.rust_type.clone());
    let arms = group.alternatives.iter().map(|alternative| {
        let members = members(endpoint, alternative);
        let outside: Vec<&Member<'_>> = members.iter().filter(|m| m.field.location != Location::Body).collect();
        let pattern = pattern(endpoint, alternative, &outside);
        let pushes = outside.iter().enumerate().map(|(index, member)| {
            let binding = binding(index);
            wire::push_present(member.field, member.required, quote!(#binding), quote!(#binding))
        });
        let sets = alternative
            .sets
            .iter()
            .filter_map(|(name, value)| find(endpoint, name).map(|field| wire::push_fixed(field, value)));
        quote!(#pattern => { #(#pushes)* #(#sets)* })
    });
    // A group that sends nothing in one of the two places leaves that parameter unread.
    let query = if sends_in(endpoint, group, Location::Query) { quote!(query) } else { quote!(_query) };
    let headers = if sends_in(endpoint, group, Location::Header) { quote!(headers) } else { quote!(_headers) };
    quote! {
        impl #ident {
            /// Adds what the chosen alternative sends outside the JSON body: its query arguments to `query` and its
            /// header arguments to `headers`, with the values it sets there.
            fn push_outside_body(
                &self,
                #query: &mut rt::Query,
                #headers: &mut Vec<(String, rt::HeaderValue)>,
            ) -> Result<(), rt::ValidationError> {
                match self {
                    #(#arms)*
                }
                Ok(())
            }
        }
    }
}
