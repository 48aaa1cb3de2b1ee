//! PAL-BAK-001: AWS Backup vault is not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-BAK-001",
    title: "AWS Backup vault is not encrypted with a customer-managed key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_backup_vault", "AWS::Backup::BackupVault"],
    docs: Docs {
        what: "Checks AWS Backup vaults for `kms_key_arn` (`EncryptionKeyArn`); without it recovery points use the `aws/backup` key.",
        why: "A customer-managed key lets you restrict and audit who can restore backups, and is needed to copy them to another account.",
        fix: "Set `kms_key_arn` to a customer-managed key.",
        refs: &["https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_backup_vault" "main" {
  name = "main"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: main
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_backup_vault" "main" {
  name        = "main"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: main
      EncryptionKeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.misc.backup_vaults {
        out.judge(
            x.id,
            "kms_key_arn",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the vault is not encrypted with a customer-managed KMS key",
        );
    }
}
