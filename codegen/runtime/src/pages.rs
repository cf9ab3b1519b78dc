//! Paginated walks: a generated request type says, through [`Paged`], what its pages hold and what the next request
//! is given a page; [`ClientCore::pages`] and [`ClientCore::items`] walk them as streams, guarded against a server that
//! sends back a position it already sent ([`Visited`]). A walk that follows the server's links sends them only to
//! the base URL's origin ([`crate::origin`]).

use std::collections::HashSet;

use futures_core::Stream;
use futures_util::{StreamExt as _, TryStreamExt as _};

use crate::auth::Credentials;
use crate::call::{Call, Operation};
use crate::client::ClientCore;
use crate::error::Error;
use crate::json::Json;
use crate::origin::link_target;
use crate::text::shown;
use crate::validate::ValidationError;

/// Where a walk goes after a page.
#[derive(Debug)]
pub enum Next<R> {
    /// Send this request.
    Request(R),
    /// Send this cursor back as the whole body of the next request.
    Cursor(Json),
    /// Send `request`'s call again to `link`, a URL the page gave, in place of its path and query. The link is
    /// checked before anything is sent: one that leaves the base URL's origin ends the walk with
    /// [`Error::Pagination`] (see [`crate::origin::link_target`]).
    Link {
        /// The request whose method, headers, credentials and body the next call keeps.
        request: R,
        /// The link, as the page gave it.
        link: String,
    },
    /// The server sent back a position already followed, or a page gave no position the walk could read: the walk
    /// ends with [`Error::Pagination`] (this reason), after the page that carried it.
    Looped(String),
    /// The next position cannot be set on the request: the walk ends with [`Error::InvalidRequest`], after the page.
    Refused(ValidationError),
    /// That was the last page.
    Done,
}

/// A request whose answers are pages: what a page holds, and what follows it.
pub trait Paged: Operation + Clone + Sized {
    /// What the pages list.
    type Item: Clone + serde::de::DeserializeOwned;

    /// Where a page's JSON body lists the items: the wire names of the fields leading to the list (none when the
    /// body is the list). With it, the items stream reads a page that cannot be read whole item by item, and reports
    /// each unreadable item as that item's error (see [`crate::page_items`]); without it, such a page ends the walk.
    const ITEMS_AT: Option<&'static [&'static str]> = None;

    /// The items of `page`.
    fn items(page: &Self::Success) -> &[Self::Item];

    /// What follows `page`, the answer to `request` (`None` when a cursor was sent instead of a request). `listed`
    /// is how many items the page listed, counting any the items stream could not read (which `page` then leaves
    /// out): the walk's offsets and short-page test count what the server sent.
    fn next(request: Option<Self>, page: &Self::Success, listed: usize, visited: &mut Visited) -> Next<Self>;

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

/// What follows a page that links to the next one with `link` (see [`crate::links`] for where a page gives it):
/// `request` sent again to that link, unless there is none (absent or empty: the last page) or it was already
/// followed.
///
/// The walk, not this function, records the URL the link resolves to (see [`ClientCore::pages`]), so that one page
/// written two ways (a path, then the absolute URL) is still a repeat.
pub fn follow_link<R>(request: R, link: Option<&str>) -> Next<R> {
    match link {
        Some(link) if !link.is_empty() => Next::Link { request, link: link.to_owned() },
        _ => Next::Done,
    }
}

impl ClientCore {
    /// Every page from `first` on, fetched one at a time as the stream is polled, sent with `credentials` when the
    /// endpoint takes them. The stream ends after the last page; an error ends it too, after being yielded.
    ///
    /// The stream owns what it needs (a clone of the client and of the credentials, which share their connection
    /// pool and token cache), so a function can return it, a task can own it, and it is `Unpin`: `try_next().await`
    /// works on it without pinning.
    pub fn pages<O>(
        &self,
        first: Next<O>,
        credentials: &Credentials,
    ) -> impl Stream<Item = Result<O::Success, Error<O::Error>>> + Unpin + Send + 'static
    where
        O: Paged + Send + Sync + 'static,
        O::Success: Send + 'static,
        O::Error: Send + 'static,
    {
        self.walk::<O, O::Success>(first, credentials, O::DECODE, |page| (page, O::items(page).len()))
    }

    /// Every item of every page from `first` on, in order; see [`ClientCore::pages`].
    ///
    /// A page that cannot be read whole because of some of its items is read item by item (when the request type
    /// says where the items are, [`Paged::ITEMS_AT`]): each unreadable item is yielded in its place as
    /// [`Error::UnexpectedResponse`] (why, with the field's path, and the page's response), the others as usual,
    /// and the walk goes on. An item error does not end the stream; any other error does.
    pub fn items<O>(
        &self,
        first: Next<O>,
        credentials: &Credentials,
    ) -> impl Stream<Item = Result<O::Item, Error<O::Error>>> + Unpin + Send + 'static
    where
        O: Paged + Send + Sync + 'static,
        O::Success: Send + 'static,
        O::Item: Send + 'static,
        O::Error: Send + 'static,
    {
        self.walk::<O, ItemsPage<O>>(first, credentials, read_items_page::<O>, |read| (&read.page, read.items.len()))
            .map_ok(|read| futures_util::stream::iter(read.items))
            .try_flatten()
            .boxed()
    }

