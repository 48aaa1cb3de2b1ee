//! PAL-CT-003: CloudTrail logs are not encrypted with a KMS key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CT-003",
    title: "CloudTrail logs are not encrypted with a KMS key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("cis-aws", &["3.5"]),
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AU-9", "SC-28"]),
        ("pci-dss", &["10.3.2"]),
    ],
    resource_types: &["aws_cloudtrail", "AWS::CloudTrail::Trail"],
    docs: Docs {
        what: "Checks that CloudTrail trails encrypt log files with a customer-managed KMS key (`kms_key_id`, `KMSKeyId`).",
        why: "With SSE-KMS, reading the audit trail needs both S3 and KMS permissions, and every decryption is itself logged.",
        fix: "Set `kms_key_id` to a customer-managed key whose policy allows CloudTrail to encrypt.",
        refs: &[
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "acme-trail"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
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
            "kms_key_id",
            &t.kms_key,
            false,
            |k| !k.is_empty(),
            "trail logs are not encrypted with a customer-managed KMS key",
        );
    }
}
