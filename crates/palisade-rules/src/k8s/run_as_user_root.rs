//! PAL-K8S-017: Pod or container sets runAsUser to 0.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-017",
    title: "Pod or container sets runAsUser to 0",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["restricted/running-as-non-root-user"]),
        ("cis-k8s", &["5.2.7"]),
        ("nist-800-53", &["AC-6", "CM-7"]),
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
        what: "Checks that `securityContext.runAsUser` is never 0, on the pod or on any container. Pod Security Standards restricted control \"Running as Non-root user\".",
        why: "UID 0 is root: every file-permission check passes and escape paths open up.",
        fix: "Set `runAsUser` to a non-zero UID (10000 or above avoids clashes with host users) or remove it and use a non-root image.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 0\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    runAsUser: 10001\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    forbid_sc_value(cx, out, "runAsUser", |n| match n.as_i64() {
        Some(0) => Some("runAsUser is 0 (root)".to_string()),
        _ => None,
    });
}
