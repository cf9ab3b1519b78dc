//! Spec files held in memory, and byte spans into them.
//!
//! Every diagnostic points at a [`Span`]; [`Sources`] turns spans into `file:line:col` and feeds the renderer.

use codespan_reporting::files::{Files, SimpleFiles};

/// Index of a file in [`Sources`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) usize);

/// A byte range in one spec file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end: end.max(start) }
    }
}

/// A resolved position, 1-based like rustc prints it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// All spec files read in one run.
#[derive(Default)]
pub struct Sources {
    files: SimpleFiles<String, String>,
}

impl Sources {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file under the name diagnostics will print for it.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        FileId(self.files.add(name.into(), text.into()))
    }

    pub fn name(&self, file: FileId) -> &str {
        self.files.get(file.0).map(|f| f.name().as_str()).unwrap_or("<unknown>")
    }

    pub fn text(&self, file: FileId) -> &str {
        self.files.get(file.0).map(|f| f.source().as_str()).unwrap_or("")
    }

    /// `file:line:col` of the start of a span.
    pub fn location(&self, span: Span) -> Location {
        let (line, column) = match self.files.location(span.file.0, span.start) {
            Ok(loc) => (loc.line_number, loc.column_number),
            Err(_) => (1, 1),
        };
        Location { file: self.name(span.file).to_owned(), line, column }
    }

    pub(crate) fn files(&self) -> &SimpleFiles<String, String> {
        &self.files
    }
}
