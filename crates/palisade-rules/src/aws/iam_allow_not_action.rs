//! PAL-IAM-012: IAM policy uses `Allow` with `NotAction`.

use super::common::{V, allow_or, each_policy, identity};
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-012",
    title: "IAM policy uses `Allow` with `NotAction`",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
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
        what: "Checks identity policies for `Allow` statements written with `NotAction`.",
        why: "`Allow` + `NotAction` grants everything except a list, including every action AWS adds later; it is almost always broader than intended.",
        fix: "Rewrite the statement with an explicit `Action` list, or pair `NotAction` only with `Deny`.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "almostall" {
  name = "almostall"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      NotAction = "iam:*"
      Resource  = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  AlmostAll:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            NotAction: iam:*
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "denyiam" {
  name = "denyiam"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      NotAction = "s3:*"
      Resource  = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  DenyIam:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            NotAction: s3:*
            Resource: "*"
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
        if st.not_actions.present {
            let s = st
                .not_actions
                .values
                .first()
                .map(|(_, s)| s.clone())
                .unwrap_or(st.span.clone());
            V::Fail(
                s,
                "the policy allows every action except those listed in `NotAction`".into(),
            )
        } else {
            V::Pass
        }
    });
}
