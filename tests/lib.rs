//! Shared helpers for the workspace tests live in the test files; this crate only hosts them.
