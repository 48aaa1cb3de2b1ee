//! PAL-IAM-010: IAM password policy does not prevent reuse of the last 24 passwords.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-IAM-010",
    title: "IAM password policy does not prevent reuse of the last 24 passwords",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.9"]),
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.308(a)(5)(ii)(D)"]),
        ("nist-800-53", &["IA-5"]),
        ("pci-dss", &["8.3.7"]),
    ],
    resource_types: &["aws_iam_account_password_policy"],
    docs: Docs {
        what: "Checks that the account password policy sets `password_reuse_prevention` to 24.",
        why: "Without reuse prevention, a forced password change is undone by switching back to a password that may already be compromised.",
        fix: "Set `password_reuse_prevention = 24`.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_iam_account_password_policy" "this" {
  minimum_password_length = 14
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
            "password_reuse_prevention",
            &p.reuse_prevention,
            false,
            |n| *n >= 24,
            "the password policy does not prevent reuse of the last 24 passwords",
        );
    }
}
