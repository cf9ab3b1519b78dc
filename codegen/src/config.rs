//! The build.rs door: generate Rust files from specs into a folder (by default `OUT_DIR`).
//!
//! In `build.rs`:
//!
//! ```no_run
//! if let Err(error) = codegen::Config::new().spec("spec/").generate() {
//!     eprintln!("{error}");
//!     std::process::exit(1);
//! }
//! ```
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/reservepay.rs"));`

use crate::Workspace;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Settings shared by every door that writes files (build.rs and the CLI).
#[derive(Clone, Debug, Default)]
pub struct Config {
    specs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    cargo_directives: Option<bool>,
    formatted: bool,
    emit: crate::emit::Options,
}

/// One file the generator wrote or left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Generated {
    /// The API's name, which is also the module name.
    pub api: String,
    pub path: PathBuf,
    /// False when the file already had exactly this content and was left untouched.
    pub written: bool,
}

/// Why generation failed.
#[derive(Debug)]
pub enum GenerateError {
    /// A spec has problems; the text is the rendered diagnostics.
    Spec(String),
    Io(io::Error),
    /// No output folder was given and `OUT_DIR` is not set (not running under Cargo).
    NoOutDir,
    /// A setting of the `Config` itself is not usable; the text says which and why.
    Setting(String),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Spec(rendered) => write!(f, "the specs have problems:\n{rendered}"),
            GenerateError::Io(error) => write!(f, "{error}"),
            GenerateError::NoOutDir => f.write_str("no output folder: call `out_dir`, or run from a build script"),
            GenerateError::Setting(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for GenerateError {}

impl From<io::Error> for GenerateError {
    fn from(error: io::Error) -> Self {
        GenerateError::Io(error)
    }
}

impl Config {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a spec file, or a folder whose `*.yaml` files are all read.
    pub fn spec(&mut self, path: impl Into<PathBuf>) -> &mut Self {
        self.specs.push(path.into());
        self
    }

    /// Where the `<api>.rs` files go. Defaults to `OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl Into<PathBuf>) -> &mut Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// Adds a compiled example to every client method's docs, reaching the module through `crate_path` (the name of
    /// the crate that includes the generated files, such as `payout_clients`).
    pub fn doc_example_crate(&mut self, crate_path: impl Into<String>) -> &mut Self {
        self.emit.doc_example_crate = Some(crate_path.into());
        self
    }

    /// Where the generated code finds the runtime crate: `::codegen_runtime` unless set, for example
    /// `crate::runtime` when the crate that includes the files re-exports the runtime, or `::my_runtime` when it
    /// depends on it under another name.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.emit.runtime_path = Some(path.into());
        self
    }

    /// Whether to emit the hidden round-trip registry (`TYPE_NAMES`, `roundtrip_json`) in every module, for test
    /// suites that decode and re-encode each generated type by name. Off unless set.
    pub fn roundtrip_registry(&mut self, on: bool) -> &mut Self {
        self.emit.roundtrip_registry = on;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for every file read. Defaults to on when `OUT_DIR` is set (inside
    /// a build script) and off otherwise.
    pub fn cargo_directives(&mut self, on: bool) -> &mut Self {
        self.cargo_directives = Some(on);
        self
    }

    /// Whether to format the files (syn and prettyplease), as the CLI does for files people read. Off unless set: a
    /// build script's files are read by rustc only, and formatting is about two thirds of generation time. Either
    /// way the file holds the same syntax tree.
    pub fn formatted(&mut self, on: bool) -> &mut Self {
        self.formatted = on;
        self
    }

    /// Reads and checks every spec, then writes one file per API (formatted when [`Config::formatted`] says so).
    /// Nothing is written when any spec has a problem, and a file whose content would not change is not touched (so
    /// Cargo does not rebuild for nothing).
    pub fn generate(&self) -> Result<Vec<Generated>, GenerateError> {
        if let Some(path) = &self.emit.runtime_path {
            if syn::parse_str::<syn::Path>(path).is_err() {
                return Err(GenerateError::Setting(format!(
                    "the runtime path `{path}` is not a Rust path: give one such as `::codegen_runtime` or `crate::runtime`"
                )));
            }
        }
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(GenerateError::NoOutDir)?,
        };
        let directives = self.cargo_directives.unwrap_or_else(|| std::env::var_os("OUT_DIR").is_some());
        if directives {
            for spec in &self.specs {
                // A folder is watched too, so that adding a spec regenerates.
                println!("cargo:rerun-if-changed={}", spec.display());
                for file in crate::spec_files(spec).unwrap_or_default() {
                    println!("cargo:rerun-if-changed={}", file.display());
                }
            }
        }
        let workspace = Workspace::load(&self.specs)?;
        if !workspace.is_ok() {
            return Err(GenerateError::Spec(workspace.render()));
        }
        std::fs::create_dir_all(&out_dir)?;
        let mut generated = Vec::new();
        for api in &workspace.apis {
            let path = out_dir.join(format!("{}.rs", api.name));
            let code = if self.formatted {
                crate::emit::render_with(api, &self.emit)
            } else {
                crate::emit::render_compact_with(api, &self.emit)
            };
            let written = write_if_changed(&path, &code)?;
            generated.push(Generated { api: api.name.clone(), path, written });
        }
        Ok(generated)
    }
}

/// Writes `content` unless the file already holds exactly that. Returns whether it wrote.
pub fn write_if_changed(path: &Path, content: &str) -> io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(false);
    }
    std::fs::write(path, content)?;
    Ok(true)
}
