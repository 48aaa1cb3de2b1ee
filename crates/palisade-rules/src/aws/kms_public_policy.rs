//! PAL-KMS-002: KMS key policy allows access to everyone.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::iam::PolicyKind;

use super::common::{each_policy, public_statement};

pub static RULE: Rule = Rule {
    id: "PAL-KMS-002",
    title: "KMS key policy allows access to everyone",
    severity: Severity::Critical,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AC-3", "SC-12"]),
        ("pci-dss", &["3.6.1", "7.2.1"]),
    ],
    resource_types: &["aws_kms_key", "aws_kms_key_policy", "AWS::KMS::Key"],
    docs: Docs {
        what: "Checks KMS key policies for an `Allow` to principal `*` with no condition narrowing the caller (`kms:CallerAccount`, `kms:ViaService`, `aws:PrincipalOrgID`...).",
        why: "A key that anyone may use lets anyone decrypt the data it protects, or schedule its deletion.",
        fix: "Grant key use to named principals (usually the account root plus IAM policies), or add a `kms:CallerAccount` condition.",
        refs: &["https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: kms:Decrypt
            Resource: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: arn:aws:iam::111122223333:root
            Action: kms:*
            Resource: "*"
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
        |p| {
            p.kind == PolicyKind::Resource
                && (p.rtype.starts_with("aws_kms") || p.rtype.starts_with("AWS::KMS"))
        },
        |_, st| public_statement(st),
    );
}
