//! PAL-SC-005: Dockerfile FROM image uses the latest tag or no tag.

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
    id: "PAL-SC-005",
    title: "Dockerfile FROM image uses the latest tag or no tag",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that every `FROM` that pulls an image names a tag other than `latest`, or a digest.",
        why: "`latest` changes without notice; builds stop being reproducible and pick up breaking or malicious changes.",
        fix: "Name an explicit version tag (and a digest).",
        refs: &["https://docs.docker.com/reference/dockerfile/#from"],
        failing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM ubuntu\nUSER 10001\n",
        }],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM ubuntu:24.04\nUSER 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, _, stages) in dockerfiles(cx) {
        for s in stages.iter().filter(|s| !s.is_internal()) {
            let tag = Tri::from_lookup(s.from.get("tag"), &s.from_span, "FROM tag", |n| {
                n.as_str().map(str::to_string)
            });
            let digest = Tri::from_lookup(s.from.get("digest"), &s.from_span, "FROM digest", |n| {
                n.as_str().map(str::to_string)
            });
            let attr = format!("stages.{}.from.tag", s.index);
            if digest.is_known() {
                out.pass(id, s.from_span.clone(), &attr);
                continue;
            }
            out.judge(
                id,
                &attr,
                &tag,
                false,
                |t| t != "latest",
                "FROM image uses the latest tag (or none)",
            );
        }
    }
}