    /// The walk behind [`ClientCore::pages`] and [`ClientCore::items`]: each answer read by `read` into a `P`, of
    /// which `page_of` gives the page and how many items it listed.
    fn walk<O, P>(
        &self,
        first: Next<O>,
        credentials: &Credentials,
        read: crate::call::Decoder<P>,
        page_of: fn(&P) -> (&O::Success, usize),
    ) -> impl Stream<Item = Result<P, Error<O::Error>>> + Unpin + Send + 'static
    where
        O: Paged + Send + Sync + 'static,
        P: Send + 'static,
        O::Error: Send + 'static,
    {
        let mut visited = Visited::new();
        if let Next::Request(request) = &first {
            request.start(&mut visited);
        }
        let walk = Walk { step: first, visited, core: self.clone(), credentials: credentials.clone() };
        futures_util::stream::try_unfold(walk, move |mut walk| async move {
            let (request, answer) = match walk.step {
                Next::Request(request) => {
                    let call = request.call()?;
                    (Some(request), walk.core.run_call_reading::<O, P>(call, &walk.credentials, read).await?)
                }
                Next::Cursor(cursor) => {
                    let call = O::cursor_call(&cursor)?;
                    (None, walk.core.run_call_reading::<O, P>(call, &walk.credentials, read).await?)
                }
                Next::Link { request, link } => {
                    // Checked before the call is built: a link elsewhere ends the walk with nothing sent.
                    let url = link_target(walk.core.base_url(), &link).map_err(Error::Pagination)?;
                    walk.visited.follow(url.as_str().to_owned()).map_err(Error::Pagination)?;
                    let call = request.call()?.sent_to_link(url);
                    (Some(request), walk.core.run_call_reading::<O, P>(call, &walk.credentials, read).await?)
                }
                // The page that carried the repeated position was yielded first; now the walk ends.
                Next::Looped(reason) => return Err(Error::Pagination(reason)),
                Next::Refused(error) => return Err(error.into()),
                Next::Done => return Ok(None),
            };
            let (page, listed) = page_of(&answer);
            walk.step = O::next(request, page, listed, &mut walk.visited);
            Ok(Some((answer, walk)))
        })
        .boxed()
    }
}

/// A page as the items stream reads it: the page (holding the items that could be read) and every item it listed,
/// in order, each read or the error that says why not.
struct ItemsPage<O: Paged> {
    page: O::Success,
    items: Vec<Result<O::Item, Error<O::Error>>>,
}

/// Reads an answer of `O` for the items stream: whole when it can be, else item by item (see [`crate::page_items`]).
fn read_items_page<O: Paged>(response: crate::http::HttpResponse) -> Result<ItemsPage<O>, crate::call::Undecodable> {
    let failed = match (O::DECODE)(response) {
        Ok(page) => {
            let items = O::items(&page).iter().cloned().map(Ok).collect();
            return Ok(ItemsPage { page, items });
        }
        Err(failed) => failed,
    };
    let Some(at) = O::ITEMS_AT else { return Err(failed) };
    let Some(split) = crate::page_items::read_item_by_item::<O::Item>(&failed.response.body, at) else {
        return Err(failed);
    };
    let raw = &failed.response;
    let readable =
        crate::http::HttpResponse { status: raw.status, headers: raw.headers.clone(), body: split.readable_body };
    // Still unreadable without the failing items: the page itself is at fault, and its own error stands.
    let Ok(page) = (O::DECODE)(readable) else { return Err(failed) };
    let items = split
        .items
        .into_iter()
        .map(|item| item.map_err(|reason| Error::UnexpectedResponse { reason, response: failed.response.clone() }))
        .collect();
    Ok(ItemsPage { page, items })
}

/// Where a walk is: the next step, the positions followed, and the client and credentials it sends with (owned, so
/// that the stream borrows nothing).
struct Walk<O> {
    step: Next<O>,
    visited: Visited,
    core: ClientCore,
    credentials: Credentials,
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
    use crate::auth::HeaderValue;
    use crate::error::Error;
    use crate::http::Method;
    use crate::testing::RecordingTransport;
    use futures::executor::block_on;
    use serde_json::json;
    use std::sync::Arc;

    /// A page of a walk that follows `next` links.
    #[derive(Clone, Debug, serde::Deserialize)]
    struct LinkedPage {
        items: Vec<String>,
        next: Option<String>,
    }

    /// A list request of a `next_link` walk, as a generated one would be: its own query, and a `next` that follows
    /// the page's link.
    #[derive(Clone, Debug)]
    struct ListItems;

    impl Operation for ListItems {
        type Success = LinkedPage;
        type Error = std::convert::Infallible;
        const AUTHENTICATED: bool = true;
        const DECODE: crate::call::Decoder<LinkedPage> = crate::call::json_body::<LinkedPage>;

