//! PAL-KIN-001: Kinesis data stream is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-KIN-001",
    title: "Kinesis data stream is not encrypted",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_kinesis_stream", "AWS::Kinesis::Stream"],
    docs: Docs {
        what: "Checks Kinesis data streams for `encryption_type = \"KMS\"` (`StreamEncryption`).",
        why: "Stream records (clickstreams, logs, events with personal data) are stored for up to a year; without KMS encryption they sit in clear at rest.",
        fix: "Set `encryption_type = \"KMS\"` and `kms_key_id`.",
        refs: &["https://docs.aws.amazon.com/streams/latest/dev/server-side-encryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_kinesis_stream" "events" {
  name        = "events"
  shard_count = 1
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Events:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_kinesis_stream" "events" {
  name            = "events"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Events:
    Type: AWS::Kinesis::Stream
    Properties:
      ShardCount: 1
      StreamEncryption:
        EncryptionType: KMS
        KeyId: alias/aws/kinesis
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.streams {
        out.judge(
            x.id,
            "encryption_type",
            &x.encryption_type,
            false,
            |v| v.eq_ignore_ascii_case("KMS"),
            "the stream is not encrypted at rest",
        );
    }
}
