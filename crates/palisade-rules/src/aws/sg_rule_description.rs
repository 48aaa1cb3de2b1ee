//! PAL-VPC-011: Security group rule has no description.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-VPC-011",
    title: "Security group rule has no description",
    severity: Severity::Low,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC8.1"]),
        ("nist-800-53", &["CM-6"]),
        ("pci-dss", &["1.2.5"]),
    ],
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroupIngress",
    ],
    docs: Docs {
        what: "Checks that every security group rule carries a `description`.",
        why: "PCI DSS and most reviews need each opening justified; undocumented rules are never cleaned up because no one knows who needs them.",
        fix: "Add a `description` naming the purpose and owner of each rule.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_security_group" "web" {
  name        = "web"
  description = "web tier"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    from_port   = 443
    to_port     = 443
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
          FromPort: 443
          ToPort: 443
          CidrIp: "10.0.0.0/8"
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
          FromPort: 443
          ToPort: 443
          CidrIp: "10.0.0.0/8"
          Description: inbound
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for r in cx.views.aws.ec2.rules.iter().filter(|r| !r.nacl) {
        let attr = if r.attr.is_empty() {
            "description".to_string()
        } else {
            format!("{}.description", r.attr)
        };
        let fact = match &r.description {
            Tri::Absent(_) => Tri::Absent(r.span.clone()),
            other => other.clone(),
        };
        out.judge(
            r.resource,
            &attr,
            &fact,
            false,
            |d| !d.trim().is_empty(),
            "the security group rule has no description",
        );
    }
}
