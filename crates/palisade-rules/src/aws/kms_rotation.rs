//! PAL-KMS-001: KMS key rotation is not enabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-KMS-001",
    title: "KMS key rotation is not enabled",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("cis-aws", &["3.6"]),
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12"]),
        ("pci-dss", &["3.7.4"]),
    ],
    resource_types: &["aws_kms_key", "AWS::KMS::Key"],
    docs: Docs {
        what: "Checks that symmetric customer-managed KMS keys enable automatic key rotation.",
        why: "Rotation limits how much data one key version protects and how long a compromised key material stays useful.",
        fix: "Set `enable_key_rotation = true` (`EnableKeyRotation: true`).",
        refs: &["https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = false
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  DataKey:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false
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
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_kms_key" "data" {
  description         = "data"
  enable_key_rotation = true
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
    for k in &cx.views.aws.kms_keys {
        if matches!(k.symmetric(), Tri::Known(false, _)) {
            continue;
        }
        out.judge(
            k.id,
            "enable_key_rotation",
            &k.rotation,
            false,
            |v| *v,
            "automatic key rotation is not enabled",
        );
    }
}
