//! Server text in messages, bounded: a server decides how long its values are, so nothing it sends may make an
//! error message (or a log line built from one) arbitrarily large.

use std::borrow::Cow;

/// The most characters of one server-provided value shown in a message.
pub const MAX_SHOWN: usize = 300;

/// `text` cut to at most `max` characters (on a character boundary), with what was left out counted, so that a
/// reader sees both that it was cut and how much is missing.
///
/// ```
/// use codegen_runtime::text::bounded;
/// assert_eq!(bounded("short", 10), "short");
/// assert_eq!(bounded("0123456789abc", 10), "0123456789… (3 more bytes)");
/// ```
pub fn bounded(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((cut, _)) => Cow::Owned(format!("{}… ({} more bytes)", &text[..cut], text.len() - cut)),
    }
}

/// [`bounded`] with [`MAX_SHOWN`], the limit every message of this crate uses.
pub fn shown(text: &str) -> Cow<'_, str> {
    bounded(text, MAX_SHOWN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_on_character_boundaries() {
        assert_eq!(bounded("", 0), "");
        assert_eq!(bounded("abc", 3), "abc");
        assert_eq!(bounded("abcd", 3), "abc… (1 more bytes)");
        assert_eq!(bounded("ééé", 1), "é… (4 more bytes)");
        let huge = "9".repeat(1_000_000);
        let shown = shown(&huge);
        assert!(shown.len() < MAX_SHOWN + 40, "{}", shown.len());
        assert!(shown.ends_with("(999700 more bytes)"), "{shown}");
    }
}
