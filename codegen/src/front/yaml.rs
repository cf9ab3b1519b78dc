//! YAML text to a tree of nodes that remember where they came from.
//!
//! This is the only module that knows which YAML parser the project uses. It reads parser events directly instead of
//! a ready-made document type so that it can report duplicate keys, anchors and tags as located diagnostics and keep
//! going, and so that quoted scalars stay distinguishable from plain ones (`"10"` is text, `10` is a number).
//!
//! Two kinds of damage are repaired so that one run still reports everything else in the file:
//!
//! - A tab in the indentation of a line is reported at the tab and read as spaces (to the next multiple of 8
//!   columns, or to the indentation of a neighbouring line when that is what the tab evidently stands for).
//! - Any other syntax error blanks the offending line and parses again. Mappings that enclosed a blanked line are
//!   marked [`Node::incomplete`], so that keys which were probably on that line are not also reported as missing.
//!
//! Spans always point into the original text: the parser reads a working copy, and every span is translated back.
//!
//! Hostile input is bounded here, before anything recursive sees it: a leading byte-order mark is skipped, control
//! characters are reported at their position and read as spaces (the parser would take a NUL for the end of the
//! text), and values nested deeper than [`MAX_DEPTH`] are reported and not read, because the parser, the node tree
//! and every later stage recurse once per level.

use crate::diag::Diagnostics;
use crate::front::messages as msg;
use crate::source::{FileId, Span};
use std::borrow::Cow;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML node with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// A scalar's text; a container's first token (its first key, `-`, `[` or `{`) to the end of that line.
    pub span: Span,
    pub value: Value,
    /// Syntax-error recovery skipped a line that belonged to this node, so keys may be missing from it (or, for an
    /// empty value, its content may have been on the skipped line). Rules about missing keys stay quiet about it.
    pub incomplete: bool,
    /// A container written inline (`[...]`, `{...}`) rather than as indented lines. False for scalars.
    pub flow: bool,
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
}

/// How many syntax errors one file may report before reading stops.
const MAX_SYNTAX_ERRORS: usize = 20;

/// How deep mappings and lists may nest. A spec needs about eight levels for itself and a few more for the JSON of
/// its examples; 64 leaves plenty of room while keeping the parser's recursion (one call per level), the node tree and
/// everything built from it far from the stack's limit.
pub const MAX_DEPTH: usize = 64;

/// The scanner's error for flow brackets nested past its own limit (255 levels).
const SCANNER_NESTING_LIMIT: &str = "recursion limit exceeded";

/// The byte-order mark some editors write at the start of a UTF-8 file.
const BOM: &str = "\u{feff}";

/// Columns a tab in the indentation stands for when no neighbouring line suggests otherwise.
const TAB_WIDTH: usize = 8;

/// A line that syntax-error recovery blanked (or whose tab indentation it had to guess), in working-text offsets.
#[derive(Clone, Copy, Debug)]
struct Blanked {
    /// Where the line's content began (after its indentation).
    start: usize,
    /// Columns of indentation the line had before it was blanked.
    indent: usize,
}

/// Parses one YAML document. Returns `None` when nothing usable could be read; the reasons are in `diagnostics`.
///
/// A syntax error does not end the run: tabs in the indentation are read as spaces, and any other offending line is
/// blanked and the text parsed again, so problems further down the file are still found. Each repair is reported.
pub fn parse(file: FileId, text: &str, diagnostics: &mut Diagnostics) -> Option<Node> {
    // Everything below works on the text after the byte-order mark; `base` puts spans back in place.
    let base = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let clean = without_control_characters(file, base, &text[base..], diagnostics);
    let clean: &str = &clean;
    let mut working = clean.to_owned();
    let mut remap = Remap { base, tabs: Vec::new() };
    let mut blanked: Vec<Blanked> = Vec::new();
    let mut tabs_checked = false;
    let mut errors = 0;
    let mut skipped_lines: Vec<usize> = Vec::new();
    loop {
        let mut attempt = Diagnostics::new();
        let source = Source { file, original: text, working: &working, remap: &remap };
        match parse_once(&source, &blanked, &mut attempt) {
            Ok(root) => {
                for d in attempt.into_sorted() {
                    diagnostics.push(d);
                }
                if root.is_none() && blanked.is_empty() {
                    let only_comments = !clean.trim().is_empty();
                    diagnostics.push(msg::empty_spec(Span::new(file, 0, 0), only_comments));
                }
                return root;
            }
            Err((at, info)) => {
                // Tabs in the indentation confuse the parser about where it is, so its error often lands on another
                // line. They are always invalid, so they are reported where they are and read as spaces first.
                if !tabs_checked {
                    tabs_checked = true;
                    let tabs = indentation_tabs(clean);
                    if !tabs.is_empty() {
                        // Every such line is read as spaces; the first few are reported, which is enough to fix a
                        // whole file indented with tabs.
                        for line in tabs.iter().take(MAX_SYNTAX_ERRORS) {
                            let span = Span::new(file, base + line.first, base + line.first + 1);
                            diagnostics.push(msg::yaml_tab(span, line.indent));
                        }
                        // A line read with a guessed indentation may have landed in the wrong mapping, so it counts
                        // like a skipped line for the rules about missing keys.
                        let guessed;
                        (working, remap, guessed) = expand_tabs(clean, base, &tabs);
                        blanked.extend(guessed);
                        continue;
                    }
                }
                let problem = describe_syntax_error(&working, at, &info);
                let line_start = problem.skip;
                let line_end = working[line_start..].find('\n').map_or(working.len(), |i| line_start + i);
                let line = &working[line_start..line_end];
                // A list item keeps its `- `, so that the rest of its mapping stays an item of its own.
                let dash = indent_of(line);
                let item = line[dash..].starts_with("- ");
                let indent = if item { dash + 2 } else { dash };
                // The lines indented under the broken one were its value; without their key they would attach to
                // whatever is above and be misreported, so they are skipped with it.
                let level = problem.level.unwrap_or(indent);
                let end = subtree_end(&working, line_end, level);
                let skipped = if working[line_end..end].lines().any(|l| !l.trim().is_empty()) {
                    "this line and the lines indented under it were skipped; the rest of the file was still checked"
                } else {
                    "this line was skipped; the rest of the file was still checked"
                };
                if skipped_lines.contains(&line_start) {
                    // Skipping it did not help; whatever follows is reported once the file is fixed up to here.
                    return None;
                }
                let span = source.span(problem.start, problem.end);
                if info == SCANNER_NESTING_LIMIT {
                    // Flow brackets nested past the scanner's own limit. The builder may have found the value too deep
                    // (and knows its spec path) before the scanner gave up; the scanner's look-ahead often gets there
                    // first.
                    let found = attempt.iter().find(|d| d.code == "nesting-too-deep").cloned();
                    diagnostics.push(found.unwrap_or_else(|| msg::yaml_too_deep(span, "", MAX_DEPTH)));
                } else {
                    let help = format!("{} ({skipped})", problem.fix);
                    diagnostics.push(msg::yaml_syntax(span, &problem.message, &problem.label, &help));
                }
                errors += 1;
                if errors >= MAX_SYNTAX_ERRORS || line_start == line_end {
                    return None;
                }
                skipped_lines.push(line_start);
                // Recorded where its content began (so a container that ends at the next token does not enclose
                // it) and at the level it was meant for (so the mapping it belonged to is the incomplete one).
                // Kept in order of position, so that a container finds the lines in its region by binary search.
                let line = Blanked { start: line_start + indent, indent: level };
                blanked.insert(blanked.partition_point(|b| b.start < line.start), line);
                // Byte for byte, so that every offset stays where it was. The skipped line becomes a comment
                // indented like the line after it: ignored as structure, and plain text inside a block scalar (all
                // spaces there would set the block's indentation too deep).
                let mut blank: String =
                    working[line_start..end].bytes().map(|b| if b == b'\n' { '\n' } else { ' ' }).collect();
                let next_indent = next_content_line(&working, line_start).map_or(indent, indent_of);
                let hash = if item { indent } else { indent.min(next_indent) };
                if item {
                    blank.replace_range(dash..dash + 1, "-");
                }
                if hash < line_end - line_start {
                    blank.replace_range(hash..hash + 1, "#");
                }
                working.replace_range(line_start..end, &blank);
            }
        }
    }
}

