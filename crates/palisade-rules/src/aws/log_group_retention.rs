//! PAL-CW-001: CloudWatch log group keeps logs for less than a year.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CW-001",
    title: "CloudWatch log group keeps logs for less than a year",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AU-11"]),
        ("pci-dss", &["10.5.1"]),
    ],
    resource_types: &["aws_cloudwatch_log_group", "AWS::Logs::LogGroup"],
    docs: Docs {
        what: "Checks CloudWatch log groups that set `retention_in_days` (`RetentionInDays`) below 365. Unset (never expire) passes.",
        why: "Investigations routinely look back months; PCI DSS requires a year of audit history, three months of it immediately available.",
        fix: "Set `retention_in_days` to 365 or more (or leave it unset and archive to S3).",
        refs: &[
            "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/api"
  retention_in_days = 7
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
      LogGroupName: /app/api
      RetentionInDays: 30
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
      LogGroupName: /app/api
      RetentionInDays: 400
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
            "retention_in_days",
            &x.retention_days,
            true,
            |v| *v == 0 || *v >= 365,
            "logs are kept for less than a year",
        );
    }
}
