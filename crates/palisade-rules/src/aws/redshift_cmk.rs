//! PAL-RS-004: Redshift cluster is not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-RS-004",
    title: "Redshift cluster is not encrypted with a customer-managed key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_redshift_cluster", "AWS::Redshift::Cluster"],
    docs: Docs {
        what: "Checks encrypted Redshift clusters for `kms_key_id` (`KmsKeyId`).",
        why: "A customer-managed key lets you restrict and audit access to the warehouse's data and snapshots, and share snapshots with a backup account.",
        fix: "Set `kms_key_id` to a customer-managed key.",
        refs: &["https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html"],
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
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
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
      KmsKeyId: arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx
        .views
        .aws
        .data
        .warehouses
        .iter()
        .filter(|x| matches!(x.encrypted, Tri::Known(true, _)))
    {
        out.judge(
            x.id,
            "kms_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the cluster is not encrypted with a customer-managed KMS key",
        );
    }
}
