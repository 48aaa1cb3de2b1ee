//! PAL-K8S-057: Role can modify admission webhook configurations.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-057",
    title: "Role can modify admission webhook configurations",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.12"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["Role", "ClusterRole"],
    docs: Docs {
        what: "Checks that no Role or ClusterRole grants `create`, `update`, `patch` or `delete` on validating or mutating webhook configurations.",
        why: "Admission webhooks see (and mutating ones may change) every object sent to the API; controlling them means reading Secrets in flight, injecting containers, or disabling policy enforcement.",
        fix: "Reserve webhook management to cluster administrators.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"admissionregistration.k8s.io\"]\n    resources: [\"mutatingwebhookconfigurations\"]\n    verbs: [\"create\", \"patch\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"admissionregistration.k8s.io\"]\n    resources: [\"mutatingwebhookconfigurations\"]\n    verbs: [\"get\", \"list\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for role in &cx.views.k8s.roles {
        for r in &role.rules {
            let attr = format!("rules.{}", r.index);
            if (r.has_resource("validatingwebhookconfigurations")
                || r.has_resource("mutatingwebhookconfigurations"))
                && ["create", "update", "patch", "delete"]
                    .iter()
                    .any(|v| r.has_verb(v))
            {
                out.fail(
                    role.obj.id,
                    r.verbs_span.clone(),
                    &attr,
                    format!(
                        "{} {}: can modify admission webhooks",
                        role.obj.kind, role.obj.name
                    ),
                );
            } else {
                out.pass(role.obj.id, r.span.clone(), &attr);
            }
        }
    }
}
