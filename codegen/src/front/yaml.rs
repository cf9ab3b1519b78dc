//! YAML text to a tree of nodes that remember where they came from.
//!
//! This is the only module that knows which YAML parser the project uses. It reads parser events directly instead of
//! a ready-made document type so that it can report duplicate keys, anchors and tags as located diagnostics and keep
//! going, and so that quoted scalars stay distinguishable from plain ones (`"10"` is text, `10` is a number).

use crate::diag::Diagnostics;
use crate::front::messages as msg;
use crate::source::{FileId, Span};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML node with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Map(Vec<Entry>),
    Seq(Vec<Node>),
}

/// A scalar as written. `plain` is false for quoted and block scalars, which are always text.
#[derive(Clone, Debug, PartialEq)]
pub struct Scalar {
    pub text: String,
    pub plain: bool,
}

impl Scalar {
    /// `~`, `null`, or nothing at all, written plain.
    pub fn is_null(&self) -> bool {
        self.plain && matches!(self.text.as_str(), "" | "~" | "null" | "Null" | "NULL")
    }
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        self.as_scalar().is_some_and(Scalar::is_null)
    }

    /// What the node is, for messages: "a mapping", "a list", "text".
    pub fn describe(&self) -> &'static str {
        match &self.value {
            Value::Scalar(s) if s.is_null() => "empty",
            Value::Scalar(_) => "a scalar",
            Value::Map(_) => "a mapping",
            Value::Seq(_) => "a list",
        }
    }
}

/// How many syntax errors one file may report before reading stops.
const MAX_SYNTAX_ERRORS: usize = 20;

/// Parses one YAML document. Returns `None` when nothing usable could be read; the reasons are in `diagnostics`.
///
/// A syntax error does not end the run: the offending line is blanked (same length, so every span stays exact) and
/// the text is parsed again, so problems further down the file are still found. Each blanked line is reported.
pub fn parse(file: FileId, text: &str, diagnostics: &mut Diagnostics) -> Option<Node> {
    let mut working = text.to_owned();
    let mut blanked: Vec<usize> = Vec::new();
    loop {
        let mut attempt = Diagnostics::new();
        match parse_once(file, &working, &mut attempt) {
            Ok(root) => {
                for d in attempt.into_sorted() {
                    diagnostics.push(d);
                }
                if root.is_none() && blanked.is_empty() {
                    diagnostics.push(msg::empty_spec(Span::new(file, 0, 0)));
                }
                return root;
            }
            Err((at, info)) => {
                let span = point(file, text, at);
                diagnostics.push(msg::yaml_syntax(span, &info));
                let line_start = working[..at].rfind('\n').map_or(0, |i| i + 1);
                let line_end = working[at..].find('\n').map_or(working.len(), |i| at + i);
                if blanked.contains(&line_start) || blanked.len() >= MAX_SYNTAX_ERRORS || line_start == line_end {
                    return None;
                }
                blanked.push(line_start);
                let spaces = " ".repeat(line_end - line_start);
                working.replace_range(line_start..line_end, &spaces);
            }
        }
    }
}

/// A one-character span at a byte offset.
fn point(file: FileId, text: &str, at: usize) -> Span {
    let at = at.min(text.len());
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    Span::new(file, at, end)
}

/// One parse. A syntax error comes back as its byte offset and the parser's words.
fn parse_once(file: FileId, text: &str, diagnostics: &mut Diagnostics) -> Result<Option<Node>, (usize, String)> {
    let offsets = ByteOffsets::new(text);
    let mut builder =
        Builder { file, text, offsets: &offsets, stack: Vec::new(), root: None, documents: 0, diagnostics };
    let mut parser = Parser::new_from_str(text);
    match parser.load(&mut builder, true) {
        Ok(()) => Ok(builder.root.take()),
        Err(error) => Err((offsets.byte(error.marker().index()), error.info().to_owned())),
    }
}

/// Converts the parser's character indexes to byte offsets.
struct ByteOffsets {
    /// Byte offset of every character, plus one past the end; empty when the text is ASCII (index == offset).
    table: Vec<usize>,
    len: usize,
}

impl ByteOffsets {
    fn new(text: &str) -> Self {
        let table = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i).chain([text.len()]).collect()
        };
        ByteOffsets { table, len: text.len() }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.table.is_empty() {
            char_index.min(self.len)
        } else {
            self.table.get(char_index).copied().unwrap_or(self.len)
        }
    }
}

enum Frame {
    Map { start: Span, entries: Vec<Entry>, key: PendingKey },
    Seq { start: Span, items: Vec<Node> },
}

