//! Regenerates the API modules from `spec/` whenever a spec changes (Cargo reruns this script for every file it read).

fn main() {
    let spec_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    // The `testing` feature adds the hidden round-trip registry the test suites decode every type through.
    let testing = std::env::var_os("CARGO_FEATURE_TESTING").is_some();
    let mut config = codegen::Config::new();
    config.spec(spec_dir).doc_example_crate("payout_clients").roundtrip_registry(testing);
    if let Err(error) = config.generate() {
        // Build scripts report failures by exiting non-zero; the rendered diagnostics say what to fix.
        eprintln!("{error}");
        std::process::exit(1);
    }
}
