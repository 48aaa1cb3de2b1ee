//! PAL-RDS-006: RDS instance is not Multi-AZ.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RDS-006",
    title: "RDS instance is not Multi-AZ",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(i)"]),
        ("nist-800-53", &["CP-7", "CP-10"]),
    ],
    resource_types: &["aws_db_instance", "AWS::RDS::DBInstance"],
    docs: Docs {
        what: "Checks standalone RDS instances for `multi_az = true`.",
        why: "A single-AZ database is down for the whole duration of an AZ outage or host failure, and its restore loses the last minutes of writes.",
        fix: "Set `multi_az = true` for production databases.",
        refs: &["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html"],
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
  multi_az = true
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
      MultiAZ: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx
        .views
        .aws
        .rds
        .databases
        .iter()
        .filter(|x| !x.member && !x.cluster)
    {
        out.judge(
            x.id,
            "multi_az",
            &x.multi_az,
            false,
            |v| *v,
            "the database runs in a single availability zone",
        );
    }
}
