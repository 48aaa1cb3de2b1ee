//! PAL-RS-001: Redshift cluster is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RS-001",
    title: "Redshift cluster is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_redshift_cluster", "AWS::Redshift::Cluster"],
    docs: Docs {
        what: "Checks Redshift clusters for `encrypted = true`. The Terraform provider creates unencrypted clusters when the argument is left out; CloudFormation leaves the default to the service, which now encrypts.",
        why: "A data warehouse aggregates the organisation's most sensitive data; unencrypted, its disks, snapshots and backups are readable to anyone who obtains them.",
        fix: "Set `encrypted = true` (with `kms_key_id` for a customer-managed key).",
        refs: &["https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_redshift_cluster" "dw" {
  cluster_identifier     = "dw"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
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
      Encrypted: false
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
      Encrypted: true
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
            "encrypted",
            &x.encrypted,
            false,
            |v| *v,
            "the cluster is not encrypted",
        );
    }
}
