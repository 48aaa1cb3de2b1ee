//! PAL-K8S-011: Pod or container runs with seccomp Unconfined.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-011",
    title: "Pod or container runs with seccomp Unconfined",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/seccomp"]),
        ("cis-k8s", &["5.7.2"]),
        ("nist-800-53", &["CM-7", "SC-39"]),
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
        what: "Checks that `securityContext.seccompProfile.type` of the pod and of every container is not `Unconfined`. Pod Security Standards baseline control \"Seccomp\".",
        why: "Without a seccomp filter a container can call every system call of the kernel, including the rarely used ones behind most kernel privilege-escalation exploits.",
        fix: "Set `seccompProfile.type: RuntimeDefault` (or `Localhost` with a profile) instead of `Unconfined`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tutorials/security/seccomp/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        seccompProfile:\n          type: Unconfined\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    forbid_sc_value(cx, out, "seccompProfile.type", |n| match n.as_str() {
        Some("Unconfined") => Some("seccomp profile is Unconfined".to_string()),
        _ => None,
    });
}
