//! PAL-K8S-053: Role grants the escalate or bind verb on roles.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-053",
    title: "Role grants the escalate or bind verb on roles",
    severity: Severity::Critical,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.8"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["Role", "ClusterRole"],
    docs: Docs {
        what: "Checks that no Role or ClusterRole grants `escalate` or `bind` (explicitly or through `*`) on roles or clusterroles.",
        why: "`escalate` lets a subject edit roles to grant permissions it does not hold; `bind` lets it bind any role, including cluster-admin, to itself.",
        fix: "Remove these verbs; role management belongs to cluster administrators.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"rbac.authorization.k8s.io\"]\n    resources: [\"clusterroles\"]\n    verbs: [\"bind\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"rbac.authorization.k8s.io\"]\n    resources: [\"clusterroles\"]\n    verbs: [\"get\", \"list\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for role in &cx.views.k8s.roles {
        for r in &role.rules {
            let attr = format!("rules.{}", r.index);
            if r.has_group("rbac.authorization.k8s.io")
                && (r.has_resource("roles") || r.has_resource("clusterroles"))
                && (r.has_verb("escalate") || r.has_verb("bind"))
            {
                out.fail(
                    role.obj.id,
                    r.verbs_span.clone(),
                    &attr,
                    format!(
                        "{} {}: can escalate or bind roles",
                        role.obj.kind, role.obj.name
                    ),
                );
            } else {
                out.pass(role.obj.id, r.span.clone(), &attr);
            }
        }
    }
}
