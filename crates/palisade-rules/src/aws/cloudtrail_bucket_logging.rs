//! PAL-CT-006: CloudTrail bucket does not have access logging.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CT-006",
    title: "CloudTrail bucket does not have access logging",
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
    resource_types: &[
        "aws_cloudtrail",
        "AWS::CloudTrail::Trail",
        "aws_s3_bucket",
        "AWS::S3::Bucket",
    ],
    docs: Docs {
        what: "Checks that the S3 bucket a trail delivers to (when the trail refers to a bucket declared in the same configuration) has server access logging.",
        why: "Access logs on the trail bucket show who read, or tried to delete, the audit trail itself.",
        fix: "Enable server access logging on the CloudTrail bucket to a separate log bucket.",
        refs: &["https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref TrailBucket
      IsLogging: true
      IsMultiRegionTrail: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_s3_bucket" "trail" {
  bucket = "acme-trail"
}

resource "aws_s3_bucket_logging" "trail" {
  bucket        = aws_s3_bucket.trail.id
  target_bucket = "acme-access-logs"
  target_prefix = "trail/"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  TrailBucket:
    Type: AWS::S3::Bucket
    Properties:
      LoggingConfiguration:
        DestinationBucketName: acme-access-logs
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: !Ref TrailBucket
      IsLogging: true
      IsMultiRegionTrail: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for t in &cx.views.aws.cloudtrails {
        let Some(b) = t.bucket else { continue };
        let Some(bucket) = cx.views.aws.s3_buckets.iter().find(|x| x.id == b) else {
            continue;
        };
        out.judge(
            t.id,
            "s3_bucket_name",
            &bucket.logging,
            false,
            |v| *v,
            "the trail's bucket has no access logging",
        );
    }
}
