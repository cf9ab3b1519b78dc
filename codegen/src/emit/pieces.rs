//! The items of an API module as separate pieces, and the file written from them piece by piece.
//!
//! Holding a whole module at once is what made generation large and slow on big APIs: at 10,000 endpoints the token
//! stream and syn tree of one file took 3.2 GiB, and every stage grew faster than the work. A piece is one top-level
//! declaration group (a type with its impls, a request, an endpoint's error enum, the client); each is emitted,
//! laid out and dropped on its own, so memory is the output text plus one piece in flight per thread. Pieces are
//! independent, so they are spread over threads and joined in spec order: the bytes never depend on the threads.

use super::model::{InlineKind, Model};
use super::scalars::{self, Scalar};
use super::{client, collections, compact, enums, errors, objects, requests, responses, roundtrip, unions, webhooks};
use super::{docs, header, module_shell, Options};
use crate::ir::{Api, TypeDefKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Emits one piece's tokens. `Sync` so that any thread may emit any piece.
pub(super) type Piece<'a> = Box<dyn Fn() -> TokenStream + Sync + 'a>;

/// How a piece is written out.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Parsed by syn and printed by prettyplease, for files people read.
    Formatted,
    /// One line per declaration (see [`compact`]), for files only rustc reads.
    Compact,
}

/// The module's items in the order they are written: types, inline newtypes, requests, responses, error enums, then
/// the error headers, environments, credentials, webhooks, the client and the test registry.
pub(super) fn of<'a>(api: &'a Api, model: &'a Model<'a>, options: &'a Options) -> Vec<Piece<'a>> {
    let mut pieces: Vec<Piece<'a>> = Vec::new();
    for ty in &api.types {
        pieces.push(Box::new(move || {
            let doc = docs::of(&ty.doc);
            match &ty.kind {
                TypeDefKind::Object { fields, closed, currency_decimals } => {
                    objects::object(model, &ty.name, &doc, fields, *closed, currency_decimals.as_ref())
                }
                TypeDefKind::Enum { values, default } => enums::string_enum(&ty.name, &doc, values, default.as_deref()),
                TypeDefKind::String { constraints, format } => scalars::newtype(
                    &ty.name,
                    &doc,
                    &Scalar::Text { format: *format, constraints: constraints.clone() },
                ),
                TypeDefKind::Integer { constraints, width } => scalars::newtype(
                    &ty.name,
                    &doc,
                    &Scalar::Integer { width: *width, constraints: constraints.clone() },
                ),
                TypeDefKind::Decimal { constraints } => {
                    scalars::newtype(&ty.name, &doc, &Scalar::Decimal { constraints: constraints.clone() })
                }
                TypeDefKind::Id { uid_prefix, external, max_length } => {
                    enums::id_type(&ty.name, &doc, uid_prefix, *external, *max_length)
                }
                TypeDefKind::Union { tag, variants } => unions::union(&ty.name, &doc, tag, variants),
            }
        }));
    }
    for inline in &model.inline_types {
        pieces.push(Box::new(move || match &inline.kind {
            InlineKind::Scalar(scalar) => scalars::newtype(&inline.name, &inline.doc, scalar),
            InlineKind::List { item, constraints } => collections::list(&inline.name, &inline.doc, item, constraints),
            InlineKind::Map { item, constraints } => collections::map(&inline.name, &inline.doc, item, constraints),
        }));
    }
    for endpoint in &api.endpoints {
        pieces.push(Box::new(move || requests::request(model, endpoint)));
    }
    for endpoint in &api.endpoints {
        pieces.push(Box::new(move || responses::response_struct(model, endpoint)));
    }
    for endpoint in &api.endpoints {
        pieces.push(Box::new(move || errors::error_enum(api, endpoint)));
    }
    pieces.push(Box::new(move || errors::header_structs(api)));
    pieces.push(Box::new(move || client::environment(api)));
    pieces.push(Box::new(move || client::auth(api)));
    pieces.push(Box::new(move || webhooks::module(api, options)));
    pieces.push(Box::new(move || client::client(api, model, options)));
    if options.roundtrip_registry {
        pieces.push(Box::new(move || roundtrip::registry(api, model)));
    }
    pieces
}

