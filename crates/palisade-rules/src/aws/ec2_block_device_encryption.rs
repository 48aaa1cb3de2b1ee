//! PAL-EC2-004: EC2 instance or launch template block device is not encrypted.

use super::common::ebs_default_scopes;
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC2-004",
    title: "EC2 instance or launch template block device is not encrypted",
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
    resource_types: &[
        "aws_instance",
        "aws_launch_template",
        "aws_launch_configuration",
        "AWS::EC2::Instance",
        "AWS::EC2::LaunchTemplate",
        "AWS::AutoScaling::LaunchConfiguration",
    ],
    docs: Docs {
        what: "Checks the root and EBS block devices declared on instances, launch templates and launch configurations for `encrypted = true`. Devices that do not say are accepted when `aws_ebs_encryption_by_default` is enabled in the same configuration.",
        why: "Instance disks hold application data, logs and often credentials; unencrypted, they leak through snapshots and AMIs.",
        fix: "Set `encrypted = true` on every `root_block_device` / `ebs_block_device` (`Ebs: {Encrypted: true}`), or enable EBS encryption by default.",
        refs: &["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
    encrypted   = false
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  root_block_device {
    volume_size = 20
    encrypted   = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs:
            VolumeSize: 20
            Encrypted: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    let by_default = ebs_default_scopes(cx);
    for i in &cx.views.aws.ec2.instances {
        let default_on = by_default.contains(&cx.model.get(i.id).scope);
        for (attr, enc) in &i.block_devices {
            out.judge(
                i.id,
                attr,
                enc,
                default_on,
                |v| *v,
                "a block device is not encrypted",
            );
        }
    }
}
