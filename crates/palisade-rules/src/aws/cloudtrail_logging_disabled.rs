//! PAL-CT-005: CloudTrail trail has logging turned off.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CT-005",
    title: "CloudTrail trail has logging turned off",
    severity: Severity::High,
    category: Category::Logging,
    frameworks: &[
        ("cis-aws", &["3.1"]),
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &["aws_cloudtrail", "AWS::CloudTrail::Trail"],
    docs: Docs {
        what: "Checks that CloudTrail trails are logging (`enable_logging` not false, `IsLogging: true`).",
        why: "A trail that exists but does not log gives the appearance of an audit trail without any record.",
        fix: "Set `enable_logging = true` (`IsLogging: true`).",
        refs: &[
            "https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html",
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
  cloud_watch_logs_group_arn    = "arn:aws:logs:eu-west-1:111122223333:log-group:trail:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/trail-logs"
  enable_logging                = false
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
      IsLogging: false
      IsMultiRegionTrail: true
      EnableLogFileValidation: true
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
            "enable_logging",
            &t.logging,
            true,
            |v| *v,
            "the trail is not logging",
        );
    }
}
