//! The encodings: how a request body is written ([`BodyEncoding`]) and how a query argument's value is spelled in
//! the URL ([`QueryEncoding`]).
//!
//! Runtime side: `codegen_runtime::body` (`Body::encode`, and the bracketed nesting of forms), and
//! `codegen_runtime::url`, the `Query` pushes (`push`, `push_repeated`, `push_comma`, `push_form`) and the builders
//! of the collection syntaxes (`SortField`, `Filter`).

use proc_macro2::TokenStream;
use quote::quote;

/// How a request body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyEncoding {
    /// A JSON object.
    Json,
    /// `application/x-www-form-urlencoded`, nested values under bracketed keys (`metadata[order]=1`, `expand[0]=a`).
    Form,
}

impl BodyEncoding {
    /// The word the spec writes.
    pub fn word(self) -> &'static str {
        match self {
            BodyEncoding::Json => "json",
            BodyEncoding::Form => "form",
        }
    }

    /// The `Content-Type` the body is sent with.
    pub fn content_type(self) -> &'static str {
        match self {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Form => "application/x-www-form-urlencoded",
        }
    }

    /// What the docs say about a body written this way (nothing for JSON, which every page assumes), as Markdown.
    pub fn docs_note(self) -> Option<&'static str> {
        match self {
            BodyEncoding::Json => None,
            BodyEncoding::Form => Some(
                "a form (`application/x-www-form-urlencoded`): nested values take bracketed keys, such as \
                 `metadata[key]=...` and `list[0]=...`, and `null` or an empty list is the key with an empty value",
            ),
        }
    }

    /// The runtime's name for it, `rt::BodyEncoding::<variant>`.
    pub fn runtime(self) -> TokenStream {
        match self {
            BodyEncoding::Json => quote!(rt::BodyEncoding::Json),
            BodyEncoding::Form => quote!(rt::BodyEncoding::Form),
        }
    }
}

/// How a query argument is written. An array in the query without an `encoding` is `Repeated`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryEncoding {
    /// `?a=1&a=2`.
    Repeated,
    /// `?a=1,2`.
    Comma,
    /// Field names joined by commas, a `-` before one sorting by it in descending order (`?sort=-created,amount`).
    Sort,
    /// `field:v1,v2;field2:v3` in one string parameter, left out when empty.
    Filter,
    /// Bracketed nesting as in a form body: `?created[gte]=1&created[lt]=2`, `?expand[0]=a`.
    Form,
}

impl QueryEncoding {
    /// Whether a list goes in one parameter, its items joined by commas (else one parameter per item).
    pub fn joins_items(self) -> bool {
        match self {
            QueryEncoding::Comma | QueryEncoding::Sort => true,
            QueryEncoding::Repeated | QueryEncoding::Filter | QueryEncoding::Form => false,
        }
    }

    /// Whether an empty value leaves the parameter out.
    pub fn omits_empty(self) -> bool {
        match self {
            QueryEncoding::Filter => true,
            QueryEncoding::Repeated | QueryEncoding::Comma | QueryEncoding::Sort | QueryEncoding::Form => false,
        }
    }

    /// The runtime type that builds a value in the syntax, for an encoding that has one: the generated field takes it
    /// instead of the spec's type.
    pub fn builder_type(self) -> Option<TokenStream> {
        match self {
            QueryEncoding::Sort => Some(quote!(Vec<rt::SortField>)),
            QueryEncoding::Filter => Some(quote!(rt::Filter)),
            QueryEncoding::Repeated | QueryEncoding::Comma | QueryEncoding::Form => None,
        }
    }

    /// What the OpenAPI parameter's description adds about the syntax, for an argument named `wire_name`.
    pub fn openapi_note(self, wire_name: &str) -> Option<String> {
        match self {
            QueryEncoding::Sort => Some(format!(
                "Sent as one parameter holding the field names joined by `,` (`{wire_name}=-createdTime,amount`); a \
                 `-` before a field sorts by it in descending order. Field names cannot contain `,`, `;`, `:` or \
                 whitespace."
            )),
            QueryEncoding::Filter => Some(
                "Filter syntax: `field:value1,value2;field2:value3`. `:` separates a field from its values, `,` \
                 separates the values of one field (any of them matches) and `;` separates fields (all of them must \
                 match). Field names cannot contain `,`, `;`, `:` or whitespace, and values cannot contain `,` or `;`. \
                 The generated client leaves the parameter out when the filter is empty."
                    .to_owned(),
            ),
            QueryEncoding::Form => Some(format!(
                "Sent with bracketed keys, as a form body nests values: an object's members as \
                 `{wire_name}[member]=...`, an array's items as `{wire_name}[0]=...`."
            )),
            QueryEncoding::Repeated | QueryEncoding::Comma => None,
        }
    }
}
