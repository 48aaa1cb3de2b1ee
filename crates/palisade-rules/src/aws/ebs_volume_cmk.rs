//! PAL-EC2-007: EBS volume is not encrypted with a customer-managed key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-EC2-007",
    title: "EBS volume is not encrypted with a customer-managed key",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-12", "SC-28"]),
        ("pci-dss", &["3.6.1"]),
    ],
    resource_types: &["aws_ebs_volume", "AWS::EC2::Volume"],
    docs: Docs {
        what: "Checks encrypted EBS volumes for a customer-managed KMS key (`kms_key_id`, `KmsKeyId`); without one they use the `aws/ebs` key.",
        why: "Snapshots encrypted with `aws/ebs` cannot be shared across accounts and their use cannot be restricted by a key policy you own.",
        fix: "Set `kms_key_id` to a customer-managed key.",
        refs: &[
            "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html#ebs-encryption-key",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: eu-west-1a
      Size: 100
      Encrypted: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: eu-west-1a
      Size: 100
      Encrypted: true
      KmsKeyId: alias/ebs-data
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
        .ec2
        .volumes
        .iter()
        .filter(|x| matches!(x.encrypted, Tri::Known(true, _)))
    {
        out.judge(
            x.id,
            "kms_key_id",
            &x.kms_key,
            false,
            |v| !v.is_empty(),
            "the volume is not encrypted with a customer-managed KMS key",
        );
    }
}
