//! PAL-VPC-001: Security group allows SSH (22) from the internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::Direction;

use super::common::open_ports;

pub static RULE: Rule = Rule {
    id: "PAL-VPC-001",
    title: "Security group allows SSH (22) from the internet",
    severity: Severity::High,
    category: Category::Network,
    frameworks: &[
        ("cis-aws", &["5.2", "5.3"]),
        ("soc2", &["CC6.6"]),
        ("hipaa", &["164.312(e)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-7", "CM-7"]),
        ("pci-dss", &["1.3.1", "1.4.1"]),
    ],
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
    ],
    docs: Docs {
        what: "Checks security group ingress rules (inline, `aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`, `AWS::EC2::SecurityGroupIngress`) for port 22 open to `0.0.0.0/0` or `::/0`.",
        why: "SSH open to the world is scanned within minutes and brute-forced constantly; one weak key or unpatched daemon becomes a shell in your VPC.",
        fix: "Restrict the source to a bastion or VPN range, or drop SSH and use SSM Session Manager.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_security_group" "web" {
  name        = "web"
  description = "web tier"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "inbound"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web tier
      VpcId: vpc-0123456789abcdef0
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: "0.0.0.0/0"
          Description: inbound
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_security_group" "web" {
  name        = "web"
  description = "web tier"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "inbound"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web tier
      VpcId: vpc-0123456789abcdef0
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: "10.20.0.0/16"
          Description: inbound
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    open_ports(cx, out, false, Direction::Ingress, &[22], "SSH");
}
