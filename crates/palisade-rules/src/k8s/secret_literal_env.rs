//! PAL-K8S-039: Container sets a secret-looking environment variable to a literal value.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-039",
    title: "Container sets a secret-looking environment variable to a literal value",
    severity: Severity::High,
    category: Category::Secrets,
    frameworks: &[
        ("cis-k8s", &["5.4.1"]),
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["8.3.2", "8.6.2"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &[
        "Pod",
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "Job",
        "CronJob",
        "ReplicationController",
    ],
    docs: Docs {
        what: "Checks that environment variables whose names look like credentials (PASSWORD, PASSWD, SECRET, TOKEN, API_KEY, ACCESS_KEY, PRIVATE_KEY, CREDENTIAL, or ending in _KEY) do not carry a literal `value`.",
        why: "A literal in the manifest puts the credential in version control, in the API server's object store unencrypted, and in every `kubectl get -o yaml`.",
        fix: "Store the value in a Secret (or an external secret manager) and mount it as a file; at least use `valueFrom.secretKeyRef`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/configuration/secret/",
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          env:\n            - name: DB_PASSWORD\n              value: hunter2\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          env:\n            - name: LOG_LEVEL\n              value: info\n            - name: DB_PASSWORD_FILE\n              value: /var/run/secrets/db/password\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let Some(env) = c.get("env").known().and_then(Node::as_list) else {
            continue;
        };
        for (i, e) in env.iter().enumerate() {
            let Some(name) = e.get("name").known().and_then(Node::as_str) else {
                continue;
            };
            if !secret_name(name) {
                continue;
            }
            let l = e.get("value");
            let Some(v) = l.node() else { continue };
            let span = v.span.clone().unwrap_or_else(|| c.span.clone());
            let attr = c.attr(&format!("env.{i}.value"));
            match l {
                Lookup::Unknown(_, u) => {
                    out.unknown(
                        w.obj.id,
                        span,
                        &attr,
                        u.reason.to_string(),
                        format!("{}: cannot tell whether {name} is a literal", who(w, c)),
                    );
                }
                _ if v.as_str().is_some_and(|s| !s.is_empty()) => {
                    out.fail(
                        w.obj.id,
                        span,
                        &attr,
                        format!("{}: {name} is set to a literal value", who(w, c)),
                    );
                }
                _ => {}
            }
        }
    }
}

fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_uppercase();
    if n.ends_with("_FILE") || n.ends_with("_PATH") || n.ends_with("_REF") {
        return false;
    }
    [
        "PASSWORD",
        "PASSWD",
        "SECRET",
        "TOKEN",
        "API_KEY",
        "APIKEY",
        "ACCESS_KEY",
        "PRIVATE_KEY",
        "CREDENTIAL",
    ]
    .iter()
    .any(|k| n.contains(k))
        || n.ends_with("_KEY")
}
