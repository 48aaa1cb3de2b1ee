//! PAL-RDS-004: RDS database has no deletion protection.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RDS-004",
    title: "RDS database has no deletion protection",
    severity: Severity::Medium,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
        ("pci-dss", &["12.10.1"]),
    ],
    resource_types: &[
        "aws_db_instance",
        "aws_rds_cluster",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
    ],
    docs: Docs {
        what: "Checks RDS instances and clusters for `deletion_protection = true` (`DeletionProtection: true`).",
        why: "Without deletion protection a mistaken `terraform destroy`, a replaced resource or a compromised credential deletes the database in one call.",
        fix: "Set `deletion_protection = true`.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection",
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
  deletion_protection = true
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
      DeletionProtection: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx.views.aws.rds.databases.iter().filter(|x| !x.member) {
        out.judge(
            x.id,
            "deletion_protection",
            &x.deletion_protection,
            false,
            |v| *v,
            "deletion protection is not enabled",
        );
    }
}
