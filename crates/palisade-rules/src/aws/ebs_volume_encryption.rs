//! PAL-EC2-003: EBS volume is not encrypted.

use super::common::ebs_default_scopes;
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC2-003",
    title: "EBS volume is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("cis-aws", &["2.2.1"]),
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_ebs_volume", "AWS::EC2::Volume"],
    docs: Docs {
        what: "Checks that EBS volumes set `encrypted = true` (`Encrypted: true`). A volume that does not say is accepted when `aws_ebs_encryption_by_default` is enabled in the same configuration.",
        why: "Unencrypted volumes and their snapshots expose data to anyone who can copy or share a snapshot, and fail every regulated-data requirement.",
        fix: "Set `encrypted = true` (ideally with `kms_key_id`), or enable EBS encryption by default in every region.",
        refs: &["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
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
      Encrypted: false
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
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    let by_default = ebs_default_scopes(cx);
    for x in &cx.views.aws.ec2.volumes {
        out.judge(
            x.id,
            "encrypted",
            &x.encrypted,
            by_default.contains(&cx.model.get(x.id).scope),
            |v| *v,
            "the EBS volume is not encrypted",
        );
    }
}
