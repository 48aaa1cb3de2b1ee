//! PAL-GD-001: GuardDuty detector is disabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-GD-001",
    title: "GuardDuty detector is disabled",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.2", "CC7.3"]),
        ("hipaa", &["164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"]),
        ("gdpr", &["32", "33"]),
        ("nist-800-53", &["SI-4", "SI-3"]),
        ("pci-dss", &["11.5.1"]),
    ],
    resource_types: &["aws_guardduty_detector", "AWS::GuardDuty::Detector"],
    docs: Docs {
        what: "Checks that declared GuardDuty detectors are enabled.",
        why: "GuardDuty is the managed threat detection for credential misuse, crypto-mining and exfiltration; a disabled detector raises no findings.",
        fix: "Set `enable = true` (`Enable: true`).",
        refs: &["https://docs.aws.amazon.com/guardduty/latest/ug/what-is-guardduty.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_guardduty_detector" "main" {
  enable = false
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: false
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_guardduty_detector" "main" {
  enable = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Detector:
    Type: AWS::GuardDuty::Detector
    Properties:
      Enable: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for d in &cx.views.aws.governance.guardduty_detectors {
        out.judge(
            d.id,
            "enable",
            &d.enabled,
            true,
            |v| *v,
            "the GuardDuty detector is disabled",
        );
    }
}