/// Control characters YAML does not allow in a file: C0 other than tab, line feed and carriage return; DEL; C1.
fn is_forbidden_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}')
}

/// Reports each control character at its position and replaces it with spaces of the same byte length, so that
/// offsets stay put and the parser reads on: it would take a NUL for the end of the text and drop the rest.
fn without_control_characters<'t>(
    file: FileId,
    base: usize,
    text: &'t str,
    diagnostics: &mut Diagnostics,
) -> Cow<'t, str> {
    if !text.contains(is_forbidden_control) {
        return Cow::Borrowed(text);
    }
    let mut clean = String::with_capacity(text.len());
    let mut reported = 0;
    for (at, c) in text.char_indices() {
        if !is_forbidden_control(c) {
            clean.push(c);
            continue;
        }
        if reported < MAX_SYNTAX_ERRORS {
            reported += 1;
            let span = Span::new(file, base + at, base + at + c.len_utf8());
            diagnostics.push(msg::control_character(span, c));
        }
        clean.extend(std::iter::repeat_n(' ', c.len_utf8()));
    }
    Cow::Owned(clean)
}

/// Where the lines indented deeper than `indent` that follow `from` (the end of a line) end: at the start of the next
/// content line indented `indent` or less, or at the end of the text.
fn subtree_end(text: &str, from: usize, indent: usize) -> usize {
    let mut at = from;
    while at < text.len() {
        let start = at + 1;
        if start > text.len() {
            break;
        }
        let line = line_at(text, start);
        let content = line.trim_start_matches(' ');
        if !content.is_empty() && !content.starts_with('#') && line.len() - content.len() <= indent {
            return at;
        }
        at = start + text[start..].find('\n').unwrap_or(text.len() - start);
    }
    text.len()
}

/// The text being parsed and how its offsets map back to the file.
struct Source<'a> {
    file: FileId,
    original: &'a str,
    working: &'a str,
    remap: &'a Remap,
}

impl Source<'_> {
    /// A span of the original text from working-text offsets, on character boundaries.
    fn span(&self, start: usize, end: usize) -> Span {
        let mut start = self.remap.start(start).min(self.original.len());
        let mut end = self.remap.end(end).min(self.original.len()).max(start);
        while !self.original.is_char_boundary(start) {
            start -= 1;
        }
        while !self.original.is_char_boundary(end) {
            end += 1;
        }
        Span::new(self.file, start, end)
    }
}

/// Offsets of the working text (byte-order mark left out, tabs expanded to spaces) back to the original text.
#[derive(Default)]
struct Remap {
    /// Bytes of the original text before the working text begins (a byte-order mark).
    base: usize,
    /// Each expanded tab: working start, working end, offset of the tab after `base`. In order.
    tabs: Vec<(usize, usize, usize)>,
}

impl Remap {
    /// The original offset of a working offset; anywhere inside an expanded tab is the tab itself. A binary search,
    /// since a file indented with tabs has one entry per line and every span goes through here.
    fn start(&self, at: usize) -> usize {
        let before = self.tabs.partition_point(|&(start, _, _)| start <= at);
        let Some(&(_, end, original)) = before.checked_sub(1).and_then(|i| self.tabs.get(i)) else {
            return self.base + at;
        };
        if at < end {
            return self.base + original;
        }
        self.base + at - (end - (original + 1))
    }

    /// The original offset of the end of a range that ends at a working offset.
    fn end(&self, at: usize) -> usize {
        if at == 0 {
            self.base
        } else {
            self.start(at - 1) + 1
        }
    }
}

/// A line with tabs in its indentation: where the line and its first tab are, each tab with the columns it is read
/// as, and the indentation the line is read with.
struct TabLine {
    start: usize,
    first: usize,
    tabs: Vec<(usize, usize)>,
    indent: usize,
}

/// Lines with tabs in the leading whitespace before their content, outside block scalars (`|`, `>`), whose text
/// may hold tabs. Comment-only and blank lines may hold tabs too.
fn indentation_tabs<'a>(text: &'a str) -> Vec<TabLine> {
    let lines: Vec<(usize, &str)> = line_starts(text).map(|start| (start, line_at(text, start))).collect();
    // Structural lines so far (content that is not a comment and not the text of a block scalar): index,
    // indentation (as guessed, for lines with tabs), the column of its keys (after a list item's `- `) and content.
    let mut structure: Vec<(usize, usize, usize, &str)> = Vec::new();
    // The levels a line may return to, nearest first: the level of the structural line above, then each shallower
    // one going up. Kept as it goes (for list items by the `-`, for anything else by the keys) instead of walking
    // back over every line above each time, which made a file indented with tabs quadratic.
    let mut item_outline: Vec<usize> = Vec::new();
    let mut key_outline: Vec<usize> = Vec::new();
    // Indentation of the line that opened a block scalar; lines indented deeper (or blank) are its text.
    let mut block_scalar: Option<usize> = None;
    let mut found = Vec::new();
    for (i, &(start, line)) in lines.iter().enumerate() {
        let (lead, content) = split_lead(line);
        if let Some(parent) = block_scalar {
            if content.is_empty() || lead.len() > parent {
                continue;
            }
            block_scalar = None;
        }
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let mut indent = lead.len();
        if lead.contains('\t') {
            // A list item lines up with the `-` of other items; anything else with keys.
            let item = content.starts_with("- ");
            let level =
                |&(j, dash, key, text): &(usize, usize, usize, &'a str)| (j, if item { dash } else { key }, text);
            let above = structure.last().map(level);
            // The next line with content: a child or the text of a block scalar when this line opens one.
            let below = lines[i + 1..]
                .iter()
                .map(|(_, l)| split_lead(l))
                .find(|(_, c)| !c.is_empty() && !c.starts_with('#'))
                .filter(|(l, _)| !l.contains('\t'))
                .map(|(l, _)| l.len());
            // The line above opens a block this line is in: a `key:`, or a block scalar right above (its first text).
            let under_block = above.is_some_and(|(j, _, text)| {
                let code = strip_comment(text);
                code.ends_with(':') || (opens_block_scalar(code) && j + 1 == i)
            });
            // Text without a key under a `key: value` line continues that value, so it goes deeper than the key.
            let continues = !looks_like_key(content)
                && above.is_some_and(|(_, _, text)| looks_like_key(text) && !strip_comment(text).ends_with(':'));
            let outline: Vec<usize> = if item { &item_outline } else { &key_outline }.iter().rev().copied().collect();
            let code = strip_comment(content);
            let guess = Guess {
                lead,
                opens: code.ends_with(':') || opens_block_scalar(code),
                above: above.map(|(_, level, _)| level),
                below,
            };
            let tabs = spread(lead, guess.indent(under_block || continues, &outline), start);
            indent = lead.len() - tabs.len() + tabs.iter().map(|(_, columns)| columns).sum::<usize>();
            let first = start + lead.find('\t').unwrap_or(0);
            found.push(TabLine { start, first, tabs, indent });
        }
        // A list item `- key: value` has its keys two columns right of the `-`.
        let key = if content.starts_with("- ") { indent + 2 } else { indent };
        structure.push((i, indent, key, content));
        push_level(&mut item_outline, indent);
        push_level(&mut key_outline, key);
        if opens_block_scalar(strip_comment(content)) {
            block_scalar = Some(indent);
        }
    }
    found
}

/// Adds the level of a new structural line to an outline (levels strictly rising towards the newest line): the
/// levels at or deeper than it are closed by it.
fn push_level(outline: &mut Vec<usize>, level: usize) {
    while outline.last().is_some_and(|last| *last >= level) {
        outline.pop();
    }
    outline.push(level);
}

/// What is known around a line with tabs in its lead, to guess the indentation it means.
struct Guess<'a> {
    lead: &'a str,
    /// The line is a `key:` that opens a block, so the line below is its child.
    opens: bool,
    above: Option<usize>,
    below: Option<usize>,
}

