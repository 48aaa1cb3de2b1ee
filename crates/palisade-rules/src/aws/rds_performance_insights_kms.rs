//! PAL-RDS-011: RDS Performance Insights data is not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_model::SourceKind;

pub static RULE: Rule = Rule {
    id: "PAL-RDS-011",
    title: "RDS Performance Insights data is not encrypted with a customer-managed key",
    severity: Severity::Low,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_db_instance", "AWS::RDS::DBInstance"],
    docs: Docs {
        what: "Checks RDS instances with Performance Insights enabled for `performance_insights_kms_key_id` (`PerformanceInsightsKMSKeyId`).",
        why: "Performance Insights stores query text, which often contains personal data and literals; a customer-managed key controls who can read it.",
        fix: "Set `performance_insights_kms_key_id` to a customer-managed key.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.access-control.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_db_instance" "db" {
  identifier                   = "orders"
  engine                       = "postgres"
  instance_class               = "db.t3.medium"
  allocated_storage            = 20
  username                     = "app"
  manage_master_user_password  = true
  storage_encrypted            = true
  performance_insights_enabled = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      AllocatedStorage: "20"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnablePerformanceInsights: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_db_instance" "db" {
  identifier                   = "orders"
  engine                       = "postgres"
  instance_class               = "db.t3.medium"
  allocated_storage            = 20
  username                     = "app"
  manage_master_user_password  = true
  storage_encrypted            = true
  performance_insights_enabled = true
  performance_insights_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.medium
      AllocatedStorage: "20"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnablePerformanceInsights: true
      PerformanceInsightsKMSKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx.views.aws.rds.databases.iter().filter(|x| {
        !x.cluster
            && cx
                .model
                .get(x.id)
                .attr(if cx.model.get(x.id).kind == SourceKind::CloudFormation {
                    "EnablePerformanceInsights"
                } else {
                    "performance_insights_enabled"
                })
                .known()
                .and_then(|n| n.as_bool())
                == Some(true)
    }) {
        out.judge(
            x.id,
            "performance_insights_kms_key_id",
            &x.performance_insights_kms,
            false,
            |v| !v.is_empty(),
            "Performance Insights data is not encrypted with a customer-managed KMS key",
        );
    }
}
