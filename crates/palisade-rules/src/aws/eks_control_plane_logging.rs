//! PAL-EKS-003: EKS control plane audit logging is incomplete.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EKS-003",
    title: "EKS control plane audit logging is incomplete",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2"]),
        ("hipaa", &["164.312(b)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["AU-2", "AU-12"]),
        ("pci-dss", &["10.2.1"]),
    ],
    resource_types: &["aws_eks_cluster", "AWS::EKS::Cluster"],
    docs: Docs {
        what: "Checks EKS clusters for control plane logging of at least the `api`, `audit` and `authenticator` log types.",
        why: "The audit and authenticator logs are the only record of who did what through the Kubernetes API; they are off by default.",
        fix: "Set `enabled_cluster_log_types = [\"api\", \"audit\", \"authenticator\", \"controllerManager\", \"scheduler\"]`.",
        refs: &["https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html"],
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

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
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
    for c in &cx.views.aws.eks_clusters {
        let r = cx.model.get(c.id);
        let missing: Vec<&str> = ["api", "audit", "authenticator"]
            .into_iter()
            .filter(|t| !c.log_types.contains(t))
            .collect();
        let attr = "enabled_cluster_log_types";
        if missing.is_empty() {
            out.pass(c.id, r.span_of(attr), attr);
        } else if let Some((w, s)) = &c.log_types.unknown {
            out.unknown(
                c.id,
                s.clone(),
                attr,
                w.clone(),
                "control plane logging may be incomplete",
            );
        } else {
            let span = c
                .log_types
                .values
                .first()
                .map(|(_, s)| s.clone())
                .unwrap_or(r.span.clone());
            out.fail(
                c.id,
                span,
                attr,
                format!(
                    "control plane log types not enabled: {}",
                    missing.join(", ")
                ),
            );
        }
    }
}
