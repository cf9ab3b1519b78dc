//! The auth kinds: how a credential travels on a request.
//!
//! Runtime side: `codegen_runtime::auth`, one function per kind that turns the credential into its header (`bearer`,
//! `basic`, `api_key`).

use serde_json::{json, Map, Value};

/// One way to send a credential, with what that way needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthMethod {
    /// `Authorization: Bearer <token>`; `format` names the token's format for the docs (`JWT`).
    Bearer { format: Option<String> },
    /// `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// The key as it is, in a header of its own.
    ApiKey { header: String },
    /// OAuth 2.0 client credentials: `Authorization: Bearer <token>` with a token the client fetches at `token_url`
    /// (a path on the API's server) with its ID and secret, asking for `scopes`.
    OAuth2ClientCredentials { token_url: String, scopes: Vec<String> },
}

impl AuthMethod {
    /// The spec's word for the kind.
    pub fn word(&self) -> &'static str {
        match self {
            AuthMethod::Bearer { .. } => "bearer",
            AuthMethod::Basic => "basic",
            AuthMethod::ApiKey { .. } => "api_key",
            AuthMethod::OAuth2ClientCredentials { .. } => "oauth2_client_credentials",
        }
    }

    /// The spec's word with the token format, when it has one (`bearer (JWT)`), in plain text.
    pub fn label(&self) -> String {
        match self {
            AuthMethod::Bearer { format: Some(format) } => format!("bearer ({format})"),
            AuthMethod::Bearer { format: None }
            | AuthMethod::Basic
            | AuthMethod::ApiKey { .. }
            | AuthMethod::OAuth2ClientCredentials { .. } => self.word().to_owned(),
        }
    }

    /// The header the credential travels in.
    pub fn header(&self) -> &str {
        match self {
            AuthMethod::Bearer { .. } | AuthMethod::Basic | AuthMethod::OAuth2ClientCredentials { .. } => {
                "Authorization"
            }
            AuthMethod::ApiKey { header } => header,
        }
    }

    /// Whether the credential sent is a user name and a password rather than one secret (an OAuth2 client sends a
    /// token, which it gets with its ID and secret).
    pub fn takes_user_and_password(&self) -> bool {
        match self {
            AuthMethod::Bearer { .. } | AuthMethod::ApiKey { .. } | AuthMethod::OAuth2ClientCredentials { .. } => false,
            AuthMethod::Basic => true,
        }
    }

    /// How the credential is sent, in one line of Markdown (the docs).
    pub fn sent_as(&self) -> String {
        match self {
            AuthMethod::Bearer { .. } => "`Authorization: Bearer <token>`".to_owned(),
            AuthMethod::Basic => "`Authorization: Basic <base64(user:password)>`".to_owned(),
            AuthMethod::ApiKey { header } => format!("`{header}: <key>`"),
            AuthMethod::OAuth2ClientCredentials { token_url, .. } => {
                format!(
                    "`Authorization: Bearer <token>`, the token fetched at `{token_url}` with the client ID and secret"
                )
            }
        }
    }

    /// How the credential is sent, in a sentence for the generated `Auth` variant's doc.
    pub fn rust_doc(&self) -> String {
        match self {
            AuthMethod::Bearer { .. } => "Sent as `Authorization: Bearer <token>`.".to_owned(),
            AuthMethod::Basic => "Sent as `Authorization: Basic <base64(username:password)>`.".to_owned(),
            AuthMethod::ApiKey { header } => format!("Sent in the `{header}` header."),
            AuthMethod::OAuth2ClientCredentials { token_url, scopes } => {
                let scopes =
                    if scopes.is_empty() { String::new() } else { format!(" for the scopes `{}`", scopes.join(" ")) };
                format!(
                    "The client trades the ID and secret for a bearer token at `POST {token_url}` (sent as \
                     `Authorization: Basic`, with `grant_type=client_credentials`{scopes}), keeps the token, fetches \
                     a new one a minute before it expires or after the API refuses it, and sends it as \
                     `Authorization: Bearer <token>`. Neither the secret nor the token is ever printed."
                )
            }
        }
    }

    /// The value a sample request shows in the credential's header, given the secret (for `basic`, `user:password`
    /// before encoding).
    pub fn sample_value(&self, secret: String) -> String {
        match self {
            AuthMethod::Bearer { .. } | AuthMethod::OAuth2ClientCredentials { .. } => format!("Bearer {secret}"),
            AuthMethod::Basic | AuthMethod::ApiKey { .. } => secret,
        }
    }

    /// The OpenAPI security scheme's fields but its description.
    pub fn openapi_scheme(&self) -> Map<String, Value> {
        let mut out = Map::new();
        match self {
            AuthMethod::Bearer { format } => {
                out.insert("type".into(), json!("http"));
                out.insert("scheme".into(), json!("bearer"));
                if let Some(format) = format {
                    out.insert("bearerFormat".into(), json!(format));
                }
            }
            AuthMethod::Basic => {
                out.insert("type".into(), json!("http"));
                out.insert("scheme".into(), json!("basic"));
            }
            AuthMethod::ApiKey { header } => {
                out.insert("type".into(), json!("apiKey"));
                out.insert("in".into(), json!("header"));
                out.insert("name".into(), json!(header));
            }
            AuthMethod::OAuth2ClientCredentials { token_url, scopes } => {
                out.insert("type".into(), json!("oauth2"));
                let scopes: Map<String, Value> =
                    scopes.iter().map(|scope| (scope.clone(), json!(format!("The `{scope}` scope.")))).collect();
                out.insert("flows".into(), json!({"clientCredentials": {"tokenUrl": token_url, "scopes": scopes}}));
            }
        }
        out
    }
}
