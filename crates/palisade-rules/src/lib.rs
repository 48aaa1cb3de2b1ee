//! The built-in rules. Each rule lives in its own file as one `pub static
//! RULE: Rule` declaration; [`all`] is the registry.

pub mod aws;
pub mod docs;
pub mod identity;
pub mod k8s;
pub mod supply_chain;
pub mod terraform;

use palisade_engine::Rule;

/// Every built-in rule, sorted by id.
pub fn all() -> Vec<&'static Rule> {
    let mut v: Vec<&'static Rule> = Vec::new();
    v.extend_from_slice(aws::RULES);
    v.extend_from_slice(identity::RULES);
    v.extend_from_slice(k8s::RULES);
    v.extend_from_slice(supply_chain::RULES);
    v.extend_from_slice(terraform::RULES);
    v.sort_by_key(|r| r.id);
    v
}

/// Rules with Terraform examples whose facts cannot exist in a Terraform plan
/// (`terraform show -json`): they look at module calls, provider blocks,
/// `terraform` settings or the lock file, none of which a plan holds as
/// resources. Every other rule with a Terraform example is proved to give the
/// same verdict on the plan of that example (`palisade-scan`'s
/// `plan_equivalence` test), and its docs say so.
pub const PLAN_EXEMPT: &[&str] = &[
    // A `module` block with a git source not pinned to a tag or commit.
    "PAL-SC-012",
    // A `module` block from the registry without `version`.
    "PAL-SC-013",
    // A `module` block whose source is plain HTTP.
    "PAL-SC-014",
    // A `required_providers` entry (`terraform` block) without a version.
    "PAL-SC-015",
    // A `terraform` block with no `.terraform.lock.hcl` beside it.
    "PAL-SC-016",
    // A `variable` block's default as written (a plan holds the value given).
    "PAL-TF-001",
];

/// Whether the rule's Terraform examples are verified in plan form too.
pub fn applies_to_plans(rule: &Rule) -> bool {
    !PLAN_EXEMPT.contains(&rule.id)
        && rule
            .docs
            .failing
            .iter()
            .chain(rule.docs.passing)
            .any(|e| e.lang == palisade_engine::Lang::Terraform)
}

/// Looks a rule up by id (case-insensitive).
pub fn get(id: &str) -> Option<&'static Rule> {
    all().into_iter().find(|r| r.id.eq_ignore_ascii_case(id))
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn ids_are_unique_well_formed_and_documented() {
        let rules = all();
        let mut ids: Vec<_> = rules.iter().map(|r| r.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), rules.len(), "duplicate rule ids");
        for r in rules {
            assert!(
                r.id.starts_with("PAL-") && r.id.len() >= 9,
                "{}: ids look like PAL-AREA-NNN",
                r.id
            );
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                r.id
            );
            assert!(
                !r.title.is_empty() && !r.title.ends_with('.'),
                "{}: title",
                r.id
            );
            assert!(
                !r.docs.what.is_empty() && !r.docs.why.is_empty() && !r.docs.fix.is_empty(),
                "{}: docs",
                r.id
            );
            assert!(
                !r.docs.failing.is_empty() && !r.docs.passing.is_empty(),
                "{}: examples",
                r.id
            );
            assert!(!r.frameworks.is_empty(), "{}: frameworks", r.id);
        }
    }
}
