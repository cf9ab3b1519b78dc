//! Reading YAML nodes as spec values: mappings with a known set of keys, scalars of a given kind, JSON values and
//! type expressions. Every problem becomes a diagnostic and the reader carries on with what it could read.

use crate::diag::Diagnostics;
use crate::front::ast::{Json, Spanned, Text, TypeRef};
use crate::front::messages as msg;
use crate::front::type_expr;
use crate::front::yaml::{Entry, Node, Value};
use crate::source::Span;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A mapping whose keys were checked against the keys allowed at its place in the spec.
pub struct Map<'n> {
    pub entries: &'n [Entry],
    /// Where a "missing key" diagnostic points: the key that introduced this mapping.
    pub anchor: Span,
    pub path: String,
    allowed: &'static [&'static str],
}

pub struct Reader<'d> {
    pub diagnostics: &'d mut Diagnostics,
}

/// Joins a spec path and a key: `endpoints` + `get_payout` = `endpoints.get_payout`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

impl<'n> Map<'n> {
    pub fn get(&self, key: &str) -> Option<&'n Entry> {
        debug_assert!(self.allowed.contains(&key), "`{key}` is read but not listed as allowed");
        self.entries.iter().find(|e| e.key == key)
    }

    pub fn child_path(&self, key: &str) -> String {
        join(&self.path, key)
    }
}

