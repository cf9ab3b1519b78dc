//! Paginated walks: a generated request type says, through [`Paged`], what its pages hold and what the next request
//! is given a page; [`ClientCore::pages`] and [`ClientCore::items`] walk them as streams, guarded against a server that
//! sends back a position it already sent ([`Visited`]).

use std::collections::HashSet;

use futures_core::Stream;
use futures_util::{StreamExt as _, TryStreamExt as _};

use crate::auth::Credentials;
use crate::call::{Call, Operation};
use crate::client::ClientCore;
use crate::error::Error;
use crate::json::Json;
use crate::text::shown;
use crate::validate::ValidationError;

/// Where a walk goes after a page.
#[derive(Debug)]
pub enum Next<R> {
    /// Send this request.
    Request(R),
    /// Send this cursor back as the whole body of the next request.
    Cursor(Json),
    /// The server sent back a position already followed: the walk ends with [`Error::Pagination`], after the page
    /// that carried it.
    Looped(String),
    /// The next position cannot be set on the request: the walk ends with [`Error::InvalidRequest`], after the page.
    Refused(ValidationError),
    /// That was the last page.
    Done,
}

/// A request whose answers are pages: what a page holds, and what follows it.
pub trait Paged: Operation + Clone + Sized {
    /// What the pages list.
    type Item: Clone;

    /// The items of `page`.
    fn items(page: &Self::Success) -> &[Self::Item];

    /// What follows `page`, the answer to `request` (`None` when a cursor was sent instead of a request).
    fn next(request: Option<Self>, page: &Self::Success, visited: &mut Visited) -> Next<Self>;

    /// Records the position the request starts at, when it resumes a walk (an offset it was given).
    fn start(&self, visited: &mut Visited) {
        let _ = visited;
    }

    /// The call that sends `cursor` back, for walks whose pages give the whole body of the next request.
    fn cursor_call(cursor: &Json) -> Result<Call, ValidationError> {
        let _ = cursor;
        Err(ValidationError::new("cursor", "this endpoint's pages are not walked by cursor"))
    }
}

/// What follows a page whose `next` cursor is `cursor`: that cursor, unless it is absent or `null` (the last page)
/// or was already followed.
pub fn follow_cursor<R>(cursor: Option<&Json>, visited: &mut Visited) -> Next<R> {
    match cursor {
        Some(cursor) if !cursor.is_null() => match visited.follow(cursor.to_string()) {
            Ok(()) => Next::Cursor(cursor.clone()),
            Err(reason) => Next::Looped(reason),
        },
        _ => Next::Done,
    }
}

impl ClientCore {
    /// Every page from `first` on, fetched one at a time as the stream is polled, sent with `credentials` when the
    /// endpoint takes them. The stream ends after the last page; an error ends it too, after being yielded.
    pub fn pages<'a, O: Paged + 'a>(
        &'a self,
        first: Next<O>,
        credentials: &'a Credentials,
    ) -> impl Stream<Item = Result<O::Success, Error<O::Error>>> + 'a {
        let mut visited = Visited::new();
        if let Next::Request(request) = &first {
            request.start(&mut visited);
        }
        futures_util::stream::try_unfold((first, visited), move |(step, mut visited)| async move {
            let (request, page) = match step {
                Next::Request(request) => {
                    let page = self.run(request.clone(), credentials).await?;
                    (Some(request), page)
                }
                Next::Cursor(cursor) => (None, self.run_call::<O>(O::cursor_call(&cursor)?, credentials).await?),
                // The page that carried the repeated position was yielded first; now the walk ends.
                Next::Looped(reason) => return Err(Error::Pagination(reason)),
                Next::Refused(error) => return Err(error.into()),
                Next::Done => return Ok(None),
            };
            let next = O::next(request, &page, &mut visited);
            Ok(Some((page, (next, visited))))
        })
    }

    /// Every item of every page from `first` on, in order; see [`ClientCore::pages`].
    pub fn items<'a, O>(
        &'a self,
        first: Next<O>,
        credentials: &'a Credentials,
    ) -> impl Stream<Item = Result<O::Item, Error<O::Error>>> + Unpin + Send + 'a
    where
        O: Paged + Send + Sync + 'a,
        O::Success: Send,
        O::Item: Send,
        O::Error: Send,
    {
        self.pages(first, credentials)
            .map_ok(|page| futures_util::stream::iter(O::items(&page).to_vec().into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }
}

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
