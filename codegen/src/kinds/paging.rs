//! The pagination kinds: how the next page of a list endpoint is asked for.
//!
//! Runtime side: `codegen_runtime::pages`, the `Paged` trait a generated request implements (its `next` answers with
//! a `Next`), the walks over it, and what a kind's `next` shares with the others (`follow_cursor`, `Visited`).

use crate::ir::{Field, FieldPath};

/// How an endpoint's pages are walked, with every name the spec gives already resolved to the field or argument it
/// names (the checker proved each one exists and has the type its scheme needs).
#[derive(Clone, Debug, PartialEq)]
pub struct Pagination {
    /// The list of items in a page's body; `None` when the body is the list itself.
    pub items: Option<FieldPath>,
    pub scheme: PageScheme,
    /// The boolean field of a page that says whether more follow (`false` or absent ends the walk), whatever the
    /// scheme.
    pub has_more: Option<FieldPath>,
}

/// Each pagination scheme with what it needs to find the next page.
// One per paginated endpoint, built once: boxing the larger variants would only add noise for the readers.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum PageScheme {
    /// The page holds the complete body of the next (and previous) request; `null` ends the walk.
    CursorBody { next: FieldPath, previous: FieldPath },
    /// The request's `offset` argument takes the page's `next_offset`; `limit` is the page size.
    OffsetToken { limit: Field, offset: Field, next_offset: FieldPath },
    /// The request's `offset` argument counts items; `limit` is the page size, `total_header` may give the total.
    LimitOffset { limit: Field, offset: Field, total_header: Option<String> },
    /// The request's `offset` argument takes a field of the last item received (`last_item`, a path inside the
    /// item); a page shorter than `limit`, when given, is the last.
    LastItem { offset: Field, last_item: FieldPath, limit: Option<Field> },
    /// The request's `page` argument counts pages from `first_page`; `total_pages` may give their number, and a page
    /// shorter than `limit`, when given, is the last.
    PageNumber { page: Field, first_page: u64, limit: Option<Field>, total_pages: Option<FieldPath> },
    /// The request is sent again to the URL the page links to; no link ends the walk.
    NextLink { link: NextLink },
}

/// Where a page gives the link to the next one.
// One per `next_link` endpoint, as `PageScheme`: boxing the relations would only add noise for the readers.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum NextLink {
    /// A `string` field holding the URL.
    Field(FieldPath),
    /// An array of relations (`links`): the `href` of the entry whose `rel` is `next`. `rel` and `href` are fields of
    /// the array's item type.
    Relations { links: FieldPath, rel: Field, href: Field },
    /// A response header as RFC 8288 writes it: `<url>; rel="next"`.
    Header(Field),
}

impl NextLink {
    /// The spec's key and what it names: `link` and a dotted path, or `link_header` and a header.
    fn spec_entry(&self) -> (&'static str, String) {
        match self {
            NextLink::Field(path) | NextLink::Relations { links: path, .. } => ("link", path.dotted()),
            NextLink::Header(header) => ("link_header", header.wire_name.clone()),
        }
    }
}

