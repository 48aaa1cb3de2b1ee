//! PAL-SC-009: Dockerfile pipes a download into a shell.

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
    id: "PAL-SC-009",
    title: "Dockerfile pipes a download into a shell",
    severity: Severity::High,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that no `RUN` pipes the output of `curl` or `wget` straight into a shell or interpreter (`sh`, `bash`, `python`...).",
        why: "The script runs with build privileges exactly as served at that moment: nothing verifies it, a compromised server or CDN injects code, and the build is not reproducible.",
        fix: "Download to a file, verify a pinned checksum or signature, then run it; better, install from a package manager with pinned versions.",
        refs: &[
            "https://docs.docker.com/build/building/best-practices/#run",
            "https://www.idontplaydarts.com/2016/04/detecting-curl-pipe-bash-server-side/",
        ],
        failing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM debian:12\nRUN curl -fsSL https://get.example.com/install.sh | sh\nUSER 10001\n",
        }],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo \"3b1a...  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh\nUSER 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    const SHELLS: &[&str] = &[
        "sh", "bash", "zsh", "ash", "dash", "ksh", "python", "python3", "perl", "ruby", "node",
    ];
    for (id, _, stages) in dockerfiles(cx) {
        for s in &stages {
            for i in s.instructions.iter().filter(|i| i.cmd == "RUN") {
                let cmds = shell_commands(i.args);
                let bad = cmds.windows(2).any(|w| {
                    matches!(command_name(&w[0].0), Some("curl") | Some("wget"))
                        && w[1].1
                        && command_name(&w[1].0).is_some_and(|c| SHELLS.contains(&c))
                });
                if bad {
                    out.fail(
                        id,
                        i.span.clone(),
                        &i.attr,
                        "RUN pipes a download into a shell",
                    );
                }
            }
        }
    }
}
