//! Paginated endpoints get two more client methods: `<name>_pages`, a lazy stream of whole pages, and `<name>_items`,
//! the same stream flattened to items, both walked by the runtime (`ClientCore::pages`). The request type implements
//! `rt::pages::Paged`: each scheme decides there what follows a page; a walk can be resumed from a saved position
//! (the offset argument, or the cursor body).

use super::errors::error_name;
use super::model::Model;
use super::page_arguments::{integer_argument, integer_of_request, offset_from_page, with_argument, OffsetValue};
use super::requests::request_name;
use super::responses::success_type;
use super::rust_type;
use crate::ir::{Api, Endpoint, Field, FieldPath, NextLink, PageScheme, TypeExpr};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// An expression of type `Option<&Leaf>` reading `path` from `root` (an expression of type `&Root`).
pub(super) fn access(fields: &[&Field], root: TokenStream) -> TokenStream {
    let mut expr = quote!(Some(#root));
    for field in fields {
        let ident = format_ident!("{}", field.rust_name);
        expr = match (field.required, field.nullable) {
            (true, false) => quote!(#expr.map(|value| &value.#ident)),
            (true, true) | (false, false) => quote!(#expr.and_then(|value| value.#ident.as_ref())),
            (false, true) => quote!(#expr.and_then(|value| value.#ident.as_ref()).and_then(|value| value.as_ref())),
        };
    }
    expr
}

/// Rust type of the items of a page, and an expression `Option<&[Item]>` reading them from `page` (a slice, so that a
/// list with length bounds of its own, a newtype, reads the same as a plain `Vec`).
pub(super) fn items(endpoint: &Endpoint) -> Option<(TokenStream, TokenStream)> {
    let pagination = endpoint.pagination.as_ref()?;
    let body = body_of(endpoint);
    let (item, list) = match &pagination.items {
        None => match &endpoint.response.ty {
            TypeExpr::Array(item) => (rust_type::of(item), quote!(Some(#body))),
            _ => return None,
        },
        Some(path) => {
            let TypeExpr::Array(item) = &path.leaf.ty else { return None };
            (rust_type::of(item), access(&path.fields(), body))
        }
    };
    Some((item, quote!(#list.map(|items| &items[..]))))
}

/// The name of `next`'s page parameter: `_` when the walk reads nothing from the page but how many items it listed
/// (no total, no `has_more`), so that the generated code has no unused variable.
fn page_param(reads_a_total: bool, last: &TokenStream) -> TokenStream {
    if reads_a_total || !last.is_empty() {
        quote!(page)
    } else {
        quote!(_)
    }
}

/// The wire names leading from the top of a page's body to its list of items (none when the body is the list).
fn items_at(items: Option<&FieldPath>) -> Vec<&str> {
    items.map(|path| path.fields().into_iter().map(|field| field.wire_name.as_str()).collect()).unwrap_or_default()
}

/// What pagination adds: public methods of `Client`, and the request's `impl rt::pages::Paged` that the runtime's
/// walk follows.
#[derive(Default)]
pub struct PageMethods {
    pub public: TokenStream,
    pub paged: TokenStream,
}

/// How one scheme decides what follows a page: the items of `impl rt::pages::Paged` beside `items`, and how to resume a
/// walk.
struct Walk {
    items: TokenStream,
    resume_doc: String,
    /// Whether a walk can also start from a saved cursor (`<name>_pages_from_cursor`).
    cursor: bool,
}

pub fn methods(api: &Api, model: &Model<'_>, endpoint: &Endpoint) -> PageMethods {
    let Some(pagination) = &endpoint.pagination else { return PageMethods::default() };
    let Some((item_ty, items_of)) = items(endpoint) else { return PageMethods::default() };
    let name = &endpoint.name;
    let pages = format_ident!("{}_pages", name);
    let items_method = format_ident!("{}_items", name);
    let request_ty = format_ident!("{}", request_name(endpoint));
    let error_ty = format_ident!("{}", error_name(endpoint));
    let page_ty = success_type(endpoint);
    let result = quote!(Result<#page_ty, rt::Error<#error_ty>>);
    // A page that says no more follow ends the walk, whatever the scheme would do next.
    let last = match &pagination.has_more {
        Some(has_more) => {
            let has_more = access(&has_more.fields(), body_of(endpoint));
            quote!(if !#has_more.copied().unwrap_or(false) { return rt::pages::Next::Done; })
        }
        None => quote!(),
    };
    let Walk { items: walk_items, resume_doc, cursor } = match &pagination.scheme {
        PageScheme::CursorBody { next, .. } => cursor_body(endpoint, next, last),
        PageScheme::OffsetToken { limit, offset, next_offset } => {
            offset_token(api, model, endpoint, OffsetPage { limit, offset, next_offset }, last)
        }
        PageScheme::LimitOffset { limit, offset, total_header } => {
            limit_offset(api, model, endpoint, (limit, offset, total_header.as_deref()), last)
        }
        PageScheme::LastItem { offset, last_item, limit } => {
            last_item_walk(api, model, endpoint, (offset, last_item, limit.as_ref()), last)
        }
        PageScheme::PageNumber { page, first_page, limit, total_pages } => page_number(
            api,
            model,
            endpoint,
            PageCount { page, first_page: *first_page, limit: limit.as_ref(), total_pages: total_pages.as_ref() },
            last,
        ),
        PageScheme::NextLink { link } => next_link(endpoint, link, last),
    };
    let pages_body = quote!(self.core.pages(rt::pages::Next::Request(request), &self.auth));
    let items_body = quote!(self.core.items(rt::pages::Next::Request(request), &self.auth));
    let items_at = items_at(pagination.items.as_ref());
    let paged = quote! {
        impl rt::pages::Paged for #request_ty {
            type Item = #item_ty;
            const ITEMS_AT: Option<&'static [&'static str]> = Some(&[#(#items_at),*]);

            #[inline]
            fn items(page: &#page_ty) -> &[#item_ty] {
                #items_of.unwrap_or_default()
            }

            #walk_items
        }
    };
    let pages_doc = format!(
        "Every page of `{name}`, fetched one at a time as the stream is polled, starting with `request`.\n\n\
         The stream ends after the last page; an error ends it too, after being yielded. {resume_doc}\n\n\
         The stream owns a clone of the client (which shares its connections), so it can be returned from a function \
         or moved into a task. It is `Unpin`: read it with `try_next().await` from `TryStreamExt`, which the runtime \
         re-exports."
    );
    let items_doc = format!("Every item of every page of `{name}`, in order; see [`Client::{name}_pages`].");
    let from_cursor = cursor.then(|| {
        let from_cursor = format_ident!("{}_pages_from_cursor", endpoint.name);
        quote! {
            /// Pages from a saved cursor: the `next` (or `previous`) value of a page, sent back as it came.
            #[inline]
            pub fn #from_cursor(&self, cursor: rt::Json) -> impl rt::Stream<Item = #result> + ::std::marker::Unpin + ::std::marker::Send + use<> {
                self.core.pages(rt::pages::Next::<#request_ty>::Cursor(cursor), &self.auth)
            }
        }
    });
    let public = quote! {
        #[doc = #pages_doc]
        #[inline]
        pub fn #pages(&self, request: #request_ty) -> impl rt::Stream<Item = #result> + ::std::marker::Unpin + ::std::marker::Send + use<> {
            #pages_body
        }

        #[doc = #items_doc]
        #[inline]
        pub fn #items_method(&self, request: #request_ty) -> impl rt::Stream<Item = Result<#item_ty, rt::Error<#error_ty>>> + ::std::marker::Unpin + ::std::marker::Send + use<> {
            #items_body
        }

        #from_cursor
    };
    PageMethods { public, paged }
}

/// The expression of the page's body, `page` being a reference to what the call returns.
fn body_of(endpoint: &Endpoint) -> TokenStream {
    if endpoint.response.headers.is_empty() {
        quote!(page)
    } else {
        quote!(&page.body)
    }
}

/// Reservepay: `next` holds the complete body of the next request; `null` ends the walk, and a cursor already
/// followed ends it with `Error::Pagination`.
fn cursor_body(endpoint: &Endpoint, next: &FieldPath, last: TokenStream) -> Walk {
    let next = access(&next.fields(), body_of(endpoint));
    let page_ty = success_type(endpoint);
    let path = &endpoint.path;
    let method = format_ident!("{}", super::client::method_variant(endpoint.method));
    let status = super::lit(u64::from(endpoint.response.status));
    // The cursor is the next request's whole body, written as the endpoint writes its bodies.
    let encoding = endpoint.body.unwrap_or(crate::ir::BodyEncoding::Json).runtime();
    let items = quote! {
        #[inline]
        fn next(_: Option<Self>, page: &#page_ty, _: usize, visited: &mut rt::pages::Visited) -> rt::pages::Next<Self> {
            #last
            rt::pages::follow_cursor(#next, visited)
        }

        #[inline]
        fn cursor_call(cursor: &rt::Json) -> Result<rt::Call, rt::ValidationError> {
            let body = rt::Body::encode(#encoding, cursor)?;
            Ok(rt::Call::new(rt::Method::#method, #path, #status).body(Some(body)))
        }
    };
    Walk {
        items,
        resume_doc: "To resume later, keep a page's cursor and pass it to the `_pages_from_cursor` method.".to_owned(),
        cursor: true,
    }
}

/// What `offset_token` names: the page size and offset arguments, and where a page gives the next offset.
#[derive(Clone, Copy)]
struct OffsetPage<'a> {
    limit: &'a Field,
    offset: &'a Field,
    next_offset: &'a FieldPath,
}

/// Token.io: the page says where the next one starts; an absent or empty offset, an empty page, or a page shorter
/// than the limit ends the walk, and an offset already followed ends it with `Error::Pagination`.
fn offset_token(api: &Api, model: &Model<'_>, endpoint: &Endpoint, page: OffsetPage<'_>, last: TokenStream) -> Walk {
    let OffsetPage { limit, offset, next_offset } = page;
    let next = access(&next_offset.fields(), body_of(endpoint));
    let offset_arg = &offset.wire_name;
    let leaf = &next_offset.leaf;
    let page_ty = success_type(endpoint);
    let follow = follow_offset(leaf, offset);
    let start = start_at_offset(offset);
    // A page with fewer items than the limit is the last one (Token.io documents this), so no request is wasted.
    let limit = integer_of_request(api, model, endpoint, limit);
    let items = quote! {
        #start

        #[inline]
        fn next(request: Option<Self>, page: &#page_ty, listed: usize, visited: &mut rt::pages::Visited) -> rt::pages::Next<Self> {
            let Some(request) = request else { return rt::pages::Next::Done };
            #last
            let count = listed;
            let short = #limit.is_some_and(|limit| i64::try_from(count).unwrap_or(i64::MAX) < limit);
            match #next {
                Some(offset) if count > 0 && !short && !offset.to_string().is_empty() => {
                    // An offset already followed would repeat pages for ever: the walk ends with an error instead.
                    match visited.follow(offset.to_string()) {
                        Ok(()) => #follow,
                        Err(reason) => rt::pages::Next::Looped(reason),
                    }
                }
                _ => rt::pages::Next::Done,
            }
        }
    };
    let resume_doc =
        format!("To resume later, keep the last page's next offset and set it with `{offset_arg}` on the request.");
    Walk { items, resume_doc, cursor: false }
}

/// Rebilly: the next page starts after the items received; the total header, a short page or an empty page ends it.
fn limit_offset(
    api: &Api,
    model: &Model<'_>,
    endpoint: &Endpoint,
    (limit, offset, total_header): (&Field, &Field, Option<&str>),
    last: TokenStream,
) -> Walk {
    let (_, offset_build) = integer_argument(api, model, &Model::arguments_of(&endpoint.name), offset);
    let offset_now = integer_of_request(api, model, endpoint, offset);
    let limit_now = integer_of_request(api, model, endpoint, limit);
    let next_offset = offset_build(quote!(next_offset));
    let next_request = with_argument(offset, quote!(offset));
    let page_ty = success_type(endpoint);
    let total_header = total_header
        .and_then(|header| endpoint.response.headers.iter().find(|h| h.wire_name.eq_ignore_ascii_case(header)));
    let total = match total_header {
        Some(field) => {
            let ident = format_ident!("{}", field.rust_name);
            let (read, _) = integer_argument(api, model, &Model::response_headers_of(&endpoint.name), field);
            read(quote!(page.#ident.as_ref()))
        }
        None => quote!(Option::<i64>::None),
    };
    let page_param = page_param(total_header.is_some(), &last);
    let items = quote! {
        #[inline]
        fn next(request: Option<Self>, #page_param: &#page_ty, listed: usize, _: &mut rt::pages::Visited) -> rt::pages::Next<Self> {
            let Some(request) = request else { return rt::pages::Next::Done };
            #last
            let count = i64::try_from(listed).unwrap_or(i64::MAX);
            let total: Option<i64> = #total;
            let next_offset = #offset_now.unwrap_or(0).saturating_add(count);
            if count == 0 || total.is_some_and(|total| next_offset >= total) || #limit_now.is_some_and(|limit| count < limit) {
                return rt::pages::Next::Done;
            }
            match #next_offset {
                Ok(offset) => rt::pages::Next::Request(#next_request),
                Err(error) => rt::pages::Next::Refused(error),
            }
        }
    };
    let resume_doc = format!(
        "To resume later, set `{}` on the request to the number of items already read. An offset beyond what the \
         argument allows ends the stream with `Error::InvalidRequest`.",
        offset.wire_name
    );
    Walk { items, resume_doc, cursor: false }
}

/// Stripe: the next page starts after the last item received, whose `last_item` field goes into the `offset`
/// argument; an empty page, a page shorter than the limit or `has_more: false` ends the walk, and a position already
/// followed ends it with `Error::Pagination`.
fn last_item_walk(
    api: &Api,
    model: &Model<'_>,
    endpoint: &Endpoint,
    (offset, last_item, limit): (&Field, &FieldPath, Option<&Field>),
    last: TokenStream,
) -> Walk {
    let page_ty = success_type(endpoint);
    let position = access(&last_item.fields(), quote!(last_item));
    let follow = follow_offset(&last_item.leaf, offset);
    let start = start_at_offset(offset);
    let short = short_page(api, model, endpoint, limit);
    let items = quote! {
        #start

        #[inline]
        fn next(request: Option<Self>, page: &#page_ty, listed: usize, visited: &mut rt::pages::Visited) -> rt::pages::Next<Self> {
            let Some(request) = request else { return rt::pages::Next::Done };
            #last
            let items = <Self as rt::pages::Paged>::items(page);
            #short
            // An unreadable last item (reported by the items stream) leaves the last readable one as the position.
            let Some(last_item) = items.last() else {
                if listed == 0 {
                    return rt::pages::Next::Done;
                }
                return rt::pages::Next::Looped(
                    "no item of the page could be read, so the walk cannot tell where the next page starts".to_owned(),
                );
            };
            match #position {
                Some(offset) => match visited.follow(offset.to_string()) {
                    Ok(()) => #follow,
                    Err(reason) => rt::pages::Next::Looped(reason),
                },
                None => rt::pages::Next::Done,
            }
        }
    };
    let resume_doc = format!(
        "To resume later, set `{}` on the request to the `{}` of the last item read.",
        offset.wire_name,
        last_item.dotted()
    );
    Walk { items, resume_doc, cursor: false }
}

/// What `page_number` names: the page argument, the number of the first page, the page size and the page count.
struct PageCount<'a> {
    page: &'a Field,
    first_page: u64,
    limit: Option<&'a Field>,
    total_pages: Option<&'a FieldPath>,
}

/// PayPal: the `page` argument counts pages; an empty page, a short page, the last of `total_pages` or
/// `has_more: false` ends the walk.
fn page_number(api: &Api, model: &Model<'_>, endpoint: &Endpoint, count: PageCount<'_>, last: TokenStream) -> Walk {
    let PageCount { page, first_page, limit, total_pages } = count;
    let (_, page_build) = integer_argument(api, model, &Model::arguments_of(&endpoint.name), page);
    let page_now = integer_of_request(api, model, endpoint, page);
    let next_page = page_build(quote!(next_page));
    let next_request = with_argument(page, quote!(page));
    let page_ty = success_type(endpoint);
    let first_page = i64::try_from(first_page).unwrap_or(1);
    let total = match total_pages {
        Some(total) => {
            let total = access(&total.fields(), body_of(endpoint));
            quote!(#total.map(|total| i64::from(*total)))
        }
        None => quote!(Option::<i64>::None),
    };
    let short = short_page(api, model, endpoint, limit);
    let page_param = page_param(total_pages.is_some(), &last);
    let items = quote! {
        #[inline]
        fn next(request: Option<Self>, #page_param: &#page_ty, listed: usize, _: &mut rt::pages::Visited) -> rt::pages::Next<Self> {
            let Some(request) = request else { return rt::pages::Next::Done };
            #last
            #short
            let current = #page_now.unwrap_or(#first_page);
            let total: Option<i64> = #total;
            if listed == 0 || total.is_some_and(|total| current.saturating_sub(#first_page).saturating_add(1) >= total) {
                return rt::pages::Next::Done;
            }
            let next_page = current.saturating_add(1);
            match #next_page {
                Ok(page) => rt::pages::Next::Request(#next_request),
                Err(error) => rt::pages::Next::Refused(error),
            }
        }
    };
    let resume_doc = format!(
        "To resume later, set `{}` on the request to the number of the next page to read (the first is {first_page}). \
         A page number beyond what the argument allows ends the stream with `Error::InvalidRequest`.",
        page.wire_name
    );
    Walk { items, resume_doc, cursor: false }
}

/// PayPal's `links`, a `next` URL, or GitHub's `Link` header: the same request goes to the link the page gives; no
/// link (absent, `null` or empty) ends the walk. The runtime follows a link only to the base URL's origin, and a link
/// already followed ends the walk with `Error::Pagination`.
fn next_link(endpoint: &Endpoint, link: &NextLink, last: TokenStream) -> Walk {
    let page_ty = success_type(endpoint);
    // An `Option<&str>`: the link the page gives, if any.
    let found = match link {
        NextLink::Field(path) => {
            let value = access(&path.fields(), body_of(endpoint));
            quote!(#value.map(|link| link.as_str()))
        }
        NextLink::Relations { links, rel, href } => {
            let links = access(&links.fields(), body_of(endpoint));
            let rel = access(&[rel], quote!(relation));
            let href = access(&[href], quote!(relation));
            quote!(#links.and_then(|links| rt::links::next_in_relations(
                links.iter().map(|relation| (#rel.map(|rel| rel.as_str()), #href.map(|href| href.as_str())))
            )))
        }
        NextLink::Header(header) => {
            let ident = format_ident!("{}", header.rust_name);
            quote!(page.#ident.as_ref().and_then(|header| rt::links::next_in_header(header.as_str())))
        }
    };
    let items = quote! {
        #[inline]
        fn next(request: Option<Self>, page: &#page_ty, _: usize, _: &mut rt::pages::Visited) -> rt::pages::Next<Self> {
            let Some(request) = request else { return rt::pages::Next::Done };
            #last
            rt::pages::follow_link(request, #found)
        }
    };
    let resume_doc = "Each page after the first is asked for at the link the page before gave, with this request's \
                      method, headers and credentials; a link to another host, port or scheme than the client's base \
                      URL is not followed and ends the stream with `Error::Pagination`."
        .to_owned();
    Walk { items, resume_doc, cursor: false }
}

/// `if` a page shorter than the request's limit (when the scheme takes one) `{ return Done }`; `items` is the page's
/// slice of items.
fn short_page(api: &Api, model: &Model<'_>, endpoint: &Endpoint, limit: Option<&Field>) -> TokenStream {
    let Some(limit) = limit else { return quote!() };
    let limit = integer_of_request(api, model, endpoint, limit);
    quote! {
        if #limit.is_some_and(|limit| i64::try_from(listed).unwrap_or(i64::MAX) < limit) {
            return rt::pages::Next::Done;
        }
    }
}

/// The next request, `offset` (a `&Leaf` read from a page) set into the `offset` argument: `Next::Request`, or
/// `Next::Refused` when the argument has rules of its own that the value breaks.
fn follow_offset(leaf: &Field, offset: &Field) -> TokenStream {
    let next_request = with_argument(offset, quote!(offset));
    match offset_from_page(leaf, offset) {
        OffsetValue::Same(value) => quote!({ let offset = #value; rt::pages::Next::Request(#next_request) }),
        OffsetValue::Checked(value) => quote!(match #value {
            Ok(offset) => rt::pages::Next::Request(#next_request),
            Err(error) => rt::pages::Next::Refused(error),
        }),
    }
}

/// `Paged::start` for a walk that resumes from the `offset` argument: the position it starts at counts as followed.
fn start_at_offset(offset: &Field) -> TokenStream {
    let first_offset = access(&[offset], quote!(self));
    quote! {
        #[inline]
        fn start(&self, visited: &mut rt::pages::Visited) {
            if let Some(offset) = #first_offset {
                // The first position is new by definition: nothing was followed yet.
                let _ = visited.follow(offset.to_string());
            }
        }
    }
}
