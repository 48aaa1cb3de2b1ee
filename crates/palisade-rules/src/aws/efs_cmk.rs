//! PAL-EFS-002: EFS file system is not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-EFS-002",
    title: "EFS file system is not encrypted with a customer-managed key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_efs_file_system", "AWS::EFS::FileSystem"],
    docs: Docs {
        what: "Checks encrypted EFS file systems for `kms_key_id` (`KmsKeyId`); without it they use `aws/elasticfilesystem`.",
        why: "A customer-managed key lets you restrict and audit access to the file system's data independently of EFS permissions.",
        fix: "Set `kms_key_id` to a customer-managed key when creating the file system.",
        refs: &["https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      Encrypted: true
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx
        .views
        .aws
        .data
        .file_systems
        .iter()
        .filter(|x| matches!(x.encrypted, Tri::Known(true, _)))
    {
        out.judge(
            x.id,
            "kms_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the file system is not encrypted with a customer-managed KMS key",
        );
    }
}
