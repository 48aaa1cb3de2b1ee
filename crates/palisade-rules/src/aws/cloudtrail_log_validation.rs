//! PAL-CT-002: CloudTrail log file validation is not enabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CT-002",
    title: "CloudTrail log file validation is not enabled",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("cis-aws", &["3.2"]),
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(c)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AU-9"]),
        ("pci-dss", &["10.3.4"]),
    ],
    resource_types: &["aws_cloudtrail", "AWS::CloudTrail::Trail"],
    docs: Docs {
        what: "Checks that CloudTrail trails enable log file integrity validation.",
        why: "Validation digests prove that delivered log files were not altered or deleted; without them tampering after a breach goes unnoticed.",
        fix: "Set `enable_log_file_validation = true`.",
        refs: &[
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "acme-trail"
  is_multi_region_trail         = true
  kms_key_id                    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  cloud_watch_logs_group_arn    = "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/trail-logs"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: acme-trail
      IsLogging: true
      IsMultiRegionTrail: true
      KMSKeyId: alias/trail
      CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:111122223333:log-group:trail:*
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "acme-trail"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  cloud_watch_logs_group_arn    = "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/trail-logs"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: acme-trail
      IsLogging: true
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
      KMSKeyId: alias/trail
      CloudWatchLogsLogGroupArn: arn:aws:logs:eu-west-1:111122223333:log-group:trail:*
      CloudWatchLogsRoleArn: arn:aws:iam::111122223333:role/trail-logs
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for t in &cx.views.aws.cloudtrails {
        out.judge(
            t.id,
            "enable_log_file_validation",
            &t.log_file_validation,
            false,
            |v| *v,
            "log file validation is not enabled",
        );
    }
}
