//! Reads API specs, checks them, and lowers them to an IR that the emitters turn into Rust clients and docs.
//!
//! The pipeline is `load -> check -> lower`: [`Workspace::load`] reads spec files, every problem in them becomes a
//! located [`Diagnostic`], and each spec without problems becomes an [`ir::Api`]. The CLI, the build.rs API and the
//! proc-macro all go through here, so they agree on what a spec means.

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
pub mod source;
pub mod template;

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
