//! PAL-K8S-019: Container does not drop ALL capabilities.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-019",
    title: "Container does not drop ALL capabilities",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["restricted/capabilities"]),
        ("cis-k8s", &["5.2.10"]),
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
        what: "Checks that every container lists `ALL` in `securityContext.capabilities.drop`. Pod Security Standards restricted control \"Capabilities\".",
        why: "Containers start with a default set of Linux capabilities (NET_RAW, CHOWN, SETUID...) that most applications never need and attackers routinely use.",
        fix: "Add `capabilities: {drop: [\"ALL\"]}` and add back only NET_BIND_SERVICE if needed.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"NET_RAW\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"ALL\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in containers(cx) {
        let f = strings(
            c.get("securityContext.capabilities.drop"),
            &c.sc_span(),
            "capabilities.drop",
        );
        out.judge(
            w.obj.id,
            &c.attr("securityContext.capabilities.drop"),
            &f,
            false,
            |v| v.iter().any(|x| x.eq_ignore_ascii_case("ALL")),
            format!("{}: capabilities.drop does not include ALL", who(w, c)),
        );
    }
}
