//! PAL-S3-006: S3 bucket server access logging is not enabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-S3-006",
    title: "S3 bucket server access logging is not enabled",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("cis-aws", &["3.4"]),
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &["aws_s3_bucket", "AWS::S3::Bucket", "aws_s3_bucket_logging"],
    docs: Docs {
        what: "Checks that each bucket sends server access logs to a log bucket (inline `logging`, `aws_s3_bucket_logging`, `LoggingConfiguration`).",
        why: "Access logs are the record of who read or changed which object; without them a data leak cannot be scoped.",
        fix: "Add `aws_s3_bucket_logging` (or `LoggingConfiguration`) pointing to a dedicated log bucket.",
        refs: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = "acme-access-logs"
  target_prefix = "data/"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration:
        DestinationBucketName: acme-access-logs
        LogFilePrefix: data/
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.aws.s3_buckets {
        out.judge(
            b.id,
            "logging",
            &b.logging,
            false,
            |v| *v,
            "server access logging is not enabled",
        );
    }
}
