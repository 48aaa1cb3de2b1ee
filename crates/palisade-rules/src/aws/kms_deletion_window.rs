//! PAL-KMS-003: KMS key deletion window is shorter than 30 days.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-KMS-003",
    title: "KMS key deletion window is shorter than 30 days",
    severity: Severity::Low,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("nist-800-53", &["SC-12", "CP-9"]),
        ("pci-dss", &["3.7.1"]),
    ],
    resource_types: &["aws_kms_key", "AWS::KMS::Key"],
    docs: Docs {
        what: "Checks KMS keys that set `deletion_window_in_days` (`PendingWindowInDays`) below 30 (the default).",
        why: "Deleting a key destroys every piece of data encrypted under it; the waiting period is the only time in which a mistaken or malicious deletion can be cancelled.",
        fix: "Leave the window at 30 days.",
        refs: &[
            "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html#deleting-keys-scheduling-key-deletion",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_kms_key" "data" {
  description             = "data"
  enable_key_rotation     = true
  deletion_window_in_days = 7
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
      PendingWindowInDays: 7
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
  description             = "data"
  enable_key_rotation     = true
  deletion_window_in_days = 30
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
      PendingWindowInDays: 30
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
    for x in &cx.views.aws.kms_keys {
        out.judge(
            x.id,
            "deletion_window_in_days",
            &x.deletion_window,
            true,
            |v| *v >= 30,
            "the key can be deleted after less than 30 days",
        );
    }
}
