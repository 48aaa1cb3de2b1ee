//! PAL-VPC-009: Subnet assigns public IP addresses on launch.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-VPC-009",
    title: "Subnet assigns public IP addresses on launch",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("pci-dss", &["1.4.1"]),
    ],
    resource_types: &["aws_subnet", "AWS::EC2::Subnet"],
    docs: Docs {
        what: "Checks subnets for `map_public_ip_on_launch` (`MapPublicIpOnLaunch`) set to true.",
        why: "Every instance launched in such a subnet becomes reachable from the internet unless its security group is perfect.",
        fix: "Set `map_public_ip_on_launch = false` and expose services through load balancers or NAT.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/modify-subnets.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_subnet" "a" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  A:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0123456789abcdef0
      CidrBlock: 10.0.1.0/24
      MapPublicIpOnLaunch: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_subnet" "a" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.1.0/24"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  A:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: vpc-0123456789abcdef0
      CidrBlock: 10.0.1.0/24
      MapPublicIpOnLaunch: false
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for s in &cx.views.aws.ec2.subnets {
        out.judge(
            s.id,
            "map_public_ip_on_launch",
            &s.map_public_ip,
            true,
            |v| !*v,
            "the subnet gives every instance a public IP address",
        );
    }
}
