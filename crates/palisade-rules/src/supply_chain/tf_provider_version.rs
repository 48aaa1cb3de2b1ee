//! PAL-SC-015: Terraform provider has no version constraint.

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
    id: "PAL-SC-015",
    title: "Terraform provider has no version constraint",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["terraform"],
    docs: Docs {
        what: "Checks that every provider in `terraform { required_providers { ... } }` has a `version` constraint.",
        why: "Without a constraint `terraform init` installs the newest provider release, whose behaviour (and defaults) may differ from what was reviewed.",
        fix: "Add `version = \"~> 5.0\"` (or an exact version) to each provider requirement.",
        refs: &[
            "https://developer.hashicorp.com/terraform/language/providers/requirements#version-constraints",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: "terraform {\n  required_providers {\n    aws = {\n      source = \"hashicorp/aws\"\n    }\n  }\n}\n",
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.0\"\n    }\n  }\n}\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, r) in cx.model.of_type("terraform") {
        let Some(rp) = r.attr("required_providers").node() else {
            continue;
        };
        for block in rp.items() {
            let Some(m) = block.as_map() else { continue };
            for (name, p) in m {
                let span = p.span.clone().unwrap_or_else(|| r.span.clone());
                let attr = format!("required_providers.{name}");
                let f = match &p.value {
                    palisade_model::Value::String(s) => Tri::Known(s.clone(), span.clone()),
                    palisade_model::Value::Map(_) => {
                        Tri::string(p.get("version"), &span, "version")
                    }
                    palisade_model::Value::Unknown(u) => {
                        Tri::Unknown(u.reason.to_string(), span.clone())
                    }
                    _ => continue,
                };
                out.judge(
                    id,
                    &attr,
                    &f,
                    false,
                    |v| !v.trim().is_empty(),
                    format!("provider {name} has no version constraint"),
                );
            }
        }
    }
}