/// How many threads [`render`] uses by default: one per core the process may use.
pub(super) fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// The whole file: the header, the module's opening, every piece in `layout` in order, the closing brace.
pub(super) fn render(api: &Api, options: &Options, layout: Layout, threads: usize) -> String {
    let model = Model::new(api);
    let pieces = of(api, &model, options);
    // The module's opening and closing are those of the module with no items, so the pieces land exactly where
    // they would in the whole module.
    let shell = write_piece(module_shell(api, options, TokenStream::new()), layout, Level::File);
    let closing = match layout {
        Layout::Formatted => "}\n",
        Layout::Compact => "\n}\n",
    };
    let opening = shell.strip_suffix(closing).unwrap_or(&shell);
    let written = write_all(&pieces, layout, threads);
    let mut out = String::with_capacity(written.iter().map(String::len).sum::<usize>() + shell.len() + 200);
    out.push_str(&header(api));
    out.push_str(opening);
    for piece in &written {
        out.push_str(piece);
    }
    out.push_str(closing);
    out
}

/// Every piece written, in order, on up to `threads` threads. Threads take the next unwritten piece as they finish
/// one, from the end of the list: the client, by far the largest piece (every endpoint's method), is then written
/// first, while the other threads share the rest, instead of keeping one thread busy after the others are done.
fn write_all(pieces: &[Piece<'_>], layout: Layout, threads: usize) -> Vec<String> {
    let threads = threads.clamp(1, pieces.len().max(1));
    if threads == 1 {
        return pieces.iter().map(|piece| write_item(piece, layout)).collect();
    }
    let next = AtomicUsize::new(0);
    let written = Mutex::new(vec![String::new(); pieces.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let taken = next.fetch_add(1, Ordering::Relaxed);
                let Some(index) = pieces.len().checked_sub(taken + 1) else { break };
                let piece = &pieces[index];
                let text = write_item(piece, layout);
                // A panic in another writer poisons the lock but leaves the texts whole; the panic itself is
                // propagated by `scope` when the threads are joined.
                written.lock().unwrap_or_else(|poisoned| poisoned.into_inner())[index] = text;
            });
        }
    });
    written.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One item piece's text. Formatted, its doc lines are set aside while it is emitted and put back after formatting
/// (see [`docs::with_lines_set_aside`]); should they not all find their place, the piece is formatted with its docs.
fn write_item(piece: &Piece<'_>, layout: Layout) -> String {
    if layout == Layout::Compact {
        return write_piece(piece(), layout, Level::InModule);
    }
    let (tokens, lines) = docs::with_lines_set_aside(piece);
    let formatted = write_piece(tokens, layout, Level::InModule);
    docs::restore_lines(&formatted, &lines).unwrap_or_else(|| write_piece(piece(), layout, Level::InModule))
}

/// Where a piece stands: the module's own shell, or an item inside it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    File,
    InModule,
}

/// One piece's text. A formatted item is printed inside a module of its own, so that it is indented and wrapped as it
/// is in the API's module, and taken out of it again.
fn write_piece(tokens: TokenStream, layout: Layout, level: Level) -> String {
    if tokens.is_empty() {
        return String::new();
    }
    match (layout, level) {
        (Layout::Compact, _) => {
            let mut out = String::new();
            compact::write(tokens, &mut out);
            out
        }
        (Layout::Formatted, Level::File) => format(tokens),
        (Layout::Formatted, Level::InModule) => {
            let text = format(quote!(mod piece { #tokens }));
            match text.strip_prefix("mod piece {\n").and_then(|inner| inner.strip_suffix("}\n")) {
                Some(inner) => inner.to_owned(),
                None => text,
            }
        }
    }
}

/// `tokens` parsed by syn and printed by prettyplease.
fn format(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        // Emitters only build valid items; if one ever did not, the raw tokens still show what went wrong.
        Err(error) => format!("compile_error!({:?});\n", error.to_string()),
    }
}
