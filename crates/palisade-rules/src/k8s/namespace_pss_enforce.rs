//! PAL-K8S-064: Namespace does not enforce a Pod Security Standard.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-064",
    title: "Namespace does not enforce a Pod Security Standard",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.2.1"]),
        ("nist-800-53", &["CM-7", "CM-6"]),
        ("soc2", &["CC6.8"]),
        ("pci-dss", &["2.2.1"]),
    ],
    resource_types: &["Namespace"],
    docs: Docs {
        what: "Checks that Namespace objects carry the label `pod-security.kubernetes.io/enforce` with `baseline` or `restricted`.",
        why: "Pod Security Admission only rejects non-compliant pods in namespaces that opt in; without the label (or with `privileged`) nothing stops a privileged pod.",
        fix: "Label the namespace `pod-security.kubernetes.io/enforce: restricted` (or `baseline`).",
        refs: &["https://kubernetes.io/docs/concepts/security/pod-security-admission/"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for n in &cx.views.k8s.namespaces {
        match n
            .labels
            .iter()
            .find(|(k, _)| k == "pod-security.kubernetes.io/enforce")
        {
            Some((_, v)) if v == "baseline" || v == "restricted" => {
                out.pass(n.obj.id, n.labels_span.clone(), "metadata.labels");
            }
            Some((_, v)) => {
                out.fail(
                    n.obj.id,
                    n.labels_span.clone(),
                    "metadata.labels",
                    format!("namespace {} enforces the {v:?} level", n.obj.name),
                );
            }
            None => {
                out.fail(
                    n.obj.id,
                    n.labels_span.clone(),
                    "metadata.labels",
                    format!("namespace {} has no pod-security enforce label", n.obj.name),
                );
            }
        }
    }
}
