//! PAL-S3-010: S3 bucket is not encrypted with a customer-managed KMS key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::s3::Sse;

pub static RULE: Rule = Rule {
    id: "PAL-S3-010",
    title: "S3 bucket is not encrypted with a customer-managed KMS key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &[
        "aws_s3_bucket",
        "aws_s3_bucket_server_side_encryption_configuration",
        "AWS::S3::Bucket",
    ],
    docs: Docs {
        what: "Checks that buckets default to SSE-KMS with a customer-managed key (a key id, ARN or alias other than `aws/s3`). Buckets without configuration get SSE-S3.",
        why: "With SSE-S3 or the `aws/s3` key, anyone allowed to read the objects reads the data; a customer-managed key adds a key policy you control and logs each use.",
        fix: "Set `sse_algorithm = \"aws:kms\"` with `kms_master_key_id` naming a customer-managed key.",
        refs: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
      kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: aws:kms
              KMSMasterKeyID: alias/data
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.aws.s3_buckets {
        let fact = b.encryption.clone().map(|e| match e {
            Sse::Kms { key: Some(k) } => !k.is_empty() && !k.ends_with("alias/aws/s3"),
            _ => false,
        });
        out.judge(
            b.id,
            "server_side_encryption_configuration",
            &fact,
            false,
            |v| *v,
            "the bucket is not encrypted with a customer-managed KMS key",
        );
    }
}
