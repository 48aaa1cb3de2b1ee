//! PAL-K8S-051: Role can read Secrets.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-051",
    title: "Role can read Secrets",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.2"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["Role", "ClusterRole"],
    docs: Docs {
        what: "Checks that no Role or ClusterRole grants `get`, `list` or `watch` (or `*`) on `secrets` in the core API group.",
        why: "Reading Secrets yields service account tokens and credentials of every application in scope; `list` and `watch` return their contents too.",
        fix: "Remove the grant, or restrict it with `resourceNames` to the specific Secrets needed.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"secrets\"]\n    verbs: [\"get\", \"list\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"configmaps\"]\n    verbs: [\"get\", \"list\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for role in &cx.views.k8s.roles {
        for r in &role.rules {
            let attr = format!("rules.{}", r.index);
            if r.has_group("")
                && r.has_resource("secrets")
                && (r.has_verb("get") || r.has_verb("list") || r.has_verb("watch"))
                && r.resource_names.is_empty()
            {
                out.fail(
                    role.obj.id,
                    r.verbs_span.clone(),
                    &attr,
                    format!("{} {}: can read Secrets", role.obj.kind, role.obj.name),
                );
            } else {
                out.pass(role.obj.id, r.span.clone(), &attr);
            }
        }
    }
}
