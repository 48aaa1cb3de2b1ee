//! PAL-DOCDB-002: DocumentDB cluster does not export audit logs.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-DOCDB-002",
    title: "DocumentDB cluster does not export audit logs",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &["aws_docdb_cluster", "AWS::DocDB::DBCluster"],
    docs: Docs {
        what: "Checks DocumentDB clusters for `enabled_cloudwatch_logs_exports` including `audit`.",
        why: "Audit logs record authentication and data-definition events; without export to CloudWatch they are not kept.",
        fix: "Export `audit` (and `profiler`) logs and set the `audit_logs` cluster parameter to `enabled`.",
        refs: &["https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html"],
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
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
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
        .filter(|d| d.engine == "docdb")
    {
        audit(cx, out, d);
    }
}

fn audit(cx: &Ctx<'_>, out: &mut Sink, d: &palisade_views::aws::misc::DocCluster) {
    let attr = "enabled_cloudwatch_logs_exports";
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
