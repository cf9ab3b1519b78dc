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
}

impl AuthMethod {
    /// The spec's word for the kind.
    pub fn word(&self) -> &'static str {
        match self {
            AuthMethod::Bearer { .. } => "bearer",
            AuthMethod::Basic => "basic",
            AuthMethod::ApiKey { .. } => "api_key",
        }
    }

    /// The spec's word with the token format, when it has one (`bearer (JWT)`), in plain text.
    pub fn label(&self) -> String {
        match self {
            AuthMethod::Bearer { format: Some(format) } => format!("bearer ({format})"),
            AuthMethod::Bearer { format: None } | AuthMethod::Basic | AuthMethod::ApiKey { .. } => {
                self.word().to_owned()
            }
        }
    }

    /// The header the credential travels in.
    pub fn header(&self) -> &str {
        match self {
            AuthMethod::Bearer { .. } | AuthMethod::Basic => "Authorization",
            AuthMethod::ApiKey { header } => header,
        }
    }

    /// Whether the credential is a user name and a password rather than one secret.
    pub fn takes_user_and_password(&self) -> bool {
        match self {
            AuthMethod::Bearer { .. } | AuthMethod::ApiKey { .. } => false,
            AuthMethod::Basic => true,
        }
    }

    /// How the credential is sent, in one line of Markdown (the docs).
    pub fn sent_as(&self) -> String {
        match self {
            AuthMethod::Bearer { .. } => "`Authorization: Bearer <token>`".to_owned(),
            AuthMethod::Basic => "`Authorization: Basic <base64(user:password)>`".to_owned(),
            AuthMethod::ApiKey { header } => format!("`{header}: <key>`"),
        }
    }

    /// How the credential is sent, in a sentence for the generated `Auth` variant's doc.
    pub fn rust_doc(&self) -> String {
        match self {
            AuthMethod::Bearer { .. } => "Sent as `Authorization: Bearer <token>`.".to_owned(),
            AuthMethod::Basic => "Sent as `Authorization: Basic <base64(username:password)>`.".to_owned(),
            AuthMethod::ApiKey { header } => format!("Sent in the `{header}` header."),
        }
    }

    /// The value a sample request shows in the credential's header, given the secret (for `basic`, `user:password`
    /// before encoding).
    pub fn sample_value(&self, secret: String) -> String {
        match self {
            AuthMethod::Bearer { .. } => format!("Bearer {secret}"),
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
        }
        out
    }
}
