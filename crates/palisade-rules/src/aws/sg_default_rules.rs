//! PAL-VPC-007: Default security group allows traffic.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-VPC-007",
    title: "Default security group allows traffic",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("cis-aws", &["5.4"]),
        ("soc2", &["CC6.6"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("pci-dss", &["1.2.1", "1.3.1"]),
    ],
    resource_types: &["aws_default_security_group"],
    docs: Docs {
        what: "Checks that the VPC's default security group (`aws_default_security_group`) has no ingress or egress rules.",
        why: "Resources launched without an explicit group land in the default group; rules on it silently connect them to everything else in it.",
        fix: "Declare `aws_default_security_group` with no `ingress` or `egress` blocks so Terraform strips its rules, and use purpose-made groups.",
        refs: &["https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html"],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"

  ingress {
    protocol  = "-1"
    self      = true
    from_port = 0
    to_port   = 0
  }
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for g in cx
        .views
        .aws
        .ec2
        .security_groups
        .iter()
        .filter(|g| g.is_default)
    {
        match g.rules.first().and_then(|k| cx.views.aws.ec2.rules.get(*k)) {
            Some(r) => {
                out.fail(
                    g.id,
                    r.span.clone(),
                    "ingress",
                    "the default security group has rules",
                );
            }
            None => {
                out.pass(g.id, cx.model.get(g.id).span.clone(), "ingress");
            }
        }
    }
}
