//! The client of one API: where it sends requests (`Environment`), how it authenticates (`Auth`), and one async
//! method per endpoint that takes the typed request and returns the typed response or the endpoint's error.

use super::errors::error_name;
use super::model::Model;
use super::requests::{direct_arguments, request_name};
use super::responses::{decode_success, success_type};
use super::{docs, lit};
use crate::ir::{Api, AuthMethod, Endpoint, ErrorDef, KeyGenerator, Location, Method, Repeat};
use crate::naming;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

pub fn environment(api: &Api) -> TokenStream {
    let variants = api.servers.iter().map(|server| {
        let variant = format_ident!("{}", server.variant);
        let doc = docs::attrs(&format!("{}\n\nBase URL: `{}`.", docs::of(&server.doc), server.url));
        if server.variables.is_empty() {
            quote!(#doc #variant,)
        } else {
            let fields = server.variables.iter().map(|v| {
                let field = format_ident!("{}", v.rust_name);
                let doc = docs::attrs(&docs::of(&v.doc));
                quote!(#doc #field: String)
            });
            quote!(#doc #variant { #(#fields),* },)
        }
    });
    let arms = api.servers.iter().map(|server| {
        let variant = format_ident!("{}", server.variant);
        let url = &server.url;
        if server.variables.is_empty() {
            quote!(Self::#variant => Ok(#url.to_owned()),)
        } else {
            let fields: Vec<_> = server.variables.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
            let names: Vec<&str> = server.variables.iter().map(|v| v.name.as_str()).collect();
            quote! {
                Self::#variant { #(#fields),* } => rt::fill_server_url(#url, &[#( (#names, #fields.as_str()) ),*]),
            }
        }
    });
    let name_arms = api.servers.iter().map(|server| {
        let variant = format_ident!("{}", server.variant);
        let name = &server.name;
        if server.variables.is_empty() {
            quote!(Self::#variant => Some(#name),)
        } else {
            quote!(Self::#variant { .. } => Some(#name),)
        }
    });
    quote! {
        /// Where the client sends requests.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Environment {
            #(#variants)*
            /// Any other base URL, such as a local test server (no trailing `/`).
            Custom(String),
        }

        impl Environment {
            /// The base URL requests go to.
            #[inline]
            pub fn base_url(&self) -> Result<String, rt::ValidationError> {
                match self {
                    #(#arms)*
                    Self::Custom(url) => Ok(url.trim_end_matches('/').to_owned()),
                }
            }

            /// The spec's name for the environment; `None` for a custom URL.
            #[inline]
            pub fn name(&self) -> Option<&'static str> {
                match self {
                    #(#name_arms)*
                    Self::Custom(_) => None,
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
                #[inline]
                fn credentials(self) -> Result<rt::Credentials, rt::ValidationError> {
                    Ok(rt::Credentials::None)
                }
            }
        };
    }
    let variants = api.auth.iter().map(|scheme| {
        let variant = format_ident!("{}", scheme.variant);
        let mut text = docs::of(&scheme.doc);
        let how = scheme.method.rust_doc();
        text.push_str(&format!("\n\n{how}"));
        if !scheme.environments.is_empty() {
            text.push_str(&format!(" Accepted in: {}.", scheme.environments.join(", ")));
        }
        let doc = docs::attrs(&text);
        match scheme.method {
            AuthMethod::Basic => quote! {
                #doc
                #variant {
                    /// The user name.
                    username: String,
                    /// The password; never printed.
                    password: rt::Secret,
                },
            },
            AuthMethod::OAuth2ClientCredentials { .. } => quote! {
                #doc
                #variant {
                    /// The client ID.
                    client_id: String,
                    /// The client secret; never printed.
                    client_secret: rt::Secret,
                },
            },
            AuthMethod::Bearer { .. } | AuthMethod::ApiKey { .. } => quote!(#doc #variant(rt::Secret),),
        }
    });
    let credential_arms = api.auth.iter().map(|scheme| {
        let variant = format_ident!("{}", scheme.variant);
        let name = &scheme.name;
        match &scheme.method {
            AuthMethod::Bearer { .. } => quote!(Self::#variant(token) => rt::Credentials::bearer(#name, &token),),
            AuthMethod::Basic => quote! {
                Self::#variant { username, password } => rt::Credentials::basic(#name, &username, &password),
            },
            AuthMethod::ApiKey { header } => {
                quote!(Self::#variant(key) => rt::Credentials::api_key(#name, #header, &key),)
            }
            AuthMethod::OAuth2ClientCredentials { token_url, scopes } => {
                let scope = if scopes.is_empty() {
                    quote!(None)
                } else {
                    let joined = scopes.join(" ");
                    quote!(Some(#joined))
                };
                quote! {
                    Self::#variant { client_id, client_secret } => {
                        rt::Credentials::client_credentials(#name, client_id, client_secret, #token_url, #scope)
                    }
                }
            }
        }
    });
    let allowed_arms = api.auth.iter().map(|scheme| {
        let variant = format_ident!("{}", scheme.variant);
        let pattern = match scheme.method {
            AuthMethod::Basic | AuthMethod::OAuth2ClientCredentials { .. } => quote!(Self::#variant { .. }),
            AuthMethod::Bearer { .. } | AuthMethod::ApiKey { .. } => quote!(Self::#variant(_)),
        };
        if scheme.environments.is_empty() {
            quote!(#pattern => true,)
        } else {
            let names = &scheme.environments;
            quote!(#pattern => environment.name().is_none_or(|name| [#(#names),*].contains(&name)),)
        }
    });
    // Only an API with a scheme limited to some environments checks the pair when a client is built.
    let allowed_in = if schemes_limited(api) {
        quote! {
            /// Whether the scheme is accepted in the environment (a custom URL accepts every scheme).
            fn allowed_in(&self, environment: &Environment) -> bool {
                match self {
                    #(#allowed_arms)*
                }
            }
        }
    } else {
        quote!()
    };
    quote! {
        /// Credentials. The schemes are alternatives: the client authenticates with the one you give.
        #[derive(Clone, Debug)]
        pub enum Auth {
            #(#variants)*
        }

        impl Auth {
            /// The credentials, or why a server could not accept them (an empty or blank value, a character a header
            /// cannot carry), refused when the client is built.
            #[inline]
            fn credentials(self) -> Result<rt::Credentials, rt::ValidationError> {
                match self {
                    #(#credential_arms)*
                }
            }

            #allowed_in
        }
    }
}

pub fn client(api: &Api, model: &Model<'_>, options: &super::Options) -> TokenStream {
    let doc = docs::attrs(&format!(
        "Client of the {}.\n\nEach method sends one request and returns the typed response, or \
         [`rt::Error`] with the endpoint's error enum.",
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
                quote!(.with_header(#header, rt::HeaderValue::plain(API_VERSION))),
                quote! {
                    /// Sends another of [`API_VERSIONS`] instead of [`API_VERSION`].
                    #[inline]
                    pub fn with_api_version(self, version: &str) -> Result<Self, rt::ValidationError> {
                        Ok(Self { core: self.core.with_version(#header, version, API_VERSIONS)?, auth: self.auth })
                    }
                },
            )
        }
        None => (quote!(), quote!(), quote!()),
    };
    let check_allowed = if schemes_limited(api) {
        quote!(rt::auth::require_allowed(auth.allowed_in(&environment))?;)
    } else {
        quote!()
    };
    let methods = api.endpoints.iter().map(|e| method(api, e, options));
    let operations = api.endpoints.iter().map(|e| operation(api, model, e));
    let pages: Vec<super::pagination::PageMethods> =
        api.endpoints.iter().map(|e| super::pagination::methods(api, model, e)).collect();
    let page_methods = pages.iter().map(|p| &p.public);
    let paged = pages.iter().map(|p| &p.paged);
    let reconcile_methods = api.endpoints.iter().map(|e| super::reconcile::method(api, model, e));
    quote! {
        #version_consts

        #doc
        #[derive(Clone)]
        pub struct Client {
            core: rt::ClientCore,
            auth: rt::Credentials,
        }

        impl ::std::fmt::Debug for Client {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct("Client").field("base_url", &self.core.base_url()).finish_non_exhaustive()
            }
        }

        impl Client {
            /// A client for `environment` that authenticates with `auth`, over HTTPS with the default settings of
            /// `ClientConfig` (30 s timeout; reads, and creates that carry their unique reference, retried on 429, 503,
            /// 504 and connection failures).
            ///
            /// Fails, before anything is sent, when the environment's URL cannot be built (a server variable is empty,
            /// a custom URL is not an `http` or `https` URL with a host), a credential is empty or cannot be sent in a
            /// header, the credentials are not accepted there, or the HTTP client cannot be set up.
            #[inline]
            pub fn new(environment: Environment, auth: Auth) -> Result<Self, rt::ValidationError> {
                Self::with_config(environment, auth, rt::ClientConfig::default())
            }

            /// A client for `environment` that authenticates with `auth`, with the transport, timeouts and retry policy of
            /// `config` (`ClientConfig::default()`: real HTTP over TLS, 30 s timeout, up to 4 attempts for calls that
            /// may be repeated safely).
            ///
            /// Fails, before anything is sent, when the environment's URL cannot be built (a server variable is empty,
            /// a custom URL is not an `http` or `https` URL with a host), a credential is empty or cannot be sent in a
            /// header, the credentials are not accepted there, or the HTTP client cannot be set up.
            #[inline]
            pub fn with_config(
                environment: Environment,
                auth: Auth,
                config: rt::ClientConfig,
            ) -> Result<Self, rt::ValidationError> {
                #check_allowed
                let user_agent = ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION"));
                let core = config.connect(environment.base_url()?, user_agent)? #version_header;
                Ok(Self { core, auth: auth.credentials()? })
            }

            #version_method

            #(#methods)*
            #(#page_methods)*
            #(#reconcile_methods)*
        }

        #(#operations)*
        #(#paged)*
    }
}

fn method(api: &Api, endpoint: &Endpoint, options: &super::Options) -> TokenStream {
    let name = format_ident!("{}", endpoint.name);
    let request_ty = format_ident!("{}", request_name(endpoint));
    let error_ty = format_ident!("{}", error_name(endpoint));
    let success = success_type(endpoint);
    let doc = docs::attrs(&method_doc(api, endpoint, options));
    quote! {
        #doc
        pub async fn #name(&self, request: #request_ty) -> Result<#success, rt::Error<#error_ty>> {
            self.core.run(request, &self.auth).await
        }
    }
}

/// `impl rt::Operation` for the request of `endpoint`: its success and error types, whether it carries credentials,
/// how its success is read, and how its arguments go on the wire, which is all the runtime needs to send it.
fn operation(api: &Api, model: &Model<'_>, endpoint: &Endpoint) -> TokenStream {
    let request_ty = format_ident!("{}", request_name(endpoint));
    let error_ty = format_ident!("{}", error_name(endpoint));
    let success = success_type(endpoint);
    let decode = decode_success(model, endpoint);
    let authenticated = endpoint.auth_required;
    // An endpoint that names its scheme says so, so that the client sends that scheme's header (or refuses).
    let scheme = endpoint.auth_scheme.as_ref().and_then(|name| api.auth.iter().find(|s| &s.name == name)).map(|s| {
        let name = &s.name;
        let basic = matches!(s.method, AuthMethod::Basic);
        quote!(const SCHEME: Option<rt::SchemeUse> = Some(rt::SchemeUse { name: #name, basic: #basic });)
    });
    let direct = direct_arguments(endpoint);
    let pushes_in = |location: Location| -> Vec<TokenStream> {
        let arguments = direct.iter().filter(move |a| a.location == location);
        arguments
            .map(|a| {
                let field = format_ident!("{}", a.rust_name);
                super::wire::push_present(a, a.required, quote!(request.#field), quote!(&request.#field))
            })
            .collect()
    };
    let query_pushes = pushes_in(Location::Query);
    let header_pushes = pushes_in(Location::Header);
    let group_pushes: Vec<TokenStream> = endpoint
        .groups
        .iter()
        .filter(|g| super::groups::sends_outside_body(endpoint, g))
        .map(|g| {
            let field = format_ident!("{}", g.rust_name);
            quote!(request.#field.push_outside_body(&mut query, &mut headers)?;)
        })
        .collect();
    let method_variant = format_ident!("{}", method_variant(endpoint.method));
    // A literal path is already a `&str`; a formatted one is borrowed.
    let path_arg = if crate::template::placeholders(&endpoint.path).is_empty() { quote!(path) } else { quote!(&path) };
    let status = lit(u64::from(endpoint.response.status));
    let mut call = quote!(rt::Call::new(rt::Method::#method_variant, #path_arg, #status));
    // Only what the endpoint sends is declared: without query or header arguments, the call keeps its empty ones.
    let mut steps = Vec::new();
    let groups = !group_pushes.is_empty();
    if !query_pushes.is_empty() || groups {
        steps.push(quote!(let mut query = rt::Query::new(); #(#query_pushes)*));
        call = quote!(#call.query(query));
    }
    if !header_pushes.is_empty() || groups {
        steps.push(quote!(let mut headers: Vec<(String, rt::HeaderValue)> = Vec::new(); #(#header_pushes)*));
        call = quote!(#call.headers(headers));
    }
    steps.extend(group_pushes);
    if let Some(encoding) = endpoint.body {
        let encoding = encoding.runtime();
        call = quote!(#call.body(Some(rt::Body::encode(#encoding, request)?)));
    }
    let path = path_expr(endpoint);
    let resend = resend(endpoint);
    // Every request carries its extras, sent after its own query and headers.
    let extras = format_ident!("{}", crate::naming::REQUEST_EXTRAS);
    call = quote!(#call.extras(&request.#extras));
    let request = match generated_key(endpoint) {
        Some(fill) => fill,
        None => quote!(let request = self;),
    };
    let (api_name, endpoint_name, template) = (&api.name, &endpoint.name, &endpoint.path);
    quote! {
        impl rt::Operation for #request_ty {
            type Success = #success;
            type Error = #error_ty;
            const AUTHENTICATED: bool = #authenticated;
            #scheme
            const DECODE: rt::call::Decoder<#success> = #decode;
            const ENDPOINT: rt::call::Endpoint = rt::call::Endpoint { api: #api_name, name: #endpoint_name, path: #template };

            #[inline]
            fn call(&self) -> Result<rt::Call, rt::ValidationError> {
                #request
                let path = #path;
                #(#steps)*
                Ok(#call #resend)
            }
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
        return quote!(.resend(rt::Resend::Never, None));
    };
    let rule = match idempotency.repeat {
        Repeat::Replayed => quote!(rt::Resend::Replayed),
        Repeat::Rejected => quote!(rt::Resend::Refused),
        Repeat::Undocumented => quote!(rt::Resend::Never),
    };
    let steps: Vec<&crate::ir::Field> = idempotency.steps.iter().collect();
    let reference = super::pagination::access(&steps, quote!(request));
    quote!(.resend(#rule, #reference.map(|value| value.to_string())))
}

/// For an endpoint whose client makes the idempotency key: `request` is the request itself when the caller gave a
/// key, else a copy holding a new one. `call` runs once per logical call, so every retry sends the same key.
fn generated_key(endpoint: &Endpoint) -> Option<TokenStream> {
    let idempotency = endpoint.idempotency.as_ref()?;
    let KeyGenerator::Uuid = idempotency.generate?;
    let [argument] = idempotency.steps.as_slice() else { return None };
    let field = format_ident!("{}", argument.rust_name);
    let value = match &argument.inline_type {
        Some(ty) => {
            let ty = format_ident!("{}", ty);
            quote!(#ty::new(rt::new_idempotency_key()?)?)
        }
        None => quote!(rt::new_idempotency_key()?),
    };
    Some(quote! {
        let filled;
        let request = if self.#field.is_some() {
            self
        } else {
            let mut with_key = self.clone();
            with_key.#field = Some(#value);
            filled = with_key;
            &filled
        };
    })
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
        args.push(quote!(rt::path_segment(#arg_name, &request.#field)?));
    }
    quote!(::std::format!(#template, #(#args),*))
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
    text.push_str(&format!("\n\nReturns: {}", first_paragraph(&endpoint.response.doc.description)));
    if let Some(idempotency) = &endpoint.idempotency {
        text.push_str(&format!("\n\n{}", idempotency.retry_note()));
    } else if !endpoint.is_read() {
        text.push_str("\n\nThe call carries no reference, so it is never resent once it may have reached the server.");
    }
    // The codes at a glance; what each one means is written once, on its variant of the error enum.
    let codes: Vec<String> =
        endpoint.errors.iter().filter_map(|error| api.error(&error.name)).map(ErrorDef::wire_label).collect();
    let variants = if codes.is_empty() {
        "only `Unknown`, for any error".to_owned()
    } else {
        format!("a variant for each error the spec lists here ({}) and `Unknown` for any other", codes.join(", "))
    };
    text.push_str(&format!(
        "\n\n# Errors\n\nA request the server does not accept fails with `Error::Api`, whose [`{}`] has {variants}. A \
         response the spec does not describe is `Error::UnexpectedResponse` with its status, headers and body.",
        endpoint.names.error
    ));
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

/// The first paragraph of `text` on one line: a hard-wrapped description is not cut at its first line break.
fn first_paragraph(text: &str) -> String {
    let paragraph = text.trim().split("\n\n").next().unwrap_or("");
    paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether some auth scheme is accepted only in some environments.
fn schemes_limited(api: &Api) -> bool {
    api.auth.iter().any(|scheme| !scheme.environments.is_empty())
}
