//! PAL-NEP-001: Neptune cluster storage is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-NEP-001",
    title: "Neptune cluster storage is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_neptune_cluster", "AWS::Neptune::DBCluster"],
    docs: Docs {
        what: "Checks Neptune clusters for `storage_encrypted = true` (`StorageEncrypted`).",
        why: "Unencrypted graph storage exposes the data, its backups and snapshots; encryption can only be chosen at creation.",
        fix: "Create the cluster with `storage_encrypted = true` (and `kms_key_arn`).",
        refs: &["https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  engine             = "neptune"
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
            "storage_encrypted",
            &x.encrypted,
            false,
            |v| *v,
            "cluster storage is not encrypted",
        );
    }
}
