//! PAL-K8S-040: Container reads a Secret into an environment variable.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-040",
    title: "Container reads a Secret into an environment variable",
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
        what: "Checks that containers do not read Secrets through `env[].valueFrom.secretKeyRef`; CIS recommends mounting secrets as files.",
        why: "Environment variables leak: into crash dumps, child processes, `/proc/<pid>/environ`, logs of misbehaving libraries and debug endpoints. Files can be permission-restricted and rotated.",
        fix: "Mount the Secret as a volume and read the value from the file.",
        refs: &[
            "https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          env:\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef:\n                  name: db\n                  key: password\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      volumes:\n        - name: db\n          secret:\n            secretName: db\n      containers:\n        - name: app\n          image: nginx:1.27\n          volumeMounts:\n            - name: db\n              mountPath: /var/run/secrets/db\n              readOnly: true\n",
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
            if let Some(r) = e.path("valueFrom.secretKeyRef").node() {
                let name = e.get("name").known().and_then(Node::as_str).unwrap_or("?");
                let span = r.span.clone().unwrap_or_else(|| c.span.clone());
                out.fail(
                    w.obj.id,
                    span,
                    &c.attr(&format!("env.{i}.valueFrom.secretKeyRef")),
                    format!(
                        "{}: {name} is read from a Secret into the environment",
                        who(w, c)
                    ),
                );
            }
        }
    }
}
