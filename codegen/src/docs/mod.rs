//! The documentation door: a static HTML reference built from the specs, and a Markdown variant for repositories.
//!
//! [`site`] renders every page in memory (a pure function of the IR, so the same specs always give the same bytes);
//! [`write_site`] writes them, touching only files whose content changed; [`generate`] reads the specs first, as
//! `codegen docs` does.
//!
//! Pages: `index.html` (every API and its endpoints), `<api>.html` (metadata, then one
//! `<section class="endpoint" id="endpoint-<name>">` per endpoint, then the types), `markdown/index.md` and
//! `markdown/<api>.md`. Pages are plain HTML with an inline style sheet, allowed by its hash in a
//! Content-Security-Policy that refuses everything else (module `csp`): no scripts, no fonts, no images, nothing fetched
//! from the network; the only outside links are the vendor documentation links the specs give, and description
//! links to `http(s)`, `mailto` or relative URLs.
//!
//! Inside an endpoint's section the tables are `table.arguments`, `table.response` (response attributes, see
//! [`facts`] for which), `table.response-headers` and `table.errors`; each row carries the value's name in
//! `data-name` and as the first cell's `<code>`. Samples are `pre.sample-curl` and `pre.sample-rust`, one of each per
//! example (`details.example#example-<endpoint>-<example>`).

mod api_page;
mod csp;
mod escape;
pub mod facts;
mod index;
mod layout;
mod markdown;
mod tables;
mod webhooks;

use crate::config::{write_if_changed, GenerateError};
use crate::ir::Api;
use crate::Workspace;
use std::io;
use std::path::{Path, PathBuf};

/// What the reference is called and which crate its Rust samples reach the generated modules through: the one
/// place these are decided, so that the pages carry the user's names and no wording of this repository's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteOptions {
    /// The title of the index page and of the bar on every page.
    pub title: String,
    /// The path of the crate that includes the generated modules, as the samples write it (`my_clients`).
    pub crate_path: String,
}

impl SiteOptions {
    /// The title used when none is given.
    pub const DEFAULT_TITLE: &'static str = "API reference";
    /// The crate path used when none is given.
    pub const DEFAULT_CRATE_PATH: &'static str = "api_clients";

    pub fn new(title: impl Into<String>, crate_path: impl Into<String>) -> Self {
        Self { title: title.into(), crate_path: crate_path.into() }
    }
}

impl Default for SiteOptions {
    fn default() -> Self {
        Self::new(Self::DEFAULT_TITLE, Self::DEFAULT_CRATE_PATH)
    }
}

/// One page of the site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Path below the output folder, with `/` separators (`index.html`, `markdown/tokenio.md`).
    pub path: String,
    pub content: String,
}

/// One file [`write_site`] wrote or left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// False when the file already had exactly this content.
    pub written: bool,
}

/// Every page of the reference for `apis`, in a fixed order, titled and with samples as `options` say.
pub fn site(apis: &[Api], options: &SiteOptions) -> Vec<Page> {
    let crate_path = options.crate_path.as_str();
    let mut pages = vec![Page { path: "index.html".to_owned(), content: index::render(apis, &options.title) }];
    for api in apis {
        pages.push(Page {
            path: format!("{}.html", api.name),
            content: api_page::render(api, crate_path, &options.title),
        });
    }
    pages.push(Page { path: "markdown/index.md".to_owned(), content: markdown::index(apis, &options.title) });
    for api in apis {
        pages.push(Page { path: format!("markdown/{}.md", api.name), content: markdown::api(api, crate_path) });
    }
    pages
}

/// Writes the site into `out_dir` (created if missing). A file whose content would not change is not touched.
pub fn write_site(apis: &[Api], out_dir: &Path, options: &SiteOptions) -> io::Result<Vec<Written>> {
    let mut written = Vec::new();
    for page in site(apis, options) {
        let path = out_dir.join(&page.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let changed = write_if_changed(&path, &page.content)?;
        written.push(Written { path, written: changed });
    }
    Ok(written)
}

/// Reads and checks the specs, then writes the site. Nothing is written when a spec has problems.
pub fn generate(specs: &[PathBuf], out_dir: &Path, options: &SiteOptions) -> Result<Vec<Written>, GenerateError> {
    let workspace = Workspace::load(specs)?;
    if !workspace.is_ok() {
        return Err(GenerateError::Spec(workspace.render()));
    }
    Ok(write_site(&workspace.apis, out_dir, options)?)
}
