//! PAL-SC-013: Terraform registry module has no version constraint.

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
    id: "PAL-SC-013",
    title: "Terraform registry module has no version constraint",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["module"],
    docs: Docs {
        what: "Checks that modules from a Terraform registry (`namespace/name/provider`) set `version`.",
        why: "Without `version` every `terraform init -upgrade` takes the newest release, including breaking changes or a compromised publish.",
        fix: "Set `version = \"x.y.z\"` (or a bounded constraint like `~> 5.1`).",
        refs: &[
            "https://developer.hashicorp.com/terraform/language/modules/sources",
            "https://developer.hashicorp.com/terraform/language/modules/syntax#version",
        ],
        failing: &[Example {
            lang: Lang::Terraform,
            code: "module \"vpc\" {\n  source = \"terraform-aws-modules/vpc/aws\"\n}\n",
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: "module \"vpc\" {\n  source  = \"terraform-aws-modules/vpc/aws\"\n  version = \"5.8.1\"\n}\n",
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
        if module_source(&src) == ModuleSource::Registry {
            let f = Tri::string(r.attr("version"), &span, "version");
            out.judge(
                id,
                "version",
                &f,
                false,
                |v| !v.trim().is_empty(),
                format!("registry module {} has no version", r.name),
            );
        }
    }
}
