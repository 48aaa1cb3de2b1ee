//! PAL-K8S-054: Role grants the impersonate verb.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-054",
    title: "Role grants the impersonate verb",
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
        what: "Checks that no Role or ClusterRole grants `impersonate` (explicitly or through `*`) on users, groups, service accounts or user extras.",
        why: "Impersonation lets a subject act as any user or group, such as `system:masters`.",
        fix: "Remove the grant or limit it with `resourceNames`.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"users\", \"groups\"]\n    verbs: [\"impersonate\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"\"]\n    resources: [\"users\"]\n    verbs: [\"get\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for role in &cx.views.k8s.roles {
        for r in &role.rules {
            let attr = format!("rules.{}", r.index);
            if r.has_verb("impersonate")
                && r.resource_names.is_empty()
                && (r.has_resource("users")
                    || r.has_resource("groups")
                    || r.has_resource("serviceaccounts")
                    || r.has_resource("userextras/*")
                    || r.has_resource("uids"))
            {
                out.fail(
                    role.obj.id,
                    r.verbs_span.clone(),
                    &attr,
                    format!(
                        "{} {}: can impersonate users, groups or service accounts",
                        role.obj.kind, role.obj.name
                    ),
                );
            } else {
                out.pass(role.obj.id, r.span.clone(), &attr);
            }
        }
    }
}