impl PageScheme {
    /// The spec's word for the scheme.
    pub fn word(&self) -> &'static str {
        match self {
            PageScheme::CursorBody { .. } => "cursor_body",
            PageScheme::OffsetToken { .. } => "offset_token",
            PageScheme::LimitOffset { .. } => "limit_offset",
            PageScheme::LastItem { .. } => "last_item",
            PageScheme::PageNumber { .. } => "page_number",
            PageScheme::NextLink { .. } => "next_link",
        }
    }

    /// The spec's keys of the scheme with the values they name (dotted paths, argument and header names), in the
    /// spec's order; absent optional ones are left out.
    pub fn spec_entries(&self) -> Vec<(&'static str, String)> {
        match self {
            PageScheme::CursorBody { next, previous } => {
                vec![("next", next.dotted()), ("previous", previous.dotted())]
            }
            PageScheme::OffsetToken { limit, offset, next_offset } => vec![
                ("limit", limit.wire_name.clone()),
                ("offset", offset.wire_name.clone()),
                ("next_offset", next_offset.dotted()),
            ],
            PageScheme::LimitOffset { limit, offset, total_header } => {
                let mut entries = vec![("limit", limit.wire_name.clone()), ("offset", offset.wire_name.clone())];
                entries.extend(total_header.iter().map(|h| ("total_header", h.clone())));
                entries
            }
            PageScheme::LastItem { offset, last_item, limit } => {
                let mut entries = vec![("offset", offset.wire_name.clone()), ("last_item", last_item.dotted())];
                entries.extend(limit.iter().map(|l| ("limit", l.wire_name.clone())));
                entries
            }
            PageScheme::PageNumber { page, first_page, limit, total_pages } => {
                let mut entries = vec![("offset", page.wire_name.clone()), ("first_page", first_page.to_string())];
                entries.extend(limit.iter().map(|l| ("limit", l.wire_name.clone())));
                entries.extend(total_pages.iter().map(|t| ("total_pages", t.dotted())));
                entries
            }
            PageScheme::NextLink { link } => vec![link.spec_entry()],
        }
    }

    /// How the walk goes, in a line of the docs: `items` says where the items are, `code` formats a name as code.
    pub fn summary(&self, items: &str, code: impl Fn(&str) -> String) -> String {
        match self {
            PageScheme::CursorBody { next, previous } => format!(
                "cursor: items in {items}; {} and {} hold the complete request body of the next and previous page",
                code(&next.dotted()),
                code(&previous.dotted()),
            ),
            PageScheme::OffsetToken { limit, offset, next_offset } => format!(
                "offset token: items in {items}; page size {}, start {}; the next offset is in {}",
                code(&limit.wire_name),
                code(&offset.wire_name),
                code(&next_offset.dotted()),
            ),
            PageScheme::LimitOffset { limit, offset, total_header } => {
                let total = total_header
                    .as_deref()
                    .map_or(String::new(), |h| format!("; the total is in the {} header", code(h)));
                format!(
                    "limit and offset: items in {items}; page size {}, start {}{total}",
                    code(&limit.wire_name),
                    code(&offset.wire_name),
                )
            }
            PageScheme::LastItem { offset, last_item, limit } => format!(
                "after the last item: items in {items}; {} takes the last item's {}{}",
                code(&offset.wire_name),
                code(&last_item.dotted()),
                short_page(limit.as_ref(), &code),
            ),
            PageScheme::PageNumber { page, first_page, limit, total_pages } => format!(
                "page numbers: items in {items}; {} counts pages from {first_page}{}{}",
                code(&page.wire_name),
                total_pages
                    .as_ref()
                    .map_or(String::new(), |t| format!("; the number of pages is in {}", code(&t.dotted()))),
                short_page(limit.as_ref(), &code),
            ),
            PageScheme::NextLink { link } => {
                let place = match link {
                    NextLink::Field(path) => format!("the URL in {}", code(&path.dotted())),
                    NextLink::Relations { links, rel, href } => format!(
                        "the {} of the entry of {} whose {} is {}",
                        code(&href.wire_name),
                        code(&links.dotted()),
                        code(&rel.wire_name),
                        code("next")
                    ),
                    NextLink::Header(header) => {
                        format!(
                            "the link whose {} is {} in the {} header",
                            code("rel"),
                            code("next"),
                            code(&header.wire_name)
                        )
                    }
                };
                format!(
                    "next link: items in {items}; the same request goes to {place}, only at the API's own origin; no \
                     link ends the walk"
                )
            }
        }
    }
}

/// The docs' words for the page size argument of a scheme where a short page is the last.
fn short_page(limit: Option<&Field>, code: impl Fn(&str) -> String) -> String {
    limit.map_or(String::new(), |l| format!("; page size {}, a shorter page is the last", code(&l.wire_name)))
}
