//! `pattern`: a regular expression the whole value must match.
//!
//! A spec pattern is written without anchors and matched as `^(?:PATTERN)$`. That wrapping is only safe for a
//! pattern that stands alone: `[0-9]+)|(x` would close the wrapper's group and turn the whole-value check into
//! `^(?:[0-9]+)|(x)$`, a prefix check. Such a pattern is refused by the checker and matches nothing at run time.

use regex::Regex;
use regex_syntax::hir::{Hir, Look};

/// Why a spec pattern cannot be used, or `None` when it can. It must compile on its own (as the regular expression
/// the author wrote), and `^(?:PATTERN)$` must then mean exactly that expression anchored at both ends.
pub fn problem(pattern: &str) -> Option<String> {
    if let Err(error) = Regex::new(pattern) {
        // The regex crate's message ends with a line `error: <what>`; that line is the useful part.
        let error = error.to_string();
        let last = error.lines().last().unwrap_or("").trim();
        return Some(last.strip_prefix("error:").unwrap_or(last).trim().to_owned());
    }
    let whole = |hir: Hir| Hir::concat(vec![Hir::look(Look::Start), hir, Hir::look(Look::End)]);
    match (regex_syntax::parse(pattern), regex_syntax::parse(&format!("^(?:{pattern})$"))) {
        (Ok(alone), Ok(anchored)) if anchored == whole(alone.clone()) => None,
        _ => Some("it cannot be anchored as one whole expression (does a comment or flag reach past its end?)".into()),
    }
}

/// The pattern compiled to match whole values, or `None` when it is not usable (see [`problem`]).
pub fn anchored(pattern: &str) -> Option<Regex> {
    match problem(pattern) {
        None => Regex::new(&format!("^(?:{pattern})$")).ok(),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_must_stand_alone_to_be_anchored() {
        for good in ["[0-9]+", "a|b", "(?i)abc", "a(b|c)d", "[)(]", r"\)", "(?x) a b  # spaced\n"] {
            assert_eq!(problem(good), None, "{good}");
            assert!(anchored(good).is_some(), "{good}");
        }
        // Closes the group it would be wrapped in: alone it does not compile.
        assert!(problem("[0-9]+)|(x").is_some_and(|why| why.contains("unopened group")));
        assert!(anchored("[0-9]+)|(x").is_none());
        // A comment that would swallow the closing `)$`.
        assert!(problem("(?x)abc # comment").is_some());
        assert!(problem("[a-z").is_some());
    }

    #[test]
    fn anchored_patterns_match_whole_values() {
        let alternation = anchored("a|b").expect("usable");
        assert!(alternation.is_match("a") && alternation.is_match("b") && !alternation.is_match("ab"));
        let id = anchored("[0-9]{13}").expect("usable");
        assert!(id.is_match("8501015800084") && !id.is_match("x8501015800084") && !id.is_match("85010158000841"));
    }
}
