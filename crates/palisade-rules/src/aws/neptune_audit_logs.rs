//! PAL-NEP-002: Neptune cluster does not export audit logs.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-NEP-002",
    title: "Neptune cluster does not export audit logs",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &["aws_neptune_cluster", "AWS::Neptune::DBCluster"],
    docs: Docs {
        what: "Checks Neptune clusters for `enable_cloudwatch_logs_exports` including `audit`.",
        why: "Audit logs record every query and connection; without export to CloudWatch they are not retained.",
        fix: "Export `audit` logs and set `neptune_enable_audit_log = 1` in the cluster parameter group.",
        refs: &["https://docs.aws.amazon.com/neptune/latest/userguide/auditing.html"],
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
  enable_cloudwatch_logs_exports = ["audit"]
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
      EnableCloudwatchLogsExports: [audit]
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for d in cx
        .views
        .aws
        .misc
        .doc_clusters
        .iter()
        .filter(|d| d.engine == "neptune")
    {
        let attr = "enable_cloudwatch_logs_exports";
        if let Some((_, s)) = d.log_exports.find(|t| t == "audit") {
            out.pass(d.id, s.clone(), attr);
        } else if let Some((w, s)) = &d.log_exports.unknown {
            out.unknown(
                d.id,
                s.clone(),
                attr,
                w.clone(),
                "audit logs may not be exported",
            );
        } else {
            out.fail(
                d.id,
                cx.model.get(d.id).span.clone(),
                attr,
                "audit logs are not exported",
            );
        }
    }
}
