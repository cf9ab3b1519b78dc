//! What every paginated walk shares: the guard against a server that sends back a position it already sent.

use std::collections::HashSet;

#[cfg(doc)]
use crate::error::Error;
use crate::text::shown;

/// The positions (cursors, offsets) a paginated walk has followed. A server that answers with one of them again
/// would make the walk repeat pages for ever; [`Visited::follow`] refuses it instead.
#[derive(Clone, Debug, Default)]
pub struct Visited {
    seen: HashSet<String>,
}

impl Visited {
    /// A walk that has followed nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that the walk follows `position` (its text: a cursor's JSON, an offset), or says why the walk must
    /// end when it was followed before: the reason of the [`Error::Pagination`] the walk then ends with.
    pub fn follow(&mut self, position: String) -> Result<(), String> {
        if self.seen.contains(&position) {
            return Err(format!(
                "the server sent position `{}` again after {} pages; stopping instead of repeating pages",
                shown(&position),
                self.seen.len() + 1
            ));
        }
        self.seen.insert(position);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn a_repeated_position_ends_the_walk() {
        let mut visited = Visited::new();
        assert!(visited.follow("c1".into()).is_ok());
        assert!(visited.follow("c2".into()).is_ok());
        let error = Error::<std::convert::Infallible>::Pagination(visited.follow("c1".into()).expect_err("seen"));
        assert_eq!(error.to_string(), "pagination stopped: the server sent position `c1` again after 3 pages; stopping instead of repeating pages");
    }
}
