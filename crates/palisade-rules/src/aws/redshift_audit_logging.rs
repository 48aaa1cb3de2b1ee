//! PAL-RS-003: Redshift cluster audit logging is not enabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RS-003",
    title: "Redshift cluster audit logging is not enabled",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &[
        "aws_redshift_cluster",
        "aws_redshift_logging",
        "AWS::Redshift::Cluster",
    ],
    docs: Docs {
        what: "Checks Redshift clusters for audit logging (`logging` block, `LoggingProperties`).",
        why: "Audit logs record connections, users and queries; without them misuse of the warehouse cannot be investigated.",
        fix: "Enable audit logging to S3 or CloudWatch Logs.",
        refs: &["https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_redshift_cluster" "dw" {
  cluster_identifier     = "dw"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Dw:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: single-node
      NodeType: ra3.xlplus
      DBName: dw
      MasterUsername: admin
      ManageMasterPassword: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_redshift_cluster" "dw" {
  cluster_identifier     = "dw"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true

  logging {
    enable               = true
    log_destination_type = "cloudwatch"
    log_exports          = ["connectionlog", "userlog", "useractivitylog"]
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Dw:
    Type: AWS::Redshift::Cluster
    Properties:
      ClusterType: single-node
      NodeType: ra3.xlplus
      DBName: dw
      MasterUsername: admin
      ManageMasterPassword: true
      LoggingProperties:
        BucketName: acme-redshift-logs
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.warehouses {
        out.judge(
            x.id,
            "logging",
            &x.logging,
            false,
            |v| *v,
            "audit logging is not enabled",
        );
    }
}
