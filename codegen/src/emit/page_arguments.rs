//! How a page walk reads and sets its `limit` and `offset` arguments, whatever their types: plain integers, named
//! integer types, newtypes of bounds written on the argument itself, and offset tokens read back from a page.

use super::model::Model;
use super::pagination::access;
use crate::ir::{Api, Endpoint, Field, Primitive, TypeDefKind, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// Code that turns an expression into another.
pub(super) type Rewrite = Box<dyn Fn(TokenStream) -> TokenStream>;

/// How to read an integer argument or header as `i64`, and to build one from an `i64`: plain, a named integer type,
/// or the newtype of a field with bounds of its own (`limit: {type: integer, min: 1, max: 100}`). The first rewrites
/// an `Option<&T>` into an `Option<i64>`, the second an `i64` into a `Result<T, ValidationError>`. `owner` is the
/// model's owner key of the field (the endpoint's, or [`Model::response_headers_of`] it).
pub(super) fn integer_argument(api: &Api, model: &Model<'_>, owner: &str, field: &Field) -> (Rewrite, Rewrite) {
    let newtype = |name: &str, width32: bool| -> (Rewrite, Rewrite) {
        let ident = format_ident!("{}", name);
        if width32 {
            let narrow = narrow_to_i32(name);
            (
                Box::new(|e| quote!(#e.map(|value| i64::from(value.get())))),
                Box::new(move |v| {
                    let narrow = narrow(v);
                    quote!(#narrow.and_then(#ident::new))
                }),
            )
        } else {
            (Box::new(|e| quote!(#e.map(|value| value.get()))), Box::new(move |v| quote!(#ident::new(#v))))
        }
    };
    if let Some(name) = model.inline_name(owner, field) {
        return newtype(name, field.ty == TypeExpr::Primitive(Primitive::Int32));
    }
    match &field.ty {
        TypeExpr::Named(name) => match api.type_def(name).map(|t| &t.kind) {
            Some(TypeDefKind::Integer { width, .. }) => newtype(name, *width == 32),
            _ => plain_i64(),
        },
        TypeExpr::Primitive(Primitive::Int32) => {
            (Box::new(|e| quote!(#e.copied().map(i64::from))), narrow_to_i32(&field.wire_name))
        }
        _ => plain_i64(),
    }
}

fn plain_i64() -> (Rewrite, Rewrite) {
    (Box::new(|e| quote!(#e.copied())), Box::new(|v| quote!(Result::<i64, rt::ValidationError>::Ok(#v))))
}

/// Builds `Result<i32, ValidationError>` from an `i64`: a value beyond 32 bits is refused (in the name of `what`),
/// never clamped into another one.
fn narrow_to_i32(what: &str) -> Rewrite {
    let what = what.to_owned();
    Box::new(
        move |v| quote!(i32::try_from(#v).map_err(|_| rt::ValidationError::new(#what, "is beyond a 32-bit integer"))),
    )
}

/// An expression of type `Option<i64>`: the integer argument `field` of `request`, when it is there.
pub(super) fn integer_of_request(api: &Api, model: &Model<'_>, endpoint: &Endpoint, field: &Field) -> TokenStream {
    let (read, _) = integer_argument(api, model, &Model::arguments_of(&endpoint.name), field);
    read(access(&[field], quote!(&request)))
}

/// `request` with the argument `field` set to `value` (a value of the argument's value type), whether the argument is
/// optional or not. The field is assigned, not set through its setter, which only optional arguments have.
pub(super) fn with_argument(field: &Field, value: TokenStream) -> TokenStream {
    let ident = format_ident!("{}", field.rust_name);
    let stored = match (field.required, field.nullable) {
        (true, false) => value,
        (true, true) | (false, false) => quote!(Some(#value)),
        (false, true) => quote!(Some(Some(#value))),
    };
    quote!({
        let mut request = request;
        request.#ident = #stored;
        request
    })
}

/// The offset argument's value for the next page, from `offset`, a `&Leaf` read from the page.
pub(super) enum OffsetValue {
    /// The value itself: both have the same type, or the argument is plain text.
    Same(TokenStream),
    /// A `Result`: the argument has rules of its own, so the offset is read from its text through them.
    Checked(TokenStream),
}

pub(super) fn offset_from_page(leaf: &Field, argument: &Field) -> OffsetValue {
    let unconstrained = |field: &Field| field.constraints.is_empty() && field.encoding.is_none();
    if leaf.ty == argument.ty && unconstrained(leaf) && unconstrained(argument) {
        return OffsetValue::Same(quote!(offset.clone()));
    }
    if argument.ty == TypeExpr::Primitive(Primitive::String) && unconstrained(argument) {
        return OffsetValue::Same(quote!(offset.to_string()));
    }
    let wire = &argument.wire_name;
    OffsetValue::Checked(quote!(rt::from_json_value(&rt::serde_json::Value::String(offset.to_string()))
        .map_err(|why| rt::ValidationError::new(#wire, why.to_string()))))
}
