//! PAL-K8S-024: Pod shares one process namespace between its containers.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-024",
    title: "Pod shares one process namespace between its containers",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.7.3"]),
        ("nist-800-53", &["SC-39", "CM-7"]),
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
        what: "Checks that pods do not set `shareProcessNamespace: true`.",
        why: "With a shared process namespace every container sees the others' processes and can read their environment and filesystem through /proc, including secrets of a sidecar.",
        fix: "Remove `shareProcessNamespace` unless a debugging sidecar truly needs it.",
        refs: &[
            "https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  shareProcessNamespace: true\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    pod_bool_not_true(
        cx,
        out,
        "shareProcessNamespace",
        "shares one process namespace between its containers",
    );
}
