//! PAL-S3-005: S3 bucket versioning is not enabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-S3-005",
    title: "S3 bucket versioning is not enabled",
    severity: Severity::Medium,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1", "CC7.5"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)", "164.312(c)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9", "SI-12"]),
        ("pci-dss", &["10.5.1"]),
    ],
    resource_types: &[
        "aws_s3_bucket",
        "AWS::S3::Bucket",
        "aws_s3_bucket_versioning",
    ],
    docs: Docs {
        what: "Checks that each bucket enables versioning (inline, through `aws_s3_bucket_versioning`, or `VersioningConfiguration`).",
        why: "Without versioning an overwrite or delete, accidental or by ransomware, destroys the only copy of an object.",
        fix: "Enable versioning and add lifecycle rules to expire old versions.",
        refs: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html"],
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

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
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
      VersioningConfiguration:
        Status: Enabled
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
            "versioning",
            &b.versioning,
            false,
            |v| *v,
            "bucket versioning is not enabled",
        );
    }
}