impl Guess<'_> {
    /// Under a line that opens a block it is a child: as deep as the line below, or one step (2) deeper. Otherwise it
    /// is a sibling of the line above or of a shallower line further up, or whatever tab stops of 8, 4 or 2 make of
    /// it. Either way it must fit: deeper than a block it is under, and shallower than its own child below.
    fn indent(&self, under_block: bool, outline: &[usize]) -> usize {
        let floor = self.above.filter(|_| under_block).map(|a| a + 1);
        let ceiling = self.below.filter(|_| self.opens).and_then(|b| b.checked_sub(1));
        let fits = |indent: &usize| floor.is_none_or(|f| *indent >= f) && ceiling.is_none_or(|c| *indent <= c);
        let widths = [TAB_WIDTH, 4, 2].map(|w| expand_lead(self.lead, w).1);
        let child = self.above.map(|a| a + 2);
        let candidates: Vec<usize> = if under_block {
            [self.below, child].into_iter().flatten().chain(widths).collect()
        } else {
            outline.iter().copied().chain(widths).chain(child).collect()
        };
        candidates.into_iter().find(fits).unwrap_or_else(|| expand_lead(self.lead, TAB_WIDTH).1)
    }
}

/// Whether a line's content starts with a key (`key:`, `key: value`) or a list item.
fn looks_like_key(content: &str) -> bool {
    let code = strip_comment(content);
    code.starts_with("- ") || code == "-" || code.ends_with(':') || code.contains(": ")
}

/// A line's content without a trailing comment, trimmed.
fn strip_comment(content: &str) -> &str {
    match content.find(" #") {
        Some(i) => content[..i].trim_end(),
        None => content.trim_end(),
    }
}

/// The columns each tab of `lead` stands for so that the line is indented `indent` (each tab at least one column),
/// or tab stops of 8 when `indent` cannot be reached that way. Offsets are made absolute with `start`.
fn spread(lead: &str, indent: usize, start: usize) -> Vec<(usize, usize)> {
    let tabs: Vec<usize> = lead.char_indices().filter(|(_, c)| *c == '\t').map(|(at, _)| at).collect();
    let spaces = lead.len() - tabs.len();
    let first = indent.checked_sub(spaces + tabs.len() - 1).filter(|columns| *columns >= 1);
    match first {
        Some(first) => tabs.iter().enumerate().map(|(n, at)| (start + at, if n == 0 { first } else { 1 })).collect(),
        None => expand_lead(lead, TAB_WIDTH).0.into_iter().map(|(at, columns)| (start + at, columns)).collect(),
    }
}

/// A line's leading spaces and tabs, and the rest.
fn split_lead(line: &str) -> (&str, &str) {
    let content = line.trim_start_matches([' ', '\t']);
    (&line[..line.len() - content.len()], content)
}

/// Each tab of a leading whitespace run (offset, columns) at tab stops of `width`, and the resulting indentation.
fn expand_lead(lead: &str, width: usize) -> (Vec<(usize, usize)>, usize) {
    let mut column = 0;
    let mut tabs = Vec::new();
    for (at, c) in lead.char_indices() {
        if c == '\t' {
            let columns = width - column % width;
            tabs.push((at, columns));
            column += columns;
        } else {
            column += 1;
        }
    }
    (tabs, column)
}

/// Whether a line ends by opening a block scalar (`key: |`, `- >-`, `key: |2 # comment`).
fn opens_block_scalar(content: &str) -> bool {
    let without_comment = match content.find(" #") {
        Some(i) => &content[..i],
        None => content,
    };
    let trimmed = without_comment.trim_end();
    let Some(last_word) = trimmed.rsplit([' ', '\t']).next() else { return false };
    let is_indicator =
        last_word.starts_with(['|', '>']) && last_word[1..].chars().all(|c| c.is_ascii_digit() || c == '+' || c == '-');
    let before = trimmed[..trimmed.len() - last_word.len()].trim_end();
    is_indicator && (before.is_empty() || before.ends_with(':') || before.ends_with('-'))
}

/// The working text with the tabs of the given lines expanded to spaces, the map back to the original offsets, and
/// the lines (in working offsets) whose indentation was guessed.
fn expand_tabs(text: &str, base: usize, lines: &[TabLine]) -> (String, Remap, Vec<Blanked>) {
    let mut working = String::with_capacity(text.len() + lines.len() * TAB_WIDTH);
    let mut remap = Remap { base, tabs: Vec::new() };
    let mut guessed = Vec::new();
    let mut copied = 0;
    for line in lines {
        let grown = working.len() - copied;
        // Where its content begins once expanded, like a skipped line.
        guessed.push(Blanked { start: line.start + grown + line.indent, indent: line.indent });
        for &(at, columns) in &line.tabs {
            working.push_str(&text[copied..at]);
            let start = working.len();
            working.push_str(&" ".repeat(columns.max(1)));
            remap.tabs.push((start, working.len(), at));
            copied = at + 1;
        }
    }
    working.push_str(&text[copied..]);
    (working, remap, guessed)
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1).filter(move |i| *i < text.len()))
}

/// The line starting at `start`, without its line break.
fn line_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let line = rest.split('\n').next().unwrap_or("");
    line.strip_suffix('\r').unwrap_or(line)
}

/// What a syntax error is, in words that say how to fix it, where to point, and which line to skip.
struct SyntaxProblem {
    start: usize,
    end: usize,
    message: String,
    label: String,
    /// What to do; the caller adds what recovery skipped.
    fix: String,
    /// Start of the line that recovery skips (with the lines indented under it).
    skip: usize,
    /// The lines after the skipped one that are indented deeper than this go with it; `None`: deeper than it.
    level: Option<usize>,
}

/// The number of leading spaces of a line.
fn indent_of(line: &str) -> usize {
    line.bytes().take_while(|b| *b == b' ').count()
}

/// The column of the first key of a line: after the `- ` of a list item, else its indentation.
fn key_column(line: &str) -> usize {
    let indent = indent_of(line);
    let rest = &line[indent..];
    match rest.strip_prefix("- ") {
        Some(item) => indent + 2 + indent_of(item),
        None => indent,
    }
}

/// The key a line starts with (`type` for `  type: string`, `name` for `- name: x`), if it looks like a key line.
fn key_of(line: &str) -> Option<&str> {
    let content = line.trim_start().trim_start_matches("- ");
    let (key, _) = content.split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !key.contains([' ', '"', '\'', '#', '{', '['])).then_some(key)
}

