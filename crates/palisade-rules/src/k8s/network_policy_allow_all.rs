//! PAL-K8S-047: NetworkPolicy allows ingress from everywhere.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-047",
    title: "NetworkPolicy allows ingress from everywhere",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("cis-k8s", &["5.3.2"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("soc2", &["CC6.6"]),
        ("pci-dss", &["1.3.1"]),
    ],
    resource_types: &["NetworkPolicy"],
    docs: Docs {
        what: "Checks that no ingress rule of a NetworkPolicy is empty or has an empty `from` peer, which admits traffic from every source.",
        why: "An allow-all rule silently cancels the default deny for the pods it selects.",
        fix: "List the allowed sources (`podSelector`, `namespaceSelector`, `ipBlock`) in every ingress rule.",
        refs: &[
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n    - {}\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: frontend\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for p in &cx.views.k8s.network_policies {
        for (i, span) in p.allow_all_ingress.iter().enumerate() {
            out.fail(
                p.obj.id,
                span.clone(),
                &format!("spec.ingress.{i}"),
                format!(
                    "NetworkPolicy {} allows ingress from everywhere",
                    p.obj.name
                ),
            );
        }
    }
}
