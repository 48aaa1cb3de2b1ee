//! PAL-RDS-003: RDS automated backups are disabled or kept under 7 days.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RDS-003",
    title: "RDS automated backups are disabled or kept under 7 days",
    severity: Severity::Medium,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
        ("pci-dss", &["12.10.1"]),
    ],
    resource_types: &[
        "aws_db_instance",
        "aws_rds_cluster",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
    ],
    docs: Docs {
        what: "Checks RDS instances and clusters for `backup_retention_period` of at least 7 days (0 disables automated backups; RDS's default is 1 day for the API, 7 for the console).",
        why: "Automated backups and point-in-time restore are the recovery path from corruption, bad migrations and ransomware; a day or less of history is rarely enough to notice the problem.",
        fix: "Set `backup_retention_period` to 7 or more (35 for critical data).",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
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
  storage_encrypted = true
  backup_retention_period = 0
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
      BackupRetentionPeriod: 1
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
  storage_encrypted = true
  backup_retention_period = 14
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
      BackupRetentionPeriod: 14
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx.views.aws.rds.databases.iter().filter(|x| !x.member) {
        out.judge(
            x.id,
            "backup_retention_period",
            &x.backup_retention,
            false,
            |v| *v >= 7,
            "automated backups are kept less than 7 days",
        );
    }
}
