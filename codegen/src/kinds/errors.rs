//! The error style: how an error response says which error it is.
//!
//! Runtime side: `codegen_runtime::api_errors`, one table macro per shape (`status_errors!`, `code_errors!`) and the
//! payload each variant carries (`StatusError`, `CodedError`).

use crate::ir::{ErrorDef, ErrorModel};

/// How the server's error responses tell errors apart, with what each way needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorShape {
    /// `by_status`: the HTTP status identifies the error; each error has its own status, body and headers.
    ByStatus,
    /// `code_array`: every handled error arrives with one `status` and a `[code, message, details]` array body.
    CodeArray {
        status: u16,
        /// Codes are compared ignoring ASCII case.
        case_insensitive: bool,
    },
}

impl ErrorShape {
    /// The HTTP status an error arrives with, given its definition.
    pub fn status_of(&self, def: Option<&ErrorDef>) -> Option<u16> {
        match self {
            ErrorShape::ByStatus => def.and_then(|d| d.status),
            ErrorShape::CodeArray { status, .. } => Some(*status),
        }
    }

    /// Whether error codes are compared ignoring case.
    pub fn ignores_case(&self) -> bool {
        match self {
            ErrorShape::ByStatus => false,
            ErrorShape::CodeArray { case_insensitive, .. } => *case_insensitive,
        }
    }

    /// Whether an error's own response headers reach its payload (a `code_array` error keeps only the array).
    pub fn keeps_headers(&self) -> bool {
        match self {
            ErrorShape::ByStatus => true,
            ErrorShape::CodeArray { .. } => false,
        }
    }

    /// How the wire names one error, in a sentence of Markdown.
    pub fn wire_sentence(&self, def: &ErrorDef) -> String {
        match self {
            ErrorShape::ByStatus => format!("HTTP {}.", def.status.unwrap_or_default()),
            ErrorShape::CodeArray { .. } => format!("Code `{}`.", def.name),
        }
    }

    /// An error's name with what identifies it on the wire, in Markdown (`` `name` (HTTP 404) ``).
    pub fn wire_label(&self, name: &str, def: Option<&ErrorDef>) -> String {
        match self {
            ErrorShape::ByStatus => {
                format!("`{name}` (HTTP {})", def.and_then(|e| e.status).unwrap_or_default())
            }
            ErrorShape::CodeArray { .. } => format!("`{name}`"),
        }
    }

    /// How errors are identified, in a few words of HTML (the docs index).
    pub fn identified_html(&self) -> &'static str {
        match self {
            ErrorShape::ByStatus => "identified by HTTP status",
            ErrorShape::CodeArray { .. } => "codes in a <code>[code, message, details]</code> array",
        }
    }

    /// The style with what it means, in HTML.
    pub fn style_html(&self) -> String {
        match self {
            ErrorShape::ByStatus => "<code>by_status</code>: the HTTP status identifies the error".to_owned(),
            ErrorShape::CodeArray { status, case_insensitive } => format!(
                "<code>code_array</code>: HTTP {status} with a JSON array <code>[code, message, details]</code>{}",
                if *case_insensitive { "; codes compare ignoring case" } else { "" }
            ),
        }
    }

    /// The style with what it means, in Markdown.
    pub fn style_markdown(&self) -> String {
        match self {
            ErrorShape::ByStatus => "`by_status`: the HTTP status identifies the error".to_owned(),
            ErrorShape::CodeArray { status, .. } => {
                format!("`code_array`: HTTP {status} with a JSON array `[code, message, details]`")
            }
        }
    }
}

impl ErrorModel {
    /// The HTTP status the error named `name` arrives with.
    pub fn status_of(&self, name: &str) -> Option<u16> {
        self.shape.status_of(self.codes.iter().find(|c| c.name == name))
    }
}
