//! PAL-K8S-035: Container has no liveness probe.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-035",
    title: "Container has no liveness probe",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("nist-800-53", &["SI-4", "CM-6"]),
        ("soc2", &["A1.2"]),
        ("pci-dss", &["2.2.1"]),
    ],
    resource_types: &[
        "Pod",
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "ReplicationController",
    ],
    docs: Docs {
        what: "Checks that every application container of a long-running workload defines a `livenessProbe` (Jobs and CronJobs are skipped).",
        why: "Without a liveness probe a hung process keeps its pod and keeps failing requests until someone notices.",
        fix: "Add a `livenessProbe` (httpGet, tcpSocket, grpc or exec).",
        refs: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          livenessProbe:\n            httpGet:\n              path: /healthz\n              port: 8080\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers_in(cx, APP) {
        if runs_to_completion(w) {
            continue;
        }
        let f = present(c.get("livenessProbe"), &c.span, "livenessProbe");
        out.judge(
            w.obj.id,
            &c.attr("livenessProbe"),
            &f,
            false,
            |_| true,
            format!("{}: no liveness probe", who(w, c)),
        );
    }
}
