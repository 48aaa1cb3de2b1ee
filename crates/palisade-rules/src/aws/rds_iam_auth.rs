//! PAL-RDS-005: RDS database does not enable IAM authentication.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-RDS-005",
    title: "RDS database does not enable IAM authentication",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(d)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-2", "IA-5"]),
        ("pci-dss", &["8.3.1"]),
    ],
    resource_types: &[
        "aws_db_instance",
        "aws_rds_cluster",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
    ],
    docs: Docs {
        what: "Checks MySQL, PostgreSQL and MariaDB RDS instances and clusters for `iam_database_authentication_enabled = true`.",
        why: "IAM authentication replaces long-lived database passwords with short-lived tokens tied to IAM identities and CloudTrail.",
        fix: "Set `iam_database_authentication_enabled = true` and grant `rds-db:connect` to the application roles.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html",
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
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: MySQL
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
  iam_database_authentication_enabled = true
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
      EnableIAMDatabaseAuthentication: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx.views.aws.rds.databases.iter().filter(|x| !x.member && matches!(&x.engine, Tri::Known(e, _) if ["mysql", "postgres", "mariadb", "aurora", "aurora-mysql", "aurora-postgresql"].contains(&e.as_str()))) {
        out.judge(x.id, "iam_database_authentication_enabled", &x.iam_auth, false, |v| *v, "IAM database authentication is not enabled");
    }
}
