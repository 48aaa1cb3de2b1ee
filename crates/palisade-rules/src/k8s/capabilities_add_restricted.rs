//! PAL-K8S-020: Container adds a capability other than NET_BIND_SERVICE.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-020",
    title: "Container adds a capability other than NET_BIND_SERVICE",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["restricted/capabilities"]),
        ("cis-k8s", &["5.2.9"]),
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
        what: "Checks that `securityContext.capabilities.add` lists nothing but `NET_BIND_SERVICE`. Pod Security Standards restricted control \"Capabilities\".",
        why: "The restricted profile allows a container to add back only the capability to bind ports below 1024; any other capability widens the kernel attack surface.",
        fix: "Remove every capability but NET_BIND_SERVICE from `capabilities.add`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"CHOWN\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n          add: [\"NET_BIND_SERVICE\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let f = strings(
            c.get("securityContext.capabilities.add"),
            &c.sc_span(),
            "capabilities.add",
        );
        out.judge(
            w.obj.id,
            &c.attr("securityContext.capabilities.add"),
            &f,
            true,
            |v| {
                v.iter().all(|x| {
                    x.trim_start_matches("CAP_")
                        .eq_ignore_ascii_case("NET_BIND_SERVICE")
                })
            },
            format!(
                "{}: adds capabilities other than NET_BIND_SERVICE",
                who(w, c)
            ),
        );
    }
}
