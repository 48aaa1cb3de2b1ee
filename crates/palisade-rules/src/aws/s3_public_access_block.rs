//! PAL-S3-004: S3 bucket does not block public access.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-S3-004",
    title: "S3 bucket does not block public access",
    severity: Severity::Medium,
    category: Category::Data,
    frameworks: &[
        ("cis-aws", &["2.1.4"]),
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "AC-21"]),
        ("pci-dss", &["1.4.1", "7.2.1"]),
    ],
    resource_types: &[
        "aws_s3_bucket",
        "AWS::S3::Bucket",
        "aws_s3_bucket_public_access_block",
    ],
    docs: Docs {
        what: "Checks that each bucket has a public access block with all four settings (`block_public_acls`, `block_public_policy`, `ignore_public_acls`, `restrict_public_buckets`) on, unless an account-level `aws_s3_account_public_access_block` with all four on is declared in the same configuration.",
        why: "The public access block is the safety net that keeps a mistaken ACL or policy from publishing the bucket.",
        fix: "Add an `aws_s3_bucket_public_access_block` (or `PublicAccessBlockConfiguration`) with all four settings true, or enable it account-wide.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html",
        ],
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
    Properties:
      BucketName: acme-data
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    let account_wide = cx
        .model
        .of_type("aws_s3_account_public_access_block")
        .any(|(_, r)| {
            [
                "block_public_acls",
                "block_public_policy",
                "ignore_public_acls",
                "restrict_public_buckets",
            ]
            .iter()
            .all(|k| r.attr(k).known().and_then(|n| n.as_bool()) == Some(true))
        });
    for b in &cx.views.aws.s3_buckets {
        let r = cx.model.get(b.id);
        let fact = match &b.public_access_block {
            _ if account_wide => Tri::Known(true, r.span.clone()),
            Some(p) => p.all_true(),
            None => Tri::Absent(r.span.clone()),
        };
        out.judge(
            b.id,
            "public_access_block",
            &fact,
            false,
            |v| *v,
            "the bucket does not block public ACLs and policies",
        );
    }
}
