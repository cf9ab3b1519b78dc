//! Regressions of the emitter: each module compiles a small spec from `specs/` with `codegen_macro::api!` and checks
//! what its client actually sends (through a recording transport) and reads back.

mod recording;

mod array_lengths;
mod awkward_names;
mod bounded_pages;
mod deep_arrays;
mod enum_headers;
mod group_arguments;
mod header_types;
mod helper_names;
mod recursive_types;
