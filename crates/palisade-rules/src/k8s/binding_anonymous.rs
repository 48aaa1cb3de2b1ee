//! PAL-K8S-062: Binding grants a role to anonymous or unauthenticated users.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-062",
    title: "Binding grants a role to anonymous or unauthenticated users",
    severity: Severity::Critical,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.1"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["RoleBinding", "ClusterRoleBinding"],
    docs: Docs {
        what: "Checks that no RoleBinding or ClusterRoleBinding names `system:anonymous`, `system:unauthenticated` or (for roles beyond discovery) `system:authenticated`.",
        why: "Such a binding gives the role to everyone who can reach the API server (or everyone with any identity at all).",
        fix: "Bind the role to specific users, groups or service accounts.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: grant\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: system:unauthenticated\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: grant\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: developers\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.k8s.bindings {
        for (i, s) in b.subjects.iter().enumerate() {
            let attr = format!("subjects.{i}");
            if s.name == "system:anonymous"
                || s.name == "system:unauthenticated"
                || s.name == "system:authenticated"
            {
                out.fail(
                    b.obj.id,
                    s.span.clone(),
                    &attr,
                    format!("{} {}: grants a role to {}", b.obj.kind, b.obj.name, s.name),
                );
            } else {
                out.pass(b.obj.id, s.span.clone(), &attr);
            }
        }
    }
}
