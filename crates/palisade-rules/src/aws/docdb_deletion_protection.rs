//! PAL-DOCDB-004: DocumentDB cluster has no deletion protection.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-DOCDB-004",
    title: "DocumentDB cluster has no deletion protection",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
    ],
    resource_types: &["aws_docdb_cluster", "AWS::DocDB::DBCluster"],
    docs: Docs {
        what: "Checks DocumentDB clusters for `deletion_protection = true` (`DeletionProtection`).",
        why: "Without it one API call or a replaced resource deletes the cluster.",
        fix: "Set `deletion_protection = true`.",
        refs: &[
            "https://docs.aws.amazon.com/documentdb/latest/developerguide/db-cluster-delete.html",
        ],
        failing: &[
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
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier          = "docs"
  master_username             = "admin"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period = 14
  deletion_protection     = true
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
      DeletionProtection: true
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
            "deletion_protection",
            &x.deletion_protection,
            false,
            |v| *v,
            "deletion protection is not enabled",
        );
    }
}
