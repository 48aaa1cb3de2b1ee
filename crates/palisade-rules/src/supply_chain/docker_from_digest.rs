//! PAL-SC-004: Dockerfile FROM image is not pinned by digest.

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
    id: "PAL-SC-004",
    title: "Dockerfile FROM image is not pinned by digest",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that every `FROM` of a Dockerfile that pulls an image (not `scratch`, not an earlier stage) pins it by digest.",
        why: "A base image tag can be moved to different content; builds then silently include code nobody reviewed and are not reproducible.",
        fix: "Write `FROM image:tag@sha256:<digest>` and let a bot update the digest.",
        refs: &[
            "https://docs.docker.com/reference/dockerfile/#from",
            "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
        ],
        failing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM python:3.12-slim\nUSER 10001\n",
        }],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM python:3.12-slim@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31 AS build\nRUN pip wheel --wheel-dir /w .\nFROM build\nUSER 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, _, stages) in dockerfiles(cx) {
        for s in stages.iter().filter(|s| !s.is_internal()) {
            let f = Tri::from_lookup(s.from.get("digest"), &s.from_span, "FROM digest", |n| {
                n.as_str().map(str::to_string)
            });
            out.judge(
                id,
                &format!("stages.{}.from.digest", s.index),
                &f,
                false,
                |_| true,
                "FROM image is not pinned by digest",
            );
        }
    }
}
