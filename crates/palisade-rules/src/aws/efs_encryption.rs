//! PAL-EFS-001: EFS file system is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EFS-001",
    title: "EFS file system is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("cis-aws", &["2.4.1"]),
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_efs_file_system", "AWS::EFS::FileSystem"],
    docs: Docs {
        what: "Checks EFS file systems for `encrypted = true` (`Encrypted: true`).",
        why: "EFS encryption at rest can only be chosen at creation; an unencrypted file system holding shared application data fails regulated-data requirements for its whole life.",
        fix: "Create the file system with `encrypted = true` (and `kms_key_id`), then migrate data.",
        refs: &["https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Shared:
    Type: AWS::EFS::FileSystem
    Properties:
      PerformanceMode: generalPurpose
"#,
            },
        ],
        passing: &[
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
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.file_systems {
        out.judge(
            x.id,
            "encrypted",
            &x.encrypted,
            false,
            |v| *v,
            "the file system is not encrypted",
        );
    }
}
