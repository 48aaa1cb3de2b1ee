//! The architecture blueprint: `palisade.blueprint.yaml`.
//!
//! A security architecture declared once — data tiers and what each
//! requires, how resources get their tier, which tags every resource
//! carries, the logging and key minimums — and checked on every data store
//! the typed views know, whatever the source language.
//!
//! - [`load`] / [`parse`] / [`validate`]: the file, with located errors
//!   (unknown keys with a suggestion, unknown tiers, inheritance cycles).
//! - [`classify`]: a resource's tier and why (tag, rule, default).
//! - [`check`]: findings (category `blueprint`, status fail/unknown/pass,
//!   the blueprint line as a related location) and the summary of invalid
//!   configurations per tier and per requirement.
//! - [`explain`]: one resource, every requirement, its status and evidence.
//! - [`init`]: a commented starting blueprint inferred from an estate.

mod check;
mod init;
mod rules;
mod spec;

use std::path::Path;
use std::sync::Arc;

use palisade_model::{Diagnostic, Model, ResourceId, Span};
use palisade_views::Views;

pub use check::{
    BlueprintOutcome, Classification, Counts, ExplainedResult, Explanation, Reason, Summary,
    TierOf, check, classify, explain,
};
pub use init::init;
pub use rules::{RULES, RuleDef, rule_info, rule_infos};
pub use spec::{
    AllowedValue, AtRest, BUILTIN_TIERS, Blueprint, ClassRule, ClassificationSpec, CloudTrailSpec,
    DefaultTier, Keys, Located, Logging, Match, Need, Ownership, PublicAccess, Requirements, Tier,
    known_keys, parse,
};

/// The file name looked for beside `palisade.toml` / in the scanned root.
pub const FILE_NAME: &str = "palisade.blueprint.yaml";

/// Reads and parses a blueprint file. The path shown in diagnostics and
/// related locations is `path` as given (make it relative to the scan root
/// for portable reports, or use [`load_as`]).
pub fn load(path: &Path) -> (Option<Blueprint>, Vec<Diagnostic>) {
    load_as(path, Arc::from(path.to_string_lossy().replace('\\', "/")))
}

/// Reads `path`, reporting locations under the name `shown`.
pub fn load_as(path: &Path, shown: Arc<str>) -> (Option<Blueprint>, Vec<Diagnostic>) {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(shown, &text),
            Err(_) => (
                None,
                vec![Diagnostic::error(
                    "blueprint-encoding",
                    "the blueprint is not valid UTF-8",
                    Span::line(shown, 1),
                )],
            ),
        },
        Err(e) => (
            None,
            vec![Diagnostic::error(
                "blueprint-read",
                format!("cannot read the blueprint: {e}"),
                Span::line(shown, 1),
            )],
        ),
    }
}

/// Validates a blueprint file: every error and warning, located.
pub fn validate(path: &Path) -> Vec<Diagnostic> {
    load(path).1
}

/// Glob matching for addresses, types and paths: `*` matches any run of
/// characters (dots and slashes included), `?` one character.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    palisade_views::wildcard::matches(pattern, text)
}

/// Finds a resource by address (with or without its instance key) or
/// `Kind/namespace/name`.
pub fn find_resource(model: &Model, address: &str) -> Option<ResourceId> {
    model
        .ids()
        .find(|id| model.get(*id).address == address)
        .or_else(|| {
            model
                .ids()
                .find(|id| model.get(*id).base_address() == address)
        })
}

/// Shared by the checks: the views' data stores.
pub(crate) fn stores(views: &Views) -> &[palisade_views::datastore::DataStore] {
    &views.datastores.stores
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(spec_suggest("tires"), Some("tiers"));
        assert_eq!(spec_suggest("zzzzzz"), None);
    }

    fn spec_suggest(w: &str) -> Option<&'static str> {
        spec::suggest_for_test(w)
    }
}
