//! PAL-K8S-018: Container has no RuntimeDefault or Localhost seccomp profile.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-018",
    title: "Container has no RuntimeDefault or Localhost seccomp profile",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["restricted/seccomp"]),
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
        what: "Checks that every container runs under a seccomp profile of type `RuntimeDefault` or `Localhost`, set on the container or inherited from the pod. Pod Security Standards restricted control \"Seccomp\" (it must be set explicitly).",
        why: "Without a seccomp profile the container may call every system call; the runtime's default profile blocks the dangerous ones at almost no cost.",
        fix: "Set `spec.securityContext.seccompProfile.type: RuntimeDefault`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tutorials/security/seccomp/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: nginx:1.27\n",
            },
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        seccompProfile:\n          type: Localhost\n          localhostProfile: profiles/app.json\n",
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let f = w.effective_string(c, "seccompProfile.type");
        out.judge(
            w.obj.id,
            &c.attr("securityContext.seccompProfile.type"),
            &f,
            false,
            |v| v == "RuntimeDefault" || v == "Localhost",
            format!(
                "{}: no RuntimeDefault or Localhost seccomp profile",
                who(w, c)
            ),
        );
    }
}
