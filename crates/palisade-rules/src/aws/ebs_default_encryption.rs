//! PAL-EC2-005: EBS encryption by default is disabled.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC2-005",
    title: "EBS encryption by default is disabled",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("cis-aws", &["2.2.1"]),
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_ebs_encryption_by_default"],
    docs: Docs {
        what: "Checks that `aws_ebs_encryption_by_default` is not declared with `enabled = false`.",
        why: "Default encryption guarantees that every new volume and snapshot in the region is encrypted, even those created by hand or by tools that forget the flag.",
        fix: "Set `enabled = true`.",
        refs: &["https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html"],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.ec2.ebs_default_encryption {
        out.judge(
            x.id,
            "enabled",
            &x.enabled,
            true,
            |v| *v,
            "EBS encryption by default is disabled",
        );
    }
}
