//! Reading YAML nodes as spec values: mappings with a known set of keys, scalars of a given kind, JSON values and
//! type expressions. Every problem becomes a diagnostic and the reader carries on with what it could read.

use crate::diag::Diagnostics;
use crate::front::ast::{Json, Spanned, Text, TypeRef, Written};
use crate::front::messages as msg;
use crate::front::type_expr;
use crate::front::yaml::{Entry, Node, Value};
use crate::source::Span;
use rust_decimal::Decimal;

/// A mapping whose keys were checked against the keys allowed at its place in the spec.
pub struct Map<'n> {
    pub entries: &'n [Entry],
    /// Where a "missing key" diagnostic points: the key that introduced this mapping.
    pub anchor: Span,
    pub path: String,
    /// Syntax-error recovery skipped a line of this mapping, so a key may be missing only because it was on that line.
    pub incomplete: bool,
    allowed: &'static [&'static str],
}

pub struct Reader<'d> {
    pub diagnostics: &'d mut Diagnostics,
    /// The keys of every mapping read, for the checks that report missing keys.
    pub written: Written,
}

/// Joins a spec path and a key: `endpoints` + `get_payout` = `endpoints.get_payout`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// The key a path ends with, for messages: `` for the top level and for list items.
fn last_key(path: &str) -> &str {
    let key = path.rsplit('.').next().unwrap_or(path);
    if key.ends_with(']') {
        ""
    } else {
        key
    }
}

