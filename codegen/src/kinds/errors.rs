//! The error style: how an error response says which error it is.
//!
//! Runtime side: `codegen_runtime::api_errors` (`status_errors!`) and `codegen_runtime::coded_errors`
//! (`code_errors!`, `CodeRules`), one table macro per shape, and the payload each variant carries (`StatusError`,
//! `CodedError`).

use crate::ir::{ErrorDef, ErrorModel, TypeExpr};

/// How the server's error responses tell errors apart, with what each way needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorShape {
    /// `by_status`: the HTTP status identifies the error; each error has its own status, body and headers.
    ByStatus,
    /// `by_code` (and `code_array`, its form for `[code, message, details]` arrays): a code in the body, with the
    /// status, identifies the error; errors with `match: status` are told by their status alone.
    Coded(CodeRules),
}

/// Where an API's error bodies carry their code, message and details, and how codes compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeRules {
    /// JSON pointer to the code.
    pub code: String,
    /// JSON pointer to the message, when the API sends one.
    pub message: Option<String>,
    /// JSON pointer to the part an error's details type describes (`""`: the whole body).
    pub details: String,
    /// `code_array`: the one status handled errors arrive with; any other status is not an error of the API.
    pub only_status: Option<u16>,
    /// Codes are compared ignoring ASCII case.
    pub case_insensitive: bool,
}

/// What one error carries besides its status: a body read by its type (an error told by status), or details read
/// where the API's [`CodeRules`] say (an error told by code).
#[derive(Clone, Debug, PartialEq)]
pub enum ErrorWire {
    /// Told by its status alone (every error of `by_status`, and `match: status` with `by_code`): its own body
    /// (`None`: documented without one, `body: none`) and, when it documents response headers, the struct that
    /// reads them.
    Status {
        body: Option<TypeExpr>,
        /// The struct of the documented headers, for an error that documents any.
        headers_type: Option<String>,
    },
    /// Told by its code: the type of its details, when the spec gives one (otherwise they stay JSON).
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
            ErrorShape::Coded(rules) => rules.case_insensitive,
        }
    }

    /// How errors are identified, in a few words of HTML (the docs index).
    pub fn identified_html(&self) -> String {
        match self {
            ErrorShape::ByStatus => "identified by HTTP status".to_owned(),
            ErrorShape::Coded(rules) => {
                inline_code_html(&format!("identified by the code at `{}`", pointer(&rules.code)))
            }
        }
    }

    /// The style with what it means, in HTML.
    pub fn style_html(&self) -> String {
        match self {
            ErrorShape::ByStatus => "<code>by_status</code>: the HTTP status identifies the error".to_owned(),
            ErrorShape::Coded(rules) => format!("<code>by_code</code>: {}", inline_code_html(&rules.sentence())),
        }
    }

    /// The style with what it means, in Markdown.
    pub fn style_markdown(&self) -> String {
        match self {
            ErrorShape::ByStatus => "`by_status`: the HTTP status identifies the error".to_owned(),
            ErrorShape::Coded(rules) => format!("`by_code`: {}", rules.sentence()),
        }
    }
}

impl CodeRules {
    /// Where the code, message and details are, in a sentence of Markdown.
    pub fn sentence(&self) -> String {
        let mut sentence =
            format!("the status and the code at `{}` in the JSON body identify the error", pointer(&self.code));
        if let Some(message) = &self.message {
            sentence.push_str(&format!("; the message is at `{}`", pointer(message)));
        }
        sentence.push_str(&format!("; details at `{}`", pointer(&self.details)));
        if let Some(status) = self.only_status {
            sentence.push_str(&format!("; every handled error is HTTP {status}"));
        }
        if self.case_insensitive {
            sentence.push_str("; codes compare ignoring case");
        }
        sentence
    }
}

/// A sentence whose only Markdown is `code` spans, as HTML.
fn inline_code_html(sentence: &str) -> String {
    let escaped = sentence.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let mut html = String::new();
    for (i, part) in escaped.split('`').enumerate() {
        if i % 2 == 1 {
            html.push_str(&format!("<code>{part}</code>"));
        } else {
            html.push_str(part);
        }
    }
    html
}

/// A JSON pointer as docs show it: the empty pointer, the whole body, shown as `""`.
fn pointer(pointer: &str) -> &str {
    if pointer.is_empty() {
        "\"\""
    } else {
        pointer
    }
}

impl ErrorDef {
    /// Every status the error arrives with, the first first.
    pub fn statuses(&self) -> impl Iterator<Item = u16> + '_ {
        std::iter::once(self.status).chain(self.also.iter().copied())
    }

    /// The statuses as the docs write them: `400` or `400, 422`.
    pub fn statuses_text(&self) -> String {
        self.statuses().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")
    }

    /// How the wire names the error, in a sentence of Markdown.
    pub fn wire_sentence(&self) -> String {
        match self.wire {
            ErrorWire::Status { .. } => format!("HTTP {}.", self.statuses_text()),
            ErrorWire::Code { .. } => format!("HTTP {} with code `{}`.", self.statuses_text(), self.name),
        }
    }

    /// The error's name with what identifies it on the wire, in Markdown (`` `name` (HTTP 404) ``).
    pub fn wire_label(&self) -> String {
        match self.wire {
            ErrorWire::Status { .. } => format!("`{}` (HTTP {})", self.name, self.statuses_text()),
            ErrorWire::Code { .. } => format!("`{}` (HTTP {}, by code)", self.name, self.statuses_text()),
        }
    }
}

impl ErrorModel {
    /// The HTTP status the error named `name` arrives with.
    pub fn status_of(&self, name: &str) -> Option<u16> {
        self.codes.iter().find(|c| c.name == name).map(|c| c.status)
    }
}
