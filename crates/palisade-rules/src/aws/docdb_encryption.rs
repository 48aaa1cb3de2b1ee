//! PAL-DOCDB-001: DocumentDB cluster storage is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-DOCDB-001",
    title: "DocumentDB cluster storage is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_docdb_cluster", "AWS::DocDB::DBCluster"],
    docs: Docs {
        what: "Checks DocumentDB clusters for `storage_encrypted = true` (`StorageEncrypted`).",
        why: "Unencrypted cluster storage exposes documents, backups and snapshots; encryption can only be chosen at creation.",
        fix: "Create the cluster with `storage_encrypted = true` (and `kms_key_id`).",
        refs: &[
            "https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier          = "docs"
  master_username             = "admin"
  manage_master_user_password = true
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
      StorageEncrypted: false
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
            "storage_encrypted",
            &x.encrypted,
            false,
            |v| *v,
            "cluster storage is not encrypted",
        );
    }
}
