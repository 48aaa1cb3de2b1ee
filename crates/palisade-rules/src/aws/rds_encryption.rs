//! PAL-RDS-001: RDS database storage is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RDS-001",
    title: "RDS database storage is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("cis-aws", &["2.3.1"]),
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &[
        "aws_db_instance",
        "aws_rds_cluster",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
    ],
    docs: Docs {
        what: "Checks RDS instances and Aurora/Multi-AZ clusters for `storage_encrypted = true` (`StorageEncrypted: true`). Instances that belong to a cluster or replicate another are judged through their source.",
        why: "Unencrypted database storage exposes its data, automated backups, snapshots and read replicas; encryption cannot be turned on later without a copy-and-restore.",
        fix: "Set `storage_encrypted = true` (with `kms_key_id` for a customer-managed key) when creating the database.",
        refs: &["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html"],
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
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx.views.aws.rds.databases.iter().filter(|x| !x.member) {
        out.judge(
            x.id,
            "storage_encrypted",
            &x.storage_encrypted,
            false,
            |v| *v,
            "database storage is not encrypted",
        );
    }
}
