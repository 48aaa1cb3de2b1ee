//! PAL-SH-001: Security Hub is enabled without its default security standards.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-SH-001",
    title: "Security Hub is enabled without its default security standards",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("soc2", &["CC7.1", "CC7.2"]),
        ("hipaa", &["164.308(a)(1)(ii)(D)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CA-7", "SI-4"]),
        ("pci-dss", &["11.5.1"]),
    ],
    resource_types: &["aws_securityhub_account", "AWS::SecurityHub::Hub"],
    docs: Docs {
        what: "Checks that a Security Hub enablement keeps the default security standards (AWS Foundational Security Best Practices and CIS) switched on.",
        why: "Security Hub without standards enabled runs no automated checks: it aggregates other services' findings but never flags the account's own misconfigurations, so drift from the architecture goes unnoticed between scans.",
        fix: "Leave `enable_default_standards` at its default (`true`), or subscribe to the standards explicitly with `aws_securityhub_standards_subscription` (`EnableDefaultStandards: true` in CloudFormation).",
        refs: &[
            "https://docs.aws.amazon.com/securityhub/latest/userguide/standards-reference.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_securityhub_account" "main" {
  enable_default_standards = false
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Hub:
    Type: AWS::SecurityHub::Hub
    Properties:
      EnableDefaultStandards: false
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_securityhub_account" "main" {}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Hub:
    Type: AWS::SecurityHub::Hub
    Properties:
      EnableDefaultStandards: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for &id in &cx.views.aws.governance.security_hubs {
        let r = cx.model.get(id);
        let attr = if r.rtype.starts_with("AWS::") {
            "EnableDefaultStandards"
        } else {
            "enable_default_standards"
        };
        // Both default to true when not written.
        let fact = Tri::bool(r.attr(attr), &r.span, attr);
        // With standards subscribed explicitly, the defaults do not matter.
        let subscribed = cx
            .model
            .of_types(&[
                "aws_securityhub_standards_subscription",
                "AWS::SecurityHub::Standard",
            ])
            .into_iter()
            .any(|(_, s)| s.scope == r.scope);
        out.judge(
            id,
            attr,
            &fact,
            true,
            |v| *v || subscribed,
            "Security Hub runs without its default security standards",
        );
    }
}
