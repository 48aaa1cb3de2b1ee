//! PAL-TF-001: Sensitive Terraform variable has a hard-coded default.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_model::Lookup;

pub static RULE: Rule = Rule {
    id: "PAL-TF-001",
    title: "Sensitive Terraform variable has a hard-coded default",
    severity: Severity::High,
    category: Category::Secrets,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-5"]),
        ("pci-dss", &["8.6.2"]),
    ],
    resource_types: &["variable"],
    docs: Docs {
        what: "Checks `variable` blocks that are marked `sensitive = true` or whose name says they hold a credential (`password`, `secret`, `token`, `api_key`, `private_key`...) for a non-empty string `default`.",
        why: "A default is committed with the code: every clone of the repository, every CI log and every state file then holds the credential, and deployments silently use it when nobody sets the variable.",
        fix: "Remove the `default`, mark the variable `sensitive = true`, and pass the value at apply time (`TF_VAR_...`, a secrets manager data source, or `manage_master_user_password` where the service supports it).",
        refs: &[
            "https://developer.hashicorp.com/terraform/language/values/variables#suppressing-values-in-cli-output",
            "https://developer.hashicorp.com/terraform/tutorials/configuration-language/sensitive-variables",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"variable "password" {
  type    = string
  default = "Aa1234321Bb"
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"variable "password" {
  type      = string
  sensitive = true
}
"#,
        }],
    },
    check,
};

/// Name fragments that mark a credential.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "api_key",
    "apikey",
    "private_key",
    "access_key",
    "auth_key",
    "credential",
];

/// Name endings that hold something about a credential, not the credential.
const NOT_SECRET_SUFFIXES: &[&str] = &[
    "_arn",
    "_id",
    "_ids",
    "_name",
    "_names",
    "_length",
    "_version",
    "_path",
    "_enabled",
    "_enable",
    "_policy",
    "_ttl",
    "_rotation",
    "_type",
    "_key_id",
    "_parameter",
    "_secret_name",
];

/// Whether a variable name says it holds a credential.
pub(crate) fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase().replace('-', "_");
    SECRET_WORDS.iter().any(|w| n.contains(w))
        && !NOT_SECRET_SUFFIXES.iter().any(|s| n.ends_with(s))
}

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, r) in cx.model.of_type("variable") {
        let sensitive = r
            .attr("sensitive")
            .known()
            .and_then(|n| n.as_bool())
            .unwrap_or(false);
        if !sensitive && !secret_name(&r.name) {
            continue;
        }
        match r.attr("default") {
            Lookup::Known(n) => match n.as_str() {
                Some(s) if !s.trim().is_empty() => {
                    let span = n.span.clone().unwrap_or_else(|| r.span.clone());
                    out.fail(
                        id,
                        span,
                        "default",
                        format!(
                            "variable {:?} holds a credential but has a hard-coded default",
                            r.name
                        ),
                    );
                }
                _ => {
                    out.pass(id, r.span.clone(), "default");
                }
            },
            // Defaults are literals; an unknown one is no hard-coded text.
            Lookup::Unknown(..) | Lookup::Absent => {
                out.pass(id, r.span.clone(), "default");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::secret_name;

    #[test]
    fn credential_names() {
        for n in [
            "password",
            "db_password",
            "DB-Passwd",
            "api_key",
            "client_secret",
        ] {
            assert!(secret_name(n), "{n}");
        }
        for n in [
            "password_length",
            "secret_arn",
            "kms_key_id",
            "token_ttl",
            "region",
            "db_secret_name",
        ] {
            assert!(!secret_name(n), "{n}");
        }
    }
}
