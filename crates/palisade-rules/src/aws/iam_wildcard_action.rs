//! PAL-IAM-002: IAM policy allows wildcard actions.

use super::common::{V, allow_or, each_policy, identity};
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-002",
    title: "IAM policy allows wildcard actions",
    severity: Severity::High,
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
        what: "Checks identity policies for `Allow` statements whose actions are `*` or a whole service (`s3:*`, `iam:*`).",
        why: "Wildcard actions grant every current and future API of a service, including destructive and permission-changing ones, so the policy's real reach cannot be reviewed.",
        fix: "List the specific actions needed (`s3:GetObject`, `s3:PutObject`), or use a narrower prefix such as `s3:Get*`.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "s3all" {
  name = "s3all"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "arn:aws:s3:::acme-data/*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  S3All:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ["s3:*"]
            Resource: arn:aws:s3:::acme-data/*
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "s3read" {
  name = "s3read"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = "arn:aws:s3:::acme-data/*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  S3Read:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [s3:GetObject]
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
        if let Some((a, s)) = st.actions.find(|a| a == "*" || a.ends_with(":*")) {
            return V::Fail(
                s.clone(),
                format!("the policy allows the wildcard action `{a}`"),
            );
        }
        match &st.actions.unknown {
            Some((w, s)) => V::Unknown(w.clone(), s.clone()),
            None => V::Pass,
        }
    });
}
