//! Compile-time guarantees of the generated clients, checked with trybuild.
//!
//! `ui/fail/*.rs` must not compile, each for exactly the reason its first line states; the expected compiler output is
//! the `.stderr` file next to it. `ui/pass/*.rs` show the documented use of each endpoint against a recording
//! transport; they are compiled and run. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test -p codegen-tests --test ui`, then read every diff.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/fail/*.rs");
    cases.pass("ui/pass/*.rs");
}
