//! PAL-CW-002: CloudWatch log group is not encrypted with a KMS key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CW-002",
    title: "CloudWatch log group is not encrypted with a KMS key",
    severity: Severity::Low,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_cloudwatch_log_group", "AWS::Logs::LogGroup"],
    docs: Docs {
        what: "Checks CloudWatch log groups for a customer-managed KMS key (`kms_key_id`, `KmsKeyId`). Log data is always encrypted with service keys otherwise.",
        why: "A customer-managed key restricts who can read the logs independently of CloudWatch permissions and records every decryption.",
        fix: "Set `kms_key_id` to a KMS key whose policy allows the CloudWatch Logs service principal.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/api"
  retention_in_days = 365
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/api"
  retention_in_days = 365
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: 365
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.log_groups {
        out.judge(
            x.id,
            "kms_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the log group is not encrypted with a customer-managed KMS key",
        );
    }
}
