//! PAL-SNS-001: SNS topic is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SNS-001",
    title: "SNS topic is not encrypted",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_sns_topic", "AWS::SNS::Topic"],
    docs: Docs {
        what: "Checks SNS topics for a KMS key (`kms_master_key_id`, `KmsMasterKeyId`). SNS does not encrypt messages at rest unless a key is set.",
        why: "Notifications carry alerts, order data and sometimes secrets; without a key they are stored unencrypted while in flight through SNS.",
        fix: "Set `kms_master_key_id` (`alias/aws/sns` or a customer-managed key).",
        refs: &["https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
"#,
            },
        ],
        passing: &[
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
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.topics {
        out.judge(
            x.id,
            "kms_master_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the topic is not encrypted at rest",
        );
    }
}
