//! PAL-ECR-003: ECR repository is not encrypted with KMS.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECR-003",
    title: "ECR repository is not encrypted with KMS",
    severity: Severity::Low,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_ecr_repository", "AWS::ECR::Repository"],
    docs: Docs {
        what: "Checks ECR repositories for `encryption_configuration { encryption_type = \"KMS\" }`. Images are otherwise encrypted with S3-managed keys.",
        why: "A KMS key puts image layers, which often embed code and configuration, under a key policy you control and audit.",
        fix: "Set `encryption_type = \"KMS\"` (and `kms_key`) when creating the repository.",
        refs: &["https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecr_repository" "app" {
  name = "app"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecr_repository" "app" {
  name = "app"

  encryption_configuration {
    encryption_type = "KMS"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      EncryptionConfiguration:
        EncryptionType: KMS
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.repositories {
        out.judge(
            x.id,
            "encryption_configuration.encryption_type",
            &x.encryption_type,
            false,
            |v| v.eq_ignore_ascii_case("KMS"),
            "the repository is not encrypted with KMS",
        );
    }
}
