//! PAL-K8S-009: Pod or container sets a custom SELinux type, user or role.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-009",
    title: "Pod or container sets a custom SELinux type, user or role",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/selinux"]),
        ("cis-k8s", &["5.7.3"]),
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
        what: "Checks `securityContext.seLinuxOptions` on the pod and its containers: `type` may only be unset, `container_t`, `container_init_t`, `container_kvm_t` or `container_engine_t`; `user` and `role` must be unset. Pod Security Standards baseline control \"SELinux\".",
        why: "Custom SELinux types, users or roles can lift the container out of the confined domain the runtime assigns, e.g. `spc_t` runs unconfined.",
        fix: "Remove `seLinuxOptions.user`/`role` and use one of the allowed container types, or drop the override.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    seLinuxOptions:\n      type: spc_t\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    seLinuxOptions:\n      level: \"s0:c123,c456\"\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    forbid_sc_value(cx, out, "seLinuxOptions", |n| {
        let s = |k: &str| {
            n.get(k)
                .known()
                .and_then(Node::as_str)
                .unwrap_or("")
                .to_string()
        };
        let t = s("type");
        if ![
            "",
            "container_t",
            "container_init_t",
            "container_kvm_t",
            "container_engine_t",
        ]
        .contains(&t.as_str())
        {
            return Some(format!("SELinux type {t:?} is not allowed"));
        }
        if !s("user").is_empty() || !s("role").is_empty() {
            return Some("sets a custom SELinux user or role".to_string());
        }
        None
    });
}
