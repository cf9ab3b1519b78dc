//! The kinds of the spec language, each family in one module: the IR enum, with the data each variant needs, and
//! what every output needs to know about each variant, as methods.
//!
//! An output calls these methods for a kind's own facts (its name, what the docs say about it, how it is exported to
//! OpenAPI, ...) and matches the enum itself only where the code it writes has a different shape per variant; those
//! matches are exhaustive, so a new variant is a compile error at each of them. See "How to add a kind" in the crate
//! docs.

pub mod auth;
pub mod encoding;
pub mod errors;
pub mod paging;
pub mod style;
