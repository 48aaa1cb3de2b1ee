//! PAL-CT-004: CloudTrail trail does not deliver to CloudWatch Logs.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CT-004",
    title: "CloudTrail trail does not deliver to CloudWatch Logs",
    severity: Severity::Low,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.308(a)(1)(ii)(D)"]),
        ("gdpr", &["33"]),
        ("nist-800-53", &["AU-6", "SI-4"]),
        ("pci-dss", &["10.4.1"]),
    ],
    resource_types: &["aws_cloudtrail", "AWS::CloudTrail::Trail"],
    docs: Docs {
        what: "Checks that CloudTrail trails also send events to a CloudWatch Logs group (`cloud_watch_logs_group_arn`).",
        why: "Real-time alarms on root logins, policy changes and console failures (CIS section 4) need the trail in CloudWatch Logs.",
        fix: "Set `cloud_watch_logs_group_arn` and `cloud_watch_logs_role_arn`.",
        refs: &[
            "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "acme-trail"
  is_multi_region_trail         = true
  enable_log_file_validation    = true
  kms_key_id                    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
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
            "cloud_watch_logs_group_arn",
            &t.cloudwatch_logs,
            false,
            |v| *v,
            "the trail is not integrated with CloudWatch Logs",
        );
    }
}
