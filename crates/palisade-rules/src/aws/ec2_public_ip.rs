//! PAL-EC2-002: EC2 instance is given a public IP address.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC2-002",
    title: "EC2 instance is given a public IP address",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("pci-dss", &["1.4.1", "1.4.4"]),
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
        what: "Checks instances, launch templates and launch configurations for `associate_public_ip_address = true`.",
        why: "A public address makes the instance directly reachable from the internet, one security-group mistake away from exposure.",
        fix: "Keep instances in private subnets and publish services through a load balancer; reach instances with SSM.",
        refs: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
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
      NetworkInterfaces:
        - DeviceIndex: "0"
          SubnetId: subnet-0123456789abcdef0
          AssociatePublicIpAddress: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
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
      SubnetId: subnet-0123456789abcdef0
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for i in &cx.views.aws.ec2.instances {
        out.judge(
            i.id,
            "associate_public_ip_address",
            &i.public_ip,
            true,
            |v| !*v,
            "the instance is given a public IP address",
        );
    }
}
