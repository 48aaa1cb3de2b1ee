//! PAL-NEP-004: Neptune cluster keeps backups for less than 7 days.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-NEP-004",
    title: "Neptune cluster keeps backups for less than 7 days",
    severity: Severity::Medium,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
    ],
    resource_types: &["aws_neptune_cluster", "AWS::Neptune::DBCluster"],
    docs: Docs {
        what: "Checks Neptune clusters for `backup_retention_period` (`BackupRetentionPeriod`) of at least 7 days (the default is 1).",
        why: "Point-in-time restore only reaches back as far as the retention period; one day is rarely enough to notice corruption or a malicious change.",
        fix: "Set `backup_retention_period` to 7 or more.",
        refs: &["https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore.html"],
        failing: &[
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
      BackupRetentionPeriod: 1
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
            "backup_retention_period",
            &x.backup_retention,
            false,
            |v| *v >= 7,
            "backups are kept less than 7 days",
        );
    }
}
