//! The error style: how an error response says which error it is.
//!
//! Runtime side: `codegen_runtime::api_errors`, one table macro per shape (`status_errors!`, `code_errors!`) and the
//! payload each variant carries (`StatusError`, `CodedError`).

use crate::ir::{ErrorDef, ErrorModel, TypeExpr};

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

/// What one error carries besides its status, with the data its [`ErrorShape`] needs: every error of an API has the
/// variant of the API's shape (`Status` for `by_status`, `Code` for `code_array`).
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorWire {
    /// `by_status`: the error's own body (`None`: documented without one, `body: none`) and, when it documents
    /// response headers, the struct that reads them.
    Status {
        body: Option<TypeExpr>,
        /// The struct of the documented headers, for an error that documents any.
        headers_type: Option<String>,
    },
    /// `code_array`: the type of the array's `details`, when the spec gives one (otherwise they stay JSON).
    Code { details: Option<TypeExpr> },
}

impl ErrorWire {
    /// The type of what the error's body carries: a `by_status` body, or `code_array` details when they are typed.
    pub fn payload_type(&self) -> Option<&TypeExpr> {
        match self {
            ErrorWire::Status { body, .. } => body.as_ref(),
            ErrorWire::Code { details } => details.as_ref(),
        }
    }
}

impl ErrorShape {
    /// Whether error codes are compared ignoring case.
    pub fn ignores_case(&self) -> bool {
        match self {
            ErrorShape::ByStatus => false,
            ErrorShape::CodeArray { case_insensitive, .. } => *case_insensitive,
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

impl ErrorDef {
    /// How the wire names the error, in a sentence of Markdown.
    pub fn wire_sentence(&self) -> String {
        match self.wire {
            ErrorWire::Status { .. } => format!("HTTP {}.", self.status),
            ErrorWire::Code { .. } => format!("Code `{}`.", self.name),
        }
    }

    /// The error's name with what identifies it on the wire, in Markdown (`` `name` (HTTP 404) ``).
    pub fn wire_label(&self) -> String {
        match self.wire {
            ErrorWire::Status { .. } => format!("`{}` (HTTP {})", self.name, self.status),
            ErrorWire::Code { .. } => format!("`{}`", self.name),
        }
    }
}

impl ErrorModel {
    /// The HTTP status the error named `name` arrives with.
    pub fn status_of(&self, name: &str) -> Option<u16> {
        self.codes.iter().find(|c| c.name == name).map(|c| c.status)
    }
}
