//! Reads API specs, checks them, and lowers them to an IR that the emitters turn into Rust clients and docs.
//!
//! The pipeline is `load -> check -> lower`: [`Workspace::load`] reads spec files, every problem in them becomes a
//! located [`Diagnostic`], and each spec without problems becomes an [`ir::Api`]. The CLI, the build.rs API and the
//! proc-macro all go through here, so they agree on what a spec means.
//!
//! # How to add a kind
//!
//! The spec language has a few families of kinds: the API style (`rpc`, `rest`), error styles (`by_status`,
//! `by_code`, `code_array`), pagination kinds (`cursor_body`, `offset_token`, `limit_offset`, `last_item`,
//! `page_number`, `next_link`), body encodings (`json`, `form`), query encodings (`repeated`, `comma`, `sort`,
//! `filter`, `form`) and auth kinds (`bearer`, `basic`, `api_key`, `oauth2_client_credentials`). Each family has one
//! module in [`kinds`], holding the IR enum (each variant with the data it needs) and, as methods, what the outputs need to
//! know about each variant. Adding a kind:
//!
//! 1. **Spec side.** Add the variant to the family's enum in `front/ast.rs` and its word to the table in
//!    `front/read.rs` (`read_auth`, `read_errors`, `read_field`'s `encoding`, `BODY_ENCODINGS`, `read_pagination`,
//!    or `style` in `read_api`). Add the keys the kind needs, if any, to the AST struct and to the reader's list of known keys.
//!    Describe it in `spec/README.md`.
//! 2. **Checks** (`front/check/`), with their messages in `front/messages.rs`:
//!    - error style: `api.rs` (`error_style_keys_fit`: which keys of `errors` and of each code the style needs or
//!      refuses), `endpoints.rs` (the status and body an error example must have), `names.rs` (what an error's name
//!      must be);
//!    - pagination kind: `endpoints.rs` (`pagination_points_at_real_things`: the keys the kind needs and allows),
//!      `paging_types.rs` (the types those keys must have), `reserved.rs` (the generated names it takes);
//!    - query encoding: `endpoints.rs` (`encoding_fits_argument`: which values it fits), `wire.rs` (which types have
//!      a text form with it);
//!    - body encoding: `endpoints.rs` (`body_encoding_has_a_body`);
//!    - auth kind: `api.rs` (`auth_header_fits_kind`: `header` and `format`), `wire.rs` (the header it sets must not
//!      collide with an argument's).
//! 3. **IR.** Add the variant, with the data the outputs need, to the enum in the family's [`kinds`] module
//!    ([`kinds::errors::ErrorShape`] with, for the data of each error, [`kinds::errors::ErrorWire`],
//!    [`kinds::paging::PageScheme`], [`kinds::encoding::QueryEncoding`], [`kinds::encoding::BodyEncoding`], [`kinds::auth::AuthMethod`],
//!    [`kinds::style::ApiStyle`]) and build it in `front/lower.rs`. Then build: the compiler stops at every `match`
//!    that must decide about it. First the methods of the kind's own module (its word, its docs prose, its OpenAPI
//!    export, how a sample sends it), then the outputs whose code has a different shape per kind:
//!    - error style: `emit/errors.rs` (the payload type, the headers structs and the runtime table macro),
//!      `openapi/operation.rs` (the error responses), `samples.rs` (how the Rust sample prints an error);
//!    - pagination kind: `emit/pagination.rs` (the `Paged` implementation), `emit/page_arguments.rs` when it takes
//!      page arguments;
//!    - query encoding: `emit/wire.rs` (which `Query` push), `samples.rs` (the sample value of a field and its query
//!      pairs), `openapi/operation.rs` (the parameter's style);
//!    - body encoding: its module gives the content type, the runtime variant and the docs' note; `samples.rs` (how
//!      curl sends it, `form_pairs`), `openapi/operation.rs` (the request body's description);
//!    - auth kind: `emit/client.rs` (the `Auth` variant, its header and environments), `samples.rs` (the `Auth` a
//!      sample builds).
//!
//!    The outputs match these enums exhaustively (no `_` arm), so none is missed.
//! 4. **Runtime side** (`codegen/runtime/src/`), when the emitted code needs something new:
//!    - error style: `api_errors.rs`, a table macro beside `status_errors!`/`code_errors!` and the payload type its
//!      variants carry; `call.rs` holds the `ApiError` trait the macro implements;
//!    - pagination kind: `pages.rs`, what the kind's `Paged::next` calls (as `follow_cursor` and `follow_link` do;
//!      `links.rs` finds a page's link to the next one, `origin.rs` decides whether it may be followed);
//!    - query encoding: `url.rs`, a `Query` push (beside `push_repeated`, `push_comma`, `push_form`) or a builder
//!      type (as `SortField` and `Filter`);
//!    - body encoding: `body.rs`, a `BodyEncoding` variant and how `Body::encode` writes it;
//!    - auth kind: `auth.rs`, a function that turns the credential into its header (beside `bearer`, `basic`,
//!      `api_key`).
//! 5. **Tests.** A spec in `tests/diagnostics/` for each new diagnostic (with its `.stderr`). If a seed spec in
//!    `spec/` uses the kind, accept the new goldens (`UPDATE_GOLDENS=1 cargo test -p codegen-tests --test
//!    generated_goldens` and `cargo test -p codegen --test cli`) and read the diff. Teach the guarantee test
//!    (`tests/guarantee/`) the kind: `spec.rs` (its model of a spec), `strategies.rs` (so random specs use it),
//!    `yaml.rs` (how it is written) and `wire.rs` (what a request must look like on the wire), then run
//!    `cargo test -p codegen-tests --test guarantee`.

