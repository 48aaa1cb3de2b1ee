//! PAL-SM-001: Secrets Manager secret is not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SM-001",
    title: "Secrets Manager secret is not encrypted with a customer-managed key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_secretsmanager_secret", "AWS::SecretsManager::Secret"],
    docs: Docs {
        what: "Checks Secrets Manager secrets for `kms_key_id` (`KmsKeyId`). Without it the secret uses the account's `aws/secretsmanager` key, which any principal with Secrets Manager access can use.",
        why: "A customer-managed key adds a second, independently governed permission to read the secret, and is required to share secrets across accounts.",
        fix: "Set `kms_key_id` to a customer-managed key.",
        refs: &[
            "https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_secretsmanager_secret" "db" {
  name = "orders/db"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Db:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: orders/db
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_secretsmanager_secret" "db" {
  name       = "orders/db"
  kms_key_id = "alias/secrets"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Db:
    Type: AWS::SecretsManager::Secret
    Properties:
      Name: orders/db
      KmsKeyId: alias/secrets
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.secrets {
        out.judge(
            x.id,
            "kms_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the secret is not encrypted with a customer-managed KMS key",
        );
    }
}
