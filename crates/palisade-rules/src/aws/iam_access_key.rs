//! PAL-IAM-005: IAM user has a long-lived access key.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-005",
    title: "IAM user has a long-lived access key",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.11", "1.14"]),
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.308(a)(5)(ii)(D)"]),
        ("nist-800-53", &["IA-5", "AC-2"]),
        ("pci-dss", &["8.3.9", "8.6.3"]),
    ],
    resource_types: &["aws_iam_access_key", "AWS::IAM::AccessKey"],
    docs: Docs {
        what: "Checks for active IAM access keys created in code (`aws_iam_access_key`, `AWS::IAM::AccessKey`).",
        why: "Access keys never expire: they leak through state files, CI logs and laptops, and remain valid until someone rotates them. Keys created by IaC also end up in the Terraform state in clear text.",
        fix: "Use IAM roles (instance profiles, IRSA, OIDC federation for CI) instead of user keys; if a key is unavoidable, create it out of band and rotate it at least every 90 days.",
        refs: &["https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_access_key" "ci" {
  user = "ci-bot"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  CiKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: ci-bot
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_iam_access_key" "old" {
  user   = "ci-bot"
  status = "Inactive"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  OldKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: ci-bot
      Status: Inactive
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for k in &cx.views.aws.iam.access_keys {
        out.judge(
            k.id,
            "status",
            &k.status,
            false,
            |s| s.eq_ignore_ascii_case("inactive"),
            "an active long-lived access key is created for an IAM user",
        );
    }
}
