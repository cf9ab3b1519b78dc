//! Paginated endpoints get two more client methods: `<name>_pages`, a lazy stream of whole pages, and `<name>_items`,
//! the same stream flattened to items. Each scheme decides the next request its own way and stops at the end;
//! a walk can be resumed from a saved position (the offset argument, or the cursor body).

use super::errors::error_name;
use super::model::Model;
use super::page_arguments::{integer_argument, integer_of_request, offset_from_page, with_argument, OffsetValue};
use super::requests::request_name;
use super::responses::success_type;
use super::rust_type;
use crate::ir::{Api, Endpoint, Field, FieldPath, PageScheme, TypeExpr};
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
    let body = if endpoint.response.headers.is_empty() { quote!(page) } else { quote!(&page.body) };
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

/// What pagination adds to the client: public methods of `Client`, and helpers of `client_internals`.
#[derive(Default)]
pub struct PageMethods {
    pub public: TokenStream,
    pub internal: TokenStream,
}

/// How one scheme walks its pages: the body of `<name>_pages`, what else it adds, and how to resume a walk.
struct Walk {
    body: TokenStream,
    extra: PageMethods,
    resume_doc: String,
}

pub fn methods(api: &Api, model: &Model<'_>, endpoint: &Endpoint) -> PageMethods {
    let Some(pagination) = &endpoint.pagination else { return PageMethods::default() };
    let Some((item_ty, items_of)) = items(endpoint) else { return PageMethods::default() };
    let name = &endpoint.name;
    let call = format_ident!("{}", name);
    let pages = format_ident!("{}_pages", name);
    let items_method = format_ident!("{}_items", name);
    let request_ty = format_ident!("{}", request_name(endpoint));
    let error_ty = format_ident!("{}", error_name(endpoint));
    let page_ty = success_type(endpoint);
    let result = quote!(Result<#page_ty, rt::Error<#error_ty>>);
    let Walk { body: walk_body, extra, resume_doc } = match &pagination.scheme {
        PageScheme::CursorBody { next, .. } => cursor_body(endpoint, next, &call, &result),
        PageScheme::OffsetToken { limit, offset, next_offset } => {
            let page = OffsetPage { limit, offset, next_offset };
            offset_token(api, model, endpoint, page, &call, &items_of)
        }
        PageScheme::LimitOffset { limit, offset, total_header } => {
            limit_offset(api, model, endpoint, (limit, offset, total_header.as_deref()), &call, &items_of)
        }
    };
    let pages_doc = format!(
        "Every page of `{name}`, fetched one at a time as the stream is polled, starting with `request`.\n\n\
         The stream ends after the last page; an error ends it too, after being yielded. {resume_doc}"
    );
    let items_doc = format!("Every item of every page of `{name}`, in order; see [`Client::{name}_pages`].");
    let extra_public = extra.public;
    let public = quote! {
        #[doc = #pages_doc]
        pub fn #pages(&self, request: #request_ty) -> impl rt::Stream<Item = #result> + '_ {
            #walk_body
        }

        #[doc = #items_doc]
        pub fn #items_method(&self, request: #request_ty) -> impl rt::Stream<Item = Result<#item_ty, rt::Error<#error_ty>>> + '_ {
            use rt::futures::{StreamExt as _, TryStreamExt as _};
            self.#pages(request)
                .map_ok(|page| {
                    let items: Vec<#item_ty> = { let page = &page; #items_of.map(<[#item_ty]>::to_vec).unwrap_or_default() };
                    rt::futures::stream::iter(items.into_iter().map(Ok))
                })
                .try_flatten()
                .boxed()
        }

        #extra_public
    };
    PageMethods { public, internal: extra.internal }
}

