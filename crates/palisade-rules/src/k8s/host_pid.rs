//! PAL-K8S-002: Pod shares the host's process ID namespace.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-002",
    title: "Pod shares the host's process ID namespace",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/host-namespaces"]),
        ("cis-k8s", &["5.2.3"]),
        ("nist-800-53", &["AC-6", "SC-39", "CM-7"]),
        ("soc2", &["CC6.8"]),
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
        what: "Checks that pods (and the pod templates of Deployments, StatefulSets, DaemonSets, Jobs, CronJobs and the rest) do not set `hostPID: true`. Pod Security Standards baseline control \"Host Namespaces\".",
        why: "Sharing the host's PID namespace removes an isolation boundary between the container and the node: a compromised container can observe or interfere with node processes and traffic, and escape becomes much easier.",
        fix: "Remove `hostPID` from the pod spec or set it to `false`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#PodSpec",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      hostPID: true\n      containers:\n        - name: app\n          image: nginx:1.27\n",
        }],
        passing: &[
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      hostPID: false\n      containers:\n        - name: app\n          image: nginx:1.27\n",
            },
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    pod_bool_not_true(
        cx,
        out,
        "hostPID",
        "shares the host's PID namespace (hostPID: true)",
    );
}