pub mod config;
pub mod diag;
#[cfg(feature = "docs")]
pub mod docs;
pub mod emit;
pub mod front;
pub mod ir;
pub mod kinds;
pub mod naming;
#[cfg(feature = "openapi")]
pub mod openapi;
pub mod samples;
pub mod signed_template;
pub mod source;
pub mod template;
pub mod webhook_sample;

pub use config::{Config, GenerateError, Generated};
pub use diag::{render_plain, Diagnostic};
pub use source::{Location, Sources, Span};

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest spec file read. The seed specs are under 50 KiB; this is far above any real spec, and keeps a wrong
/// path (a disk image, a log) from being read into memory whole.
pub const MAX_SPEC_BYTES: u64 = 16 << 20;

/// The outcome of reading a set of spec files.
pub struct Workspace {
    pub sources: Sources,
    /// One entry per spec without problems, in the order the files were read.
    pub apis: Vec<ir::Api>,
    /// Every problem in every spec, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// The `api.name` of every spec read so far, for the rule that no two specs share one.
    names: HashMap<String, Span>,
}

impl Workspace {
    /// Reads spec files and folders (every `*.yaml`/`*.yml` directly inside, in name order). An I/O error (a path
    /// that does not exist or cannot be read, or is not a regular file) is returned as such; problems in the specs
    /// are diagnostics.
    pub fn load(paths: &[PathBuf]) -> io::Result<Workspace> {
        let mut files = Vec::new();
        for path in paths {
            files.extend(spec_files(path)?);
        }
        let mut read = Vec::new();
        for file in files {
            read.push((file.display().to_string(), read_spec_file(&file)?));
        }
        Ok(Workspace::from_files(read))
    }

    /// Checks specs given as bytes under the names diagnostics should print, as one workspace: what is checked
    /// across specs (no two with the same `api.name`) is checked among these.
    pub fn from_files(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Workspace {
        let mut workspace = Workspace::empty();
        for (name, bytes) in files {
            workspace.add_bytes(&name, &bytes);
        }
        workspace
    }

    /// Checks one spec given as text, under the name diagnostics should print.
    pub fn from_source(name: &str, text: &str) -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.add(name, text);
        workspace
    }

