//! PAL-VPC-002: Security group allows RDP (3389) from the internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::Direction;

use super::common::open_ports;

pub static RULE: Rule = Rule {
    id: "PAL-VPC-002",
    title: "Security group allows RDP (3389) from the internet",
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
        what: "Checks security group ingress rules for port 3389 open to `0.0.0.0/0` or `::/0`.",
        why: "RDP exposed to the internet is a leading ransomware entry point (credential stuffing, BlueKeep-class bugs).",
        fix: "Restrict the source to a VPN range, or use Fleet Manager / SSM port forwarding instead of exposing RDP.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_vpc_security_group_ingress_rule" "in" {
  security_group_id = "sg-0123456789abcdef0"
  description       = "inbound"
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "0.0.0.0/0"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: sg-0123456789abcdef0
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      CidrIp: "0.0.0.0/0"
      Description: inbound
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_vpc_security_group_ingress_rule" "in" {
  security_group_id = "sg-0123456789abcdef0"
  description       = "inbound"
  ip_protocol       = "tcp"
  from_port         = 3389
  to_port           = 3389
  cidr_ipv4         = "192.168.10.0/24"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  In:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: sg-0123456789abcdef0
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      CidrIp: "192.168.10.0/24"
      Description: inbound
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    open_ports(cx, out, false, Direction::Ingress, &[3389], "RDP");
}
