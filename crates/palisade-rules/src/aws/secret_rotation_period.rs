//! PAL-SM-003: Secrets Manager secret rotates less often than every 90 days.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SM-003",
    title: "Secrets Manager secret rotates less often than every 90 days",
    severity: Severity::Low,
    category: Category::Secrets,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("nist-800-53", &["IA-5"]),
        ("pci-dss", &["8.3.9"]),
    ],
    resource_types: &[
        "aws_secretsmanager_secret_rotation",
        "AWS::SecretsManager::RotationSchedule",
        "aws_secretsmanager_secret",
        "AWS::SecretsManager::Secret",
    ],
    docs: Docs {
        what: "Checks the rotation schedule of each secret for `automatically_after_days` of 90 or less.",
        why: "A long rotation period leaves a leaked credential valid for months.",
        fix: "Rotate at least every 90 days (30 for privileged credentials).",
        refs: &[
            "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html",
        ],
        failing: &[
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
    automatically_after_days = 365
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
        AutomaticallyAfterDays: 180
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
            "rotation_rules.automatically_after_days",
            &x.rotation_days,
            true,
            |v| *v <= 90,
            "the secret is rotated less often than every 90 days",
        );
    }
}
