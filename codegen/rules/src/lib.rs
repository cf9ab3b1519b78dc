//! The value rules of the spec language, written once.
//!
//! `codegen check` judges a spec's examples and defaults with these functions, and the runtime that generated
//! clients call checks values with the same functions, so a value the checker accepts is a value the client
//! accepts (and the other way round). Each module holds one kind of rule; none of them formats a message, since the
//! checker and the runtime word their reports differently (the runtime never quotes a value, which may be secret).

pub mod bounds;
pub mod calendar;
pub mod decimal;
pub mod formats;
pub mod length;
pub mod pattern;
pub mod public_key;

pub use formats::Format;
