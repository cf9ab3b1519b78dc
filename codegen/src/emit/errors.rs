//! One error enum per endpoint: a variant per documented error (its own and the common ones) with the spec's words as
//! its doc, and `Unknown` for well-formed errors the spec does not list. Anything else the server sends becomes
//! `payout_runtime::Error::UnexpectedResponse`, which keeps status, headers and body.

use super::{docs, rust_type};
use crate::ir::{Api, Endpoint, ErrorDef, ErrorStyle, Primitive, TypeExpr};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn error_name(endpoint: &Endpoint) -> String {
    naming::error_type(&endpoint.name)
}

fn headers_name(error: &ErrorDef) -> String {
    naming::error_headers_type(&error.variant)
}

/// Structs for error headers the spec describes (Token.io's `token-external-error`), shared by every endpoint.
pub fn header_structs(api: &Api) -> TokenStream {
    // Only `by_status` errors carry their headers (a `code_array` error is a `CodedError`), and only errors some
    // endpoint can return are read: the headers of any other would be dead code.
    if api.errors.style != ErrorStyle::ByStatus {
        return quote!();
    }
    let returned = |error: &&ErrorDef| api.endpoints.iter().any(|e| e.errors.iter().any(|own| own.name == error.name));
    let structs = api.errors.codes.iter().filter(|e| !e.headers.is_empty()).filter(returned).map(|error| {
        let ident = format_ident!("{}", headers_name(error));
        let doc = docs::attrs(&format!("Response headers that come with `{}`.", error.name));
        let fields = error.headers.iter().map(|h| {
            let field_ident = format_ident!("{}", h.rust_name);
            let ty = rust_type::of(&h.ty);
            let doc = docs::attrs(&format!("{}\n\nHeader: `{}`.", docs::of(&h.doc), h.wire_name));
            quote!(#doc pub #field_ident: Option<#ty>,)
        });
        let reads = error.headers.iter().map(|h| {
            let field_ident = format_ident!("{}", h.rust_name);
            let name = &h.wire_name;
            // A list is read item by item (comma-separated), any other value through its type's `FromStr`.
            let read = match &h.ty {
                TypeExpr::Array(item) => {
                    let item = rust_type::of(item);
                    quote!(rt::call::header_list::<#item>(response, #name))
                }
                ty => {
                    let ty = rust_type::of(ty);
                    quote!(rt::call::header_value::<#ty>(response, #name))
                }
            };
            quote!(#field_ident: #read?,)
        });
        quote! {
            #doc
            #[derive(Clone, Debug, Default, PartialEq)]
            pub struct #ident {
                #(#fields)*
            }

            impl #ident {
                fn read(response: &rt::HttpResponse) -> Result<Self, String> {
                    Ok(Self { #(#reads)* })
                }
            }
        }
    });
    quote!(#(#structs)*)
}

/// The payload type of one error variant.
fn payload(api: &Api, error: &ErrorDef) -> TokenStream {
    match api.errors.style {
        ErrorStyle::CodeArray => {
            let details = error.details.as_ref().map_or(quote!(rt::Json), rust_type::of);
            quote!(rt::CodedError<#details>)
        }
        ErrorStyle::ByStatus => {
            let body = rust_type::of(error.body.as_ref().unwrap_or(&TypeExpr::Primitive(Primitive::Json)));
            if error.headers.is_empty() {
                quote!(rt::StatusError<#body>)
            } else {
                let headers = format_ident!("{}", headers_name(error));
                quote!(rt::StatusError<#body, #headers>)
            }
        }
    }
}

pub fn error_enum(api: &Api, endpoint: &Endpoint) -> TokenStream {
    let ident = format_ident!("{}", error_name(endpoint));
    let errors: Vec<(&crate::ir::EndpointError, &ErrorDef)> =
        endpoint.errors.iter().filter_map(|e| api.error(&e.name).map(|def| (e, def))).collect();
    let variants = errors.iter().map(|(e, def)| {
        let variant = format_ident!("{}", def.variant);
        let payload = payload(api, def);
        let wire = match api.errors.style {
            ErrorStyle::CodeArray => format!("Code `{}`.", def.name),
            ErrorStyle::ByStatus => format!("HTTP {}.", def.status.unwrap_or_default()),
        };
        let scope = if e.common { " Common to every endpoint." } else { "" };
        let doc = docs::attrs(&format!("{}\n\n{wire}{scope}", docs::of(&e.doc)));
        quote!(#doc #variant(#payload),)
    });
    let variant_idents: Vec<_> = errors.iter().map(|(_, def)| format_ident!("{}", def.variant)).collect();
    let doc = docs::attrs(&format!(
        "Errors of `{}` ({}).\n\n{}",
        endpoint.name,
        endpoint.summary,
        "Every error the documentation lists for this endpoint is a variant; `Unknown` keeps any other well-formed \
         error with its raw code and body."
    ));
    let decode = match api.errors.style {
        ErrorStyle::CodeArray => decode_code_array(api, &errors),
        ErrorStyle::ByStatus => decode_by_status(&errors),
    };
    // Display: the spec's name for the error, then what the server said (its code and message, bounded).
    let names: Vec<String> = errors
        .iter()
        .map(|(_, def)| match api.errors.style {
            ErrorStyle::CodeArray => "{}".to_owned(),
            ErrorStyle::ByStatus => format!("{}: {{}}", def.name),
        })
        .collect();
    let describe = quote! {
        match self {
            #( Self::#variant_idents(error) => ::std::write!(f, #names, error), )*
            Self::Unknown(error) => ::std::write!(f, "{}", error),
        }
    };
    let accessors = match api.errors.style {
        ErrorStyle::CodeArray => quote! {
            /// The error code as the server sent it.
            pub fn code(&self) -> &str {
                match self {
                    #( Self::#variant_idents(error) => &error.code, )*
                    Self::Unknown(error) => error.code.as_deref().unwrap_or(""),
                }
            }

            /// The server's message.
            pub fn message(&self) -> &str {
                match self {
                    #( Self::#variant_idents(error) => &error.message, )*
                    Self::Unknown(error) => error.message.as_deref().unwrap_or(""),
                }
            }
        },
        ErrorStyle::ByStatus => quote! {
            /// The HTTP status of the error.
            pub fn status(&self) -> u16 {
                match self {
                    #( Self::#variant_idents(error) => error.status, )*
                    Self::Unknown(error) => error.status,
                }
            }
        },
    };
    let refusals: Vec<_> =
        errors.iter().filter(|(_, def)| def.refusal).map(|(_, def)| format_ident!("{}", def.variant)).collect();
    let is_refusal =
        if refusals.is_empty() { quote!(false) } else { quote!(::std::matches!(self, #(Self::#refusals(_))|*)) };
    let duplicate =
        endpoint.idempotency.as_ref().and_then(|i| i.duplicate_error.as_ref()).and_then(|name| api.error(name)).map(
            |def| {
                let variant = format_ident!("{}", def.variant);
                quote! {
                    fn is_duplicate_reference(&self) -> bool {
                        ::std::matches!(self, Self::#variant(_))
                    }
                }
            },
        );
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        #[allow(clippy::large_enum_variant)] // Errors are rare and short-lived; boxing would only add indirection.
        pub enum #ident {
            #(#variants)*
            /// An error the spec does not list for this endpoint, kept with its raw code and body.
            Unknown(rt::UnknownApiError),
        }

        impl #ident {
            /// The raw response the error came from.
            pub fn response(&self) -> &rt::RawResponse {
                match self {
                    #( Self::#variant_idents(error) => &error.response, )*
                    Self::Unknown(error) => &error.response,
                }
            }

            #accessors

        }

        impl rt::ApiError for #ident {
            /// Reads an error response; what does not fit the spec becomes `UnexpectedResponse`.
            fn from_response(response: rt::HttpResponse) -> rt::Error<Self> {
                #decode
            }

            fn is_refusal(&self) -> bool {
                #is_refusal
            }

            #duplicate

            fn into_response(self) -> rt::RawResponse {
                match self {
                    #( Self::#variant_idents(error) => error.response, )*
                    Self::Unknown(error) => error.response,
                }
            }
        }

        impl ::std::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #describe
            }
        }

        impl ::std::error::Error for #ident {
            fn source(&self) -> Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #( Self::#variant_idents(error) => Some(error), )*
                    Self::Unknown(error) => Some(error),
                }
            }
        }

        impl rt::HttpStatus for #ident {
            fn http_status(&self) -> u16 {
                self.response().status
            }
        }
    }
}

fn decode_code_array(api: &Api, errors: &[(&crate::ir::EndpointError, &ErrorDef)]) -> TokenStream {
    let status = api.errors.status.unwrap_or(400);
    // Only documented errors read the details; an endpoint without any keeps them in the raw response only.
    let details = if errors.is_empty() { quote!(_) } else { quote!(details) };
    let arms = errors.iter().map(|(_, def)| {
        let variant = format_ident!("{}", def.variant);
        let wire = &def.name;
        let matches = if api.errors.case_insensitive_codes {
            quote!(code.eq_ignore_ascii_case(#wire))
        } else {
            quote!(code == #wire)
        };
        let details = if def.details.is_some() {
            quote! {
                if details.is_null() {
                    None
                } else {
                    match details.decode() {
                        Ok(details) => Some(details),
                        Err(why) => {
                            return rt::Error::UnexpectedResponse {
                                reason: ::std::format!("the details of `{}` do not match the spec: {}", code, why),
                                response: raw,
                            };
                        }
                    }
                }
            }
        } else {
            quote!(if details.is_null() { None } else { Some(details) })
        };
        quote! {
            if #matches {
                let details = #details;
                return rt::Error::Api(Self::#variant(rt::CodedError { code, message, details, response: raw }));
            }
        }
    });
    quote! {
        if response.status != #status {
            let status = response.status;
            return rt::Error::UnexpectedResponse {
                reason: ::std::format!("HTTP {} is not a response this API documents (handled errors are HTTP {})", status, #status),
                response: rt::RawResponse::from(response),
            };
        }
        let Some((code, message, #details)) = rt::decode_code_array(&response.body) else {
            return rt::Error::UnexpectedResponse {
                reason: ::std::format!("an HTTP {} body that is not `[code, message, details]`", #status),
                response: rt::RawResponse::from(response),
            };
        };
        let raw = rt::RawResponse::from(response);
        #(#arms)*
        rt::Error::Api(Self::Unknown(rt::UnknownApiError {
            status: raw.status,
            code: Some(code),
            message: Some(message),
            response: raw,
        }))
    }
}

fn decode_by_status(errors: &[(&crate::ir::EndpointError, &ErrorDef)]) -> TokenStream {
    let arms = errors.iter().map(|(_, def)| {
        let variant = format_ident!("{}", def.variant);
        let status = def.status.unwrap_or_default();
        let headers = if def.headers.is_empty() {
            quote!(())
        } else {
            let headers_ident = format_ident!("{}", headers_name(def));
            quote! {
                match #headers_ident::read(&response) {
                    Ok(headers) => headers,
                    Err(reason) => {
                        return rt::Error::UnexpectedResponse { reason, response: rt::RawResponse::from(response) };
                    }
                }
            }
        };
        quote! {
            #status => {
                let body = match rt::decode_json(&response) {
                    Ok(body) => body,
                    Err(why) => {
                        return rt::Error::UnexpectedResponse {
                            reason: ::std::format!("the HTTP {} body does not match the spec: {}", #status, why),
                            response: rt::RawResponse::from(response),
                        };
                    }
                };
                let headers = #headers;
                rt::Error::Api(Self::#variant(rt::StatusError {
                    status: response.status,
                    body,
                    headers,
                    response: rt::RawResponse::from(response),
                }))
            }
        }
    });
    quote! {
        if !rt::is_json(&response) {
            let status = response.status;
            return rt::Error::UnexpectedResponse {
                reason: ::std::format!("HTTP {} came with a body that is not JSON", status),
                response: rt::RawResponse::from(response),
            };
        }
        match response.status {
            #(#arms)*
            status if status >= 400 => rt::Error::Api(Self::Unknown(rt::UnknownApiError {
                status,
                code: None,
                message: None,
                response: rt::RawResponse::from(response),
            })),
            status => rt::Error::UnexpectedResponse {
                reason: ::std::format!("HTTP {} is not a response this endpoint documents", status),
                response: rt::RawResponse::from(response),
            },
        }
    }
}
