//! PAL-VPC-003: Security group allows all ports from the internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::Direction;

use super::common::open_ports;

pub static RULE: Rule = Rule {
    id: "PAL-VPC-003",
    title: "Security group allows all ports from the internet",
    severity: Severity::Critical,
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
        what: "Checks security group ingress rules that open every port (protocol `-1`, or 0-65535) to `0.0.0.0/0` or `::/0`.",
        why: "Every service on the instances, including admin interfaces and databases never meant to be reachable, is exposed to the internet.",
        fix: "Open only the ports the service needs (usually 443 on a load balancer) and keep instances behind it.",
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
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
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
        - IpProtocol: -1
          FromPort: -1
          ToPort: -1
          CidrIpv6: "::/0"
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
    from_port   = 443
    to_port     = 443
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
          FromPort: 443
          ToPort: 443
          CidrIp: "0.0.0.0/0"
          Description: inbound
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    open_ports(cx, out, false, Direction::Ingress, &[], "every port");
}
