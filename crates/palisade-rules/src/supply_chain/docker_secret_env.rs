//! PAL-SC-008: Dockerfile passes a secret through ENV or ARG.

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
    id: "PAL-SC-008",
    title: "Dockerfile passes a secret through ENV or ARG",
    severity: Severity::High,
    category: Category::Secrets,
    frameworks: &[
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["8.3.2", "8.6.2"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &["Dockerfile"],
    docs: Docs {
        what: "Checks that no `ENV` or `ARG` names a credential (PASSWORD, SECRET, TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, CREDENTIAL, or ending in _KEY).",
        why: "ENV values are stored in the image configuration and ARG values in its build history (`docker history`): anyone who can pull the image reads them.",
        fix: "Use BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token ...`) and inject runtime secrets from the orchestrator.",
        refs: &[
            "https://docs.docker.com/build/building/secrets/",
            "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/",
        ],
        failing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM node:22-alpine\nARG NPM_TOKEN\nRUN npm ci\nUSER node\n",
        }],
        passing: &[Example {
            lang: Lang::Dockerfile,
            code: "FROM node:22-alpine\nARG NODE_ENV=production\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci\nUSER node\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, r, stages) in dockerfiles(cx) {
        let globals: Vec<&Node> = r
            .attr("global_args")
            .known()
            .and_then(Node::as_list)
            .map(|l| l.iter().collect())
            .unwrap_or_default();
        let mut all: Vec<(&Node, String)> = globals
            .into_iter()
            .enumerate()
            .map(|(k, n)| (n, format!("global_args.{k}")))
            .collect();
        for s in &stages {
            for i in s
                .instructions
                .iter()
                .filter(|i| i.cmd == "ENV" || i.cmd == "ARG")
            {
                all.push((i.node, i.attr.clone()));
            }
        }
        for (n, attr) in all {
            let span = n.span.clone().unwrap_or_else(|| r.span.clone());
            let cmd = n.get("cmd").known().and_then(Node::as_str).unwrap_or("ENV");
            let keys: Vec<String> = n
                .get("pairs")
                .known()
                .and_then(Node::as_list)
                .map(|l| {
                    l.iter()
                        .filter_map(|p| {
                            p.get("key")
                                .known()
                                .and_then(Node::as_str)
                                .map(str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let bad: Vec<&String> = keys.iter().filter(|k| secret_name(k)).collect();
            if bad.is_empty() {
                out.pass(id, span, &attr);
            } else {
                out.fail(
                    id,
                    span,
                    &attr,
                    format!("{cmd} {bad:?} carries a secret into the image"),
                );
            }
        }
    }
}
