//! Object types that contain themselves, directly (`Node.parent: Node`) or through others (`Account.owner: Owner`,
//! `Owner.main: Account`), would have infinite size as plain structs. A field that closes such a cycle is held in a
//! `Box`; the JSON is the same, since serde reads and writes a `Box<T>` as the `T` inside.
//!
//! Arrays and maps already hold their items on the heap, so only fields whose type is an object type itself (optional
//! or not, nullable or not) form cycles. The types are walked depth first in spec order, fields in spec order, and a
//! field that leads back to a type still being walked closes a cycle: boxing exactly those breaks every cycle, and
//! the same spec always boxes the same fields.

use crate::ir::{Api, TypeDefKind, TypeExpr};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    InProgress,
    Done,
}

/// (object type, wire name) of every field to hold in a `Box`.
pub fn fields_to_box(api: &Api) -> BTreeSet<(String, String)> {
    let mut walk = Walk { api, visits: BTreeMap::new(), boxed: BTreeSet::new() };
    for ty in &api.types {
        walk.visit(&ty.name);
    }
    walk.boxed
}

struct Walk<'a> {
    api: &'a Api,
    visits: BTreeMap<&'a str, Visit>,
    boxed: BTreeSet<(String, String)>,
}

impl<'a> Walk<'a> {
    fn visit(&mut self, name: &'a str) {
        if self.visits.contains_key(name) {
            return;
        }
        let Some(TypeDefKind::Object { fields, .. }) = self.api.type_def(name).map(|t| &t.kind) else { return };
        self.visits.insert(name, Visit::InProgress);
        for field in fields {
            // Only an object type held in place can make the struct contain itself.
            let TypeExpr::Named(target) = &field.ty else { continue };
            match self.visits.get(target.as_str()) {
                Some(Visit::InProgress) => {
                    self.boxed.insert((name.to_owned(), field.wire_name.clone()));
                }
                Some(Visit::Done) => {}
                None => self.visit(target),
            }
        }
        self.visits.insert(name, Visit::Done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(yaml_types: &str) -> Api {
        let spec = format!(
            "spec: 1\napi: {{name: t, title: T, description: T., style: rest}}\nservers: {{prod: {{url: 'https://x.example', \
             description: P.}}}}\nerrors: {{style: by_status, description: E., codes: {{}}}}\ntypes:\n{yaml_types}\n\
             endpoints: {{}}\n"
        );
        let workspace = crate::Workspace::from_source("t.yaml", &spec);
        assert!(workspace.is_ok(), "{}", workspace.render());
        workspace.apis.into_iter().next().expect("one API")
    }

    fn boxed(yaml_types: &str) -> Vec<(String, String)> {
        fields_to_box(&api(yaml_types)).into_iter().collect()
    }

    fn pair(ty: &str, field: &str) -> (String, String) {
        (ty.to_owned(), field.to_owned())
    }

    #[test]
    fn a_type_that_contains_itself_boxes_that_field() {
        let types = "  Node: {kind: object, description: N., fields: {parent: {type: Node, description: P.}, \
                     kids: {type: 'array<Node>', description: K.}, named: {type: 'map<Node>', description: M.}}}";
        assert_eq!(boxed(types), [pair("Node", "parent")]);
    }

    #[test]
    fn a_cycle_through_two_types_boxes_the_field_that_closes_it() {
        let types = "  A: {kind: object, description: A., fields: {b: {type: B, required: true, description: B.}}}\n  \
                     B: {kind: object, description: B., fields: {a: {type: A, required: true, description: A.}}}";
        assert_eq!(boxed(types), [pair("B", "a")]);
    }

    #[test]
    fn types_without_cycles_box_nothing() {
        let types = "  A: {kind: object, description: A., fields: {b: {type: B, description: B.}, \
                     c: {type: B, description: C.}}}\n  \
                     B: {kind: object, description: B., fields: {n: {type: string, description: N.}}}";
        assert!(boxed(types).is_empty());
    }
}
