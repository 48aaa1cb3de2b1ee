//! PAL-EKS-002: EKS cluster does not encrypt Kubernetes secrets with KMS.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EKS-002",
    title: "EKS cluster does not encrypt Kubernetes secrets with KMS",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_eks_cluster", "AWS::EKS::Cluster"],
    docs: Docs {
        what: "Checks EKS clusters for an `encryption_config` covering `secrets` with a KMS key.",
        why: "Envelope encryption protects Kubernetes secrets in etcd with a key you control, so a copy of etcd or its backups does not reveal them.",
        fix: "Add `encryption_config { resources = [\"secrets\"], provider { key_arn = ... } }`.",
        refs: &["https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html"],
        failing: &[
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
        EndpointPrivateAccess: true
        EndpointPublicAccess: false
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
        EndpointPrivateAccess: true
        EndpointPublicAccess: false
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
    for x in &cx.views.aws.eks_clusters {
        out.judge(
            x.id,
            "encryption_config",
            &x.secrets_encryption,
            false,
            |v| *v,
            "Kubernetes secrets are not encrypted with a KMS key",
        );
    }
}
