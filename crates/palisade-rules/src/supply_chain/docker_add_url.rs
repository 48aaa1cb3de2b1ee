//! PAL-SC-007: Dockerfile ADD fetches a remote URL without a checksum.

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
    id: "PAL-SC-007",
    title: "Dockerfile ADD fetches a remote URL without a checksum",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that `ADD` does not download from an http(s) or git URL unless it verifies the content with `--checksum`.",
        why: "A downloaded file is whatever the server returns at build time; without a checksum a compromised or spoofed server puts its code in the image.",
        fix: "Download in a RUN step and verify a pinned checksum, use `ADD --checksum=sha256:...`, or COPY a vendored file.",
        refs: &[
            "https://docs.docker.com/reference/dockerfile/#add",
            "https://docs.docker.com/reference/dockerfile/#verifying-a-remote-file-checksum-add---checksumchecksum-http-src",
        ],
        failing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\nUSER 10001\n",
        }],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/\nCOPY app /opt/app\nUSER 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, _, stages) in dockerfiles(cx) {
        for s in &stages {
            for i in s.instructions.iter().filter(|i| i.cmd == "ADD") {
                if i.node.path("flags.checksum").known().is_some() {
                    out.pass(id, i.span.clone(), &i.attr);
                    continue;
                }
                let remote = i
                    .args
                    .split_whitespace()
                    .filter(|w| !w.starts_with("--"))
                    .any(|w| {
                        let w = w.to_ascii_lowercase();
                        w.starts_with("http://")
                            || w.starts_with("https://")
                            || w.starts_with("git@")
                            || w.ends_with(".git")
                    });
                if remote {
                    out.fail(
                        id,
                        i.span.clone(),
                        &i.attr,
                        "ADD downloads a remote URL without --checksum",
                    );
                }
            }
        }
    }
}