/// Turns the parser's error into a located explanation. The common mistakes get their own words; anything else is
/// the parser's message at the parser's position.
fn describe_syntax_error(text: &str, at: usize, info: &str) -> SyntaxProblem {
    let at = at.min(text.len());
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = line_at(text, line_start);
    let column = (at - line_start).min(line.len());
    let indent = indent_of(line);
    let point_end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    let structure = Structure::new(text);
    let above = structure.prev(line_start);

    // A line dedented out of its block: the lines before and after it line up with each other, deeper. The parser
    // only notices at the next line.
    if info.contains("mapping values are not allowed") || info.contains("did not find expected key") {
        let own_key = key_of(line).filter(|k| !line.trim_start().starts_with('-') && column == indent + k.len());
        if let (Some(key), Some((above_start, above_line))) = (own_key, above) {
            let before_above = structure.prev(above_start).map(|(_, l)| l);
            let below = structure.next(line_start).map(indent_of);
            let above_column = key_column(above_line);
            // Either it sits between lines that line up deeper, or it is the first line under a `key:` and was
            // written beside that key instead of under it.
            let between = before_above.is_some_and(|l| key_column(l) == indent);
            let first_child =
                before_above.is_some_and(|l| strip_comment(l).ends_with(':') && key_column(l) == above_column);
            let dedented = above_column < indent
                && (between || first_child)
                && below.is_none_or(|b| b <= indent)
                && key_of(above_line).is_some();
            if let (true, Some(above_key)) = (dedented, key_of(above_line)) {
                let at = above_start + key_column(above_line);
                return SyntaxProblem {
                    start: at,
                    end: at + above_key.len(),
                    message: format!(
                        "the file is not valid YAML: `{above_key}:` is indented less than the lines around it"
                    ),
                    label: "indented too little".into(),
                    fix: format!(
                        "indent `{above_key}:` like `{key}:` and the other lines around it, at {indent} spaces"
                    ),
                    skip: above_start,
                    level: Some(indent),
                };
            }
            // Text without `:` beside keys: YAML reads it as the start of a value that this line continues.
            if key_column(above_line) == indent && !strip_comment(above_line).contains(':') {
                let text = strip_comment(above_line.trim_start());
                let at = above_start + indent_of(above_line);
                return SyntaxProblem {
                    start: at,
                    end: at + text.len().max(1),
                    message: "the file is not valid YAML: a line of text that is neither `key: value` nor part of the value above".into(),
                    label: "no `:` on this line".into(),
                    fix: "write it as `key: value`; is a `:` missing?".into(),
                    skip: above_start,
                    level: None,
                };
            }
            // A word without `:` above lines indented under it: the `:` is missing.
            if key_column(above_line) < indent && !strip_comment(above_line).contains(':') {
                let word = strip_comment(above_line.trim_start());
                let at = above_start + indent_of(above_line);
                return SyntaxProblem {
                    start: at,
                    end: at + word.len().max(1),
                    message: format!("the file is not valid YAML: `{word}` has lines indented under it but no `:`"),
                    label: "missing `:`".into(),
                    fix: format!("write `{word}:`"),
                    skip: above_start,
                    level: None,
                };
            }
        }
    }
    if info.contains("mapping values are not allowed") && line[column..].starts_with(':') {
        let before = &line[..column];
        let key = before.trim();
        let first_colon = !before.contains(": ") && !key.is_empty() && !key.starts_with(['"', '\'', '-']);
        let above_indent = above.map(|(_, l)| key_column(l));
        if first_colon && above_indent.is_some_and(|a| indent > a) {
            // A key indented deeper than the line above reads as a continuation of that line's value.
            let align = match above.and_then(|(_, l)| key_of(l)) {
                Some(k) => {
                    format!("align `{key}:` with `{k}:` on the line above, at {} spaces", above_indent.unwrap_or(0))
                }
                None => format!("indent `{key}:` like the other keys of its mapping"),
            };
            return SyntaxProblem {
                start: line_start + indent,
                end: line_start + indent + key.len(),
                message: format!("the file is not valid YAML: `{key}:` is indented more than the line above it"),
                label: "indented too deep".into(),
                fix: format!(
                    "YAML reads a line indented deeper than the one above as part of that line's value; {align}"
                ),
                skip: line_start,
                // What it holds (such as the text of a `>-`) is indented for where it should have been.
                level: above_indent,
            };
        }
        if !first_colon {
            // `key: text: more` — the second `: ` would start another key inside a plain value.
            let fix = match quoted_suggestion(line) {
                Some(fixed) => format!("put the value in quotes: `{fixed}`"),
                None => "put the value in quotes".to_owned(),
            };
            return SyntaxProblem {
                start: at,
                end: point_end,
                message: "the file is not valid YAML: a value that is not quoted cannot contain `: `".into(),
                label: "this `: ` would start another key".into(),
                fix,
                skip: line_start,
                level: None,
            };
        }
    }
    if info.contains("did not find expected key") {
        // A key dedented out of a block takes the lines under it along; the next line of the block no longer fits.
        // When the block's lines before and after it line up with this one, that key is the odd one out.
        let own_key = key_of(line).filter(|k| !line.trim_start().starts_with('-') && column == indent + k.len());
        if let Some((enc_start, enc)) = structure.enclosing(line_start, indent).filter(|_| own_key.is_some()) {
            let sibling_before = structure.enclosing(enc_start, indent + 1).map(|(_, l)| key_column(l));
            let sibling_after = structure.next_at_most(line_start, indent).map(key_column);
            // Keys after the block that line up with it would mean it is where it belongs.
            let enc_column = key_column(enc);
            let enc_alone = structure.next_at_most(line_start, enc_column).is_none_or(|l| key_column(l) < enc_column);
            if let Some(enc_key) = key_of(enc).filter(|_| {
                enc_column < indent
                    && enc_alone
                    && sibling_before == Some(indent)
                    && sibling_after.is_none_or(|c| c == indent)
            }) {
                let at = enc_start + key_column(enc);
                return SyntaxProblem {
                    start: at,
                    end: at + enc_key.len(),
                    message: format!(
                        "the file is not valid YAML: `{enc_key}:` is indented less than the keys around it"
                    ),
                    label: "indented too little".into(),
                    fix: format!("indent `{enc_key}:` like the keys around it, at {indent} spaces"),
                    skip: enc_start,
                    level: Some(indent),
                };
            }
        }
        // A line that lines up neither with the lines above it nor with their parent. When the lines after it line up
        // with it, the odd one out is the first line of the block, just above.
        if let Some((above_start, above_line)) = above.filter(|(_, l)| indent < key_column(l)) {
            let above_indent = key_column(above_line);
            let parent = structure.prev(above_start);
            let parent_indent = parent.map(|(_, l)| key_column(l));
            let below_indent = structure.next(line_start).map(indent_of);
            let first_of_block = parent_indent.is_some_and(|p| p < indent);
            // The step the file indents by, from the parent line and the line it is under.
            let step = parent
                .and_then(|(start, l)| {
                    structure.enclosing(start, indent_of(l)).map(|(_, g)| key_column(l).saturating_sub(key_column(g)))
                })
                .filter(|step| *step > 0)
                .unwrap_or(2);
            let below_agrees = below_indent == Some(indent);
            let last_but_on_step = below_indent.is_none_or(|b| b < indent)
                && parent_indent.is_some_and(|p| indent == p + step && above_indent != p + step);
            let named = |l: &str| key_of(l).map(|k| format!("`{k}:`"));
            if first_of_block && (below_agrees || last_but_on_step) {
                let (what, len) = match key_of(above_line) {
                    Some(k) => (format!("`{k}:`"), k.len()),
                    None => ("this line".to_owned(), strip_comment(above_line.trim_start()).len()),
                };
                let below_what = named(line).unwrap_or_else(|| "the line below".to_owned());
                if strip_comment(above_line).ends_with(':') {
                    // A key over the lines that belong under it: it goes one step in from its parent.
                    let meant = parent_indent.map_or(0, |p| p + step);
                    return SyntaxProblem {
                        start: above_start + above_indent,
                        end: above_start + above_indent + len.max(1),
                        message: format!("the file is not valid YAML: {what} is indented more than the lines under it"),
                        label: format!("deeper than {below_what} below it"),
                        fix: format!(
                            "a key must be indented less than the lines under it: indent {what} at {meant} spaces"
                        ),
                        skip: above_start,
                        level: Some(meant),
                    };
                }
                return SyntaxProblem {
                    start: above_start + above_indent,
                    end: above_start + above_indent + len.max(1),
                    message: format!("the file is not valid YAML: {what} is indented more than the lines after it"),
                    label: format!("does not line up with {below_what}"),
                    fix: format!(
                        "lines of one block must line up: indent {what} like {below_what}, at {indent} spaces"
                    ),
                    skip: above_start,
                    level: Some(indent),
                };
            }
            let (what, len) = match key_of(line) {
                Some(k) => (format!("`{k}:`"), k.len()),
                None => ("this line".to_owned(), strip_comment(line.trim_start()).len()),
            };
            // It belongs either with the deeper lines just above or with a shallower line further up.
            let deeper = named(above_line).map(|w| format!("like {w} above it ({above_indent} spaces)"));
            let shallower = structure
                .enclosing(line_start, indent)
                .and_then(|(_, l)| named(l).map(|w| format!("like {w} ({} spaces)", key_column(l))));
            let choices: Vec<String> = [shallower, deeper].into_iter().flatten().collect();
            return SyntaxProblem {
                start: line_start + indent,
                end: line_start + indent + len.max(1),
                message: format!("the file is not valid YAML: {what} does not line up with the lines above it"),
                label: format!("indented {indent} spaces"),
                fix: if choices.is_empty() {
                    format!("lines of one block must line up: indent {what} like the lines it belongs with")
                } else {
                    format!("lines of one block must line up: indent {what} {}", choices.join(", or "))
                },
                skip: line_start,
                level: None,
            };
        }
    }
    if info.contains("simple key expect ':'") {
        // The parser notices a line of bare text only at the next key; the text line is the one to fix.
        if let Some((mut above_start, mut above_line)) = above.filter(|(_, l)| !looks_like_key(l.trim_start())) {
            // Lines of text read as one value: the first of them is where it went wrong.
            while let Some((start, line)) = structure.prev(above_start).filter(|(_, l)| !looks_like_key(l.trim_start()))
            {
                (above_start, above_line) = (start, line);
            }
            let above_indent = indent_of(above_line);
            let text = strip_comment(above_line.trim_start());
            return SyntaxProblem {
                start: above_start + above_indent,
                end: above_start + above_indent + text.len().max(1),
                message: "the file is not valid YAML: a line of text that is neither `key: value` nor part of the value above".into(),
                label: "no `key:` on this line".into(),
                fix: "if it continues the text above, indent it deeper than that text's key; if it starts a new entry, write it as `key: value`".into(),
                skip: above_start,
                level: None,
            };
        }
    }
    if info.contains("quoted scalar") {
        let rest = &line[column..];
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            if closing_quote(rest).is_none() {
                return SyntaxProblem {
                    start: at,
                    end: at + 1,
                    message: format!("the file is not valid YAML: the closing `{quote}` is missing"),
                    label: "this quote is not closed on its line".into(),
                    fix: format!("end the value with `{quote}`"),
                    skip: line_start,
                    level: None,
                };
            }
        }
    }
    SyntaxProblem {
        start: at,
        end: point_end,
        message: format!("the file is not valid YAML: {info}"),
        label: "the YAML parser stopped here".into(),
        fix: "check the indentation and quoting on this line and the one above it".into(),
        skip: line_start,
        level: None,
    }
}

