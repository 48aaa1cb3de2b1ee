//! PAL-K8S-063: Binding grants a role to a default service account.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-063",
    title: "Binding grants a role to a default service account",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.5"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["RoleBinding", "ClusterRoleBinding"],
    docs: Docs {
        what: "Checks that no RoleBinding or ClusterRoleBinding names a ServiceAccount called `default`.",
        why: "Every pod without an explicit service account runs as `default`; granting it permissions hands them to all those pods.",
        fix: "Create a dedicated ServiceAccount for the workload that needs the permissions and bind that.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: grant\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: default\n    namespace: shop\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: grant\n  namespace: shop\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: ServiceAccount\n    name: web\n    namespace: shop\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.k8s.bindings {
        for (i, s) in b.subjects.iter().enumerate() {
            let attr = format!("subjects.{i}");
            if s.kind == "ServiceAccount" && s.name == "default" {
                out.fail(
                    b.obj.id,
                    s.span.clone(),
                    &attr,
                    format!(
                        "{} {}: grants a role to the default service account ({})",
                        b.obj.kind, b.obj.name, s.name
                    ),
                );
            } else {
                out.pass(b.obj.id, s.span.clone(), &attr);
            }
        }
    }
}
