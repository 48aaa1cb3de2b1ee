//! PAL-K8S-044: Service sets externalIPs.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-044",
    title: "Service sets externalIPs",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("soc2", &["CC6.6"]),
        ("pci-dss", &["1.3.1"]),
    ],
    resource_types: &["Service"],
    docs: Docs {
        what: "Checks that Services do not set `spec.externalIPs`.",
        why: "externalIPs route traffic for arbitrary addresses to the Service; anyone who can create Services can intercept traffic to those IPs (CVE-2020-8554).",
        fix: "Remove `externalIPs`; use a LoadBalancer or Ingress and block the field with an admission policy.",
        refs: &[
            "https://kubernetes.io/docs/concepts/services-networking/service/#external-ips",
            "https://github.com/kubernetes/kubernetes/issues/97076",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  externalIPs:\n    - 203.0.113.10\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for s in &cx.views.k8s.services {
        if let Some((ip, span)) = s.external_ips.first() {
            out.fail(
                s.obj.id,
                span.clone(),
                "spec.externalIPs",
                format!("Service {} routes external IP {ip}", s.obj.name),
            );
        }
    }
}
