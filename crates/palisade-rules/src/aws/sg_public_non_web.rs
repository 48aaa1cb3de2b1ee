//! PAL-VPC-012: Security group allows internet ingress to ports other than 80 and 443.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;
use palisade_views::aws::ec2::Direction;

pub static RULE: Rule = Rule {
    id: "PAL-VPC-012",
    title: "Security group allows internet ingress to ports other than 80 and 443",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
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
        what: "Checks security group ingress rules open to `0.0.0.0/0` or `::/0` on any TCP/UDP port other than 80 and 443 (ICMP is not reported). The specific rules PAL-VPC-001 to PAL-VPC-005 report the most dangerous ports with a higher severity.",
        why: "Anything beyond the web ports that faces the internet widens the attack surface with services that are rarely hardened for it.",
        fix: "Expose only 80/443 (ideally only on load balancers) and reach other services privately.",
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
    from_port   = 8080
    to_port     = 8080
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
          FromPort: 8000
          ToPort: 8100
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
          FromPort: 80
          ToPort: 80
          CidrIp: "0.0.0.0/0"
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
            "cidr_blocks"
        } else {
            r.attr.as_str()
        };
        if !matches!(r.direction, Tri::Known(Direction::Ingress, _)) {
            if let Tri::Unknown(w, s) = &r.direction {
                out.unknown(
                    r.resource,
                    s.clone(),
                    attr,
                    w.clone(),
                    "the rule direction is unknown",
                );
            }
            continue;
        }
        match (r.open_to_world(), r.port_range()) {
            (Tri::Known(false, s), _) | (Tri::Absent(s), _) => {
                out.pass(r.resource, s, attr);
            }
            (Tri::Known(true, s), Tri::Known((lo, hi), _)) => {
                let web_only = lo > hi
                    || (lo == hi && (lo == 80 || lo == 443))
                    || (lo == 80 && hi == 80)
                    || (lo == 443 && hi == 443);
                if web_only {
                    out.pass(r.resource, s, attr);
                } else {
                    out.fail(
                        r.resource,
                        s,
                        attr,
                        format!("ports {lo}-{hi} are open to the internet"),
                    );
                }
            }
            (Tri::Unknown(w, s), _) | (_, Tri::Unknown(w, s)) => {
                out.unknown(
                    r.resource,
                    s,
                    attr,
                    w,
                    "the rule may open non-web ports to the internet",
                );
            }
            (Tri::Known(true, s), Tri::Absent(_)) => {
                out.pass(r.resource, s, attr);
            }
        }
    }
}
