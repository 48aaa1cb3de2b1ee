//! PAL-K8S-041: Container loads a whole Secret into its environment.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-041",
    title: "Container loads a whole Secret into its environment",
    severity: Severity::Low,
    category: Category::Secrets,
    frameworks: &[
        ("cis-k8s", &["5.4.1"]),
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["8.3.2"]),
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
        what: "Checks that containers do not use `envFrom[].secretRef`, which turns every key of a Secret into an environment variable.",
        why: "Every key of the Secret ends up in the process environment, which leaks through child processes, crash reports and /proc; new keys added later leak too.",
        fix: "Mount the Secret as a volume instead.",
        refs: &[
            "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          envFrom:\n            - secretRef:\n                name: app-secrets\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          envFrom:\n            - configMapRef:\n                name: app-config\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let Some(list) = c.get("envFrom").known().and_then(Node::as_list) else {
            continue;
        };
        for (i, e) in list.iter().enumerate() {
            if let Some(r) = e.get("secretRef").node() {
                let span = r.span.clone().unwrap_or_else(|| c.span.clone());
                out.fail(
                    w.obj.id,
                    span,
                    &c.attr(&format!("envFrom.{i}.secretRef")),
                    format!("{}: loads a whole Secret into the environment", who(w, c)),
                );
            }
        }
    }
}