/// The structural lines of a text, by start offset: content that is neither a comment nor the text of a block
/// scalar. Syntax errors are explained in terms of these, so that a long description does not count as lines.
struct Structure<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Structure<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = Vec::new();
        let mut block_scalar: Option<usize> = None;
        for start in line_starts(text) {
            let line = line_at(text, start);
            let (lead, content) = split_lead(line);
            if let Some(parent) = block_scalar {
                if content.is_empty() || lead.len() > parent {
                    continue;
                }
                block_scalar = None;
            }
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            starts.push(start);
            if opens_block_scalar(strip_comment(content)) {
                block_scalar = Some(lead.len());
            }
        }
        Structure { text, starts }
    }

    /// The structural line before the line starting at `start`.
    fn prev(&self, start: usize) -> Option<(usize, &'a str)> {
        let i = self.starts.partition_point(|s| *s < start);
        let at = *self.starts.get(i.checked_sub(1)?)?;
        Some((at, line_at(self.text, at)))
    }

    /// The structural line after the line starting at `start`.
    fn next(&self, start: usize) -> Option<&'a str> {
        let i = self.starts.partition_point(|s| *s <= start);
        self.starts.get(i).map(|at| line_at(self.text, *at))
    }

    /// The first structural line after the line starting at `start` indented `indent` or less.
    fn next_at_most(&self, start: usize, indent: usize) -> Option<&'a str> {
        let i = self.starts.partition_point(|s| *s <= start);
        self.starts[i..].iter().map(|at| line_at(self.text, *at)).find(|l| indent_of(l) <= indent)
    }

    /// The nearest structural line above `start` indented less than `indent`: the key a line is under.
    fn enclosing(&self, start: usize, indent: usize) -> Option<(usize, &'a str)> {
        let mut at = start;
        loop {
            let (prev, line) = self.prev(at)?;
            if indent_of(line) < indent {
                return Some((prev, line));
            }
            at = prev;
        }
    }
}

/// The nearest line below the line starting at `line_start` that has content other than a comment.
fn next_content_line(text: &str, line_start: usize) -> Option<&str> {
    let mut at = line_start + text[line_start..].find('\n')? + 1;
    while at < text.len() {
        let line = line_at(text, at);
        let content = line.trim_start();
        if !content.is_empty() && !content.starts_with('#') {
            return Some(line);
        }
        at += text[at..].find('\n')? + 1;
    }
    None
}

/// `key: "value"` for a line `key: value` whose value needs quotes, when the value can be quoted as written.
fn quoted_suggestion(line: &str) -> Option<String> {
    let (key, value) = line.trim().split_once(": ")?;
    let value = value.trim();
    if key.is_empty() || value.is_empty() || value.starts_with(':') || value.contains(" #") {
        return None;
    }
    if !value.contains(['"', '\\']) {
        Some(format!("{key}: \"{value}\""))
    } else if !value.contains('\'') {
        Some(format!("{key}: '{value}'"))
    } else {
        None
    }
}

/// One parse. A syntax error comes back as its byte offset in the working text and the parser's words.
fn parse_once(
    source: &Source<'_>,
    blanked: &[Blanked],
    diagnostics: &mut Diagnostics,
) -> Result<Option<Node>, (usize, String)> {
    let offsets = ByteOffsets::new(source.working);
    let mut builder = Builder {
        source,
        text: source.working,
        offsets: &offsets,
        stack: Vec::new(),
        root: None,
        documents: 0,
        last_end: 0,
        blanked,
        claimed: vec![false; blanked.len()],
        anchors: Vec::new(),
        skipping: None,
        too_deep: 0,
        diagnostics,
    };
    // Events are pulled one by one rather than through the parser's `load`, which recurses once per level of
    // nesting: this loop does not, and the builder drops whatever is nested deeper than `MAX_DEPTH`.
    let mut parser = Parser::new_from_str(source.working);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((event, mark)) => builder.on_event(event, mark),
            Err(error) => return Err((offsets.byte(error.marker().index()), error.info().to_owned())),
        }
    }
    for anchor in &builder.anchors {
        if !anchor.used {
            builder.diagnostics.push(msg::yaml_anchor(anchor.span, &anchor.written));
        }
    }
    Ok(builder.root.take())
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

