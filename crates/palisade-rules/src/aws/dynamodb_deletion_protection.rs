//! PAL-DDB-003: DynamoDB table has no deletion protection.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-DDB-003",
    title: "DynamoDB table has no deletion protection",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
    ],
    resource_types: &["aws_dynamodb_table", "AWS::DynamoDB::Table"],
    docs: Docs {
        what: "Checks DynamoDB tables for `deletion_protection_enabled = true` (`DeletionProtectionEnabled`).",
        why: "A replaced resource, a bad `terraform destroy` or a compromised key deletes a table and its continuous backups in one call.",
        fix: "Set `deletion_protection_enabled = true`.",
        refs: &[
            "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  deletion_protection_enabled = true

  attribute {
    name = "id"
    type = "S"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH
      DeletionProtectionEnabled: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.dynamodb_tables {
        out.judge(
            x.id,
            "deletion_protection_enabled",
            &x.deletion_protection,
            false,
            |v| *v,
            "deletion protection is not enabled",
        );
    }
}
