//! PAL-SSM-001: SSM document is shared publicly.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-SSM-001",
    title: "SSM document is shared publicly",
    severity: Severity::Critical,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &["aws_ssm_document"],
    docs: Docs {
        what: "Checks SSM documents whose `permissions` share them with `All` accounts.",
        why: "Public documents expose the commands, scripts and often embedded hostnames or credentials they contain to every AWS account.",
        fix: "Share documents with named account ids only.",
        refs: &[
            "https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })

  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ssm_document" "patch" {
  name          = "patch"
  document_type = "Command"
  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })

  permissions = {
    type        = "Share"
    account_ids = "111122223333"
  }
}
"#,
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for d in &cx.views.aws.misc.ssm_documents {
        let r = cx.model.get(d.id);
        let attr = "permissions.account_ids";
        if let Some((_, s)) = d
            .shared_with
            .find(|a| a.split(',').any(|x| x.trim().eq_ignore_ascii_case("all")))
        {
            out.fail(
                d.id,
                s.clone(),
                attr,
                "the document is shared with every AWS account",
            );
        } else if let Some((w, s)) = &d.shared_with.unknown {
            out.unknown(
                d.id,
                s.clone(),
                attr,
                w.clone(),
                "the document may be shared publicly",
            );
        } else {
            out.pass(d.id, r.span.clone(), attr);
        }
    }
}
