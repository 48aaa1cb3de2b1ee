//! PAL-SC-011: Dockerfile installs apt packages without pinned versions.

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
    id: "PAL-SC-011",
    title: "Dockerfile installs apt packages without pinned versions",
    severity: Severity::Low,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that `apt-get install` (and `apt install`) pins every package to a version (`pkg=1.2.3-1`).",
        why: "Unpinned packages make builds non-reproducible: the same Dockerfile yields different images over time, and a compromised or broken package version enters without review.",
        fix: "Pin versions (`curl=8.5.0-2ubuntu10.6`) and update them deliberately, or build from a snapshot mirror.",
        refs: &["https://docs.docker.com/build/building/best-practices/#apt-get"],
        failing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER 10001\n",
        }],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\nUSER 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, _, stages) in dockerfiles(cx) {
        for s in &stages {
            for i in s.instructions.iter().filter(|i| i.cmd == "RUN") {
                let mut unpinned = Vec::new();
                for (words, _) in shell_commands(i.args) {
                    if !matches!(command_name(&words), Some("apt-get") | Some("apt")) {
                        continue;
                    }
                    let Some(p) = words.iter().position(|w| w == "install") else {
                        continue;
                    };
                    for w in &words[p + 1..] {
                        if !w.starts_with('-')
                            && !w.contains('=')
                            && !w.starts_with('$')
                            && !w.ends_with(".deb")
                        {
                            unpinned.push(w.clone());
                        }
                    }
                }
                if !unpinned.is_empty() {
                    out.fail(
                        id,
                        i.span.clone(),
                        &i.attr,
                        format!("apt packages without a pinned version: {unpinned:?}"),
                    );
                }
            }
        }
    }
}
