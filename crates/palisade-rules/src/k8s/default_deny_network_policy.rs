//! PAL-K8S-046: Namespace has no default-deny ingress NetworkPolicy.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-046",
    title: "Namespace has no default-deny ingress NetworkPolicy",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("cis-k8s", &["5.3.2"]),
        ("nist-800-53", &["SC-7", "AC-4"]),
        ("soc2", &["CC6.6"]),
        ("pci-dss", &["1.2.1", "1.3.1"]),
    ],
    resource_types: &[
        "Namespace",
        "NetworkPolicy",
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
        what: "A cross-document check: every namespace that has workloads, or a Namespace object, in the scanned manifests must also have a NetworkPolicy that selects all pods (`podSelector: {}`), has policy type `Ingress` and allows nothing.",
        why: "Pods accept traffic from every pod of the cluster until some policy selects them; a default deny makes every allowed flow explicit and contains lateral movement.",
        fix: "Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]` (and Egress) to each namespace, then allow the flows each workload needs.",
        refs: &[
            "https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes:\n    - Ingress\n    - Egress\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    let k = &cx.views.k8s;
    // Namespace -> where to report it (the Namespace object, else its first workload).
    let mut seen: Vec<(
        String,
        palisade_model::ResourceId,
        palisade_model::Span,
        String,
    )> = Vec::new();
    for n in &k.namespaces {
        if !seen.iter().any(|s| s.0 == n.obj.name) {
            seen.push((
                n.obj.name.clone(),
                n.obj.id,
                n.obj.span.clone(),
                "metadata.name".into(),
            ));
        }
    }
    for w in &k.workloads {
        let ns = &w.obj.effective_namespace;
        if !seen.iter().any(|s| &s.0 == ns) {
            seen.push((
                ns.clone(),
                w.obj.id,
                w.obj.span.clone(),
                "metadata.namespace".into(),
            ));
        }
    }
    for (ns, id, span, attr) in seen {
        let attr = format!("{attr}:{ns}");
        if k.policies_in(&ns).any(|p| p.default_deny_ingress) {
            out.pass(id, span, &attr);
        } else if k.policies_in(&ns).any(|p| p.selects_all_pods.is_unknown()) {
            out.unknown(
                id,
                span,
                &attr,
                "a NetworkPolicy's podSelector is unknown",
                format!("cannot tell whether namespace {ns} has a default-deny policy"),
            );
        } else {
            out.fail(
                id,
                span,
                &attr,
                format!("namespace {ns} has no default-deny ingress NetworkPolicy"),
            );
        }
    }
}
