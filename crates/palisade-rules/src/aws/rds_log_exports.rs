//! PAL-RDS-010: RDS database does not export logs to CloudWatch.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RDS-010",
    title: "RDS database does not export logs to CloudWatch",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &[
        "aws_db_instance",
        "aws_rds_cluster",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
    ],
    docs: Docs {
        what: "Checks RDS instances and clusters for `enabled_cloudwatch_logs_exports` (`EnableCloudwatchLogsExports`) with at least one log type.",
        why: "Database logs (errors, slow queries, audit, `postgresql`) are kept on the instance for days at most; exported, they can be retained, searched and alarmed on.",
        fix: "Export the engine's audit and error logs (`[\"postgresql\"]`, `[\"audit\", \"error\"]`...).",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_db_instance" "db" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  storage_encrypted   = true
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
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_db_instance" "db" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  storage_encrypted   = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
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
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      EnableCloudwatchLogsExports: [postgresql]
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for d in cx.views.aws.rds.databases.iter().filter(|d| !d.member) {
        let r = cx.model.get(d.id);
        let attr = "enabled_cloudwatch_logs_exports";
        if let Some((_, s)) = d.log_exports.values.first() {
            out.pass(d.id, s.clone(), attr);
        } else if let Some((w, s)) = &d.log_exports.unknown {
            out.unknown(
                d.id,
                s.clone(),
                attr,
                w.clone(),
                "log exports may be disabled",
            );
        } else {
            out.fail(
                d.id,
                r.span.clone(),
                attr,
                "no database logs are exported to CloudWatch Logs",
            );
        }
    }
}