/// Reservepay: `next` holds the complete body of the next request; `null` ends the walk, and a cursor already
/// followed ends it with `Error::Pagination`.
fn cursor_body(endpoint: &Endpoint, next: &FieldPath, call: &proc_macro2::Ident, result: &TokenStream) -> Walk {
    let next_fields = next.fields();
    let body = if endpoint.response.headers.is_empty() { quote!(&page) } else { quote!(&page.body) };
    let next = access(&next_fields, body);
    let exchange = super::internals::exchange(endpoint);
    let from_cursor = format_ident!("{}_pages_from_cursor", endpoint.name);
    let path = &endpoint.path;
    let auth = super::internals::auth_headers(endpoint, quote!(client));
    let request_ty = format_ident!("{}", request_name(endpoint));
    let walk_fn = super::internals::walk(endpoint);
    let walk_name = super::internals::walk_name(endpoint);
    let method = format_ident!("{}", super::client::method_variant(endpoint.method));
    let status = super::lit(u64::from(endpoint.response.status));
    let walk_doc = format!("Pages of `{}` from a first request or from a cursor.", endpoint.name);
    let public = quote! {
        /// Pages from a saved cursor: the `next` (or `previous`) value of a page, sent back as it came.
        pub fn #from_cursor(&self, cursor: rt::Json) -> impl rt::Stream<Item = #result> + '_ {
            #walk_fn(self, None, Some(cursor))
        }
    };
    let internal = quote! {
        #[doc = #walk_doc]
        pub(super) fn #walk_name(
            client: &Client,
            first: Option<#request_ty>,
            cursor: Option<rt::Json>,
        ) -> impl rt::Stream<Item = #result> + '_ {
            enum Step {
                First(#request_ty),
                Cursor(rt::Json),
                Looped(String),
                Done,
            }
            let start = match (first, cursor) {
                (Some(request), _) => Step::First(request),
                (None, Some(cursor)) => Step::Cursor(cursor),
                (None, None) => Step::Done,
            };
            let visited = rt::pages::Visited::new();
            rt::futures::stream::try_unfold((start, visited), move |(step, mut visited)| async move {
                let page = match step {
                    Step::First(request) => client.#call(request).await?,
                    Step::Cursor(cursor) => {
                        let body = rt::serde_json::to_vec(&cursor)
                            .map_err(|why| rt::ValidationError::new("cursor", why.to_string()))?;
                        let call = rt::Call::new(rt::Method::#method, #path, #status)
                            .headers(#auth)
                            .body(Some(body));
                        #exchange(client, call).await?
                    }
                    // The page that carried the repeated cursor was yielded first; now the walk ends.
                    Step::Looped(reason) => return Err(rt::Error::Pagination(reason)),
                    Step::Done => return Ok(None),
                };
                let next = match #next {
                    Some(cursor) if !cursor.is_null() => {
                        match visited.follow(cursor.to_string()) {
                            Ok(()) => Step::Cursor(cursor.clone()),
                            Err(reason) => Step::Looped(reason),
                        }
                    }
                    _ => Step::Done,
                };
                Ok(Some((page, (next, visited))))
            })
        }
    };
    Walk {
        body: quote!(#walk_fn(self, Some(request), None)),
        extra: PageMethods { public, internal },
        resume_doc: "To resume later, keep a page's cursor and pass it to the `_pages_from_cursor` method.".to_owned(),
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
fn offset_token(
    api: &Api,
    model: &Model<'_>,
    endpoint: &Endpoint,
    page: OffsetPage<'_>,
    call: &proc_macro2::Ident,
    items_of: &TokenStream,
) -> Walk {
    let OffsetPage { limit, offset, next_offset } = page;
    let next_fields = next_offset.fields();
    let body = if endpoint.response.headers.is_empty() { quote!(&page) } else { quote!(&page.body) };
    let next = access(&next_fields, body);
    let offset_arg = &offset.wire_name;
    let leaf = &next_offset.leaf;
    let first_offset = access(&[offset], quote!(&request));
    let next_request = with_argument(offset, quote!(offset));
    // Only an offset read through the argument's checks can be refused; the others need no such step.
    let (refused_variant, refused_arm, follow) = match offset_from_page(leaf, offset) {
        OffsetValue::Same(value) => (quote!(), quote!(), quote!({ let offset = #value; Step::Next(#next_request) })),
        OffsetValue::Checked(value) => (
            quote!(Refused(rt::ValidationError),),
            quote!(Step::Refused(error) => return Err(error.into()),),
            quote!(match #value {
                Ok(offset) => Step::Next(#next_request),
                Err(error) => Step::Refused(error),
            }),
        ),
    };
    // A page with fewer items than the limit is the last one (Token.io documents this), so no request is wasted.
    let limit_read_expr = integer_of_request(api, model, endpoint, limit);
    let walk = quote! {
        // A next offset the argument refuses is kept until the page already fetched has been yielded.
        enum Step<R> {
            Next(R),
            Looped(String),
            #refused_variant
            Done,
        }
        let mut visited = rt::pages::Visited::new();
        if let Some(offset) = #first_offset {
            // The first offset is new by definition: nothing was followed yet.
            let _ = visited.follow(offset.to_string());
        }
        let start = Step::Next(request);
        rt::futures::stream::try_unfold((start, visited), move |(step, mut visited)| async move {
            let request = match step {
                Step::Next(request) => request,
                Step::Looped(reason) => return Err(rt::Error::Pagination(reason)),
                #refused_arm
                Step::Done => return Ok(None),
            };
            let page = self.#call(::std::clone::Clone::clone(&request)).await?;
            let count = { let page = &page; #items_of.map_or(0, |items| items.len()) };
            let short = #limit_read_expr.is_some_and(|limit| i64::try_from(count).unwrap_or(i64::MAX) < limit);
            let next = match #next {
                Some(offset) if count > 0 && !short && !offset.to_string().is_empty() => {
                    // An offset already followed would repeat pages for ever: the walk ends with an error instead.
                    match visited.follow(offset.to_string()) {
                        Ok(()) => #follow,
                        Err(reason) => Step::Looped(reason),
                    }
                }
                _ => Step::Done,
            };
            Ok(Some((page, (next, visited))))
        })
    };
    let doc =
        format!("To resume later, keep the last page's next offset and set it with `{offset_arg}` on the request.");
    Walk { body: walk, extra: PageMethods::default(), resume_doc: doc }
}

/// Rebilly: the next page starts after the items received; the total header, a short page or an empty page ends it.
fn limit_offset(
    api: &Api,
    model: &Model<'_>,
    endpoint: &Endpoint,
    (limit, offset, total_header): (&Field, &Field, Option<&str>),
    call: &proc_macro2::Ident,
    items_of: &TokenStream,
) -> Walk {
    let (_, offset_build) = integer_argument(api, model, &Model::arguments_of(&endpoint.name), offset);
    let offset_now = integer_of_request(api, model, endpoint, offset);
    let limit_now = integer_of_request(api, model, endpoint, limit);
    let next_offset = offset_build(quote!(next_offset));
    let next_request = with_argument(offset, quote!(offset));
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
    let walk = quote! {
        // A next offset the argument refuses is kept until the page already fetched has been yielded.
        enum Step<R> {
            Next(R),
            Refused(rt::ValidationError),
            Done,
        }
        rt::futures::stream::try_unfold(Step::Next(request), move |step| async move {
            let request = match step {
                Step::Next(request) => request,
                Step::Refused(error) => return Err(error.into()),
                Step::Done => return Ok(None),
            };
            let page = self.#call(::std::clone::Clone::clone(&request)).await?;
            let count = i64::try_from({ let page = &page; #items_of.map_or(0, |items| items.len()) }).unwrap_or(i64::MAX);
            let offset_now = #offset_now.unwrap_or(0);
            let limit = #limit_now;
            let total: Option<i64> = #total;
            let next_offset = offset_now.saturating_add(count);
            let finished = count == 0
                || total.is_some_and(|total| next_offset >= total)
                || limit.is_some_and(|limit| count < limit);
            let next = if finished {
                Step::Done
            } else {
                match #next_offset {
                    Ok(offset) => Step::Next(#next_request),
                    Err(error) => Step::Refused(error),
                }
            };
            Ok(Some((page, next)))
        })
    };
    let doc = format!(
        "To resume later, set `{}` on the request to the number of items already read. An offset beyond what the \
         argument allows ends the stream with `Error::InvalidRequest`.",
        offset.wire_name
    );
    Walk { body: walk, extra: PageMethods::default(), resume_doc: doc }
}
