//! The front end: spec text -> YAML nodes -> AST -> checks -> IR.

pub mod ast;
mod check;
mod lower;
mod lower_webhooks;
pub mod messages;
mod read;
mod read_webhooks;
mod reader;
mod type_expr;
pub mod yaml;

use crate::diag::Diagnostics;
use crate::ir::Api;
use crate::source::FileId;

/// What reading one spec gave.
pub struct Compiled {
    /// The IR, when the spec has no problems.
    pub api: Option<Api>,
    /// `api.name` as written, when it could be read (even from a spec with problems), for the rules across specs.
    pub name: Option<ast::Text>,
}

/// Reads and checks one spec file already added to the sources. Every problem found is pushed to `diagnostics`.
pub fn compile(file: FileId, text: &str, display_name: &str, diagnostics: &mut Diagnostics) -> Compiled {
    let before = diagnostics.len();
    let Some(root) = yaml::parse(file, text, diagnostics) else { return Compiled { api: None, name: None } };
    let spec = read::read_spec(file, &root, diagnostics);
    check::check(&spec, diagnostics);
    let name = spec.api.name.clone();
    if diagnostics.len() > before {
        return Compiled { api: None, name };
    }
    Compiled { api: Some(lower::lower(&spec, display_name)), name }
}
