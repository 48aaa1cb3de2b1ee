//! PAL-VPC-005: Security group allows remote-access or cleartext admin ports from the internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::Direction;

use super::common::{OTHER_REMOTE_PORTS, open_ports};

pub static RULE: Rule = Rule {
    id: "PAL-VPC-005",
    title: "Security group allows remote-access or cleartext admin ports from the internet",
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
        what: "Checks security group ingress rules for FTP (20-21), Telnet (23), NetBIOS/SMB (135-139, 445), Docker (2375-2376), VNC (5500, 5800, 5900), WinRM (5985-5986), Kubernetes API (6443) and kubelet (10250) open to `0.0.0.0/0` or `::/0`.",
        why: "These services give remote control of a host or cluster, several in clear text, and are targeted by worms and scanners.",
        fix: "Reach these services only through a VPN, bastion or SSM, never from the internet.",
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
    from_port   = 23
    to_port     = 23
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
          FromPort: 5985
          ToPort: 5986
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
          FromPort: 5985
          ToPort: 5986
          CidrIp: "10.0.0.0/8"
          Description: inbound
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
        Direction::Ingress,
        OTHER_REMOTE_PORTS,
        "a remote administration port",
    );
}
