//! PAL-K8S-045: Ingress does not terminate TLS.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-045",
    title: "Ingress does not terminate TLS",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("nist-800-53", &["SC-8", "SC-13"]),
        ("soc2", &["CC6.7"]),
        ("pci-dss", &["4.2.1"]),
        ("hipaa", &["164.312(e)(1)"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &["Ingress"],
    docs: Docs {
        what: "Checks that every Ingress declares `spec.tls`.",
        why: "Without TLS the ingress serves plain HTTP: credentials, cookies and data cross the network readable and modifiable.",
        fix: "Add a `tls` section with the hosts and a certificate Secret (e.g. issued by cert-manager).",
        refs: &["https://kubernetes.io/docs/concepts/services-networking/ingress/#tls"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  tls:\n    - hosts: [\"shop.example.com\"]\n      secretName: shop-tls\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for i in &cx.views.k8s.ingresses {
        out.judge(
            i.obj.id,
            "spec.tls",
            &i.tls,
            false,
            |t| *t,
            format!("Ingress {} has no TLS", i.obj.name),
        );
    }
}
