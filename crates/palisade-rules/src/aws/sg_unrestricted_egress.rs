//! PAL-VPC-006: Security group allows all outbound traffic to the internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::Direction;

use super::common::open_ports;

pub static RULE: Rule = Rule {
    id: "PAL-VPC-006",
    title: "Security group allows all outbound traffic to the internet",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-7"]),
        ("pci-dss", &["1.3.2", "1.4.1"]),
    ],
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_egress_rule",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupEgress",
    ],
    docs: Docs {
        what: "Checks security group egress rules that allow every port and protocol to `0.0.0.0/0` or `::/0`.",
        why: "Unrestricted egress lets a compromised workload download tooling, reach command-and-control servers and exfiltrate data on any port.",
        fix: "Allow only the destinations and ports the workload needs (443 to VPC endpoints or a proxy, database ports to the data tier).",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_security_group" "app" {
  name        = "app"
  description = "app tier"
  vpc_id      = "vpc-0123456789abcdef0"

  egress {
    description = "outbound"
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
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app tier
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress:
        - IpProtocol: "-1"
          CidrIp: "0.0.0.0/0"
          Description: outbound
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_security_group" "app" {
  name        = "app"
  description = "app tier"
  vpc_id      = "vpc-0123456789abcdef0"

  egress {
    description = "outbound"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app tier
      VpcId: vpc-0123456789abcdef0
      SecurityGroupEgress:
        - IpProtocol: "-1"
          CidrIp: "10.0.0.0/16"
          Description: outbound
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    open_ports(
        cx,
        out,
        false,
        Direction::Egress,
        &[],
        "all outbound traffic",
    );
}
