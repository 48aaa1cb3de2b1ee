//! The users' own guardrails, in Rego.
//!
//! Policies are Conftest-compatible: `deny`, `violation` and `warn` rules
//! (and `deny_*`, `violation_*`, `warn_*`) whose values are sets of strings
//! or of objects with a `msg`, `exception` rules, `package main` by default,
//! Rego v0 and v1 syntax. They run through `regorus`, compiled once per run
//! and evaluated per input, in parallel.
//!
//! Two input modes: *model* (one input per resource of the typed model,
//! with its location, see `docs/policy-input.md`) and *document* (each
//! parsed file as Conftest gives it). Results come back located, as
//! [`palisade_engine::Finding`]s.

mod bundle;
mod guard;
mod hcl;
mod inputs;
mod load;
mod meta;
mod run;
mod testing;

pub use bundle::content_hash;
pub use inputs::{
    DocumentFile, INPUT_SCHEMA_VERSION, Input, document_inputs, inputs_doc, model_inputs,
    model_inputs_of,
};
pub use load::{LoadOptions, PolicyError, PolicySet, load};
pub use meta::PolicyMeta;
pub use run::{EvalOutput, PolicyResult, ResultKind, eval_query};
pub use testing::{TestCase, TestReport, run_tests};

/// The published JSON Schema of model-mode inputs.
pub const INPUT_SCHEMA: &str = include_str!("../schema/policy-input-v1.json");
