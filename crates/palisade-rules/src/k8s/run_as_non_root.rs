//! PAL-K8S-016: Container may run as root (runAsNonRoot not true).

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-016",
    title: "Container may run as root (runAsNonRoot not true)",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["restricted/running-as-non-root"]),
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
        what: "Checks that `runAsNonRoot: true` applies to every container, set on the container or inherited from the pod's `securityContext`. Pod Security Standards restricted control \"Running as Non-root\".",
        why: "A container running as UID 0 is root in its namespace; combined with any other weakness (a writable hostPath, a kernel bug, a capability) it becomes root on the node.",
        fix: "Set `securityContext.runAsNonRoot: true` at the pod level (and a non-zero `runAsUser`), and build images with a non-root USER.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: app\n      image: nginx:1.27\n",
            },
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        runAsNonRoot: true\n",
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let f = w.effective_bool(c, "runAsNonRoot");
        out.judge(
            w.obj.id,
            &c.attr("securityContext.runAsNonRoot"),
            &f,
            false,
            |v| *v,
            format!("{}: runAsNonRoot is not true", who(w, c)),
        );
    }
}
