//! PAL-NEP-005: Neptune cluster has no deletion protection.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-NEP-005",
    title: "Neptune cluster has no deletion protection",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
    ],
    resource_types: &["aws_neptune_cluster", "AWS::Neptune::DBCluster"],
    docs: Docs {
        what: "Checks Neptune clusters for `deletion_protection = true` (`DeletionProtection`).",
        why: "Without it one API call or a replaced resource deletes the cluster.",
        fix: "Set `deletion_protection = true`.",
        refs: &[
            "https://docs.aws.amazon.com/neptune/latest/userguide/manage-console-instances-delete.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  engine             = "neptune"
  storage_encrypted  = true
  backup_retention_period = 14
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      DBClusterIdentifier: graph
      StorageEncrypted: true
      BackupRetentionPeriod: 14
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  engine             = "neptune"
  storage_encrypted  = true
  backup_retention_period = 14
  deletion_protection     = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      DBClusterIdentifier: graph
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
        .filter(|x| x.engine == "neptune")
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
