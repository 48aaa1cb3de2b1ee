//! PAL-RDS-008: RDS snapshot is shared publicly.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-RDS-008",
    title: "RDS snapshot is shared publicly",
    severity: Severity::Critical,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &["aws_db_snapshot", "aws_db_cluster_snapshot"],
    docs: Docs {
        what: "Checks RDS snapshots for `shared_accounts` containing `all`.",
        why: "A public snapshot can be restored by any AWS account: the whole database is exposed.",
        fix: "Share snapshots only with named account IDs, and encrypt them (encrypted snapshots cannot be made public).",
        refs: &["https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html"],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_db_snapshot" "release" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-release"
  shared_accounts        = ["all"]
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_db_snapshot" "release" {
  db_instance_identifier = "orders"
  db_snapshot_identifier = "orders-release"
  shared_accounts        = ["111122223333"]
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for s in &cx.views.aws.rds.snapshots {
        let r = cx.model.get(s.id);
        let fact = match (
            s.shared_accounts.find(|a| a == "all"),
            &s.shared_accounts.unknown,
        ) {
            (Some((_, sp)), _) => Tri::Known(true, sp.clone()),
            (None, Some((w, sp))) => Tri::Unknown(w.clone(), sp.clone()),
            (None, None) => Tri::Known(false, r.span.clone()),
        };
        out.judge(
            s.id,
            "shared_accounts",
            &fact,
            true,
            |v| !*v,
            "the snapshot is shared with every AWS account",
        );
    }
}
