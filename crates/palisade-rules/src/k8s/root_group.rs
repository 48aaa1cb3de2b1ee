//! PAL-K8S-037: Pod or container runs with the root group.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-037",
    title: "Pod or container runs with the root group",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
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
        what: "Checks that `runAsGroup` and `fsGroup` are never 0 on the pod, and `runAsGroup` is never 0 on a container.",
        why: "GID 0 gives access to every file that is group-owned by root in the image and on mounted volumes.",
        fix: "Set `runAsGroup` and `fsGroup` to a non-zero GID.",
        refs: &["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 0\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    runAsUser: 10001\n    runAsGroup: 10001\n    fsGroup: 10001\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    forbid_sc_value(cx, out, "runAsGroup", |n| match n.as_i64() {
        Some(0) => Some("runAsGroup is 0 (root group)".to_string()),
        _ => None,
    });
    for w in &cx.views.k8s.workloads {
        let f = w.int("securityContext.fsGroup");
        out.judge(
            w.obj.id,
            &w.attr("securityContext.fsGroup"),
            &f,
            true,
            |g| *g != 0,
            format!("{}: fsGroup is 0 (root group)", what(w)),
        );
    }
}
