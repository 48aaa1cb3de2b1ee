//! PAL-K8S-043: Service is of type NodePort.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-043",
    title: "Service is of type NodePort",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("cis-k8s", &["5.7.1"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("soc2", &["CC6.6"]),
        ("pci-dss", &["1.3.1", "1.4.1"]),
    ],
    resource_types: &["Service"],
    docs: Docs {
        what: "Checks that Services are not of type `NodePort`.",
        why: "A NodePort Service opens the port on every node of the cluster, bypassing the ingress layer and often any firewall scoped to it.",
        fix: "Use a ClusterIP Service behind an Ingress or Gateway; if it must be exposed, restrict `loadBalancerSourceRanges` and use an internal load balancer.",
        refs: &[
            "https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: NodePort\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n",
        }],
        passing: &[
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  type: ClusterIP\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n",
            },
            Example {
                lang: Lang::Kubernetes,
                code: "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 8080\n",
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for s in &cx.views.k8s.services {
        out.judge(
            s.obj.id,
            "spec.type",
            &s.service_type,
            true,
            |t| t != "NodePort",
            format!("Service {} is of type NodePort", s.obj.name),
        );
    }
}
