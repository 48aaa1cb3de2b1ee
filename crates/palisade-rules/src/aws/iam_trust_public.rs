//! PAL-IAM-007: IAM role can be assumed by anyone.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::PolicyKind;

use super::common::{each_policy, public_statement};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-007",
    title: "IAM role can be assumed by anyone",
    severity: Severity::Critical,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.3"]),
        ("hipaa", &["164.312(a)(1)", "164.308(a)(4)(ii)(B)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-6"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["aws_iam_role", "AWS::IAM::Role"],
    docs: Docs {
        what: "Checks role trust policies for an `Allow` to the principal `*` (or `{\"AWS\": \"*\"}`) with no condition narrowing the caller.",
        why: "A role that trusts `*` can be assumed from any AWS account in the world: its permissions are public.",
        fix: "Name the exact accounts, roles or services that may assume the role, and add `sts:ExternalId` or `aws:PrincipalOrgID` conditions for third parties.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role" "open" {
  name = "open"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Open:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_role" "lambda" {
  name = "lambda"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Fn:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal:
              Service: lambda.amazonaws.com
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    each_policy(
        cx,
        out,
        |p| p.kind == PolicyKind::Trust,
        |_, st| public_statement(st),
    );
}
