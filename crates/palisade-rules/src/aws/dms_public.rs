//! PAL-DMS-001: DMS replication instance is publicly accessible.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-DMS-001",
    title: "DMS replication instance is publicly accessible",
    severity: Severity::High,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &[
        "aws_dms_replication_instance",
        "AWS::DMS::ReplicationInstance",
    ],
    docs: Docs {
        what: "Checks DMS replication instances for `publicly_accessible = false`. The service default is `true`, so an instance that does not set it gets a public address.",
        why: "Replication instances hold credentials for both source and target databases and stream their data; a public address exposes them to the internet.",
        fix: "Set `publicly_accessible = false` and place the instance in private subnets.",
        refs: &[
            "https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_dms_replication_instance" "migrate" {
  replication_instance_id    = "migrate"
  replication_instance_class = "dms.t3.medium"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Migrate:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      PubliclyAccessible: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_dms_replication_instance" "migrate" {
  replication_instance_id    = "migrate"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = false
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Migrate:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      PubliclyAccessible: false
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.misc.dms_instances {
        out.judge(
            x.id,
            "publicly_accessible",
            &x.publicly_accessible,
            false,
            |v| !*v,
            "the replication instance is publicly accessible",
        );
    }
}
