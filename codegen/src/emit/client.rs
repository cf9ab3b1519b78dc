//! The client of one API: where it sends requests (`Environment`), how it authenticates (`Auth`), and one async
//! method per endpoint that takes the typed request and returns the typed response or the endpoint's error.

use super::errors::error_name;
use super::requests::{direct_arguments, request_name};
use super::{docs, lit, rust_type};
use crate::ir::{Api, AuthKind, Encoding, Endpoint, ErrorStyle, Location, Method, Repeat, TypeExpr};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn response_name(endpoint: &Endpoint) -> String {
    naming::response_type(&endpoint.name)
}

/// What a successful call returns: the body type, or a struct of body and headers when the spec declares headers.
pub fn success_type(endpoint: &Endpoint) -> TokenStream {
    if endpoint.response.headers.is_empty() {
        rust_type::of(&endpoint.response.ty)
    } else {
        let ident = format_ident!("{}", response_name(endpoint));
        quote!(#ident)
    }
}

pub fn environment(api: &Api) -> TokenStream {
    let variants = api.servers.iter().map(|server| {
        let variant = format_ident!("{}", naming::camel(&server.name));
        let doc = docs::attrs(&format!("{}\n\nBase URL: `{}`.", docs::of(&server.doc), server.url));
        if server.variables.is_empty() {
            quote!(#doc #variant,)
        } else {
            let fields = server.variables.iter().map(|v| {
                let field = format_ident!("{}", naming::snake(&v.name));
                let doc = docs::attrs(&docs::of(&v.doc));
                quote!(#doc #field: ::std::string::String)
            });
            quote!(#doc #variant { #(#fields),* },)
        }
    });
    let arms = api.servers.iter().map(|server| {
        let variant = format_ident!("{}", naming::camel(&server.name));
        let url = &server.url;
        if server.variables.is_empty() {
            quote!(Self::#variant => ::std::result::Result::Ok(#url.to_owned()),)
        } else {
            let fields: Vec<_> = server.variables.iter().map(|v| format_ident!("{}", naming::snake(&v.name))).collect();
            let names: Vec<&str> = server.variables.iter().map(|v| v.name.as_str()).collect();
            quote! {
                Self::#variant { #(#fields),* } => ::payout_runtime::fill_server_url(#url, &[#( (#names, #fields.as_str()) ),*]),
            }
        }
    });
    let name_arms = api.servers.iter().map(|server| {
        let variant = format_ident!("{}", naming::camel(&server.name));
        let name = &server.name;
        if server.variables.is_empty() {
            quote!(Self::#variant => ::std::option::Option::Some(#name),)
        } else {
            quote!(Self::#variant { .. } => ::std::option::Option::Some(#name),)
        }
    });
    quote! {
        /// Where the client sends requests.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Environment {
            #(#variants)*
            /// Any other base URL, such as a local test server (no trailing `/`).
            Custom(::std::string::String),
        }

        impl Environment {
            /// The base URL requests go to.
            pub fn base_url(&self) -> ::std::result::Result<::std::string::String, ::payout_runtime::ValidationError> {
                match self {
                    #(#arms)*
                    Self::Custom(url) => ::std::result::Result::Ok(url.trim_end_matches('/').to_owned()),
                }
            }

            /// The spec's name for the environment; `None` for a custom URL.
            pub fn name(&self) -> ::std::option::Option<&'static str> {
                match self {
                    #(#name_arms)*
                    Self::Custom(_) => ::std::option::Option::None,
                }
            }
        }
    }
}

pub fn auth(api: &Api) -> TokenStream {
    if api.auth.is_empty() {
        return quote! {
            /// This API takes no credentials.
            #[derive(Clone, Debug, Default)]
            pub struct Auth;

            impl Auth {
                fn header(&self) -> ::std::option::Option<(::std::string::String, ::payout_runtime::HeaderValue)> {
                    ::std::option::Option::None
                }

                fn allowed_in(&self, _environment: &Environment) -> bool {
                    true
                }
            }
        };
    }
    let variants = api.auth.iter().map(|scheme| {
        let variant = format_ident!("{}", naming::camel(&scheme.name));
        let mut text = docs::of(&scheme.doc);
        let how = match scheme.kind {
            AuthKind::Bearer => "Sent as `Authorization: Bearer <token>`.".to_owned(),
            AuthKind::Basic => "Sent as `Authorization: Basic <base64(username:password)>`.".to_owned(),
            AuthKind::ApiKey => format!("Sent in the `{}` header.", scheme.header),
        };
        text.push_str(&format!("\n\n{how}"));
        if !scheme.environments.is_empty() {
            text.push_str(&format!(" Accepted in: {}.", scheme.environments.join(", ")));
        }
        let doc = docs::attrs(&text);
        match scheme.kind {
            AuthKind::Basic => quote! {
                #doc
                #variant {
                    /// The user name.
                    username: ::std::string::String,
                    /// The password; never printed.
                    password: ::payout_runtime::Secret,
                },
            },
            _ => quote!(#doc #variant(::payout_runtime::Secret),),
        }
    });
    let header_arms = api.auth.iter().map(|scheme| {
        let variant = format_ident!("{}", naming::camel(&scheme.name));
        match scheme.kind {
            AuthKind::Bearer => quote!(Self::#variant(token) => ::payout_runtime::auth::bearer(token),),
            AuthKind::Basic => {
                quote!(Self::#variant { username, password } => ::payout_runtime::auth::basic(username, password),)
            }
            AuthKind::ApiKey => {
                let header = &scheme.header;
                quote!(Self::#variant(key) => ::payout_runtime::auth::api_key(#header, key),)
            }
        }
    });
    let allowed_arms = api.auth.iter().map(|scheme| {
        let variant = format_ident!("{}", naming::camel(&scheme.name));
        let pattern = match scheme.kind {
            AuthKind::Basic => quote!(Self::#variant { .. }),
            _ => quote!(Self::#variant(_)),
        };
        if scheme.environments.is_empty() {
            quote!(#pattern => true,)
        } else {
            let names = &scheme.environments;
            quote!(#pattern => environment.name().is_none_or(|name| [#(#names),*].contains(&name)),)
        }
    });
    quote! {
        /// Credentials. The schemes are alternatives: the client authenticates with the one you give.
        #[derive(Clone, Debug)]
        pub enum Auth {
            #(#variants)*
        }

        impl Auth {
            fn header(&self) -> ::std::option::Option<(::std::string::String, ::payout_runtime::HeaderValue)> {
                ::std::option::Option::Some(match self {
                    #(#header_arms)*
                })
            }

            /// Whether the scheme is accepted in the environment (a custom URL accepts every scheme).
            fn allowed_in(&self, environment: &Environment) -> bool {
                // Read only by schemes limited to some environments.
                let _ = environment;
                match self {
                    #(#allowed_arms)*
                }
            }
        }
    }
}

pub fn client(api: &Api, options: &super::Options) -> TokenStream {
    let doc = docs::attrs(&format!(
        "Client of the {}.\n\nEach method sends one request and returns the typed response, or \
         `payout_runtime::Error` with the endpoint's error enum.",
        api.title
    ));
    let (version_consts, version_header, version_method) = match &api.versioning {
        Some(v) => {
            let default = &v.default;
            let versions = &v.versions;
            let header = &v.header;
            let doc =
                docs::attrs(&format!("The API version sent by default in `{}`.\n\n{}", v.header, docs::of(&v.doc)));
            (
                quote! {
                    #doc
                    pub const API_VERSION: &str = #default;
                    /// Every version this client may send.
                    pub const API_VERSIONS: &[&str] = &[#(#versions),*];
                },
                quote!(core = core.with_header(#header, ::payout_runtime::HeaderValue::plain(API_VERSION));),
                quote! {
                    /// Sends another of [`API_VERSIONS`] instead of [`API_VERSION`].
                    pub fn with_api_version(self, version: &str) -> ::std::result::Result<Self, ::payout_runtime::ValidationError> {
                        if !API_VERSIONS.contains(&version) {
                            return ::std::result::Result::Err(::payout_runtime::ValidationError::new(
                                "API version",
                                ::std::format!("must be one of {:?}", API_VERSIONS),
                            ));
                        }
                        ::std::result::Result::Ok(Self { core: self.core.with_header(#header, ::payout_runtime::HeaderValue::plain(version)), auth: self.auth })
                    }
                },
            )
        }
        None => (quote!(), quote!(), quote!()),
    };
    let methods = api.endpoints.iter().map(|e| method(api, e, options));
    let page_methods = api.endpoints.iter().map(|e| super::pagination::methods(api, e));
    let reconcile_methods = api.endpoints.iter().map(|e| super::reconcile::method(api, e));
    quote! {
        #version_consts

        #doc
        #[derive(Clone)]
        pub struct Client {
            core: ::payout_runtime::ClientCore,
            auth: ::std::option::Option<(::std::string::String, ::payout_runtime::HeaderValue)>,
        }

        impl ::std::fmt::Debug for Client {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client").field("base_url", &self.core.base_url()).finish_non_exhaustive()
            }
        }

        impl Client {
            /// A client for `environment` that authenticates with `auth`, over HTTPS with the default settings of
            /// `ClientConfig` (30 s timeout; reads, and creates that carry their unique reference, retried on 429, 503,
            /// 504 and connection failures).
            ///
            /// Fails when the environment's URL cannot be built, the credentials are not accepted there, or the HTTP
            /// client cannot be set up.
            pub fn new(environment: Environment, auth: Auth) -> ::std::result::Result<Self, ::payout_runtime::ValidationError> {
                Self::with_config(environment, auth, ::payout_runtime::ClientConfig::default())
            }

            /// A client for `environment` that authenticates with `auth`, with the transport, timeouts and retry policy of
            /// `config` (`ClientConfig::default()`: real HTTP over TLS, 30 s timeout, up to 4 attempts for calls that
            /// may be repeated safely).
            ///
            /// Fails when the environment's URL cannot be built, the credentials are not accepted there, or the HTTP
            /// client cannot be set up.
            pub fn with_config(
                environment: Environment,
                auth: Auth,
                config: ::payout_runtime::ClientConfig,
            ) -> ::std::result::Result<Self, ::payout_runtime::ValidationError> {
                if !auth.allowed_in(&environment) {
                    return ::std::result::Result::Err(::payout_runtime::ValidationError::new(
                        "credentials",
                        "this authentication scheme is not accepted in the chosen environment",
                    ));
                }
                let base_url = environment.base_url()?;
                let user_agent = ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION"));
                #[allow(unused_mut)]
                let mut core = config
                    .build_core(base_url, user_agent)
                    .map_err(|why| ::payout_runtime::ValidationError::new("HTTP client", why.to_string()))?;
                #version_header
                ::std::result::Result::Ok(Self { core, auth: auth.header() })
            }

            #version_method

            fn auth_headers(&self) -> ::std::vec::Vec<(::std::string::String, ::payout_runtime::HeaderValue)> {
                self.auth.iter().cloned().collect()
            }

            #(#methods)*
            #(#page_methods)*
            #(#reconcile_methods)*
        }
    }
}

fn method(api: &Api, endpoint: &Endpoint, options: &super::Options) -> TokenStream {
    let name = format_ident!("{}", endpoint.name);
    let request_ty = format_ident!("{}", request_name(endpoint));
    let error_ty = format_ident!("{}", error_name(endpoint));
    let success = success_type(endpoint);
    let method_variant = format_ident!("{}", method_variant(endpoint.method));
    let doc = docs::attrs(&method_doc(api, endpoint, options));
    let path = path_expr(endpoint);
    // A literal path is already a `&str`; a formatted one is borrowed.
    let path_arg = if crate::template::placeholders(&endpoint.path).is_empty() { quote!(path) } else { quote!(&path) };
    let direct = direct_arguments(endpoint);
    let query_pushes = direct.iter().filter(|a| a.location == Location::Query).map(|a| {
        let field = format_ident!("{}", a.rust_name);
        let wire = &a.wire_name;
        let push = |value: TokenStream| match (&a.ty, a.encoding) {
            (TypeExpr::Array(_), Some(Encoding::Comma | Encoding::Sort)) => {
                quote!(query.push_comma(#wire, #value.iter().map(::std::string::ToString::to_string))?;)
            }
            (TypeExpr::Array(_), _) => {
                quote!(query.push_repeated(#wire, #value.iter().map(::std::string::ToString::to_string));)
            }
            (_, Some(Encoding::Filter)) => quote!(if !#value.is_empty() { query.push(#wire, #value.to_string()); }),
            _ => quote!(query.push(#wire, #value.to_string());),
        };
        match (a.required, a.nullable) {
            (true, false) => push(quote!(request.#field)),
            (true, true) | (false, false) => {
                let p = push(quote!(value));
                quote!(if let ::std::option::Option::Some(value) = &request.#field { #p })
            }
            (false, true) => {
                let p = push(quote!(value));
                quote!(if let ::std::option::Option::Some(::std::option::Option::Some(value)) = &request.#field { #p })
            }
        }
    });
    let header_pushes = direct.iter().filter(|a| a.location == Location::Header).map(|a| {
        let field = format_ident!("{}", a.rust_name);
        let wire = &a.wire_name;
        if a.required {
            quote!(headers.push((#wire.to_owned(), ::payout_runtime::HeaderValue::plain(request.#field.to_string())));)
        } else {
            quote! {
                if let ::std::option::Option::Some(value) = &request.#field {
                    headers.push((#wire.to_owned(), ::payout_runtime::HeaderValue::plain(value.to_string())));
                }
            }
        }
    });
    let has_body =
        api.style == crate::ir::Style::Rpc || endpoint.arguments.iter().any(|a| a.location == Location::Body);
    let body = if has_body {
        quote! {
            let body = ::payout_runtime::serde_json::to_vec(&request).map_err(|why| {
                ::payout_runtime::ValidationError::new("request body", why.to_string())
            })?;
            let body = ::std::option::Option::Some(body);
        }
    } else {
        quote!(let body = ::std::option::Option::None;)
    };
    let auth = if endpoint.auth_required { quote!(self.auth_headers()) } else { quote!(::std::vec::Vec::new()) };
    let resend = resend(endpoint);
    let exchange = format_ident!("{}_exchange", endpoint.name);
    let status = lit(u64::from(endpoint.response.status));
    let decode_success = decode_success(endpoint);
    let unused_request =
        if direct.is_empty() && endpoint.groups.is_empty() { quote!(let _ = &request;) } else { quote!() };
    let exchange_doc = format!("Sends a prepared `{}` call and reads the response.", endpoint.name);
    quote! {
        #doc
        pub async fn #name(&self, request: #request_ty) -> ::std::result::Result<#success, ::payout_runtime::Error<#error_ty>> {
            #unused_request
            let path = #path;
            #[allow(unused_mut)]
            let mut query = ::payout_runtime::Query::new();
            #(#query_pushes)*
            #[allow(unused_mut)]
            let mut headers: ::std::vec::Vec<(::std::string::String, ::payout_runtime::HeaderValue)> = #auth;
            #(#header_pushes)*
            #body
            let call = ::payout_runtime::Call::new(::payout_runtime::Method::#method_variant, #path_arg, #status)
                .query(query)
                .headers(headers)
                .body(body)
                #resend;
            self.#exchange(call).await
        }

        #[doc = #exchange_doc]
        async fn #exchange(&self, call: ::payout_runtime::Call) -> ::std::result::Result<#success, ::payout_runtime::Error<#error_ty>> {
            self.core.execute(call, #decode_success).await
        }
    }
}

/// The runtime's `Method` variant for `method`.
pub(super) fn method_variant(method: Method) -> &'static str {
    match method {
        Method::Get => "Get",
        Method::Post => "Post",
        Method::Put => "Put",
        Method::Patch => "Patch",
        Method::Delete => "Delete",
    }
}

/// What a failed attempt may resend: reads anything; a creating call what the spec says the server does with a
/// repeat of its reference, read from the request at call time (absent or blank, it is never resent).
fn resend(endpoint: &Endpoint) -> TokenStream {
    if endpoint.is_read() {
        return quote!();
    }
    let Some(idempotency) = &endpoint.idempotency else {
        return quote!(.resend(::payout_runtime::Resend::Never, ::std::option::Option::None));
    };
    let rule = match idempotency.repeat {
        Repeat::Replayed => quote!(::payout_runtime::Resend::Replayed),
        Repeat::Rejected => quote!(::payout_runtime::Resend::Refused),
        Repeat::Undocumented => quote!(::payout_runtime::Resend::Never),
    };
    let steps: Vec<&crate::ir::Field> = idempotency.steps.iter().collect();
    let reference = super::pagination::access(&steps, quote!(&request));
    quote!(.resend(#rule, #reference.map(|value| value.to_string())))
}

/// The path expression: a literal, or `format!` with each path argument percent-encoded.
fn path_expr(endpoint: &Endpoint) -> TokenStream {
    let placeholders = crate::template::placeholders(&endpoint.path);
    if placeholders.is_empty() {
        let path = &endpoint.path;
        return quote!(#path);
    }
    let mut template = endpoint.path.clone();
    let mut args = Vec::new();
    for name in &placeholders {
        template = template.replacen(&format!("{{{name}}}"), "{}", 1);
        let field = endpoint
            .arguments
            .iter()
            .find(|a| &a.wire_name == name)
            .map_or_else(|| naming::snake(name), |a| a.rust_name.clone());
        let field = format_ident!("{}", field);
        let arg_name = name.as_str();
        args.push(quote!(::payout_runtime::path_segment(#arg_name, &request.#field.to_string())?));
    }
    quote!(::std::format!(#template, #(#args),*))
}

/// The decoder `execute` gets: the runtime's JSON body reader, preceded by the documented headers when there are
/// some (read first, while the response is still whole).
fn decode_success(endpoint: &Endpoint) -> TokenStream {
    let body_ty = rust_type::of(&endpoint.response.ty);
    if endpoint.response.headers.is_empty() {
        return quote!(::payout_runtime::call::json_body::<#body_ty>);
    }
    let response_ty = format_ident!("{}", response_name(endpoint));
    let reads = endpoint.response.headers.iter().map(|h| {
        let field = format_ident!("{}", h.rust_name);
        let wire = &h.wire_name;
        quote! {
            let #field = match ::payout_runtime::call::header_value(&response, #wire) {
                ::std::result::Result::Ok(value) => value,
                ::std::result::Result::Err(reason) => {
                    return ::std::result::Result::Err(::payout_runtime::call::Undecodable::new(reason, response));
                }
            };
        }
    });
    let fields: Vec<_> = endpoint.response.headers.iter().map(|h| format_ident!("{}", h.rust_name)).collect();
    quote! {
        |response: ::payout_runtime::HttpResponse| {
            #(#reads)*
            let body: #body_ty = ::payout_runtime::call::json_body(response)?;
            ::std::result::Result::Ok(#response_ty { body, #(#fields),* })
        }
    }
}

/// The response struct of an endpoint whose spec declares response headers.
pub fn response_struct(endpoint: &Endpoint) -> TokenStream {
    if endpoint.response.headers.is_empty() {
        return quote!();
    }
    let ident = format_ident!("{}", response_name(endpoint));
    let body_ty = rust_type::of(&endpoint.response.ty);
    let body_doc = docs::attrs(&docs::of(&endpoint.response.doc));
    let fields = endpoint.response.headers.iter().map(|h| {
        let field = format_ident!("{}", h.rust_name);
        let ty = rust_type::of(&h.ty);
        let doc = docs::attrs(&format!(
            "{}\n\nHeader: `{}`; `None` when the server leaves it out.",
            docs::of(&h.doc),
            h.wire_name
        ));
        quote!(#doc pub #field: ::std::option::Option<#ty>,)
    });
    let doc = docs::attrs(&format!(
        "What `{}` returns: the body and the response headers the spec describes.",
        endpoint.name
    ));
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq)]
        pub struct #ident {
            #body_doc
            pub body: #body_ty,
            #(#fields)*
        }
    }
}

fn method_doc(api: &Api, endpoint: &Endpoint, options: &super::Options) -> String {
    let mut text = format!(
        "{}\n\n{}\n\n`{} {}`",
        endpoint.summary,
        docs::of(&endpoint.doc),
        endpoint.method.as_str(),
        endpoint.path
    );
    if !endpoint.auth_required {
        text.push_str(" (no credentials needed)");
    }
    text.push_str(&format!("\n\nReturns {}", first_line(&endpoint.response.doc.description)));
    if let Some(idempotency) = &endpoint.idempotency {
        text.push_str(&format!("\n\n{}", idempotency.retry_note()));
    } else if !endpoint.is_read() {
        text.push_str("\n\nThe call carries no reference, so it is never resent once it may have reached the server.");
    }
    text.push_str("\n\n# Errors\n");
    for error in &endpoint.errors {
        let wire = match api.errors.style {
            ErrorStyle::CodeArray => format!("`{}`", error.name),
            ErrorStyle::ByStatus => {
                format!("`{}` (HTTP {})", error.name, api.error(&error.name).and_then(|e| e.status).unwrap_or_default())
            }
        };
        text.push_str(&format!("\n- {wire}: {}", first_line(&error.doc.description)));
    }
    text.push_str(
        "\n\nA request the server does not accept is refused with `Error::Api`; a response the spec does not \
         describe is `Error::UnexpectedResponse` with its status, headers and body.",
    );
    if !endpoint.is_read() {
        text.push_str(
            " For this call, whenever the request may have been processed without a definite answer (no response, \
             a `429` or `5xx`, an undocumented status), the error is `Error::OutcomeUnknown`; \
             `Error::may_have_been_processed` answers that question for every error.",
        );
    }
    text.push_str("");
    if let Some(crate_path) = &options.doc_example_crate {
        let example = endpoint.examples.iter().find(|e| e.error.is_none());
        let sample = crate::samples::rust(api, endpoint, example, crate_path);
        text.push_str(&format!("\n\n# Example\n\n```no_run\n{}\n```", sample.trim_end()));
    }
    text
}

fn first_line(text: &str) -> String {
    text.trim().lines().next().unwrap_or("").trim().to_owned()
}
