//! PAL-NEP-003: Neptune cluster does not require IAM authentication.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-NEP-003",
    title: "Neptune cluster does not require IAM authentication",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(d)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-2", "AC-3"]),
        ("pci-dss", &["8.3.1"]),
    ],
    resource_types: &["aws_neptune_cluster", "AWS::Neptune::DBCluster"],
    docs: Docs {
        what: "Checks Neptune clusters for `iam_database_authentication_enabled = true` (`IamAuthEnabled`).",
        why: "Without IAM authentication any client that reaches the endpoint on the network can query the graph.",
        fix: "Set `iam_database_authentication_enabled = true` and sign requests with SigV4.",
        refs: &["https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth.html"],
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
  iam_database_authentication_enabled = true
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
      IamAuthEnabled: true
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
            "iam_database_authentication_enabled",
            &x.iam_auth,
            false,
            |v| *v,
            "IAM authentication is not required",
        );
    }
}
