//! PAL-K8S-065: Secret manifest contains its data.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-065",
    title: "Secret manifest contains its data",
    severity: Severity::High,
    category: Category::Secrets,
    frameworks: &[
        ("cis-k8s", &["5.4.2"]),
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["8.3.2", "8.6.2"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &["Secret"],
    docs: Docs {
        what: "Checks that Secret objects in the scanned files carry no `data` or `stringData` values.",
        why: "A Secret committed with its values puts them in version control (base64 is an encoding, not encryption), visible to everyone with repository access and kept forever in history.",
        fix: "Keep secret values out of the repository: use an external secret manager (External Secrets, Secrets Store CSI driver) or encrypted manifests (Sealed Secrets, SOPS).",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
            "https://kubernetes.io/docs/concepts/configuration/secret/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\ntype: Opaque\nstringData:\n  password: hunter2\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sa-token\n  namespace: shop\n  annotations:\n    kubernetes.io/service-account.name: web\ntype: kubernetes.io/service-account-token\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for s in &cx.views.k8s.secrets {
        let r = cx.model.get(s.id);
        for field in ["data", "stringData"] {
            match r.attr(field) {
                Lookup::Known(n)
                    if n.as_map().is_some_and(|m| {
                        m.values()
                            .any(|v| v.as_str().is_some_and(|x| !x.is_empty()))
                    }) =>
                {
                    let span = n.span.clone().unwrap_or_else(|| r.span.clone());
                    out.fail(
                        s.id,
                        span,
                        field,
                        format!("Secret {} has its values in the manifest", s.name),
                    );
                }
                Lookup::Unknown(n, u) => {
                    let span = n.span.clone().unwrap_or_else(|| r.span.clone());
                    out.unknown(
                        s.id,
                        span,
                        field,
                        u.reason.to_string(),
                        format!("cannot tell whether Secret {} has values", s.name),
                    );
                }
                _ => {}
            }
        }
    }
}
