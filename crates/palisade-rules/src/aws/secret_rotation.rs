//! PAL-SM-002: Secrets Manager secret has no automatic rotation.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SM-002",
    title: "Secrets Manager secret has no automatic rotation",
    severity: Severity::Medium,
    category: Category::Secrets,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.308(a)(5)(ii)(D)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-5"]),
        ("pci-dss", &["8.3.9", "8.6.3"]),
    ],
    resource_types: &[
        "aws_secretsmanager_secret",
        "aws_secretsmanager_secret_rotation",
        "AWS::SecretsManager::Secret",
        "AWS::SecretsManager::RotationSchedule",
    ],
    docs: Docs {
        what: "Checks that each secret has a rotation schedule (`aws_secretsmanager_secret_rotation`, `AWS::SecretsManager::RotationSchedule`) referring to it.",
        why: "A credential that never changes stays valid for anyone who ever copied it; rotation bounds the damage of a leak.",
        fix: "Add a rotation schedule with a rotation Lambda (or managed rotation) and a period of 90 days or less.",
        refs: &[
            "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
        ],
        failing: &[
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

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate-db"

  rotation_rules {
    automatically_after_days = 30
  }
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
  DbRotation:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Db
      RotationLambdaARN: arn:aws:lambda:eu-west-1:111122223333:function:rotate-db
      RotationRules:
        AutomaticallyAfterDays: 30
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
            "rotation",
            &x.rotation,
            false,
            |v| *v,
            "the secret is never rotated automatically",
        );
    }
}
