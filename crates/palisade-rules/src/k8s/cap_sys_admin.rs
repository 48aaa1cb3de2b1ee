//! PAL-K8S-021: Container adds the SYS_ADMIN capability.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-021",
    title: "Container adds the SYS_ADMIN capability",
    severity: Severity::Critical,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/capabilities"]),
        ("cis-k8s", &["5.2.9"]),
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
        what: "Checks that no container adds `SYS_ADMIN` (or `ALL`) in `securityContext.capabilities.add`.",
        why: "CAP_SYS_ADMIN is close to full root: it allows mounting filesystems, namespace manipulation and many well-known container escapes.",
        fix: "Remove SYS_ADMIN; use a narrower capability or a privileged helper outside the cluster.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://man7.org/linux/man-pages/man7/capabilities.7.html",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: [\"SYS_ADMIN\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          add: [\"NET_BIND_SERVICE\"]\n",
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
                !v.iter().any(|x| {
                    let x = x.trim_start_matches("CAP_");
                    x.eq_ignore_ascii_case("SYS_ADMIN") || x.eq_ignore_ascii_case("ALL")
                })
            },
            format!("{}: adds SYS_ADMIN", who(w, c)),
        );
    }
}