/// A container being built. Offsets are in the working text.
struct Frame {
    kind: FrameKind,
    span: Span,
    flow: bool,
    /// Where the container's lines begin: after the token before it (so a first line that was blanked counts).
    region_start: usize,
    /// Indentation of its keys or `-`; 0 for flow containers, which do not care about indentation.
    column: usize,
    /// A block mapping's span is only known at its first key.
    span_pending: bool,
    incomplete: bool,
}

enum FrameKind {
    /// `index` finds an entry by key, so that duplicate keys are found in one pass however large the mapping.
    Map {
        entries: Vec<Entry>,
        index: HashMap<String, usize>,
        key: PendingKey,
    },
    Seq {
        items: Vec<Node>,
    },
}

/// A container nested deeper than [`MAX_DEPTH`], whose events are being dropped.
struct Skipped {
    /// Containers open inside it, itself included; it ends when this comes back to zero.
    open: usize,
    /// Working offset of its first token, for the placeholder that stands in for it.
    start: usize,
}

enum PendingKey {
    None,
    /// A key and where it ends in the working text.
    Key(String, Span, usize),
    /// A key that was not a scalar; its value is read and dropped.
    Invalid,
}

/// An anchor (`&name`) as written, and whether an alias uses it.
struct Anchor {
    id: usize,
    span: Span,
    written: String,
    used: bool,
}

struct Builder<'a> {
    source: &'a Source<'a>,
    /// The working text.
    text: &'a str,
    offsets: &'a ByteOffsets,
    stack: Vec<Frame>,
    root: Option<Node>,
    documents: usize,
    /// Working offset just past the last token read, for finding what lies between it and the next one.
    last_end: usize,
    blanked: &'a [Blanked],
    /// Blanked lines already attributed to a (deeper) node.
    claimed: Vec<bool>,
    anchors: Vec<Anchor>,
    /// The container too deep to read that is being skipped, if any.
    skipping: Option<Skipped>,
    /// How many containers were too deep (only the first few are reported).
    too_deep: usize,
    diagnostics: &'a mut Diagnostics,
}

impl Builder<'_> {
    fn byte(&self, mark: Marker) -> usize {
        self.offsets.byte(mark.index())
    }

    fn column(&self, at: usize) -> usize {
        at - self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Working range of a scalar token starting at `start`: the quoted string, or the plain text up to the end of its
    /// line. An empty plain scalar (a key with no value) is the `:` before it.
    fn scalar_range(&self, start: usize, style: TScalarStyle, value: &str) -> (usize, usize) {
        let rest = &self.text[start..];
        let line = rest.split('\n').next().unwrap_or("");
        let len = match style {
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => closing_quote(line).unwrap_or(line.len()),
            TScalarStyle::Literal | TScalarStyle::Folded => 1,
            TScalarStyle::Plain if value.is_empty() => {
                // The parser places an empty value at the next token, often on a later line; the `:` is clearer.
                let after = &self.text[self.last_end.min(start)..];
                let gap = after.len() - after.trim_start_matches(' ').len();
                let colon = self.last_end.min(start) + gap;
                if self.text[colon..].starts_with(':') {
                    return (colon, colon + 1);
                }
                line.trim_end().len()
            }
            _ if line.starts_with(value) && !value.is_empty() => value.len(),
            _ => line.trim_end().len(),
        };
        (start, start + len)
    }

    /// A container's span from its first token to the end of that line, so labels stay on one line.
    fn container_span(&self, start: usize) -> Span {
        let line = self.text[start..].split('\n').next().unwrap_or("");
        let len = line.trim_end().len().max(1).min(line.len().max(1));
        self.source.span(start, start + len)
    }

    /// The span and text of a decoration (`&anchor` or `!tag`) written between the previous token and a node at
    /// `node`.
    fn decoration(&self, node: usize, sigil: char) -> Option<(Span, String)> {
        let from = self.last_end.min(node);
        let between = &self.text[from..node];
        let mut offset = 0;
        for line in between.split_inclusive('\n') {
            let code = match line.find('#') {
                Some(i) if i == 0 || line[..i].ends_with([' ', '\t']) => &line[..i],
                _ => line,
            };
            let mut search = 0;
            while let Some(i) = code[search..].find(sigil) {
                let i = search + i;
                let starts_token = i == 0 || code[..i].ends_with([' ', '\t', '[', '{', ',', ':', '-']);
                if starts_token {
                    let len =
                        code[i..].find([' ', '\t', '\n', '\r', ',', '[', ']', '{', '}']).unwrap_or(code.len() - i);
                    let start = from + offset + i;
                    let written = code[i..i + len].to_owned();
                    return Some((self.source.span(start, start + len.max(1)), written));
                }
                search = i + 1;
            }
            offset += line.len();
        }
        None
    }

    fn reject_decorations(&mut self, node_start: usize, fallback: Span, anchor: usize, tagged: bool) {
        if anchor != 0 {
            let (span, written) = self.decoration(node_start, '&').unwrap_or((fallback, "&anchor".into()));
            self.anchors.push(Anchor { id: anchor, span, written, used: false });
        }
        if tagged {
            let (span, written) = self.decoration(node_start, '!').unwrap_or((fallback, "!tag".into()));
            self.diagnostics.push(msg::yaml_tag(span, &written));
        }
    }

    /// Marks skipped lines in `[from, to)` as belonging to a node; true if any does. A line indented at least
    /// `column` belongs to it (unless a deeper node claimed it first). A line between `parent_column` and `column`
    /// may belong to it or to its parent, so it makes the node incomplete without being claimed.
    fn claim(&mut self, from: usize, to: usize, column: usize, parent_column: Option<usize>) -> bool {
        let mut any = false;
        // `blanked` is in order of position: only the lines in the region are visited, so a file with a line
        // repaired on every line costs each container its own lines, not the whole file.
        let first = self.blanked.partition_point(|b| b.start < from);
        for (i, b) in self.blanked.iter().enumerate().skip(first) {
            if b.start >= to {
                break;
            }
            if self.claimed[i] {
                continue;
            }
            if b.indent >= column {
                self.claimed[i] = true;
                any = true;
            } else if parent_column.is_some_and(|p| b.indent > p) {
                any = true;
            }
        }
        any
    }

    fn push_frame(&mut self, kind: FrameKind, start: usize, anchor: usize, tagged: bool) {
        let flow = self.text[start..].starts_with(['[', '{']);
        let is_map = matches!(kind, FrameKind::Map { .. });
        // A block mapping's event sits at its first key's `:`; its span and column wait for the key itself.
        let span_pending = is_map && !flow;
        let span = self.container_span(start);
        let region_start = if flow { start } else { self.last_end.min(start) };
        let column = if flow { 0 } else { self.column(start) };
        self.reject_decorations(start, span, anchor, tagged);
        self.stack.push(Frame { kind, span, flow, region_start, column, span_pending, incomplete: false });
        if flow {
            self.last_end = start + 1;
        }
    }

    /// Places a finished node into the enclosing container, or makes it the root. `raw_start` is where the parser
    /// put the node and `end` where the next token may start, in the working text.
    fn place(&mut self, mut node: Node, raw_start: usize, end: usize) {
        self.last_end = self.last_end.max(end);
        let Some(top) = self.stack.len().checked_sub(1) else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        let pending = match &mut self.stack[top].kind {
            FrameKind::Seq { items } => {
                items.push(node);
                return;
            }
            FrameKind::Map { key, .. } => std::mem::replace(key, PendingKey::None),
        };
        match pending {
            PendingKey::None => {
                if self.stack[top].span_pending {
                    let column = self.column(raw_start);
                    let span = self.container_span(raw_start);
                    let frame = &mut self.stack[top];
                    frame.span_pending = false;
                    frame.column = column;
                    frame.span = span;
                }
                let key = match node.value {
                    Value::Scalar(scalar) => PendingKey::Key(scalar.text, node.span, end),
                    _ => {
                        self.diagnostics.push(msg::yaml_complex_key(node.span));
                        PendingKey::Invalid
                    }
                };
                if let FrameKind::Map { key: slot, .. } = &mut self.stack[top].kind {
                    *slot = key;
                }
            }
            PendingKey::Invalid => {}
            PendingKey::Key(name, key_span, key_end) => {
                // An empty value followed by a blanked, deeper line: the value was probably on that line.
                if node.is_null() {
                    let column = self.stack[top].column;
                    node.incomplete |= self.claim(key_end, raw_start.max(key_end), column + 1, None);
                }
                if let FrameKind::Map { entries, index, .. } = &mut self.stack[top].kind {
                    if let Some(&first) = index.get(&name) {
                        self.diagnostics.push(msg::yaml_duplicate_key(key_span, entries[first].key_span, &name));
                    } else {
                        index.insert(name.clone(), entries.len());
                        entries.push(Entry { key: name, key_span, value: node });
                    }
                }
            }
        }
    }
}

