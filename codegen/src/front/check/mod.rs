//! Rules between parts of a spec, one function per rule, each saying why the rule exists.
//!
//! Checks read the AST and only push diagnostics; they never stop early, so one run reports every problem.

mod api;
mod endpoints;
mod names;
mod types;
pub(crate) mod values;

use crate::diag::Diagnostics;
use crate::front::ast::{ErrorCode, Spec, TypeDef, TypeExpr, TypeRef};
use crate::front::messages as msg;
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
    let mut ctx = Ctx { spec, types: BTreeMap::new(), errors: BTreeMap::new(), diagnostics };
    for ty in &spec.types {
        ctx.types.entry(ty.name.value.as_str()).or_insert(ty);
    }
    if let Some(errors) = &spec.errors {
        for code in &errors.codes {
            ctx.errors.entry(code.name.value.as_str()).or_insert(code);
        }
    }
    api::check(&mut ctx);
    types::check(&mut ctx);
    endpoints::check(&mut ctx);
    names::check(&mut ctx);
}

impl Ctx<'_, '_> {
    /// Reports every named type in `ty` that is not declared.
    pub fn check_type_ref(&mut self, ty: &TypeRef, path: &str) {
        let mut names = Vec::new();
        collect_names(&ty.expr, &mut names);
        for name in names {
            if !self.types.contains_key(name.as_str()) {
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
        TypeExpr::Named(name) => out.push(name.clone()),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => collect_names(inner, out),
        TypeExpr::Primitive(_) => {}
    }
}
