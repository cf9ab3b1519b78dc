//! Diagnostics: what is wrong in a spec, where, and what to do about it.
//!
//! Checks push into one [`Diagnostics`] collector and keep going, so a run reports every problem at once. Rendering
//! goes through codespan-reporting so the output reads like rustc's, shown only the lines it labels, long lines cut
//! around the labels (see `snippet`).

mod snippet;

use crate::source::{Location, Sources, Span};
use codespan_reporting::diagnostic::{Diagnostic as Rendered, Label};
use codespan_reporting::term::{self, Chars, Config};
use snippet::Snippet;

/// One problem in a spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable short name of the kind of problem, printed as `error[code]`.
    pub code: &'static str,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where it is wrong.
    pub span: Span,
    /// Short text under the highlighted source.
    pub label: String,
    /// Dotted path of the offending node inside the spec, e.g. `endpoints.get_payout.arguments.id`.
    pub spec_path: String,
    /// What to do about it.
    pub help: Option<String>,
    /// Other places that explain the problem, e.g. the first of two duplicates.
    pub related: Vec<(Span, String)>,
}

impl Diagnostic {
    pub fn new(code: &'static str, span: Span, spec_path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span,
            label: String::new(),
            spec_path: spec_path.to_owned(),
            help: None,
            related: Vec::new(),
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, text: impl Into<String>) -> Self {
        self.related.push((span, text.into()));
        self
    }

    /// `file:line:col` of the problem.
    pub fn location(&self, sources: &Sources) -> Location {
        sources.location(self.span)
    }

    /// What codespan-reporting is shown of the files for this diagnostic, with labels placed in it.
    fn snippet<'s>(&self, sources: &'s Sources) -> Snippet<'s> {
        let mut ranges = vec![(self.span.file.0, self.span.start..self.span.end)];
        ranges.extend(self.related.iter().map(|(span, _)| (span.file.0, span.start..span.end)));
        Snippet::new(sources.files(), &ranges)
    }

    fn to_rendered(&self, snippet: &Snippet<'_>) -> Rendered<usize> {
        let shown = |span: &Span| snippet.shown(span.file.0, span.start)..snippet.shown(span.file.0, span.end);
        let mut labels = vec![Label::primary(self.span.file.0, shown(&self.span)).with_message(bounded(&self.label))];
        for (span, text) in &self.related {
            labels.push(Label::secondary(span.file.0, shown(span)).with_message(bounded(text)));
        }
        let mut notes = Vec::new();
        if !self.spec_path.is_empty() {
            notes.push(bounded(&format!("in `{}`", self.spec_path)));
        }
        if let Some(help) = &self.help {
            notes.push(bounded(&format!("help: {help}")));
        }
        Rendered::error()
            .with_code(self.code)
            .with_message(bounded(&self.message))
            .with_labels(labels)
            .with_notes(notes)
    }
}

/// The most characters of a message, label or note rendered. Messages quote what the spec wrote (`unknown type
/// `...``), and a spec may have written megabytes.
const MAX_TEXT_CHARS: usize = 1_000;

/// `text`, or its start and end around `...` when it is longer than [`MAX_TEXT_CHARS`].
fn bounded(text: &str) -> String {
    let Some((cut, _)) = text.char_indices().nth(MAX_TEXT_CHARS) else { return text.to_owned() };
    let head = MAX_TEXT_CHARS * 3 / 4;
    let head_end = text.char_indices().nth(head).map_or(cut, |(at, _)| at);
    let tail_start = text.char_indices().rev().nth(MAX_TEXT_CHARS - head - 1).map_or(cut, |(at, _)| at);
    format!("{}...{}", &text[..head_end], &text[tail_start.max(head_end)..])
}

/// Collects every diagnostic of a run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Diagnostics in source order (file, then position), each once.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
        self.items.dedup();
        self.items
    }
}

/// Renders diagnostics as plain text, rustc style, with no colour: the form goldens and `check` without a TTY use.
pub fn render_plain(sources: &Sources, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        // Spans come from the same sources, so lookups cannot fail; if one ever did, the message alone still shows.
        let snippet = diagnostic.snippet(sources);
        if term::emit_to_string(&mut out, &config(), &snippet, &diagnostic.to_rendered(&snippet)).is_err() {
            out.push_str(&format!("error[{}]: {}\n", diagnostic.code, diagnostic.message));
        }
    }
    out
}

/// Renders diagnostics in colour to a terminal stream.
pub fn render_styled(out: &mut dyn term::WriteStyle, sources: &Sources, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        // A failed write to stderr has nowhere better to be reported.
        let snippet = diagnostic.snippet(sources);
        let _ = term::emit_to_write_style(out, &config(), &snippet, &diagnostic.to_rendered(&snippet));
    }
}

fn config() -> Config {
    Config { chars: Chars::ascii(), ..Config::default() }
}
