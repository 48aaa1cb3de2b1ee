//! PAL-EC2-006: AMI is shared publicly.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC2-006",
    title: "AMI is shared publicly",
    severity: Severity::Critical,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &["aws_ami_launch_permission"],
    docs: Docs {
        what: "Checks `aws_ami_launch_permission` for `group = \"all\"`, which makes an AMI public.",
        why: "A public AMI lets anyone launch a copy of the disk image: baked-in secrets, source code and data are exposed to the world.",
        fix: "Share the AMI with specific account IDs or an organisation ARN instead.",
        refs: &["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html"],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ami_launch_permission" "share" {
  image_id = "ami-0123456789abcdef0"
  group    = "all"
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ami_launch_permission" "share" {
  image_id   = "ami-0123456789abcdef0"
  account_id = "111122223333"
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.ec2.image_permissions {
        out.judge(
            x.id,
            "group",
            &x.group,
            true,
            |v| v != "all",
            "the AMI is shared with everyone",
        );
    }
}
