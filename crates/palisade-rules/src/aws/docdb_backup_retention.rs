//! PAL-DOCDB-003: DocumentDB cluster keeps backups for less than 7 days.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-DOCDB-003",
    title: "DocumentDB cluster keeps backups for less than 7 days",
    severity: Severity::Medium,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
    ],
    resource_types: &["aws_docdb_cluster", "AWS::DocDB::DBCluster"],
    docs: Docs {
        what: "Checks DocumentDB clusters for `backup_retention_period` (`BackupRetentionPeriod`) of at least 7 days (the default is 1).",
        why: "Point-in-time restore only reaches back as far as the retention period; one day is rarely enough to notice corruption or a malicious change.",
        fix: "Set `backup_retention_period` to 7 or more.",
        refs: &["https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier          = "docs"
  master_username             = "admin"
  manage_master_user_password = true
  storage_encrypted           = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: admin
      MasterUserPassword: "{{resolve:secretsmanager:docs-admin}}"
      StorageEncrypted: true
      BackupRetentionPeriod: 1
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier          = "docs"
  master_username             = "admin"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period = 14
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Docs:
    Type: AWS::DocDB::DBCluster
    Properties:
      MasterUsername: admin
      MasterUserPassword: "{{resolve:secretsmanager:docs-admin}}"
      StorageEncrypted: true
      BackupRetentionPeriod: 14
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx
        .views
        .aws
        .misc
        .doc_clusters
        .iter()
        .filter(|x| x.engine == "docdb")
    {
        out.judge(
            x.id,
            "backup_retention_period",
            &x.backup_retention,
            false,
            |v| *v >= 7,
            "backups are kept less than 7 days",
        );
    }
}
