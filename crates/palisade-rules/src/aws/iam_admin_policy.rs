//! PAL-IAM-001: IAM policy grants full administrative privileges (`*` on `*`).

use super::common::{V, allow_or, each_policy, identity};
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-001",
    title: "IAM policy grants full administrative privileges (`*` on `*`)",
    severity: Severity::Critical,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.16"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("hipaa", &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-6"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &[
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
    ],
    docs: Docs {
        what: "Checks identity policies (managed, inline on roles, users and groups) for an `Allow` statement whose action is `*` and whose resource is `*`.",
        why: "A principal holding `*:*` controls the whole account: it can read every data store, disable logging and create new identities. A single leaked credential or compromised workload with such a policy is a full account takeover.",
        fix: "Grant only the actions and resources the workload needs; use AWS managed job-function policies or generate a least-privilege policy from CloudTrail activity with IAM Access Analyzer.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "admin" {
  name = "admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "reader" {
  name = "reader"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = "arn:aws:s3:::acme-data/*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::acme-data/*
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    each_policy(cx, out, identity, |_, st| {
        if let Some(v) = allow_or(st) {
            return v;
        }
        match (st.full_wildcard_action(), st.all_resources()) {
            (Some((_, s)), Some(_)) => V::Fail(
                s.clone(),
                "the policy allows every action on every resource".into(),
            ),
            (Some(_), None) | (None, Some(_)) => {
                match st
                    .actions
                    .unknown
                    .as_ref()
                    .or(st.resources.unknown.as_ref())
                {
                    Some((w, s)) => V::Unknown(w.clone(), s.clone()),
                    None => V::Pass,
                }
            }
            (None, None) => V::Pass,
        }
    });
}
