//! PAL-S3-012: S3 bucket is not replicated.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-S3-012",
    title: "S3 bucket is not replicated",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("nist-800-53", &["CP-9", "CP-6"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &[
        "aws_s3_bucket",
        "aws_s3_bucket_replication_configuration",
        "AWS::S3::Bucket",
    ],
    docs: Docs {
        what: "Checks buckets for a replication configuration (`aws_s3_bucket_replication_configuration`, `ReplicationConfiguration`).",
        why: "Replication to another region or account keeps a copy of critical data through regional outages and account compromise.",
        fix: "Add a replication rule to a bucket in another region or a backup account.",
        refs: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html"],
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

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    status = "Enabled"
    destination {
      bucket = "arn:aws:s3:::acme-data-replica"
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
      VersioningConfiguration:
        Status: Enabled
      ReplicationConfiguration:
        Role: arn:aws:iam::111122223333:role/replication
        Rules:
          - Status: Enabled
            Destination:
              Bucket: arn:aws:s3:::acme-data-replica
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.s3_buckets {
        out.judge(
            x.id,
            "replication_configuration",
            &x.replication,
            false,
            |v| *v,
            "the bucket is not replicated",
        );
    }
}
