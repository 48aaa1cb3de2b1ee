//! PAL-SQS-001: SQS queue has server-side encryption turned off.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-SQS-001",
    title: "SQS queue has server-side encryption turned off",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_sqs_queue", "AWS::SQS::Queue"],
    docs: Docs {
        what: "Checks SQS queues that turn SQS-managed encryption off (`sqs_managed_sse_enabled = false`) without a KMS key. New queues are encrypted with SQS-managed keys by default.",
        why: "Messages often carry personal data and tokens; an unencrypted queue stores them in clear at rest.",
        fix: "Remove `sqs_managed_sse_enabled = false`, or set `kms_master_key_id` to a KMS key.",
        refs: &[
            "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_sqs_queue" "jobs" {
  name                    = "jobs"
  sqs_managed_sse_enabled = false
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      SqsManagedSseEnabled: false
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
      SqsManagedSseEnabled: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for q in &cx.views.aws.data.queues {
        if matches!(&q.kms_key, Tri::Known(k, _) if !k.is_empty()) {
            out.pass(q.id, q.kms_key.span().clone(), "kms_master_key_id");
            continue;
        }
        out.judge(
            q.id,
            "sqs_managed_sse_enabled",
            &q.managed_sse,
            true,
            |v| *v,
            "the queue is not encrypted at rest",
        );
    }
}
