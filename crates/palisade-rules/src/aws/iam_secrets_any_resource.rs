//! PAL-IAM-017: IAM policy allows reading every secret or decrypting with every key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::wildcard_match;

use super::common::{V, allow_or, each_policy, identity};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-017",
    title: "IAM policy allows reading every secret or decrypting with every key",
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
        what: "Checks identity policies for `Allow` statements granting `kms:Decrypt`, `secretsmanager:GetSecretValue`, `ssm:GetParameter`, `ssm:GetParameters`, `ssm:GetParametersByPath` on resource `*`. A bare `*` action is reported by PAL-IAM-001 instead.",
        why: "Secrets and keys are scoped so that one workload's compromise does not expose the others'; `*` here hands every secret and every encrypted data key to the holder.",
        fix: "List the secret, parameter and key ARNs the workload needs.",
        refs: &[
            "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [kms:Decrypt]
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["secretsmanager:GetSecretValue"]
      Resource = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db-AbCdEf"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: [kms:Decrypt]
            Resource: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
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
        if st.all_resources().is_none() {
            return V::Pass;
        }
        match st.actions.values.iter().find(|(a, _)| sensitive(a)) {
            Some((a, s)) => V::Fail(s.clone(), format!("`{a}` is allowed on every resource")),
            None => match &st.actions.unknown {
                Some((w, s)) => V::Unknown(w.clone(), s.clone()),
                None => V::Pass,
            },
        }
    });
}

const SENSITIVE: &[&str] = &[
    "kms:Decrypt",
    "secretsmanager:GetSecretValue",
    "ssm:GetParameter",
    "ssm:GetParameters",
    "ssm:GetParametersByPath",
];

fn sensitive(a: &str) -> bool {
    a != "*" && SENSITIVE.iter().any(|s| wildcard_match(a, s))
}
