//! PAL-K8S-038: Container runs with a low UID that may collide with host users.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-038",
    title: "Container runs with a low UID that may collide with host users",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.2.7"]),
        ("nist-800-53", &["AC-6"]),
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
        what: "Checks that a `runAsUser` that applies to a container (its own or the pod's) is 10000 or more when it is non-zero.",
        why: "Low UIDs overlap with system and human users of the node; if the container escapes, it does so as one of them.",
        fix: "Use a UID of 10000 or above.",
        refs: &["https://kubernetes.io/docs/tasks/configure-pod-container/security-context/"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 1000\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsUser: 10001\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let f = w.effective_int(c, "runAsUser");
        if f.is_absent() {
            continue;
        }
        out.judge(
            w.obj.id,
            &c.attr("securityContext.runAsUser"),
            &f,
            true,
            |u| *u == 0 || *u >= 10000,
            format!(
                "{}: runs with low UID {}",
                who(w, c),
                f.known().copied().unwrap_or(0)
            ),
        );
    }
}
