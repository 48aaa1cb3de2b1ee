//! PAL-VPC-004: Security group allows database ports from the internet.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::Direction;

use super::common::{DB_PORTS, open_ports};

pub static RULE: Rule = Rule {
    id: "PAL-VPC-004",
    title: "Security group allows database ports from the internet",
    severity: Severity::High,
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
        what: "Checks security group ingress rules for database and cache ports (MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521, Redshift 5439, Redis 6379, Memcached 11211, MongoDB 27017, Cassandra 9042, Elasticsearch 9200...) open to `0.0.0.0/0` or `::/0`.",
        why: "Databases reachable from the internet are found by scanners within hours; default or weak credentials and unauthenticated caches lead straight to data theft or ransom.",
        fix: "Allow database ports only from the application tier's security group or private CIDRs.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_security_group" "web" {
  name        = "web"
  description = "web tier"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    description = "inbound"
    from_port   = 5432
    to_port     = 5432
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
          FromPort: 3306
          ToPort: 3306
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
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
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
          FromPort: 3306
          ToPort: 3306
          CidrIp: "10.0.0.0/16"
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
        DB_PORTS,
        "a database port",
    );
}
