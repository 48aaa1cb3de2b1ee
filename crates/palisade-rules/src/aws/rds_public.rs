//! PAL-RDS-002: RDS database is publicly accessible.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RDS-002",
    title: "RDS database is publicly accessible",
    severity: Severity::High,
    category: Category::Data,
    frameworks: &[
        ("cis-aws", &["2.3.3"]),
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &[
        "aws_db_instance",
        "aws_rds_cluster_instance",
        "AWS::RDS::DBInstance",
    ],
    docs: Docs {
        what: "Checks RDS and Aurora instances for `publicly_accessible = true` (`PubliclyAccessible: true`).",
        why: "A publicly accessible database gets a public DNS name and address; the security group becomes the only barrier between the internet and the data.",
        fix: "Set `publicly_accessible = false` and reach the database from inside the VPC (bastion, VPN, SSM port forwarding).",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_db_instance" "db" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  storage_encrypted = true
  publicly_accessible = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      PubliclyAccessible: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_db_instance" "db" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  storage_encrypted = true
  publicly_accessible = false
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: app
      ManageMasterUserPassword: true
      StorageEncrypted: true
      PubliclyAccessible: false
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx.views.aws.rds.databases.iter().filter(|x| !x.cluster) {
        out.judge(
            x.id,
            "publicly_accessible",
            &x.publicly_accessible,
            true,
            |v| !*v,
            "the database is publicly accessible",
        );
    }
}
