//! Regenerates the API modules from `spec/` whenever a spec changes (Cargo reruns this script for every file it read).

fn main() {
    let spec_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    if let Err(error) = codegen::Config::new().spec(spec_dir).doc_example_crate("payout_clients").generate() {
        // Build scripts report failures by exiting non-zero; the rendered diagnostics say what to fix.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
