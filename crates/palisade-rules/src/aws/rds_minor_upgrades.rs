//! PAL-RDS-007: RDS automatic minor version upgrades are disabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-RDS-007",
    title: "RDS automatic minor version upgrades are disabled",
    severity: Severity::Low,
    category: Category::Data,
    frameworks: &[
        ("cis-aws", &["2.3.2"]),
        ("soc2", &["CC7.1"]),
        ("nist-800-53", &["SI-2"]),
        ("pci-dss", &["6.3.3"]),
    ],
    resource_types: &["aws_db_instance", "AWS::RDS::DBInstance"],
    docs: Docs {
        what: "Checks RDS instances for `auto_minor_version_upgrade = false`.",
        why: "Minor versions carry the engine's security fixes; turning automatic upgrades off leaves known vulnerabilities in place until someone upgrades by hand.",
        fix: "Leave `auto_minor_version_upgrade` at its default (`true`).",
        refs: &[
            "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades",
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
  auto_minor_version_upgrade = false
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
      AutoMinorVersionUpgrade: false
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
      AutoMinorVersionUpgrade: true
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
            "auto_minor_version_upgrade",
            &x.auto_minor_upgrade,
            true,
            |v| *v,
            "automatic minor version upgrades are disabled",
        );
    }
}
