//! PAL-SNS-002: SNS topic is encrypted with the AWS managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SNS-002",
    title: "SNS topic is encrypted with the AWS managed key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_sns_topic", "AWS::SNS::Topic"],
    docs: Docs {
        what: "Checks encrypted SNS topics for a customer-managed KMS key rather than `alias/aws/sns`.",
        why: "The AWS managed key cannot be shared with publishers in other accounts or services such as CloudWatch alarms, and its use cannot be restricted.",
        fix: "Set `kms_master_key_id` to a customer-managed key.",
        refs: &["https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/aws/sns
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sns_topic" "alerts" {
  name              = "alerts"
  kms_master_key_id = "alias/alerts"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      KmsMasterKeyId: alias/alerts
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.topics {
        out.judge(
            x.id,
            "kms_master_key_id",
            &x.kms_key,
            true,
            |v| !v.ends_with("alias/aws/sns"),
            "the topic uses the AWS managed key",
        );
    }
}
