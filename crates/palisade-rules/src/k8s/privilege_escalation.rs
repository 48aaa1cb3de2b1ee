//! PAL-K8S-015: Container allows privilege escalation.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-015",
    title: "Container allows privilege escalation",
    severity: Severity::High,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["restricted/privilege-escalation"]),
        ("cis-k8s", &["5.2.6"]),
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
        what: "Checks that every container sets `securityContext.allowPrivilegeEscalation: false`. Pod Security Standards restricted control \"Privilege Escalation\" (it must be set explicitly).",
        why: "Unless it is false, a process can gain more privileges than its parent through setuid binaries or file capabilities, turning a foothold into root in the container.",
        fix: "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          securityContext:\n            runAsNonRoot: true\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n          securityContext:\n            allowPrivilegeEscalation: false\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let f = c.bool("securityContext.allowPrivilegeEscalation");
        out.judge(
            w.obj.id,
            &c.attr("securityContext.allowPrivilegeEscalation"),
            &f,
            false,
            |v| !*v,
            format!(
                "{}: allowPrivilegeEscalation is not set to false",
                who(w, c)
            ),
        );
    }
}
