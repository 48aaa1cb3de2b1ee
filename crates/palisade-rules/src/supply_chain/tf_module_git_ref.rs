//! PAL-SC-012: Terraform module from git is not pinned to a tag or commit.

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
    id: "PAL-SC-012",
    title: "Terraform module from git is not pinned to a tag or commit",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["module"],
    docs: Docs {
        what: "Checks that module sources fetched from git (`git::`, `github.com/...`, `git@...`) carry a `?ref=` that names a version tag or a commit id.",
        why: "Without a pinned ref every `terraform init` takes the branch head: a new commit (or a compromised repository) changes your infrastructure code without review.",
        fix: "Add `?ref=v1.2.3` or `?ref=<commit sha>` to the source.",
        refs: &[
            "https://developer.hashicorp.com/terraform/language/modules/sources",
            "https://developer.hashicorp.com/terraform/language/modules/syntax#version",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: "module \"vpc\" {\n  source = \"git::https://github.com/acme/terraform-vpc.git\"\n}\n",
            },
            Example {
                lang: Lang::Terraform,
                code: "module \"vpc\" {\n  source = \"git::https://github.com/acme/terraform-vpc.git?ref=main\"\n}\n",
            },
        ],
        passing: &[Example {
            lang: Lang::Terraform,
            code: "module \"vpc\" {\n  source = \"git::https://github.com/acme/terraform-vpc.git?ref=v3.2.1\"\n}\n",
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
        if let ModuleSource::Git { reference } = module_source(&src) {
            match reference {
                Some(rf) if pinned_ref(&rf) => {
                    out.pass(id, span, "source");
                }
                Some(rf) => {
                    out.fail(
                        id,
                        span,
                        "source",
                        format!(
                            "module {} is pinned to {rf:?}, which is not a tag or commit",
                            r.name
                        ),
                    );
                }
                None => {
                    out.fail(
                        id,
                        span,
                        "source",
                        format!("module {} comes from git without a ref", r.name),
                    );
                }
            }
        }
    }
}