    /// Checks one spec given as bytes. Text that is not UTF-8 is reported at the first bad byte.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Workspace {
        let mut workspace = Workspace::empty();
        workspace.add_bytes(name, bytes);
        workspace
    }

    fn add_bytes(&mut self, name: &str, bytes: &[u8]) {
        match std::str::from_utf8(bytes) {
            Ok(text) => self.add(name, text),
            Err(error) => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                // Lossy decoding keeps everything before the first bad byte, so the offset still points at it; the
                // byte itself became U+FFFD, which the span covers whole so that it renders.
                let at = error.valid_up_to();
                let end = (at + char::REPLACEMENT_CHARACTER.len_utf8()).min(text.len());
                let file = self.sources.add(name, text);
                self.diagnostics.push(front::messages::not_utf8(Span::new(file, at, end)));
            }
        }
    }

    fn empty() -> Workspace {
        Workspace { sources: Sources::new(), apis: Vec::new(), diagnostics: Vec::new(), names: HashMap::new() }
    }

    fn add(&mut self, name: &str, text: &str) {
        let file = self.sources.add(name, text);
        let mut diagnostics = diag::Diagnostics::new();
        // Generated code names its spec by file name only, so every door (and every machine) emits the same bytes
        // whatever path it was given.
        let file_name = Path::new(name).file_name().map_or(name.to_owned(), |n| n.to_string_lossy().into_owned());
        let compiled = front::compile(file, text, &file_name, &mut diagnostics);
        if let Some(mut api) = compiled.api {
            api.spec_path = name.to_owned();
            self.apis.push(api);
        }
        if let Some(api_name) = compiled.name {
            // Each API's name is its output file, module and docs page: a second spec with the same name would
            // silently overwrite the first one's output.
            match self.names.get(&api_name.value) {
                Some(first) => {
                    diagnostics.push(front::messages::duplicate_api_name(api_name.span, *first, &api_name.value));
                    self.apis.retain(|api| api.spec_path != name || api.name != api_name.value);
                }
                None => {
                    self.names.insert(api_name.value, api_name.span);
                }
            }
        }
        self.diagnostics.extend(diagnostics.into_sorted());
    }

    pub fn is_ok(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// All diagnostics rendered rustc-style, without colour.
    pub fn render(&self) -> String {
        render_plain(&self.sources, &self.diagnostics)
    }
}

/// Expands one spec into the tokens of its module, for the proc-macro door. The error is the rendered diagnostics,
/// each with its `file:line:col`.
pub fn expand_spec(path: &Path) -> Result<proc_macro2::TokenStream, String> {
    let workspace = Workspace::load(&[path.to_owned()]).map_err(|e| e.to_string())?;
    if !workspace.is_ok() {
        return Err(workspace.render());
    }
    match workspace.apis.first() {
        Some(api) => Ok(emit::api_module(api)),
        None => Err(format!("`{}` holds no API", path.display())),
    }
}

/// Reads a spec file. Only a regular file is opened (a FIFO would block and a device such as `/dev/zero` read for
/// ever), and at most [`MAX_SPEC_BYTES`] are read.
fn read_spec_file(path: &Path) -> io::Result<Vec<u8>> {
    let cannot =
        |why: String| io::Error::new(io::ErrorKind::InvalidInput, format!("cannot read `{}`: {why}", path.display()));
    let meta = std::fs::metadata(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read `{}`: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(cannot("not a regular file; a spec is read from a file".to_owned()));
    }
    let too_large = || cannot(format!("larger than {} MiB, the most a spec may be", MAX_SPEC_BYTES >> 20));
    if meta.len() > MAX_SPEC_BYTES {
        return Err(too_large());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read `{}`: {e}", path.display())))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Bounded again while reading: the file may have grown since its size was looked at.
    file.take(MAX_SPEC_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read `{}`: {e}", path.display())))?;
    if bytes.len() as u64 > MAX_SPEC_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The spec files a path names: the file itself, or the YAML files directly inside a folder, sorted by name. In a
/// folder only regular files (or links to them) count; a FIFO or device named `*.yaml` is passed over.
pub fn spec_files(path: &Path) -> io::Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path)
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read `{}`: {e}", path.display())))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("no `.yaml` spec files in `{}`", path.display())));
    }
    Ok(files)
}
