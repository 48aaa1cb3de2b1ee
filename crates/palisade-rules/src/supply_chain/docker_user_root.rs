//! PAL-SC-006: Dockerfile image runs as root.

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
    id: "PAL-SC-006",
    title: "Dockerfile image runs as root",
    severity: Severity::High,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["AC-6", "CM-7"]),
        ("soc2", &["CC6.8"]),
        ("pci-dss", &["2.2.6"]),
        ("cis-k8s", &["5.2.7"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that the final stage of a Dockerfile switches to a non-root user: its last `USER` is not `root` or `0`, and there is one.",
        why: "Containers run as the image's user unless the runtime overrides it; root inside the container is one kernel bug away from root on the host, and it can modify the image's files.",
        fix: "Create an unprivileged user and end with `USER <uid>` (numeric UIDs let Kubernetes verify runAsNonRoot).",
        refs: &[
            "https://docs.docker.com/reference/dockerfile/#user",
            "https://docs.docker.com/build/building/best-practices/#user",
        ],
        failing: &[
            Example {
                lang: Lang::Dockerfile,
                code: "FROM alpine:3.20\nRUN adduser -D app\nUSER root\n",
            },
            Example {
                lang: Lang::Dockerfile,
                code: "FROM alpine:3.20\nRUN apk add --no-cache curl\n",
            },
        ],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM alpine:3.20 AS build\nUSER root\nRUN apk add --no-cache build-base\nFROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, r, stages) in dockerfiles(cx) {
        let Some(last) = stages.last() else { continue };
        match last.instructions.iter().rev().find(|i| i.cmd == "USER") {
            Some(u) => {
                let user = u.args.split(':').next().unwrap_or("").trim();
                if user == "root" || user == "0" {
                    out.fail(
                        id,
                        u.span.clone(),
                        &u.attr,
                        format!("{}: the final stage runs as {user}", r.address),
                    );
                } else {
                    out.pass(id, u.span.clone(), &u.attr);
                }
            }
            None => {
                out.fail(
                    id,
                    last.from_span.clone(),
                    &format!("stages.{}", last.index),
                    format!("{}: the final stage never sets a non-root USER", r.address),
                );
            }
        }
    }
}