impl Reader<'_> {
    /// Reads `node` as a mapping and reports every key not in `allowed`.
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        anchor: Span,
        path: &str,
        allowed: &'static [&'static str],
    ) -> Option<Map<'n>> {
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    if !allowed.contains(&entry.key.as_str()) {
                        self.diagnostics.push(msg::unknown_key(entry.key_span, path, &entry.key, allowed));
                    }
                }
                Some(Map { entries, anchor, path: path.to_owned(), allowed })
            }
            _ if node.is_null() => Some(Map { entries: &[], anchor, path: path.to_owned(), allowed }),
            _ => {
                self.diagnostics.push(msg::wrong_node(node.span, path, "a mapping", node.describe()));
                None
            }
        }
    }

    /// The entries of a mapping whose keys are names chosen by the spec author (types, fields, endpoints...).
    pub fn named<'n>(&mut self, map: &Map<'n>, key: &str) -> Vec<&'n Entry> {
        let Some(entry) = map.get(key) else { return Vec::new() };
        match &entry.value.value {
            Value::Map(entries) => entries.iter().collect(),
            _ if entry.value.is_null() => Vec::new(),
            _ => {
                let path = map.child_path(key);
                self.diagnostics.push(msg::wrong_node(
                    entry.value.span,
                    &path,
                    "a mapping of names",
                    entry.value.describe(),
                ));
                Vec::new()
            }
        }
    }

    pub fn required(&mut self, map: &Map<'_>, key: &str) -> bool {
        if map.get(key).is_none() {
            self.diagnostics.push(msg::missing_key(map.anchor, &map.path, key));
            return false;
        }
        true
    }

    /// A scalar as text. Null counts as absent.
    pub fn text(&mut self, map: &Map<'_>, key: &str) -> Option<Text> {
        let entry = map.get(key)?;
        self.scalar_text(&entry.value, &map.child_path(key))
    }

    pub fn scalar_text(&mut self, node: &Node, path: &str) -> Option<Text> {
        match &node.value {
            Value::Scalar(s) if s.is_null() => None,
            Value::Scalar(s) => Some(Spanned { value: s.text.clone(), span: node.span }),
            _ => {
                self.diagnostics.push(msg::wrong_node(node.span, path, "text", node.describe()));
                None
            }
        }
    }

    /// Text that must be present and not blank (titles, descriptions).
    pub fn prose(&mut self, map: &Map<'_>, key: &str, required: bool) -> Option<Text> {
        if required && !self.required(map, key) {
            return None;
        }
        let text = self.text(map, key);
        if let (Some(t), true) = (&text, required) {
            if t.value.trim().is_empty() {
                self.diagnostics.push(msg::empty_text(t.span, &map.child_path(key), key));
            }
        }
        if text.is_none() && required {
            if let Some(entry) = map.get(key) {
                if entry.value.is_null() {
                    self.diagnostics.push(msg::empty_text(entry.key_span, &map.child_path(key), key));
                }
            }
        }
        text
    }

    pub fn flag(&mut self, map: &Map<'_>, key: &str) -> bool {
        let Some(text) = self.text(map, key) else { return false };
        match text.value.as_str() {
            "true" => true,
            "false" => false,
            other => {
                self.diagnostics.push(msg::bad_scalar(text.span, &map.child_path(key), other, "`true` or `false`"));
                false
            }
        }
    }

    pub fn unsigned(&mut self, map: &Map<'_>, key: &str) -> Option<Spanned<u64>> {
        let text = self.text(map, key)?;
        match text.value.parse::<u64>() {
            Ok(value) => Some(Spanned { value, span: text.span }),
            Err(_) => {
                self.diagnostics.push(msg::bad_scalar(
                    text.span,
                    &map.child_path(key),
                    &text.value,
                    "a whole number of 0 or more",
                ));
                None
            }
        }
    }

    pub fn decimal(&mut self, map: &Map<'_>, key: &str) -> Option<Spanned<Decimal>> {
        let text = self.text(map, key)?;
        match Decimal::from_str(&text.value) {
            Ok(value) => Some(Spanned { value, span: text.span }),
            Err(_) => {
                self.diagnostics.push(msg::bad_scalar(text.span, &map.child_path(key), &text.value, "a number"));
                None
            }
        }
    }

    /// One of a fixed set of words, such as `kind: object`.
    pub fn choice<T: Copy>(&mut self, map: &Map<'_>, key: &str, choices: &[(&'static str, T)]) -> Option<Spanned<T>> {
        let text = self.text(map, key)?;
        match choices.iter().find(|(name, _)| *name == text.value) {
            Some((_, value)) => Some(Spanned { value: *value, span: text.span }),
            None => {
                let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
                self.diagnostics.push(msg::unknown_choice(text.span, &map.child_path(key), &text.value, &names));
                None
            }
        }
    }

    /// A list of scalars, written as a YAML list.
    pub fn text_list(&mut self, map: &Map<'_>, key: &str) -> Vec<Text> {
        let Some(entry) = map.get(key) else { return Vec::new() };
        let path = map.child_path(key);
        match &entry.value.value {
            Value::Seq(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| self.scalar_text(item, &format!("{path}[{i}]")))
                .collect(),
            _ if entry.value.is_null() => Vec::new(),
            _ => {
                self.diagnostics.push(msg::wrong_node(entry.value.span, &path, "a list", entry.value.describe()));
                Vec::new()
            }
        }
    }

    pub fn type_ref(&mut self, map: &Map<'_>, key: &str) -> Option<TypeRef> {
        let text = self.text(map, key)?;
        match type_expr::parse(&text.value) {
            Ok(expr) => Some(TypeRef { expr, span: text.span }),
            Err(why) => {
                self.diagnostics.push(msg::bad_type_expr(text.span, &map.child_path(key), &text.value, &why));
                None
            }
        }
    }

    pub fn json(&mut self, map: &Map<'_>, key: &str) -> Option<Json> {
        let entry = map.get(key)?;
        Some(Spanned { value: to_json(&entry.value), span: entry.value.span })
    }
}

/// Converts a node to JSON: plain scalars that read as JSON numbers, booleans or null become those; everything else is
/// a string (so quoting a value always makes it text).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Scalar(s) if s.is_null() => J::Null,
        Value::Scalar(s) if s.plain => match s.text.as_str() {
            "true" => J::Bool(true),
            "false" => J::Bool(false),
            text => match serde_json::from_str::<serde_json::Number>(text) {
                Ok(number) => J::Number(number),
                Err(_) => J::String(text.to_owned()),
            },
        },
        Value::Scalar(s) => J::String(s.text.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(entries.iter().map(|e| (e.key.clone(), to_json(&e.value))).collect()),
    }
}
