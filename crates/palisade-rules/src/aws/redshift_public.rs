//! PAL-RS-002: Redshift cluster is publicly accessible.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RS-002",
    title: "Redshift cluster is publicly accessible",
    severity: Severity::High,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &["aws_redshift_cluster", "AWS::Redshift::Cluster"],
    docs: Docs {
        what: "Checks Redshift clusters for `publicly_accessible = true`.",
        why: "A public cluster endpoint exposes the warehouse to password guessing and exploits from the internet.",
        fix: "Set `publicly_accessible = false` and connect through the VPC.",
        refs: &["https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_redshift_cluster" "dw" {
  cluster_identifier     = "dw"
  node_type              = "ra3.xlplus"
  master_username        = "admin"
  manage_master_password = true
  encrypted              = true
  publicly_accessible    = true
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
      PubliclyAccessible: true
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
  publicly_accessible    = false
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
      PubliclyAccessible: false
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
            "publicly_accessible",
            &x.publicly_accessible,
            true,
            |v| !*v,
            "the cluster is publicly accessible",
        );
    }
}
