//! PAL-SQS-002: SQS queue is not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SQS-002",
    title: "SQS queue is not encrypted with a customer-managed key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_sqs_queue", "AWS::SQS::Queue"],
    docs: Docs {
        what: "Checks SQS queues for a customer-managed KMS key (`kms_master_key_id` other than `alias/aws/sqs`).",
        why: "SQS-managed encryption cannot be restricted by a key policy or audited per use; a customer-managed key can, and is needed for cross-account producers.",
        fix: "Set `kms_master_key_id` to a customer-managed key.",
        refs: &[
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/aws/sqs
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = "alias/jobs"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      KmsMasterKeyId: alias/jobs
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.queues {
        out.judge(
            x.id,
            "kms_master_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty() && !v.ends_with("alias/aws/sqs"),
            "the queue is not encrypted with a customer-managed KMS key",
        );
    }
}
