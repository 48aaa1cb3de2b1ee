//! PAL-SC-014: Terraform module is downloaded over plain HTTP.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use super::palisade_k8s_containers;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-SC-014",
    title: "Terraform module is downloaded over plain HTTP",
    severity: Severity::High,
    category: Category::SupplyChain,
    frameworks: &[
        (
            "nist-800-53",
            &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7", "SC-8"],
        ),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["module"],
    docs: Docs {
        what: "Checks that module sources do not use `http://` (directly or as `git::http://`).",
        why: "Code fetched over plain HTTP can be replaced by anyone on the network path, and it then runs with your cloud credentials.",
        fix: "Use an `https://` or `ssh` source.",
        refs: &[
            "https://developer.hashicorp.com/terraform/language/modules/sources",
            "https://developer.hashicorp.com/terraform/language/modules/syntax#version",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: "module \"vpc\" {\n  source = \"http://modules.example.com/vpc.zip\"\n}\n",
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: "module \"vpc\" {\n  source = \"https://modules.example.com/vpc.zip\"\n}\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, r) in cx.model.of_type("module") {
        let l = r.attr("source");
        let src = match l {
            Lookup::Known(n) => match n.as_str() {
                Some(s) => s.to_string(),
                None => continue,
            },
            Lookup::Unknown(n, u) => {
                let span = n.span.clone().unwrap_or_else(|| r.span.clone());
                out.unknown(
                    id,
                    span,
                    "source",
                    u.reason.to_string(),
                    "cannot tell the module source",
                );
                continue;
            }
            Lookup::Absent => continue,
        };
        let span = r.span_of("source");
        let lower = src.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.contains("::http://") {
            out.fail(
                id,
                span,
                "source",
                format!("module {} is downloaded over plain HTTP", r.name),
            );
        } else if module_source(&src) != ModuleSource::Local {
            out.pass(id, span, "source");
        }
    }
}
