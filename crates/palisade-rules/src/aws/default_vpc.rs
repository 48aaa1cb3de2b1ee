//! PAL-VPC-013: The default VPC is managed and kept.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-VPC-013",
    title: "The default VPC is managed and kept",
    severity: Severity::Low,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("nist-800-53", &["SC-7", "CM-7"]),
        ("pci-dss", &["1.2.1"]),
    ],
    resource_types: &["aws_default_vpc"],
    docs: Docs {
        what: "Reports `aws_default_vpc` resources: the default VPC adopted into Terraform instead of removed.",
        why: "The default VPC has public subnets that auto-assign public IPs and an internet gateway; resources launched without an explicit subnet land there, exposed.",
        fix: "Delete the default VPC in every region (or at least do not place workloads in it), and build purpose-made VPCs.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html"],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_default_vpc" "default" {}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for id in &cx.views.aws.ec2.default_vpcs {
        out.fail(
            *id,
            cx.model.get(*id).span.clone(),
            "",
            "the default VPC is kept and managed",
        );
    }
}
