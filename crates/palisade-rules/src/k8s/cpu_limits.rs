//! PAL-K8S-026: Container has no cpu limit.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-026",
    title: "Container has no cpu limit",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("nist-800-53", &["SC-6", "CM-6"]),
        ("soc2", &["A1.1"]),
        ("pci-dss", &["2.2.1"]),
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
        what: "Checks that every container and init container sets `resources.limits.cpu`.",
        why: "Without a cpu limit one workload can starve its neighbours and the node of CPU; resource exhaustion is a denial-of-service path.",
        fix: "Set `resources.limits.cpu` on every container (a LimitRange can provide defaults).",
        refs: &["https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          resources:\n            requests:\n              cpu: 250m\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n            limits:\n              cpu: 500m\n              memory: 256Mi\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers_in(cx, APP_AND_INIT) {
        let f = present(
            c.get("resources.limits.cpu"),
            &c.span_of("resources"),
            "resources.limits.cpu",
        );
        out.judge(
            w.obj.id,
            &c.attr("resources.limits.cpu"),
            &f,
            false,
            |_| true,
            format!("{}: no cpu limit", who(w, c)),
        );
    }
}
