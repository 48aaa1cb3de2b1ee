//! PAL-SC-016: Terraform configuration has no dependency lock file.

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
    id: "PAL-SC-016",
    title: "Terraform configuration has no dependency lock file",
    severity: Severity::Low,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["terraform"],
    docs: Docs {
        what: "Checks that a root module that declares `required_providers` has a `.terraform.lock.hcl` next to it.",
        why: "The lock file records the exact provider versions and their checksums; without it every `terraform init` may pick other versions and nothing verifies the downloaded binaries against what was used before.",
        fix: "Run `terraform init` (and `terraform providers lock -platform=...` for every platform you use) and commit `.terraform.lock.hcl`.",
        refs: &["https://developer.hashicorp.com/terraform/language/files/dependency-lock"],
        failing: &[Example {
            lang: Lang::Terraform,
            code: "terraform {\n  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n      version = \"~> 5.0\"\n    }\n  }\n}\n",
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: "terraform {\n  required_version = \">= 1.6\"\n}\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, r) in cx.model.of_type("terraform") {
        if !r.module_path.is_empty() || r.attr("required_providers").is_absent() {
            continue;
        }
        match r.meta.get("lock_file").map(String::as_str) {
            Some("false") => {
                out.fail(
                    id,
                    r.span.clone(),
                    "lock_file",
                    "no .terraform.lock.hcl next to this configuration",
                );
            }
            Some(_) => {
                out.pass(id, r.span.clone(), "lock_file");
            }
            None => {}
        }
    }
}
