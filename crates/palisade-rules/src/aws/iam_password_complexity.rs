//! PAL-IAM-014: IAM password policy does not require all character classes.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-IAM-014",
    title: "IAM password policy does not require all character classes",
    severity: Severity::Low,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.308(a)(5)(ii)(D)"]),
        ("nist-800-53", &["IA-5"]),
        ("pci-dss", &["8.3.6"]),
    ],
    resource_types: &["aws_iam_account_password_policy"],
    docs: Docs {
        what: "Checks that the account password policy requires symbols, numbers, upper-case and lower-case characters.",
        why: "Character-class requirements stop the most common short dictionary passwords; several audit regimes still expect them alongside length.",
        fix: "Set `require_symbols`, `require_numbers`, `require_uppercase_characters` and `require_lowercase_characters` to true.",
        refs: &[
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  password_reuse_prevention      = 24
  require_numbers                = true
  require_uppercase_characters   = true
  require_lowercase_characters   = true
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  password_reuse_prevention      = 24
  require_symbols                = true
  require_numbers                = true
  require_uppercase_characters   = true
  require_lowercase_characters   = true
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for p in &cx.views.aws.iam.password_policies {
        let parts = [
            ("require_symbols", &p.require_symbols),
            ("require_numbers", &p.require_numbers),
            ("require_uppercase_characters", &p.require_uppercase),
            ("require_lowercase_characters", &p.require_lowercase),
        ];
        let mut verdict = Tri::Known(true, cx.model.get(p.id).span.clone());
        for (name, t) in parts {
            match t {
                Tri::Known(true, _) => {}
                Tri::Known(false, s) | Tri::Absent(s) => {
                    verdict = Tri::Known(false, s.clone());
                    let _ = name;
                    break;
                }
                Tri::Unknown(w, s) => verdict = Tri::Unknown(w.clone(), s.clone()),
            }
        }
        out.judge(
            p.id,
            "require_symbols",
            &verdict,
            false,
            |v| *v,
            "the password policy does not require every character class",
        );
    }
}