impl Builder<'_> {
    /// Drops the events of a container nested too deep, and reports it when it starts. True when the event was
    /// taken care of here.
    fn limit_depth(&mut self, event: &Event, at: usize) -> bool {
        let opens = matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        let closes = matches!(event, Event::MappingEnd | Event::SequenceEnd);
        if let Some(skipped) = &mut self.skipping {
            if opens {
                skipped.open += 1;
            } else if closes {
                skipped.open -= 1;
                if skipped.open == 0 {
                    let start = skipped.start;
                    self.skipping = None;
                    // A flow container ends at its bracket; a block container where the next token starts.
                    let end = if self.text[at..].starts_with([']', '}']) { at + 1 } else { at };
                    self.place_unread(start, end);
                }
            }
            return true;
        }
        if !opens || self.stack.len() < MAX_DEPTH {
            return false;
        }
        self.too_deep += 1;
        if self.too_deep <= MAX_SYNTAX_ERRORS {
            let (span, path) = self.too_deep_place(at);
            self.diagnostics.push(msg::yaml_too_deep(span, &path, MAX_DEPTH));
        }
        self.skipping = Some(Skipped { open: 1, start: at });
        true
    }

    /// Where to point at a container too deep to read, and the spec path down to it: the key it is the value of
    /// when there is one (a block container's own event sits at its first key, inside it), else its first token.
    fn too_deep_place(&self, at: usize) -> (Span, String) {
        let mut path = String::new();
        for frame in &self.stack {
            match &frame.kind {
                FrameKind::Map { key: PendingKey::Key(name, _, _), .. } => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                FrameKind::Map { .. } => {}
                FrameKind::Seq { items } => path.push_str(&format!("[{}]", items.len())),
            }
        }
        let span = match self.stack.last().map(|frame| &frame.kind) {
            Some(FrameKind::Map { key: PendingKey::Key(_, span, _), .. }) => *span,
            _ => self.source.span(at, at + 1),
        };
        (span, path)
    }

    /// Stands in for a container that was not read: an empty value whose content is unknown, so that nothing
    /// downstream calls it missing or judges what is left of it.
    fn place_unread(&mut self, start: usize, end: usize) {
        let end = end.min(self.text.len());
        let span = self.source.span(start, (start + 1).min(end.max(start)));
        let node = Node {
            span,
            value: Value::Scalar(Scalar { text: String::new(), plain: true }),
            incomplete: true,
            flow: false,
        };
        self.place(node, start, end);
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let at = self.byte(mark);
        if self.limit_depth(&event, at) {
            return;
        }
        match event {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents == 2 {
                    let span = self.container_span(at);
                    self.diagnostics.push(msg::yaml_second_document(span));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let (start, end) = self.scalar_range(at, style, &text);
                let span = self.source.span(start, end);
                self.reject_decorations(at, span, anchor, tag.is_some());
                let plain = style == TScalarStyle::Plain;
                let node = Node { span, value: Value::Scalar(Scalar { text, plain }), incomplete: false, flow: false };
                self.place(node, at, end);
            }
            Event::Alias(id) => {
                let len =
                    self.text[at..].find([' ', '\t', '\n', '\r', ',', ']', '}']).unwrap_or(self.text.len() - at).max(1);
                let span = self.source.span(at, at + len);
                let anchor = self.anchors.iter_mut().find(|a| a.id == id).map(|a| {
                    a.used = true;
                    a.span
                });
                self.diagnostics.push(msg::yaml_alias(span, anchor));
                // Read as an empty value whose content is unknown, so that nothing downstream calls it missing.
                let node = Node {
                    span,
                    value: Value::Scalar(Scalar { text: String::new(), plain: true }),
                    incomplete: true,
                    flow: false,
                };
                self.place(node, at, at + len);
            }
            Event::MappingStart(anchor, tag) => self.push_frame(
                FrameKind::Map { entries: Vec::new(), index: HashMap::new(), key: PendingKey::None },
                at,
                anchor,
                tag.is_some(),
            ),
            Event::SequenceStart(anchor, tag) => {
                self.push_frame(FrameKind::Seq { items: Vec::new() }, at, anchor, tag.is_some())
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let Some(frame) = self.stack.pop() else { return };
                let parent_column = match self.stack.last() {
                    Some(parent) if !parent.flow && !frame.flow => Some(parent.column),
                    _ => None,
                };
                let to = at.max(frame.region_start);
                let incomplete = frame.incomplete | self.claim(frame.region_start, to, frame.column, parent_column);
                let mut span = frame.span;
                let end = if frame.flow { at + 1 } else { at };
                if frame.flow {
                    // An inline container that closes on its own line is underlined whole.
                    let open = frame.region_start;
                    if !self.text[open..end.min(self.text.len())].contains('\n') {
                        span = self.source.span(open, end.min(self.text.len()));
                    }
                }
                let value = match frame.kind {
                    FrameKind::Map { entries, .. } => Value::Map(entries),
                    FrameKind::Seq { items } => Value::Seq(items),
                };
                let node = Node { span, value, incomplete, flow: frame.flow };
                if self.documents <= 1 {
                    // After a block container the next token is where the parser put the end; nothing is consumed.
                    let consumed = if frame.flow { end } else { self.last_end };
                    self.place(node, frame.region_start, consumed);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;

    fn parse_text(text: &str) -> (Option<Node>, Vec<crate::diag::Diagnostic>) {
        let mut sources = Sources::new();
        let file = sources.add("test.yaml", text);
        let mut diagnostics = Diagnostics::new();
        let root = parse(file, text, &mut diagnostics);
        (root, diagnostics.into_sorted())
    }

    fn get<'n>(node: &'n Node, key: &str) -> &'n Node {
        match &node.value {
            Value::Map(entries) => &entries.iter().find(|e| e.key == key).expect("key exists").value,
            _ => panic!("not a mapping"),
        }
    }

    #[test]
    fn a_tab_in_the_indentation_is_reported_at_the_tab_and_read_as_spaces() {
        let text = "a:\n  b:\n    c: 1\n\td: 2\n  e: 3\n";
        let (root, diagnostics) = parse_text(text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].span.start, text.find('\t').unwrap());
        let root = root.expect("read");
        // `d` lines up with `c` above it, and its spans point into the original text.
        let d = match &get(get(&root, "a"), "b").value {
            Value::Map(entries) => entries.iter().find(|e| e.key == "d").expect("d is under b"),
            _ => panic!("b is a mapping"),
        };
        assert_eq!(&text[d.key_span.start..d.key_span.end], "d");
        assert_eq!(&text[d.value.span.start..d.value.span.end], "2");
    }

    #[test]
    fn tabs_in_the_text_of_a_block_scalar_are_text() {
        let (root, diagnostics) = parse_text("a: |\n  x\n  \ty\nb: 1\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(get(&root.unwrap(), "a").as_scalar().unwrap().text, "x\n\ty\n");
    }

    #[test]
    fn a_mapping_that_lost_a_line_is_incomplete_and_its_neighbours_are_not() {
        let text = "a:\n  b: 1\n  c: x: y\nd:\n  e: 1\n";
        let (root, diagnostics) = parse_text(text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let root = root.expect("read");
        assert!(get(&root, "a").incomplete);
        assert!(!get(&root, "d").incomplete);
    }

    #[test]
    fn the_lines_under_a_broken_key_are_skipped_with_it() {
        let text = "a:\n  b: x: y\n    c: 1\n  d: 2\n";
        let (root, diagnostics) = parse_text(text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let a = get(root.as_ref().expect("read"), "a");
        let Value::Map(entries) = &a.value else { panic!("a is a mapping") };
        assert_eq!(entries.iter().map(|e| e.key.as_str()).collect::<Vec<_>>(), ["d"]);
    }

    #[test]
    fn an_alias_is_reported_once_with_its_anchor() {
        let (_, diagnostics) = parse_text("a: &x 1\nb: *x\n");
        assert_eq!(diagnostics.iter().map(|d| d.code).collect::<Vec<_>>(), ["yaml-alias"]);
        assert_eq!(diagnostics[0].related.len(), 1);
    }

    fn codes(diagnostics: &[crate::diag::Diagnostic]) -> Vec<&'static str> {
        diagnostics.iter().map(|d| d.code).collect()
    }

    #[test]
    fn a_leading_byte_order_mark_is_skipped_and_spans_stay_in_place() {
        let text = "\u{feff}spec: 1\nname: x\n";
        let (root, diagnostics) = parse_text(text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let root = root.expect("read");
        let Value::Map(entries) = &root.value else { panic!("a mapping") };
        assert_eq!(entries[0].key, "spec");
        assert_eq!(&text[entries[0].key_span.start..entries[0].key_span.end], "spec");
        let name = get(&root, "name");
        assert_eq!(&text[name.span.start..name.span.end], "x");
    }

    #[test]
    fn a_byte_order_mark_and_tabs_together_keep_spans_in_place() {
        let text = "\u{feff}a:\n  b: 1\n\tc: 2\n";
        let (root, diagnostics) = parse_text(text);
        assert_eq!(codes(&diagnostics), ["yaml-syntax"]);
        assert_eq!(diagnostics[0].span.start, text.find('\t').unwrap());
        let root = root.expect("read");
        let c = get(get(&root, "a"), "c");
        assert_eq!(&text[c.span.start..c.span.end], "2");
    }

    #[test]
    fn control_characters_are_reported_where_they_are_and_the_rest_is_read() {
        let text = "a: x\0y\nb: \u{1}1\nc: \u{85}\nd: 4\n";
        let (root, diagnostics) = parse_text(text);
        assert_eq!(codes(&diagnostics), ["control-character"; 3]);
        assert_eq!(diagnostics[0].span.start, text.find('\0').unwrap());
        assert_eq!(diagnostics[1].span.start, text.find('\u{1}').unwrap());
        let c1 = text.find('\u{85}').unwrap();
        assert_eq!((diagnostics[2].span.start, diagnostics[2].span.end), (c1, c1 + 2));
        // Everything after the NUL is still there.
        let root = root.expect("read");
        let d = get(&root, "d");
        assert_eq!(&text[d.span.start..d.span.end], "4");
    }

    #[test]
    fn brackets_nested_past_the_scanner_limit_are_too_deep_and_the_rest_is_read() {
        let levels = 50_000;
        let text = format!("a: 1\nb: {}{}\nc: 3\n", "[".repeat(levels), "]".repeat(levels));
        let (root, diagnostics) = parse_text(&text);
        assert_eq!(codes(&diagnostics), ["nesting-too-deep"], "{diagnostics:?}");
        // The scanner looks ahead over the brackets and gives up before the first of them becomes an event.
        assert!(text[diagnostics[0].span.start..].starts_with('['));
        let c = get(root.as_ref().expect("read"), "c");
        assert_eq!(&text[c.span.start..c.span.end], "3");
    }

    #[test]
    fn mappings_nested_too_deep_are_reported_once_and_not_read() {
        let levels = 200;
        let text = format!("a: 1\nb: {}{}\nc: 3\n", "[".repeat(levels), "]".repeat(levels));
        let (root, diagnostics) = parse_text(&text);
        assert_eq!(codes(&diagnostics), ["nesting-too-deep"], "{diagnostics:?}");
        // The value of `b` at the limit stands in for what was not read; `c` is read.
        let root = root.expect("read");
        let c = get(&root, "c");
        assert_eq!(&text[c.span.start..c.span.end], "3");
        let mut node = get(&root, "b");
        let mut depth = 1;
        while let Value::Seq(items) = &node.value {
            node = &items[0];
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH);
        assert!(node.incomplete);
    }

    #[test]
    fn block_nesting_at_the_limit_is_read_and_one_deeper_is_not() {
        let nested = |levels: usize| {
            let mut text = String::new();
            for level in 0..levels {
                text.push_str(&format!("{}k{level}:\n", "  ".repeat(level)));
            }
            text.push_str(&format!("{}leaf: 1\n", "  ".repeat(levels)));
            text
        };
        // The root mapping is one level, each `kN:` opens one more.
        let (_, diagnostics) = parse_text(&nested(MAX_DEPTH - 1));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (_, diagnostics) = parse_text(&nested(MAX_DEPTH));
        assert_eq!(codes(&diagnostics), ["nesting-too-deep"]);
        assert!(diagnostics[0].spec_path.ends_with(&format!("k{}", MAX_DEPTH - 1)), "{}", diagnostics[0].spec_path);
    }

    #[test]
    fn duplicate_keys_in_a_large_mapping_are_all_found() {
        let mut text: String = (0..20_000).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k7: again\nk19999: again\n");
        let (_, diagnostics) = parse_text(&text);
        assert_eq!(codes(&diagnostics), ["duplicate-key"; 2]);
        assert_eq!(diagnostics[0].related[0].0.start, text.find("k7:").unwrap());
    }

    #[test]
    fn remap_points_inside_an_expanded_tab_at_the_tab() {
        let remap = Remap { base: 0, tabs: vec![(3, 11, 3)] };
        assert_eq!(remap.start(2), 2);
        assert_eq!(remap.start(3), 3);
        assert_eq!(remap.start(10), 3);
        assert_eq!(remap.start(11), 4);
        assert_eq!(remap.end(11), 4);
        assert_eq!(remap.end(12), 5);
        let shifted = Remap { base: 3, tabs: vec![(3, 11, 3), (20, 24, 13)] };
        assert_eq!(shifted.start(0), 3);
        assert_eq!(shifted.start(10), 6);
        assert_eq!(shifted.start(11), 7);
        assert_eq!(shifted.start(21), 16);
        assert_eq!(shifted.start(24), 17);
        assert_eq!(shifted.end(0), 3);
    }
}
