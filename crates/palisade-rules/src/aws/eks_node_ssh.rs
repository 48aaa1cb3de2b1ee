//! PAL-EKS-004: EKS node group allows SSH from anywhere.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-EKS-004",
    title: "EKS node group allows SSH from anywhere",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("cis-aws", &["5.2"]),
        ("soc2", &["CC6.6"]),
        ("nist-800-53", &["SC-7", "CM-7"]),
        ("pci-dss", &["1.3.1"]),
    ],
    resource_types: &["aws_eks_node_group", "AWS::EKS::Nodegroup"],
    docs: Docs {
        what: "Checks managed node groups that configure SSH `remote_access` without `source_security_group_ids`; EKS then opens port 22 to `0.0.0.0/0`.",
        why: "Worker nodes run every pod's workload and hold the node role's credentials; SSH open to the internet exposes them to brute force and key theft.",
        fix: "Remove `remote_access` and use SSM Session Manager, or restrict it with `source_security_group_ids`.",
        refs: &["https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_eks_node_group" "workers" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key = "ops"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Workers:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: main
      NodeRole: arn:aws:iam::111122223333:role/eks-node
      Subnets: [subnet-0123456789abcdef0]
      RemoteAccess:
        Ec2SshKey: ops
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_eks_node_group" "workers" {
  cluster_name    = "main"
  node_group_name = "workers"
  node_role_arn   = "arn:aws:iam::111122223333:role/eks-node"
  subnet_ids      = ["subnet-0123456789abcdef0"]

  scaling_config {
    desired_size = 2
    max_size     = 4
    min_size     = 1
  }

  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = ["sg-0123456789abcdef0"]
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Workers:
    Type: AWS::EKS::Nodegroup
    Properties:
      ClusterName: main
      NodeRole: arn:aws:iam::111122223333:role/eks-node
      Subnets: [subnet-0123456789abcdef0]
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for g in &cx.views.aws.eks_node_groups {
        match &g.remote_access {
            Tri::Known(true, s) => {
                out.judge(
                    g.id,
                    "remote_access.source_security_group_ids",
                    &g.source_security_groups,
                    false,
                    |v| *v,
                    "SSH to the nodes is open to the internet",
                );
                let _ = s;
            }
            Tri::Unknown(w, s) => {
                out.unknown(
                    g.id,
                    s.clone(),
                    "remote_access",
                    w.clone(),
                    "SSH to the nodes may be open to the internet",
                );
            }
            other => {
                out.pass(g.id, other.span().clone(), "remote_access");
            }
        }
    }
}
