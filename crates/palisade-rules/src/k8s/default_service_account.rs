//! PAL-K8S-031: Pod runs as the default service account.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-031",
    title: "Pod runs as the default service account",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.1.5"]),
        ("nist-800-53", &["AC-6", "AC-2"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["7.2.1"]),
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
        what: "Checks that pods name a dedicated `serviceAccountName` rather than using the namespace's `default` service account.",
        why: "Permissions granted to `default` silently apply to every pod of the namespace; a dedicated account per workload keeps RBAC grants least-privilege and auditable.",
        fix: "Create a ServiceAccount for the workload and set `serviceAccountName`.",
        refs: &["https://kubernetes.io/docs/concepts/security/service-accounts/"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      serviceAccountName: web\n      containers:\n        - name: app\n          image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for w in &cx.views.k8s.workloads {
        let f = w
            .string("serviceAccountName")
            .or(w.string("serviceAccount"));
        out.judge(
            w.obj.id,
            &w.attr("serviceAccountName"),
            &f,
            false,
            |v| !v.is_empty() && v != "default",
            format!("{}: runs as the default service account", what(w)),
        );
    }
}
