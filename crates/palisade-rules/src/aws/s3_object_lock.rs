//! PAL-S3-009: S3 bucket has no object lock.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-S3-009",
    title: "S3 bucket has no object lock",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(c)(1)"]),
        ("nist-800-53", &["SI-12", "AU-9"]),
        ("pci-dss", &["10.3.2"]),
    ],
    resource_types: &["aws_s3_bucket", "AWS::S3::Bucket"],
    docs: Docs {
        what: "Checks buckets for object lock (`object_lock_enabled`, `ObjectLockEnabled`), which makes objects write-once-read-many.",
        why: "Object lock is what keeps backups and audit logs from being deleted or encrypted by an attacker who holds write credentials.",
        fix: "Create the bucket with object lock enabled and a default retention (governance or compliance mode) for backup and log buckets.",
        refs: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html"],
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
  bucket              = "acme-data"
  object_lock_enabled = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockEnabled: true
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
            "object_lock_enabled",
            &x.object_lock,
            false,
            |v| *v,
            "object lock is not enabled",
        );
    }
}
