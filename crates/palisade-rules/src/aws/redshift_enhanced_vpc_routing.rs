//! PAL-RS-005: Redshift cluster does not use enhanced VPC routing.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RS-005",
    title: "Redshift cluster does not use enhanced VPC routing",
    severity: Severity::Low,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("pci-dss", &["1.3.2"]),
    ],
    resource_types: &["aws_redshift_cluster", "AWS::Redshift::Cluster"],
    docs: Docs {
        what: "Checks Redshift clusters for `enhanced_vpc_routing = true` (`EnhancedVpcRouting`).",
        why: "Without it COPY and UNLOAD traffic goes over the internet instead of through your VPC, outside your security groups, endpoints policies and flow logs.",
        fix: "Set `enhanced_vpc_routing = true` and provide S3 VPC endpoints.",
        refs: &["https://docs.aws.amazon.com/redshift/latest/mgmt/enhanced-vpc-routing.html"],
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
      Encrypted: true
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
  enhanced_vpc_routing   = true
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
      EnhancedVpcRouting: true
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
            "enhanced_vpc_routing",
            &x.enhanced_vpc_routing,
            false,
            |v| *v,
            "data loads and unloads bypass the VPC",
        );
    }
}