enum PendingKey {
    None,
    Key(String, Span),
    /// A key that was not a scalar; its value is read and dropped.
    Invalid,
}

struct Builder<'a> {
    file: FileId,
    text: &'a str,
    offsets: &'a ByteOffsets,
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    diagnostics: &'a mut Diagnostics,
}

impl Builder<'_> {
    fn point(&self, mark: Marker) -> Span {
        point(self.file, self.text, self.offsets.byte(mark.index()))
    }

    /// Span of a scalar token starting at `mark`: the quoted string, or the plain text up to the end of its line.
    fn scalar_span(&self, mark: Marker, style: TScalarStyle, value: &str) -> Span {
        let start = self.offsets.byte(mark.index());
        let rest = &self.text[start..];
        let line = rest.split('\n').next().unwrap_or("");
        let len = match style {
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => closing_quote(line).unwrap_or(line.len()),
            TScalarStyle::Literal | TScalarStyle::Folded => 1,
            _ if line.starts_with(value) && !value.is_empty() => value.len(),
            _ => line.trim_end().len(),
        };
        Span::new(self.file, start, start + len)
    }

    /// A container's span: from its start to the end of that line, so labels stay on one line.
    fn container_span(&self, mark: Marker) -> Span {
        let start = self.offsets.byte(mark.index());
        let line = self.text[start..].split('\n').next().unwrap_or("");
        Span::new(self.file, start, start + line.trim_end().len().max(1).min(line.len().max(1)))
    }

    fn reject_decorations(&mut self, span: Span, anchor: usize, tagged: bool) {
        if anchor != 0 {
            self.diagnostics.push(msg::yaml_anchor(span));
        }
        if tagged {
            self.diagnostics.push(msg::yaml_tag(span));
        }
    }

    /// Places a finished node into the enclosing container, or makes it the root.
    fn place(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match std::mem::replace(key, PendingKey::None) {
                PendingKey::None => match node.value {
                    Value::Scalar(scalar) => *key = PendingKey::Key(scalar.text, node.span),
                    _ => {
                        *key = PendingKey::Invalid;
                        self.diagnostics.push(msg::yaml_complex_key(node.span));
                    }
                },
                PendingKey::Invalid => {}
                PendingKey::Key(name, key_span) => {
                    if let Some(first) = entries.iter().find(|e| e.key == name) {
                        let first_span = first.key_span;
                        self.diagnostics.push(msg::yaml_duplicate_key(key_span, first_span, &name));
                    } else {
                        entries.push(Entry { key: name, key_span, value: node });
                    }
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents == 2 {
                    let span = self.container_span(mark);
                    self.diagnostics.push(msg::yaml_second_document(span));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let span = self.scalar_span(mark, style, &text);
                self.reject_decorations(span, anchor, tag.is_some());
                let plain = style == TScalarStyle::Plain;
                self.place(Node { span, value: Value::Scalar(Scalar { text, plain }) });
            }
            Event::Alias(_) => {
                let span = self.point(mark);
                self.diagnostics.push(msg::yaml_alias(span));
                self.place(Node { span, value: Value::Scalar(Scalar { text: String::new(), plain: true }) });
            }
            Event::MappingStart(anchor, tag) => {
                let start = self.container_span(mark);
                self.reject_decorations(start, anchor, tag.is_some());
                self.stack.push(Frame::Map { start, entries: Vec::new(), key: PendingKey::None });
            }
            Event::SequenceStart(anchor, tag) => {
                let start = self.container_span(mark);
                self.reject_decorations(start, anchor, tag.is_some());
                self.stack.push(Frame::Seq { start, items: Vec::new() });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Map { start, entries, .. }) => Node { span: start, value: Value::Map(entries) },
                    Some(Frame::Seq { start, items }) => Node { span: start, value: Value::Seq(items) },
                    None => return,
                };
                if self.documents <= 1 {
                    self.place(node);
                }
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
    }
}

/// Length up to and including the closing quote of a quoted scalar that starts `line`.
fn closing_quote(line: &str) -> Option<usize> {
    let mut chars = line.char_indices();
    let (_, quote) = chars.next()?;
    let mut escaped = false;
    while let Some((i, c)) = chars.next() {
        if quote == '"' && c == '\\' && !escaped {
            escaped = true;
            continue;
        }
        if c == quote && !escaped {
            // '' inside a single-quoted scalar is an escaped quote.
            if quote == '\'' && line[i + 1..].starts_with('\'') {
                chars.next();
                continue;
            }
            return Some(i + 1);
        }
        escaped = false;
    }
    None
}
