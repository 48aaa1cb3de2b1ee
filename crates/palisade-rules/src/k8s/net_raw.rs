//! PAL-K8S-022: Container does not drop the NET_RAW capability.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-022",
    title: "Container does not drop the NET_RAW capability",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.2.8"]),
        ("nist-800-53", &["CM-7", "SC-7"]),
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
        what: "Checks that every container drops `NET_RAW` (or `ALL`) in `securityContext.capabilities.drop`.",
        why: "NET_RAW is in the runtime's default set and lets a process craft raw packets: ARP and DNS spoofing of other pods on the node.",
        fix: "Add `NET_RAW` (better: `ALL`) to `capabilities.drop`.",
        refs: &[
            "https://www.cisecurity.org/benchmark/kubernetes",
            "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        capabilities:\n          drop: [\"NET_RAW\"]\n",
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
            |v| {
                v.iter().any(|x| {
                    let x = x.trim_start_matches("CAP_");
                    x.eq_ignore_ascii_case("NET_RAW") || x.eq_ignore_ascii_case("ALL")
                })
            },
            format!("{}: NET_RAW is not dropped", who(w, c)),
        );
    }
}
