//! `codegen`: check API specs, and generate Rust clients and the API reference from them.

use clap::{Parser, Subcommand};
use codegen::Workspace;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Writes a line to stdout. The `print!` family panics when a write fails, and a closed pipe (`codegen check spec/ |
/// head`) makes every later write fail: what was not read is simply dropped, and the exit code still tells.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

/// Writes to stderr, dropping what a closed pipe cannot take (see `out!`).
macro_rules! err {
    ($($arg:tt)*) => {{
        let _ = write!(std::io::stderr().lock(), $($arg)*);
    }};
}

/// Reads API specs written in the language described in `spec/README.md`.
#[derive(Parser)]
#[command(name = "codegen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check specs and report every problem with its file:line:col. Exit 0 when all are valid, 1 when not, 2 on usage
    /// errors (such as a path that does not exist).
    Check {
        /// Spec files, or folders whose *.yaml files are all checked.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Generate one formatted Rust module per spec into a folder. Files whose content would not change are left
    /// untouched. Exit codes as for `check`; nothing is written when a spec has problems.
    Generate {
        /// Spec files, or folders whose *.yaml files are all read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Folder to write `<api>.rs` files into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Generate the API reference: a static HTML site (`index.html`, one `<api>.html` per spec) with curl and Rust
    /// samples, and its Markdown variant in `markdown/`. Self-contained pages (no scripts, nothing fetched); files
    /// whose content would not change are left untouched. Exit codes as for `check`; nothing is written when a spec
    /// has problems.
    Docs {
        /// Spec files, or folders whose *.yaml files are all read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Folder to write the site into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The reference's title, on the index page and the bar of every page.
        #[arg(long, value_name = "TEXT", default_value = codegen::docs::SiteOptions::DEFAULT_TITLE)]
        title: String,
        /// The crate that includes the generated modules, as the Rust samples name it.
        #[arg(long = "crate", value_name = "PATH", default_value = codegen::docs::SiteOptions::DEFAULT_CRATE_PATH)]
        crate_path: String,
    },
    /// Export each spec as an OpenAPI 3.0.3 document, `<api>.openapi.json` and `<api>.openapi.yaml`, for Swagger UI,
    /// mock servers and other generators. Exit codes as for `check`; nothing is written when a spec has problems.
    Openapi {
        /// Spec files, or folders whose *.yaml files are all read.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Folder to write the documents into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check { paths } => check(&paths),
        Command::Generate { paths, out } => {
            report(generate(&paths, &out).map(|files| files.into_iter().map(|f| (f.path, f.written)).collect()))
        }
        Command::Docs { paths, out, title, crate_path } => {
            let options = codegen::docs::SiteOptions::new(title, crate_path);
            report(
                codegen::docs::generate(&paths, &out, &options)
                    .map(|files| files.into_iter().map(|f| (f.path, f.written)).collect()),
            )
        }
        Command::Openapi { paths, out } => report(codegen::openapi::write(&paths, &out)),
    }
}

fn generate(paths: &[PathBuf], out: &std::path::Path) -> Result<Vec<codegen::Generated>, codegen::GenerateError> {
    let mut config = codegen::Config::new();
    for path in paths {
        config.spec(path);
    }
    config.out_dir(out).cargo_directives(false).formatted(true).generate()
}

/// Prints what a writing command did and turns its outcome into the exit code: 0 written, 1 spec problems, 2 I/O.
fn report(result: Result<Vec<(PathBuf, bool)>, codegen::GenerateError>) -> ExitCode {
    match result {
        Ok(files) => {
            for (path, written) in files {
                let state = if written { "wrote" } else { "unchanged" };
                out!("{state}: {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(codegen::GenerateError::Spec(rendered)) => {
            err!("{rendered}");
            ExitCode::FAILURE
        }
        Err(error) => {
            err!("error: {error}\n");
            ExitCode::from(2)
        }
    }
}

fn check(paths: &[PathBuf]) -> ExitCode {
    let workspace = match Workspace::load(paths) {
        Ok(workspace) => workspace,
        Err(error) => {
            err!("error: {error}\n");
            return ExitCode::from(2);
        }
    };
    if workspace.is_ok() {
        for api in &workspace.apis {
            out!(
                "ok: {} ({}): {} endpoints, {} types, {} errors",
                api.spec_path,
                api.title,
                api.endpoints.len(),
                api.types.len(),
                api.errors.codes.len()
            );
        }
        return ExitCode::SUCCESS;
    }
    let stderr = std::io::stderr();
    if stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        let mut out = codespan_reporting::term::termcolor::StandardStream::stderr(
            codespan_reporting::term::termcolor::ColorChoice::Auto,
        );
        codegen::diag::render_styled(&mut out, &workspace.sources, &workspace.diagnostics);
    } else {
        err!("{}", workspace.render());
    }
    let files = workspace.diagnostics.iter().map(|d| d.span.file).collect::<std::collections::BTreeSet<_>>().len();
    err!("error: {} problem(s) in {} file(s)\n", workspace.diagnostics.len(), files);
    ExitCode::FAILURE
}
