//! PAL-VPC-008: Network ACL allows remote administration ports from the internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::Direction;

use super::common::{ADMIN_PORTS, open_ports};

pub static RULE: Rule = Rule {
    id: "PAL-VPC-008",
    title: "Network ACL allows remote administration ports from the internet",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("cis-aws", &["5.1"]),
        ("soc2", &["CC6.6"]),
        ("hipaa", &["164.312(e)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-7", "CM-7"]),
        ("pci-dss", &["1.3.1", "1.4.1"]),
    ],
    resource_types: &[
        "aws_network_acl",
        "aws_network_acl_rule",
        "AWS::EC2::NetworkAclEntry",
    ],
    docs: Docs {
        what: "Checks network ACL ingress `allow` entries (inline or separate) for ports 22 or 3389 open to `0.0.0.0/0` or `::/0`. Rule ordering is not evaluated: an allow entry is reported even if a lower-numbered deny would shadow it.",
        why: "NACLs are the subnet-level backstop for security groups; allowing admin ports from anywhere removes that layer.",
        fix: "Allow 22 and 3389 only from administrative ranges, or deny them from `0.0.0.0/0`.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_network_acl_rule" "ssh" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Ssh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: acl-0123456789abcdef0
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: "0.0.0.0/0"
      PortRange:
        From: 3389
        To: 3389
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_network_acl_rule" "ssh" {
  network_acl_id = "acl-0123456789abcdef0"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/8"
  from_port      = 22
  to_port        = 22
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Ssh:
    Type: AWS::EC2::NetworkAclEntry
    Properties:
      NetworkAclId: acl-0123456789abcdef0
      RuleNumber: 100
      Protocol: 6
      RuleAction: allow
      CidrBlock: "10.0.0.0/8"
      PortRange:
        From: 3389
        To: 3389
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
        true,
        Direction::Ingress,
        ADMIN_PORTS,
        "a remote administration port",
    );
}
