//! PAL-SC-010: Dockerfile disables TLS or signature verification.

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
    id: "PAL-SC-010",
    title: "Dockerfile disables TLS or signature verification",
    severity: Severity::High,
    category: Category::SupplyChain,
    frameworks: &[
        (
            "nist-800-53",
            &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7", "SC-8"],
        ),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that no `RUN` turns verification off: `curl -k/--insecure`, `wget --no-check-certificate`, `pip --trusted-host`, `apk --allow-untrusted`, `apt-get --allow-unauthenticated` or `--allow-insecure-repositories`, `npm`/`yarn` `strict-ssl false`, `git -c http.sslVerify=false`.",
        why: "Without verification anyone on the network path (or a spoofed mirror) can substitute the packages that go into the image.",
        fix: "Remove the flag; install the CA certificate the mirror needs instead.",
        refs: &["https://docs.docker.com/build/building/best-practices/"],
        failing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM alpine:3.20\nRUN wget --no-check-certificate https://example.com/tool -O /usr/local/bin/tool\nUSER 10001\n",
        }],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM alpine:3.20\nRUN wget https://example.com/tool -O /usr/local/bin/tool\nUSER 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, _, stages) in dockerfiles(cx) {
        for s in &stages {
            for i in s.instructions.iter().filter(|i| i.cmd == "RUN") {
                let mut bad = false;
                for (words, _) in shell_commands(i.args) {
                    let cmd = command_name(&words).unwrap_or("");
                    let has = |f: &str| words.iter().any(|w| w == f);
                    let short_k = words
                        .iter()
                        .any(|w| w.starts_with('-') && !w.starts_with("--") && w.contains('k'));
                    bad |= match cmd {
                        "curl" => has("--insecure") || short_k,
                        "wget" => has("--no-check-certificate"),
                        "pip" | "pip3" => words.iter().any(|w| w.starts_with("--trusted-host")),
                        "apk" => has("--allow-untrusted"),
                        "apt-get" | "apt" => {
                            has("--allow-unauthenticated")
                                || has("--allow-insecure-repositories")
                                || has("--force-yes")
                        }
                        "npm" | "yarn" => {
                            words.iter().any(|w| w.contains("strict-ssl"))
                                && words.iter().any(|w| w == "false" || w.ends_with("=false"))
                        }
                        "git" => words
                            .iter()
                            .any(|w| w.eq_ignore_ascii_case("http.sslVerify=false")),
                        _ => false,
                    };
                }
                if bad {
                    out.fail(
                        id,
                        i.span.clone(),
                        &i.attr,
                        "RUN disables TLS or signature verification",
                    );
                }
            }
        }
    }
}
