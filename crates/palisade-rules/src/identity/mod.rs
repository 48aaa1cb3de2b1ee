//! Least-privilege identity rules that read the AWS action catalogue of
//! `palisade-iam` (access levels, resource-level support) on top of the IAM
//! view. Ids PAL-IAM-1NN.

use palisade_engine::{Ctx, Rule, Sink};
use palisade_iam::{ActionInfo, catalogue};
use palisade_views::aws::iam::{Statement, wildcard_match};

use crate::aws::common::{V, allow_or, each_policy, identity};

mod iam_any_account_trust;
mod iam_credentials_exposure;
mod iam_data_exfiltration;
mod iam_permissions_any_resource;
mod iam_write_any_resource;

pub static RULES: &[&Rule] = &[
    &iam_write_any_resource::RULE,
    &iam_permissions_any_resource::RULE,
    &iam_data_exfiltration::RULE,
    &iam_credentials_exposure::RULE,
    &iam_any_account_trust::RULE,
];

/// Identity policy types the `Resource: "*"` rules look at.
pub(crate) const IDENTITY_TYPES: &[&str] = &[
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_iam_group_policy",
    "aws_iam_role",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::IAM::Group",
];

pub(crate) const FRAMEWORKS: &[(&str, &[&str])] = &[
    ("soc2", &["CC6.1", "CC6.3"]),
    ("hipaa", &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"]),
    ("gdpr", &["25", "32"]),
    ("nist-800-53", &["AC-3", "AC-6"]),
    ("pci-dss", &["7.2.1", "7.2.2"]),
];

/// Fails an identity policy with an `Allow` statement on `Resource: "*"`
/// whose actions (other than the bare `*`, see PAL-IAM-001) cover a
/// catalogue action selected by `pick`.
pub(crate) fn any_resource_rule(
    cx: &Ctx<'_>,
    out: &mut Sink,
    pick: fn(&ActionInfo) -> bool,
    what: &str,
) {
    each_policy(cx, out, identity, |_, st| {
        if let Some(v) = allow_or(st) {
            return v;
        }
        if st.all_resources().is_none() {
            return V::Pass;
        }
        if let Some((pat, name, s)) = first_action(st, pick) {
            let via = if pat.eq_ignore_ascii_case(&name) {
                String::new()
            } else {
                format!(" (through `{pat}`)")
            };
            return V::Fail(
                s,
                format!("{what} `{name}`{via} is allowed on every resource (`Resource: \"*\"`)"),
            );
        }
        match &st.actions.unknown {
            Some((w, s)) => V::Unknown(w.clone(), s.clone()),
            None => V::Pass,
        }
    });
}

fn first_action(
    st: &Statement,
    pick: fn(&ActionInfo) -> bool,
) -> Option<(String, String, palisade_model::Span)> {
    let cat = catalogue();
    for (pat, span) in &st.actions.values {
        if pat == "*" {
            continue;
        }
        if let Some(a) = cat.expand(pat).into_iter().find(|a| pick(a)) {
            return Some((pat.clone(), a.full_name(), span.clone()));
        }
    }
    None
}

/// True if the action (e.g. `s3:GetObject`) is in `list` (case-insensitive).
pub(crate) fn listed(a: &ActionInfo, list: &[&str]) -> bool {
    let full = a.full_name();
    list.iter().any(|l| wildcard_match(l, &full))
}
