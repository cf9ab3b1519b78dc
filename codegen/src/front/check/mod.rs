//! Rules between parts of a spec, one function per rule, each saying why the rule exists.
//!
//! Checks read the AST and only push diagnostics; they never stop early, so one run reports every problem.

mod api;
mod endpoints;
mod invisible;
mod names;
mod paging_types;
mod reserved;
mod types;
pub(crate) mod values;
mod webhooks;
mod wire;
mod written_names;

use crate::diag::{Diagnostic, Diagnostics};
use crate::front::ast::{ErrorCode, KeyState, Spec, TypeDef, TypeExpr, TypeKind, TypeRef};
use crate::front::messages as msg;
use crate::front::reader::join;
use crate::source::Span;
use std::collections::BTreeMap;

/// What the checks look names up in.
pub(crate) struct Ctx<'s, 'd> {
    pub spec: &'s Spec,
    pub types: BTreeMap<&'s str, &'s TypeDef>,
    pub errors: BTreeMap<&'s str, &'s ErrorCode>,
    pub diagnostics: &'d mut Diagnostics,
}

/// Runs every check on a spec.
pub fn check(spec: &Spec, diagnostics: &mut Diagnostics) {
    let mut found = Diagnostics::new();
    let mut ctx = Ctx { spec, types: BTreeMap::new(), errors: BTreeMap::new(), diagnostics: &mut found };
    for ty in &spec.types {
        ctx.types.entry(ty.name.value.as_str()).or_insert(ty);
    }
    if let Some(errors) = &spec.errors {
        for code in &errors.codes {
            ctx.errors.entry(code.name.value.as_str()).or_insert(code);
        }
    }
    let mut invisible_names = invisible::check(&mut ctx);
    // Sorted, for a binary search per diagnostic: a hostile spec may hold many thousands of such names.
    invisible_names.sort();
    api::check(&mut ctx);
    types::check(&mut ctx);
    endpoints::check(&mut ctx);
    wire::check(&mut ctx);
    paging_types::check(&mut ctx);
    names::check(&mut ctx);
    reserved::check(&mut ctx);
    webhooks::check(&mut ctx);
    // A name with an invisible character is reported once, for that character: what other rules say about the
    // same name (its case, the Rust name it makes) follows from it.
    let about_invisible_name = |d: &Diagnostic| {
        // Names never overlap, so only the last name starting at or before the diagnostic can hold it.
        let before = invisible_names.partition_point(|name| (name.file, name.start) <= (d.span.file, d.span.start));
        d.code != "invisible-character"
            && before > 0
            && invisible_names[before - 1].file == d.span.file
            && d.span.end <= invisible_names[before - 1].end
    };
    // An API-wide header is checked on every endpoint it joins; a problem of its own is the same diagnostic each
    // time, at the one place it is written, and is shown once.
    let mut shown = std::collections::HashSet::new();
    for diagnostic in found.iter().filter(|d| !about_invisible_name(d)) {
        if shown.insert((diagnostic.code, diagnostic.span, diagnostic.message.as_str(), diagnostic.spec_path.as_str()))
        {
            diagnostics.push(diagnostic.clone());
        }
    }
}

impl Ctx<'_, '_> {
    /// Reports `key` as missing from the mapping at `path` (introduced at `anchor`) when a rule needs it: only if it
    /// is really not written. A key written with a value that could not be read is already reported, and a mapping
    /// that lost a line to syntax-error recovery may have had the key on that line.
    pub fn require(&mut self, anchor: Span, path: &str, key: &str) {
        match self.key_state(path, key) {
            KeyState::Absent => self.diagnostics.push(msg::missing_key(anchor, path, key)),
            KeyState::Empty(span) => self.diagnostics.push(msg::missing_value(span, &join(path, key), key)),
            KeyState::Present | KeyState::Unknown => {}
        }
    }

    /// Whether `name` is certainly not declared under `key` of the mapping at `parent` (such as an argument under
    /// `endpoints.x.arguments`). After a syntax error in that mapping (or above it), the name may have been on the
    /// skipped line.
    pub fn certainly_undeclared(&self, parent: &str, key: &str, name: &str) -> bool {
        self.certainly_absent(&join(&join(parent, key), name))
    }

    /// Whether nothing is written at the dotted `path`, for certain: the mapping that would hold it was read whole
    /// without it, or is itself certainly absent.
    pub fn certainly_absent(&self, path: &str) -> bool {
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path));
        match self.key_state(parent, key) {
            KeyState::Absent | KeyState::Empty(_) => true,
            KeyState::Present => false,
            KeyState::Unknown => {
                !parent.is_empty() && !self.spec.written.is_recorded(parent) && self.certainly_absent(parent)
            }
        }
    }

    /// How `key` was written in the mapping at `path`.
    pub fn key_state(&self, path: &str, key: &str) -> KeyState {
        self.spec.written.state(path, key)
    }

    /// Reports every named type in `ty` that is not declared.
    pub fn check_type_ref(&mut self, ty: &TypeRef, path: &str) {
        let mut names = Vec::new();
        collect_names(&ty.expr, &mut names);
        for name in names {
            if let Some(kind) = self.types.get(name.as_str()).and_then(|t| t.kind.as_ref()) {
                if !matches!(kind.value, TypeKind::Object | TypeKind::Union) && is_expanded(&ty.expr, &name) {
                    self.diagnostics.push(msg::expandable_not_object(ty.span, path, &name, kind.value.name()));
                }
            }
            if !self.types.contains_key(name.as_str()) && self.certainly_undeclared("", "types", &name) {
                let candidates: Vec<String> = self
                    .types
                    .keys()
                    .map(|k| k.to_string())
                    .chain(crate::front::ast::Primitive::ALL.iter().map(|(n, _)| n.to_string()))
                    .collect();
                self.diagnostics.push(msg::unknown_type(ty.span, path, &name, &candidates));
            }
        }
    }

    /// The definition of a named type (not of `expandable<...>`, whose value is also an ID string).
    pub fn type_def(&self, expr: &TypeExpr) -> Option<&TypeDef> {
        match expr {
            TypeExpr::Named(name) => self.types.get(name.as_str()).copied(),
            _ => None,
        }
    }

    pub fn error_names(&self) -> Vec<String> {
        self.errors.keys().map(|k| k.to_string()).collect()
    }
}

fn collect_names(expr: &TypeExpr, out: &mut Vec<String>) {
    match expr {
        TypeExpr::Named(name) | TypeExpr::Expandable(name) => out.push(name.clone()),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => collect_names(inner, out),
        TypeExpr::Primitive(_) => {}
    }
}

/// Whether `expr` holds `expandable<name>`.
fn is_expanded(expr: &TypeExpr, name: &str) -> bool {
    match expr {
        TypeExpr::Expandable(inner) => inner == name,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => is_expanded(inner, name),
        TypeExpr::Named(_) | TypeExpr::Primitive(_) => false,
    }
}
