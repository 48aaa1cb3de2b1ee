//! PAL-EKS-001: EKS cluster API endpoint is public to the whole internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;
use palisade_views::aws::ec2::is_world_cidr;

pub static RULE: Rule = Rule {
    id: "PAL-EKS-001",
    title: "EKS cluster API endpoint is public to the whole internet",
    severity: Severity::High,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &["aws_eks_cluster", "AWS::EKS::Cluster"],
    docs: Docs {
        what: "Checks EKS clusters whose API endpoint is public (the default) with `public_access_cidrs` unset or containing `0.0.0.0/0`.",
        why: "The Kubernetes API is the cluster's control plane; exposed to the world it is one leaked kubeconfig, token or API-server bug away from takeover.",
        fix: "Set `endpoint_public_access = false` and reach the API through the VPC, or restrict `public_access_cidrs` to your egress ranges.",
        refs: &["https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}
"#,
            },
            Example {
                lang: Lang::Terraform,
                code: r#"# A /0 prefix covers every address, whatever base address is written.
resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids             = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_public_access = true
    public_access_cidrs    = ["10.0.0.0/0"]
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: api
            - Type: audit
            - Type: authenticator
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator"]
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Main:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
        PublicAccessCidrs: [203.0.113.0/24]
      EncryptionConfig:
        - Resources: [secrets]
          Provider:
            KeyArn: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
      Logging:
        ClusterLogging:
          EnabledTypes:
            - Type: api
            - Type: audit
            - Type: authenticator
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for c in &cx.views.aws.eks_clusters {
        let attr = "vpc_config.public_access_cidrs";
        match &c.public_access {
            Tri::Known(false, s) => {
                out.pass(c.id, s.clone(), attr);
            }
            Tri::Unknown(w, s) => {
                out.unknown(
                    c.id,
                    s.clone(),
                    attr,
                    w.clone(),
                    "the API endpoint may be public",
                );
            }
            public => {
                let cidrs = &c.public_access_cidrs;
                if let Some((_, s)) = cidrs.find(is_world_cidr) {
                    out.fail(
                        c.id,
                        s.clone(),
                        attr,
                        "the cluster API endpoint is open to the whole internet",
                    );
                } else if let Some((w, s)) = &cidrs.unknown {
                    out.unknown(
                        c.id,
                        s.clone(),
                        attr,
                        w.clone(),
                        "the API endpoint may be open to the internet",
                    );
                } else if cidrs.values.is_empty() {
                    out.fail(
                        c.id,
                        public.span().clone(),
                        attr,
                        "the cluster API endpoint is public and open to 0.0.0.0/0 by default",
                    );
                } else {
                    out.pass(c.id, public.span().clone(), attr);
                }
            }
        }
    }
}
