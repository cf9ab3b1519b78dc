//! The API style: where an endpoint lives and where its arguments travel.
//!
//! Runtime side: none of its own; the emitted call sends a body or not (`crate::emit::client`).

use crate::ir::{Field, Location, Method};

/// How the spec's endpoints map onto HTTP.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiStyle {
    /// Every endpoint is a `POST` to `path_prefix` + its name (dashed), with every argument in a JSON object body.
    Rpc { path_prefix: String },
    /// Every endpoint gives its method and path; arguments say where they travel.
    Rest,
}

impl ApiStyle {
    /// The method and path of an endpoint named `name`, given the method and path the spec writes (used by REST).
    pub fn route(&self, name: &str, method: Method, path: String) -> (Method, String) {
        match self {
            ApiStyle::Rpc { path_prefix } => (Method::Post, format!("{path_prefix}{}", name.replace('_', "-"))),
            ApiStyle::Rest => (method, path),
        }
    }

    /// Whether every argument travels in the body, whatever its `in` says.
    pub fn all_in_body(&self) -> bool {
        match self {
            ApiStyle::Rpc { .. } => true,
            ApiStyle::Rest => false,
        }
    }

    /// Whether the argument travels outside the body (path, query or header).
    pub fn outside_body(&self, argument: &Field) -> bool {
        !self.all_in_body() && argument.location != Location::Body
    }

    /// Whether a request with these arguments sends a JSON body (an RPC request always does, `{}` at the least).
    pub fn sends_body(&self, arguments: &[Field]) -> bool {
        self.all_in_body() || arguments.iter().any(|a| a.location == Location::Body)
    }

    /// Its name on a badge.
    pub fn badge(&self) -> &'static str {
        match self {
            ApiStyle::Rpc { .. } => "RPC",
            ApiStyle::Rest => "REST",
        }
    }

    /// What it means, in a few words of plain text.
    pub fn summary(&self) -> &'static str {
        match self {
            ApiStyle::Rpc { .. } => "RPC: every endpoint is a POST with a JSON object body",
            ApiStyle::Rest => "REST",
        }
    }

    /// What it means, in a few words of Markdown.
    pub fn summary_markdown(&self) -> &'static str {
        match self {
            ApiStyle::Rpc { .. } => "RPC (every endpoint is a `POST` with a JSON object body)",
            ApiStyle::Rest => "REST",
        }
    }
}
