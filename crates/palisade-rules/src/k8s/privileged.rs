//! PAL-K8S-004: Container runs privileged.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-004",
    title: "Container runs privileged",
    severity: Severity::Critical,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/privileged-containers"]),
        ("cis-k8s", &["5.2.2"]),
        ("nist-800-53", &["AC-6", "CM-7", "SC-39"]),
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
        what: "Checks that no container, init container or ephemeral container sets `securityContext.privileged: true`. Pod Security Standards baseline control \"Privileged Containers\".",
        why: "A privileged container has every capability and access to all host devices; it is root on the node in all but name, so any compromise of it is a compromise of the node.",
        fix: "Remove `privileged: true`; grant only the specific capabilities the workload needs.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: false\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    sc_bool_not_true(cx, out, "privileged", "runs privileged");
}
