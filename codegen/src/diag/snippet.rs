//! What the renderer is shown of the spec files for one diagnostic: only the lines its labels are on, each long line
//! cut down to windows around the labels, and control characters made visible.
//!
//! codespan-reporting prints every labelled line whole, with a caret line as long again under it, so one label on a
//! 10 MB line printed 20 MB. It reads files through the [`Files`] trait, so instead of the files themselves it gets a
//! small text of the shown lines, and label offsets are translated into that text. Line numbers are the file's own
//! and `file:line:col` is computed on the original text, so both stay exact.

use codespan_reporting::files::{Error, Files, Location, SimpleFiles};
use std::ops::Range;

/// Lines up to this many characters are shown whole.
const MAX_LINE_CHARS: usize = 240;
/// In a longer line, how many characters are shown before and after each labelled position.
const BEFORE: usize = 60;
const AFTER: usize = 120;
/// Stands for the characters left out of a long line.
const ELLIPSIS: &str = "...";

/// The shown lines of the files one diagnostic points into.
pub(super) struct Snippet<'f> {
    files: &'f SimpleFiles<String, String>,
    views: Vec<View>,
}

/// The shown lines of one file.
struct View {
    file: usize,
    text: String,
    lines: Vec<ShownLine>,
    /// Each labelled position: its offset in the file and in `text`. Sorted by the latter.
    points: Vec<(usize, usize)>,
}

struct ShownLine {
    /// The line's index in the file.
    index: usize,
    /// Where it is in the view's text, line break included.
    range: Range<usize>,
    /// Where it starts in the file, for positions the labels do not name.
    original_start: usize,
}

impl<'f> Snippet<'f> {
    /// The lines needed to render labels at `ranges` (file, byte range in that file).
    pub(super) fn new(files: &'f SimpleFiles<String, String>, ranges: &[(usize, Range<usize>)]) -> Snippet<'f> {
        let mut snippet = Snippet { files, views: Vec::new() };
        let mut ids: Vec<usize> = ranges.iter().map(|(file, _)| *file).collect();
        ids.sort_unstable();
        ids.dedup();
        for file in ids {
            let in_file: Vec<Range<usize>> =
                ranges.iter().filter(|(f, _)| *f == file).map(|(_, r)| r.clone()).collect();
            if let Some(view) = View::new(files, file, &in_file) {
                snippet.views.push(view);
            }
        }
        snippet
    }

    /// Where a position of a file is in the shown text (unchanged when the file has no view, so that the renderer
    /// reports the lookup error it would have reported anyway).
    pub(super) fn shown(&self, file: usize, offset: usize) -> usize {
        let Some(view) = self.view(file) else { return offset };
        view.points.iter().find(|(original, _)| *original == offset).map_or(offset, |(_, shown)| *shown)
    }

    fn view(&self, file: usize) -> Option<&View> {
        self.views.iter().find(|v| v.file == file)
    }

    fn view_or_error(&self, file: usize) -> Result<&View, Error> {
        self.view(file).ok_or(Error::FileMissing)
    }
}

impl View {
    fn new(files: &SimpleFiles<String, String>, file: usize, ranges: &[Range<usize>]) -> Option<View> {
        let source = files.get(file).ok()?.source().as_str();
        // The lines each label starts and ends on and every line between (the renderer visits them all).
        let mut wanted: Vec<usize> = Vec::new();
        for range in ranges {
            let (first, last) = (files.line_index(file, range.start).ok()?, files.line_index(file, range.end).ok()?);
            wanted.extend(first..=last.max(first));
        }
        wanted.sort_unstable();
        wanted.dedup();
        // A single line between two shown lines is printed rather than a break, so it is shown too.
        let mut lines = Vec::with_capacity(wanted.len());
        for (i, &index) in wanted.iter().enumerate() {
            lines.push(index);
            if wanted.get(i + 1).is_some_and(|next| index + 2 == *next) {
                lines.push(index + 1);
            }
        }
        let mut points: Vec<usize> = ranges.iter().flat_map(|r| [r.start, r.end]).collect();
        points.sort_unstable();
        points.dedup();
        let mut view = View { file, text: String::new(), lines: Vec::new(), points: Vec::new() };
        for index in lines {
            let range = files.line_range(file, index).ok()?;
            let on_line: Vec<usize> =
                points.iter().copied().filter(|p| files.line_index(file, *p).ok() == Some(index)).collect();
            view.push_line(index, &source[range.clone()], range.start, &on_line);
        }
        view.points.sort_by_key(|(_, shown)| *shown);
        Some(view)
    }

    /// Appends one line as shown, and records where its labelled positions (absolute offsets) land.
    fn push_line(&mut self, index: usize, line: &str, original_start: usize, points: &[usize]) {
        let start = self.text.len();
        let content = line.strip_suffix('\n').map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
        let relative: Vec<usize> = points.iter().map(|p| (p - original_start).min(content.len())).collect();
        let (shown, mapped) = shown_line(content, &relative);
        self.text.push_str(&shown);
        for (point, at) in points.iter().zip(mapped) {
            self.points.push((*point, start + at));
        }
        if line.ends_with('\n') {
            self.text.push('\n');
        }
        self.lines.push(ShownLine { index, range: start..self.text.len(), original_start });
    }

