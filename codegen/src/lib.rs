//! Reads payout API specs, checks them, and lowers them to an IR that the emitters turn into Rust clients and docs.
//!
//! The pipeline is `load -> check -> lower`: [`Workspace::load`] reads spec files, every problem in them becomes a
//! located [`Diagnostic`], and each spec without problems becomes an [`ir::Api`]. The CLI, the build.rs API and the
//! proc-macro all go through here, so they agree on what a spec means.

pub mod config;
pub mod diag;
pub mod docs;
pub mod emit;
pub mod front;
pub mod ir;
pub mod naming;
pub mod openapi;
pub mod samples;
pub mod source;
pub mod template;

pub use config::{Config, GenerateError, Generated};
pub use diag::{render_plain, Diagnostic};
pub use source::{Location, Sources, Span};

use std::io;
use std::path::{Path, PathBuf};

/// The outcome of reading a set of spec files.
pub struct Workspace {
    pub sources: Sources,
    /// One entry per spec without problems, in the order the files were read.
    pub apis: Vec<ir::Api>,
    /// Every problem in every spec, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Workspace {
    /// Reads spec files and folders (every `*.yaml`/`*.yml` directly inside, in name order). An I/O error (a path
    /// that does not exist or cannot be read) is returned as such; problems in the specs are diagnostics.
    pub fn load(paths: &[PathBuf]) -> io::Result<Workspace> {
        let mut files = Vec::new();
        for path in paths {
            files.extend(spec_files(path)?);
        }
        let mut workspace = Workspace::empty();
        for file in files {
            let bytes = std::fs::read(&file)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot read `{}`: {e}", file.display())))?;
            workspace.add_bytes(&file.display().to_string(), &bytes);
        }
        Ok(workspace)
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
        Workspace { sources: Sources::new(), apis: Vec::new(), diagnostics: Vec::new() }
    }

    fn add(&mut self, name: &str, text: &str) {
        let file = self.sources.add(name, text);
        let mut diagnostics = diag::Diagnostics::new();
        // Generated code names its spec by file name only, so every door (and every machine) emits the same bytes
        // whatever path it was given.
        let file_name = Path::new(name).file_name().map_or(name.to_owned(), |n| n.to_string_lossy().into_owned());
        if let Some(mut api) = front::compile(file, text, &file_name, &mut diagnostics) {
            api.spec_path = name.to_owned();
            self.apis.push(api);
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

/// The spec files a path names: the file itself, or the YAML files directly inside a folder, sorted by name.
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
