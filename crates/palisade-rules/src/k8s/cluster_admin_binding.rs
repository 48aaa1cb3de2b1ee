//! PAL-K8S-050: Binding grants the cluster-admin role.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-050",
    title: "Binding grants the cluster-admin role",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.1"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["RoleBinding", "ClusterRoleBinding"],
    docs: Docs {
        what: "Checks that no RoleBinding or ClusterRoleBinding refers to the `cluster-admin` ClusterRole.",
        why: "cluster-admin is unrestricted superuser access; a compromised subject holding it owns the cluster (or the whole namespace, for a RoleBinding).",
        fix: "Bind a role with only the permissions the subject needs.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-admin\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ci-view\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: ci\n    namespace: ci\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.k8s.bindings {
        out.judge(
            b.obj.id,
            "roleRef.name",
            &b.role_name,
            true,
            |n| n != "cluster-admin",
            format!("{} {} grants cluster-admin", b.obj.kind, b.obj.name),
        );
    }
}