    fn line_at(&self, shown: usize) -> Option<&ShownLine> {
        let after = self.lines.partition_point(|l| l.range.start <= shown);
        self.lines.get(after.checked_sub(1)?)
    }
}

/// A line's content as shown (whole, or windows around `points` with `...` for what is left out, and control
/// characters made visible), and where each of `points` (offsets in `content`) lands in it.
fn shown_line(content: &str, points: &[usize]) -> (String, Vec<usize>) {
    let long = content.len() > MAX_LINE_CHARS && content.char_indices().nth(MAX_LINE_CHARS).is_some();
    let windows = if long { windows(content, points) } else { std::iter::once(0..content.len()).collect() };
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|i| points[*i]);
    let mut mapped = vec![0; points.len()];
    let mut next = order.iter().peekable();
    let mut shown = String::new();
    for (n, window) in windows.iter().enumerate() {
        if n > 0 || window.start > 0 {
            shown.push_str(ELLIPSIS);
        }
        for (at, c) in content[window.clone()].char_indices() {
            while let Some(&&i) = next.peek().filter(|&&&i| points[i] <= window.start + at) {
                mapped[i] = shown.len();
                next.next();
            }
            push_visible(&mut shown, c);
        }
        while let Some(&&i) = next.peek().filter(|&&&i| points[i] <= window.end) {
            mapped[i] = shown.len();
            next.next();
        }
    }
    if windows.last().is_some_and(|w| w.end < content.len()) {
        shown.push_str(ELLIPSIS);
    }
    for &i in next {
        mapped[i] = shown.len();
    }
    (shown, mapped)
}

/// Ranges of `content` around each point, merged where they overlap, on character boundaries.
fn windows(content: &str, points: &[usize]) -> Vec<Range<usize>> {
    let mut windows: Vec<Range<usize>> = points
        .iter()
        .map(|&p| {
            let mut p = p.min(content.len());
            while !content.is_char_boundary(p) {
                p -= 1;
            }
            let start = content[..p].char_indices().rev().nth(BEFORE - 1).map_or(0, |(at, _)| at);
            let end = content[p..].char_indices().nth(AFTER).map_or(content.len(), |(at, _)| p + at);
            start..end
        })
        .collect();
    windows.sort_by_key(|w| w.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(windows.len());
    for window in windows {
        match merged.last_mut() {
            Some(last) if window.start <= last.end => last.end = last.end.max(window.end),
            _ => merged.push(window),
        }
    }
    merged
}

/// Pushes a character, or a visible stand-in for a control character that would upset the terminal.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\t' => out.push('\t'),
        '\0'..='\x1f' => out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}')),
        '\x7f' => out.push('\u{2421}'),
        '\u{80}'..='\u{9f}' => out.push('\u{fffd}'),
        _ => out.push(c),
    }
}

impl<'a> Files<'a> for Snippet<'_> {
    type FileId = usize;
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<String, Error> {
        Files::name(self.files, id)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.view_or_error(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let view = self.view_or_error(id)?;
        view.line_at(byte_index).map(|l| l.index).ok_or(Error::IndexTooLarge { given: byte_index, max: 0 })
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let view = self.view_or_error(id)?;
        let at = view.lines.binary_search_by_key(&line_index, |l| l.index);
        let max = view.lines.last().map_or(0, |l| l.index);
        at.map(|i| view.lines[i].range.clone()).map_err(|_| Error::LineTooLarge { given: line_index, max })
    }

    /// `line:col` in the file itself, whatever was cut from the shown line.
    fn location(&'a self, id: usize, byte_index: usize) -> Result<Location, Error> {
        let view = self.view_or_error(id)?;
        let original = match view.points.iter().find(|(_, shown)| *shown == byte_index) {
            Some((original, _)) => *original,
            None => view.line_at(byte_index).map_or(0, |l| l.original_start),
        };
        self.files.location(id, original)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_is_shown_whole_and_a_long_one_around_its_points() {
        let (shown, at) = shown_line("key: value", &[5, 10]);
        assert_eq!((shown.as_str(), at), ("key: value", vec![5, 10]));
        let long = format!("{}X{}", "a".repeat(10_000), "b".repeat(10_000));
        let (shown, at) = shown_line(&long, &[10_000, 10_001]);
        assert!(shown.len() <= BEFORE + AFTER + 1 + 2 * ELLIPSIS.len(), "{}", shown.len());
        assert!(shown.starts_with("...") && shown.ends_with("..."));
        assert_eq!(&shown[at[0]..at[1]], "X");
    }

    #[test]
    fn far_apart_points_get_a_window_each() {
        let long = format!("A{}B", "x".repeat(50_000));
        let (shown, at) = shown_line(&long, &[0, 50_001]);
        assert_eq!(&shown[at[0]..at[0] + 1], "A");
        assert_eq!(&shown[at[1]..at[1] + 1], "B");
        assert!(shown.contains("x...x"));
        assert!(shown.len() < 2 * (BEFORE + AFTER) + 3 * ELLIPSIS.len());
    }

    #[test]
    fn control_characters_are_made_visible() {
        let (shown, at) = shown_line("a\0b\x7fc", &[1]);
        assert_eq!(shown, "a\u{2400}b\u{2421}c");
        assert_eq!(at, vec![1]);
    }
}