/// What a node is, for `wrong-shape`.
pub fn found(node: &Node) -> msg::Found<'_> {
    match &node.value {
        Value::Scalar(s) => msg::Found::Scalar(&s.text),
        Value::Map(_) => msg::Found::Mapping { flow: node.flow },
        Value::Seq(_) => msg::Found::List { flow: node.flow },
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
    pub fn new(diagnostics: &mut Diagnostics) -> Reader<'_> {
        Reader { diagnostics, written: Written::default() }
    }

    /// Reads `node` as a mapping and reports every key not in `allowed`.
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        anchor: Span,
        path: &str,
        allowed: &'static [&'static str],
    ) -> Option<Map<'n>> {
        let entries: &'n [Entry] = match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    if !allowed.contains(&entry.key.as_str()) {
                        let key_path = join(path, &entry.key);
                        self.diagnostics.push(msg::unknown_key(entry.key_span, &key_path, &entry.key, allowed));
                    }
                }
                entries
            }
            _ if node.is_null() => &[],
            _ => {
                let key = last_key(path);
                // `required: true` beside the arguments instead of under one reads as an argument named `required`.
                let misplaced = matches!(node.value, Value::Scalar(_)) && allowed.contains(&key);
                let span = if misplaced { anchor } else { node.span };
                self.diagnostics.push(msg::wrong_shape(span, path, key, msg::Shape::Mapping, found(node), misplaced));
                return None;
            }
        };
        let keys = entries.iter().map(|e| {
            let empty = e.value.is_null() && !e.value.incomplete;
            (e.key.clone(), empty.then_some(e.key_span))
        });
        self.written.record(path, keys, node.incomplete);
        Some(Map { entries, anchor, path: path.to_owned(), incomplete: node.incomplete, allowed })
    }

    /// The entries of a mapping whose keys are names chosen by the spec author (types, fields, endpoints...).
    pub fn named<'n>(&mut self, map: &Map<'n>, key: &str) -> Vec<&'n Entry> {
        let Some(entry) = map.get(key) else { return Vec::new() };
        match &entry.value.value {
            Value::Map(entries) => {
                let names = entries.iter().map(|e| (e.key.clone(), None));
                self.written.record(&map.child_path(key), names, entry.value.incomplete);
                entries.iter().collect()
            }
            _ if entry.value.is_null() => Vec::new(),
            _ => {
                let path = map.child_path(key);
                let shape = msg::Shape::Names;
                self.diagnostics.push(msg::wrong_shape(
                    entry.value.span,
                    &path,
                    key,
                    shape,
                    found(&entry.value),
                    false,
                ));
                Vec::new()
            }
        }
    }

    /// Reports `key` when it is required and absent (or written with no value). True when it has a value.
    pub fn required(&mut self, map: &Map<'_>, key: &str) -> bool {
        match map.get(key) {
            None => {
                if !map.incomplete {
                    self.diagnostics.push(msg::missing_key(map.anchor, &map.path, key));
                }
                false
            }
            Some(entry) if entry.value.is_null() => {
                if !entry.value.incomplete {
                    self.diagnostics.push(msg::missing_value(entry.key_span, &map.child_path(key), key));
                }
                false
            }
            Some(_) => true,
        }
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
                let key = last_key(path);
                self.diagnostics.push(msg::wrong_shape(node.span, path, key, msg::Shape::Text, found(node), false));
                None
            }
        }
    }

    /// Text shown in the docs (titles, descriptions): when required, it must be there and not blank.
    pub fn prose(&mut self, map: &Map<'_>, key: &str, required: bool) -> Option<Text> {
        let Some(entry) = map.get(key) else {
            if required && !map.incomplete {
                self.diagnostics.push(msg::missing_key(map.anchor, &map.path, key));
            }
            return None;
        };
        let path = map.child_path(key);
        let text = self.scalar_text(&entry.value, &path);
        if required {
            match &text {
                Some(t) if t.value.trim().is_empty() => self.diagnostics.push(msg::empty_text(t.span, &path, key)),
                None if entry.value.is_null() && !entry.value.incomplete => {
                    self.diagnostics.push(msg::empty_text(entry.key_span, &path, key))
                }
                _ => {}
            }
        }
        text
    }

    pub fn flag(&mut self, map: &Map<'_>, key: &str) -> bool {
        self.spanned_flag(map, key).is_some_and(|f| f.value)
    }

    /// `true` or `false`, with where it was written.
    pub fn spanned_flag(&mut self, map: &Map<'_>, key: &str) -> Option<Spanned<bool>> {
        let text = self.text(map, key)?;
        match text.value.as_str() {
            "true" => Some(Spanned { value: true, span: text.span }),
            "false" => Some(Spanned { value: false, span: text.span }),
            other => {
                self.diagnostics.push(msg::bad_scalar(text.span, &map.child_path(key), other, "`true` or `false`"));
                None
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

    /// One whole number, or a list of them (`status: [400, 422]`); empty when the key is absent.
    pub fn unsigned_list(&mut self, map: &Map<'_>, key: &str) -> Vec<Spanned<u64>> {
        let Some(entry) = map.get(key) else { return Vec::new() };
        let Value::Seq(items) = &entry.value.value else { return self.unsigned(map, key).into_iter().collect() };
        let path = map.child_path(key);
        let mut numbers = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            let Some(text) = self.scalar_text(item, &at) else { continue };
            match text.value.parse::<u64>() {
                Ok(value) => numbers.push(Spanned { value, span: text.span }),
                Err(_) => {
                    self.diagnostics.push(msg::bad_scalar(text.span, &at, &text.value, "a whole number of 0 or more"))
                }
            }
        }
        numbers
    }

    /// A number read exactly: one with more digits than a decimal holds is refused, never rounded (a rounded bound
    /// could let through a value the spec forbids).
    pub fn decimal(&mut self, map: &Map<'_>, key: &str) -> Option<Spanned<Decimal>> {
        let text = self.text(map, key)?;
        if let Ok(value) = Decimal::from_str_exact(&text.value) {
            return Some(Spanned { value, span: text.span });
        }
        let path = map.child_path(key);
        let digits = text.value.strip_prefix('-').unwrap_or(&text.value);
        let (integer, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        let plain = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        self.diagnostics.push(if plain(integer) && plain(fraction) {
            msg::inexact_decimal(text.span, &path, &text.value)
        } else {
            msg::bad_scalar(text.span, &path, &text.value, "a number")
        });
        None
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
                let shape = msg::Shape::List("");
                self.diagnostics.push(msg::wrong_shape(
                    entry.value.span,
                    &path,
                    key,
                    shape,
                    found(&entry.value),
                    false,
                ));
                Vec::new()
            }
        }
    }

    pub fn type_ref(&mut self, map: &Map<'_>, key: &str) -> Option<TypeRef> {
        let text = self.text(map, key)?;
        if type_expr::depth(&text.value) > type_expr::MAX_DEPTH {
            self.diagnostics.push(msg::type_too_deep(text.span, &map.child_path(key), type_expr::MAX_DEPTH));
            return None;
        }
        match type_expr::parse(&text.value) {
            Ok(expr) => Some(TypeRef { expr, span: text.span }),
            Err(why) => {
                self.diagnostics.push(msg::bad_type_expr(text.span, &map.child_path(key), &text.value, &why));
                None
            }
        }
    }

    /// A JSON value; `None` when syntax-error recovery skipped a line of it (it would be judged on what is left).
    pub fn json(&mut self, map: &Map<'_>, key: &str) -> Option<Json> {
        let entry = map.get(key)?;
        if !complete(&entry.value) {
            return None;
        }
        Some(Spanned { value: to_json(&entry.value), span: entry.value.span })
    }
}

/// Whether no line of a node (at any depth) was skipped by syntax-error recovery.
pub fn complete(node: &Node) -> bool {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        if node.incomplete {
            return false;
        }
        match &node.value {
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
            Value::Seq(items) => stack.extend(items),
            Value::Scalar(_) => {}
        }
    }
    true
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
