//! Typed async clients for six payout APIs, generated from the specs in `spec/` by `codegen`.
//!
//! Each API is a module behind a Cargo feature of the same name (all on by default):
//!
//! - [`reservepay`]: Reservepay Merchant API (RPC-style `POST /merchants/<name>`, errors as `[code, message,
//!   details]`).
//! - [`tokenio`]: Token.io Payouts (REST, errors by HTTP status).
//! - [`rebilly`]: Rebilly payout requests (REST, filter/sort syntax, pagination headers).
//! - [`stripe`]: Stripe Payouts (REST with form bodies, errors by code at `/error/code`, pages after the last item).
//! - [`paypal`]: PayPal Payouts (OAuth2 client credentials, errors by `name`, batch items by page number).
//! - [`wise`]: Wise transfers (quote, recipient, transfer, fund; errors by code at `/errors/0/code`, SCA refusals).
//!
//! A module holds the API's types, one request type and one error enum per endpoint, and a `Client`. Values with
//! documented rules (IDs, amounts, national IDs, dates...) are newtypes that can only be built through a checking
//! constructor, so a request that compiles and constructs is one the API documents as valid.
//!
//! The module files are written by `build.rs` into `OUT_DIR`; they are regenerated when a spec changes.
#![deny(warnings, missing_docs, rustdoc::broken_intra_doc_links)]

pub use codegen_runtime as runtime;
/// The methods that read a page walk (`try_next`, `try_collect`, `next`...): `use payout_clients::TryStreamExt;`
/// is all a walk needs, with no `futures` dependency of the application's own.
pub use codegen_runtime::{StreamExt, TryStreamExt};

// The usage guide: environments, credentials, timeouts and retries, errors, pages, safe payouts, tests and tracing.
// Its examples use the Token.io client and are compiled (and run where they need no server) by `cargo test --doc`.
#[cfg(feature = "tokenio")]
#[doc = include_str!("../GUIDE.md")]
pub mod guide {}

#[cfg(feature = "paypal")]
include!(concat!(env!("OUT_DIR"), "/paypal.rs"));
#[cfg(feature = "rebilly")]
include!(concat!(env!("OUT_DIR"), "/rebilly.rs"));
#[cfg(feature = "reservepay")]
include!(concat!(env!("OUT_DIR"), "/reservepay.rs"));
#[cfg(feature = "stripe")]
include!(concat!(env!("OUT_DIR"), "/stripe.rs"));
#[cfg(feature = "tokenio")]
include!(concat!(env!("OUT_DIR"), "/tokenio.rs"));
#[cfg(feature = "wise")]
include!(concat!(env!("OUT_DIR"), "/wise.rs"));
