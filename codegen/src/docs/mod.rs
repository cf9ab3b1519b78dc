//! The documentation door: a static HTML reference built from the specs, and a Markdown variant for repositories.
//!
//! [`site`] renders every page in memory (a pure function of the IR, so the same specs always give the same bytes);
//! [`write_site`] writes them, touching only files whose content changed; [`generate`] reads the specs first, as
//! `codegen docs` does.
//!
//! Pages: `index.html` (every API and its endpoints), `<api>.html` (metadata, then one
//! `<section class="endpoint" id="endpoint-<name>">` per endpoint, then the types), `markdown/index.md` and
//! `markdown/<api>.md`. Pages are plain HTML with an inline style sheet, allowed by its hash in a
//! Content-Security-Policy that refuses everything else ([`csp`]): no scripts, no fonts, no images, nothing fetched
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

use crate::config::{write_if_changed, GenerateError};
use crate::ir::Api;
use crate::Workspace;
use std::io;
use std::path::{Path, PathBuf};

/// The crate the Rust samples use: the generated clients crate of this workspace.
pub const CRATE_PATH: &str = "payout_clients";

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

/// Every page of the reference for `apis`, in a fixed order; Rust samples use the crate at `crate_path`.
pub fn site(apis: &[Api], crate_path: &str) -> Vec<Page> {
    let mut pages = vec![Page { path: "index.html".to_owned(), content: index::render(apis) }];
    for api in apis {
        pages.push(Page { path: format!("{}.html", api.name), content: api_page::render(api, crate_path) });
    }
    pages.push(Page { path: "markdown/index.md".to_owned(), content: markdown::index(apis) });
    for api in apis {
        pages.push(Page { path: format!("markdown/{}.md", api.name), content: markdown::api(api, crate_path) });
    }
    pages
}

/// Writes the site into `out_dir` (created if missing). A file whose content would not change is not touched.
pub fn write_site(apis: &[Api], out_dir: &Path) -> io::Result<Vec<Written>> {
    let mut written = Vec::new();
    for page in site(apis, CRATE_PATH) {
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
pub fn generate(specs: &[PathBuf], out_dir: &Path) -> Result<Vec<Written>, GenerateError> {
    let workspace = Workspace::load(specs)?;
    if !workspace.is_ok() {
        return Err(GenerateError::Spec(workspace.render()));
    }
    Ok(write_site(&workspace.apis, out_dir)?)
}
