//! The front end: spec text -> YAML nodes -> AST -> checks -> IR.

pub mod ast;
mod check;
mod lower;
pub mod messages;
mod read;
mod reader;
mod type_expr;
pub mod yaml;

use crate::diag::Diagnostics;
use crate::ir::Api;
use crate::source::FileId;

/// Reads and checks one spec file already added to the sources. Returns the IR when the spec has no problems; every
/// problem found is pushed to `diagnostics`.
pub fn compile(file: FileId, text: &str, display_name: &str, diagnostics: &mut Diagnostics) -> Option<Api> {
    let before = diagnostics.len();
    let root = yaml::parse(file, text, diagnostics)?;
    let spec = read::read_spec(file, &root, diagnostics);
    check::check(&spec, diagnostics);
    if diagnostics.len() > before {
        return None;
    }
    Some(lower::lower(&spec, display_name))
}
