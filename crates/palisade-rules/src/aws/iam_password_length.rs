//! PAL-IAM-009: IAM password policy requires fewer than 14 characters.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-009",
    title: "IAM password policy requires fewer than 14 characters",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.8"]),
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.308(a)(5)(ii)(D)"]),
        ("nist-800-53", &["IA-5"]),
        ("pci-dss", &["8.3.6"]),
    ],
    resource_types: &["aws_iam_account_password_policy"],
    docs: Docs {
        what: "Checks that the account password policy sets `minimum_password_length` to at least 14.",
        why: "Short passwords fall to offline cracking and password spraying; AWS's default minimum is only 8 characters.",
        fix: "Set `minimum_password_length = 14` (or more).",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_iam_account_password_policy" "this" {
  minimum_password_length   = 8
  password_reuse_prevention = 24
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_iam_account_password_policy" "this" {
  minimum_password_length   = 14
  password_reuse_prevention = 24
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for p in &cx.views.aws.iam.password_policies {
        out.judge(
            p.id,
            "minimum_password_length",
            &p.minimum_length,
            false,
            |n| *n >= 14,
            "the password policy allows passwords shorter than 14 characters",
        );
    }
}