        fn call(&self) -> Result<Call, ValidationError> {
            let mut query = crate::url::Query::new();
            query.push("limit", "2");
            Ok(Call::new(Method::Get, "/items", 200).query(query))
        }
    }

    impl Paged for ListItems {
        type Item = String;

        fn items(page: &LinkedPage) -> &[String] {
            &page.items
        }

        fn next(request: Option<Self>, page: &LinkedPage, _: usize, _: &mut Visited) -> Next<Self> {
            let Some(request) = request else { return Next::Done };
            follow_link(request, page.next.as_deref())
        }
    }

    /// Walks every page of `ListItems` over `transport`, answered with `pages` in order: the items and the error
    /// that ended the walk, if any.
    fn walk(
        pages: &[serde_json::Value],
    ) -> (Arc<RecordingTransport>, Vec<String>, Option<Error<std::convert::Infallible>>) {
        let transport = Arc::new(RecordingTransport::new());
        for page in pages {
            transport.push_json(200, page);
        }
        let client = ClientCore::new(transport.clone(), "https://api.example.com/v1");
        let credentials =
            Credentials::header("bearer", ("Authorization".to_owned(), HeaderValue::sensitive("Bearer t")));
        let mut items = Vec::new();
        let mut ended = None;
        block_on(async {
            let mut pages = std::pin::pin!(client.items(Next::Request(ListItems), &credentials));
            while let Some(item) = pages.next().await {
                match item {
                    Ok(item) => items.push(item),
                    Err(error) => ended = Some(error),
                }
            }
        });
        (transport, items, ended)
    }

    #[test]
    fn links_are_followed_with_the_requests_own_call() {
        let (transport, items, ended) = walk(&[
            json!({"items": ["a", "b"], "next": "/v1/items?limit=2&after=b"}),
            json!({"items": ["c", "d"], "next": "https://API.example.com:443/v1/items?limit=2&after=d#ignored"}),
            json!({"items": ["e"], "next": ""}),
        ]);
        assert!(ended.is_none(), "{ended:?}");
        assert_eq!(items, ["a", "b", "c", "d", "e"]);
        let sent: Vec<(Method, String, Option<&str>)> = transport
            .requests()
            .iter()
            .map(|r| (r.method, r.url.clone(), r.header("authorization").map(|_| "credentials")))
            .collect();
        let urls = [
            "https://api.example.com/v1/items?limit=2",
            "https://api.example.com/v1/items?limit=2&after=b",
            "https://api.example.com/v1/items?limit=2&after=d",
        ];
        assert_eq!(sent, urls.map(|url| (Method::Get, url.to_owned(), Some("credentials"))));
        assert!(transport.requests().iter().all(|r| r.header("authorization") == Some("Bearer t")));
    }

    #[test]
    fn a_link_elsewhere_ends_the_walk_before_anything_is_sent() {
        for link in ["https://evil.example/v1/items?after=b", "http://api.example.com/v1/items", "items?after=b"] {
            let (transport, items, ended) =
                walk(&[json!({"items": ["a", "b"], "next": link}), json!({"items": ["stolen"], "next": null})]);
            assert_eq!(items, ["a", "b"], "the page that carried {link} is read first");
            match ended {
                Some(Error::Pagination(reason)) => assert!(reason.contains("is not followed"), "{reason}"),
                other => panic!("{link}: expected a pagination error, got {other:?}"),
            }
            assert_eq!(transport.requests().len(), 1, "{link}: nothing is sent after the first page");
        }
    }

    #[test]
    fn a_repeated_link_ends_the_walk() {
        let (transport, items, ended) = walk(&[
            json!({"items": ["a"], "next": "/v1/items?after=a"}),
            json!({"items": ["b"], "next": "/v1/items?after=a"}),
        ]);
        assert_eq!(items, ["a", "b"]);
        let repeated = "`https://api.example.com/v1/items?after=a` again";
        assert!(matches!(&ended, Some(Error::Pagination(reason)) if reason.contains(repeated)), "{ended:?}");
        assert_eq!(transport.requests().len(), 2);
    }

    #[test]
    fn a_link_written_another_way_to_the_same_url_is_a_repeat() {
        let (transport, items, ended) = walk(&[
            json!({"items": ["a"], "next": "/v1/items?after=a"}),
            json!({"items": ["b"], "next": "HTTPS://API.example.com:443/v1/items?after=a#top"}),
            json!({"items": ["c"], "next": null}),
        ]);
        assert_eq!(items, ["a", "b"]);
        assert!(matches!(ended, Some(Error::Pagination(_))), "{ended:?}");
        assert_eq!(transport.requests().len(), 2, "the same page is not fetched twice");
    }

    #[test]
    fn a_repeated_position_ends_the_walk() {
        let mut visited = Visited::new();
        assert!(visited.follow("c1".into()).is_ok());
        assert!(visited.follow("c2".into()).is_ok());
        let error = Error::<std::convert::Infallible>::Pagination(visited.follow("c1".into()).expect_err("seen"));
        assert_eq!(error.to_string(), "pagination stopped: the server sent position `c1` again after 3 pages; stopping instead of repeating pages");
    }
}
