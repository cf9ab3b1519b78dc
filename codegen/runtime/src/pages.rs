//! What every paginated walk shares: the guard against a server that sends back a position it already sent.

use std::collections::HashSet;

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

    /// Records that the walk follows `position` (its text: a cursor's JSON, an offset), or returns the error that
    /// ends the walk when it was followed before.
    pub fn follow<E>(&mut self, position: String) -> Result<(), Error<E>> {
        if self.seen.contains(&position) {
            let message = format!(
                "the server sent position `{}` again after {} pages; stopping instead of repeating pages",
                shown(&position),
                self.seen.len() + 1
            );
            return Err(Error::Pagination(message));
        }
        self.seen.insert(position);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_position_ends_the_walk() {
        let mut visited = Visited::new();
        assert!(visited.follow::<std::convert::Infallible>("c1".into()).is_ok());
        assert!(visited.follow::<std::convert::Infallible>("c2".into()).is_ok());
        let error = visited.follow::<std::convert::Infallible>("c1".into()).expect_err("seen before");
        assert_eq!(error.to_string(), "pagination stopped: the server sent position `c1` again after 3 pages; stopping instead of repeating pages");
    }
}
