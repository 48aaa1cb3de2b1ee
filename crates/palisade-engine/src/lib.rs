//! The rule engine.
//!
//! A built-in rule is one `static` [`Rule`] value: its metadata, its docs
//! (with failing and passing examples that run as tests) and its check
//! function. Custom rules (Rego) produce the same [`Finding`]s through
//! [`RuleInfo`], so every output treats them alike.

mod finding;
mod rule;
mod run;

pub use finding::{Finding, FindingResource, Frameworks, Related, Status, fingerprint};
pub use rule::{Category, Docs, Example, Lang, Rule, RuleInfo, Severity};
pub use run::{Ctx, RawResult, Settings, Sink, run_rules, run_rules_checked};
