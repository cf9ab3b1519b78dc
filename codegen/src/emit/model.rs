//! What the emitters share: the API, and the newtypes that inline-constrained fields get.

use super::scalars::Scalar;
use crate::ir::{Api, Constraints, Field, Primitive, StringFormat, TypeExpr};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// A newtype made for a field whose constraints are written on the field itself (`per_page: {type: integer, min: 1}`,
/// `items: {type: array<Item>, min_length: 1}`).
pub struct InlineType {
    pub name: String,
    pub doc: String,
    pub kind: InlineKind,
}

/// What an inline newtype wraps.
pub enum InlineKind {
    /// A text, integer or decimal value.
    Scalar(Scalar),
    /// A list of `item`s with length bounds.
    List { item: TypeExpr, constraints: Constraints },
    /// A map of `item`s with bounds on its number of entries and rules on its keys.
    Map { item: TypeExpr, constraints: Constraints },
}

pub struct Model<'a> {
    api: std::marker::PhantomData<&'a Api>,
    /// (owner, wire name) -> newtype name.
    inline: BTreeMap<(String, String), String>,
    pub inline_types: Vec<InlineType>,
    /// (object type, wire name) of the fields held in a `Box` (see [`super::cycles`]).
    boxed: BTreeSet<(String, String)>,
}

impl<'a> Model<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut model = Model {
            api: std::marker::PhantomData,
            inline: BTreeMap::new(),
            inline_types: Vec::new(),
            boxed: super::cycles::fields_to_box(api),
        };
        for ty in &api.types {
            if let crate::ir::TypeDefKind::Object { fields, .. } = &ty.kind {
                for field in fields {
                    model.add_inline(&ty.name, &ty.name, field);
                }
            }
        }
        for endpoint in &api.endpoints {
            let owner = naming::camel(&endpoint.name);
            for field in &endpoint.arguments {
                model.add_inline(&Self::arguments_of(&endpoint.name), &owner, field);
            }
            for header in &endpoint.response.headers {
                model.add_inline(&Self::response_headers_of(&endpoint.name), &owner, header);
            }
        }
        model
    }

    /// The owner key of an endpoint's arguments. Object types are keyed by their own name, and an endpoint `query`
    /// and an object type `Query` would otherwise share a key (and each other's newtypes).
    pub fn arguments_of(endpoint: &str) -> String {
        format!("{} arguments", naming::camel(endpoint))
    }

    /// The owner key of an endpoint's response headers. It is not the endpoint's own (its arguments'): an argument
    /// and a response header may share a wire name (`If-Match`) with rules written on only one of them, and each must
    /// keep its own type. Newtypes of both are still named after the endpoint.
    pub fn response_headers_of(endpoint: &str) -> String {
        format!("{} response headers", naming::camel(endpoint))
    }

    /// Records the newtype of `field` under (`key`, wire name), named after `owner`.
    fn add_inline(&mut self, key: &str, owner: &str, field: &Field) {
        if field.constraints.is_empty() {
            return;
        }
        let constraints = field.constraints.clone();
        let scalar = |scalar| InlineKind::Scalar(scalar);
        let kind = match &field.ty {
            TypeExpr::Primitive(Primitive::String) => scalar(Scalar::Text { format: None, constraints }),
            TypeExpr::Primitive(Primitive::Uri) => {
                scalar(Scalar::Text { format: Some(StringFormat::Uri), constraints })
            }
            TypeExpr::Primitive(Primitive::Email) => {
                scalar(Scalar::Text { format: Some(StringFormat::Email), constraints })
            }
            TypeExpr::Primitive(Primitive::Integer) => scalar(Scalar::Integer { width: 64, constraints }),
            TypeExpr::Primitive(Primitive::Int32) => scalar(Scalar::Integer { width: 32, constraints }),
            TypeExpr::Primitive(Primitive::Decimal) => scalar(Scalar::Decimal { constraints }),
            TypeExpr::Array(item) => InlineKind::List { item: (**item).clone(), constraints },
            TypeExpr::Map(item) => InlineKind::Map { item: (**item).clone(), constraints },
            // Constraints on named types and other built-ins are documented on the field only.
            _ => return,
        };
        let Some(name) = field.inline_type.clone() else { return };
        let doc = format!("The value of `{}` in `{owner}`: {}", field.wire_name, field.doc.description.trim());
        self.inline.insert((key.to_owned(), field.wire_name.clone()), name.clone());
        self.inline_types.push(InlineType { name, doc, kind });
    }

    /// The newtype made for the field's own constraints, if it has one.
    pub fn inline_name(&self, owner: &str, field: &Field) -> Option<&str> {
        self.inline.get(&(owner.to_owned(), field.wire_name.clone())).map(String::as_str)
    }

    /// Whether the field of the object type `owner` is held in a `Box`, to close a cycle of types.
    pub fn is_boxed(&self, owner: &str, field: &Field) -> bool {
        self.boxed.contains(&(owner.to_owned(), field.wire_name.clone()))
    }

    /// The Rust type a struct stores one value of the field as: its value type, boxed where that closes a cycle.
    pub fn stored_type(&self, owner: &str, field: &Field) -> TokenStream {
        let value = self.value_type(owner, field);
        if self.is_boxed(owner, field) {
            quote!(Box<#value>)
        } else {
            value
        }
    }

    /// The Rust type of one value of the field (before optionality is applied).
    pub fn value_type(&self, owner: &str, field: &Field) -> TokenStream {
        // Collection syntax gets builders that refuse values the syntax cannot carry, instead of raw strings.
        if let Some(builder) = field.encoding.and_then(|e| e.builder_type()) {
            return builder;
        }
        match self.inline.get(&(owner.to_owned(), field.wire_name.clone())) {
            Some(name) => {
                let ident = format_ident!("{}", name);
                quote!(#ident)
            }
            None => super::rust_type::of(&field.ty),
        }
    }
}
