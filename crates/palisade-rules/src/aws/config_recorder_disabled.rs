//! PAL-CFG-002: AWS Config recorder is turned off.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CFG-002",
    title: "AWS Config recorder is turned off",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("cis-aws", &["3.3"]),
        ("soc2", &["CC7.1"]),
        ("hipaa", &["164.308(a)(1)(ii)(D)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CM-8", "CM-3"]),
        ("pci-dss", &["11.5.2"]),
    ],
    resource_types: &["aws_config_configuration_recorder_status"],
    docs: Docs {
        what: "Checks `aws_config_configuration_recorder_status` for `is_enabled = false`.",
        why: "A stopped recorder keeps no configuration history and runs no Config rules.",
        fix: "Set `is_enabled = true`.",
        refs: &[
            "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_config_configuration_recorder_status" "main" {
  name       = "main"
  is_enabled = false
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_config_configuration_recorder_status" "main" {
  name       = "main"
  is_enabled = true
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.governance.recorder_statuses {
        out.judge(
            x.id,
            "is_enabled",
            &x.enabled,
            false,
            |v| *v,
            "the configuration recorder is stopped",
        );
    }
}
