//! PAL-K8S-061: Binding names the system:masters group.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-061",
    title: "Binding names the system:masters group",
    severity: Severity::High,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.7"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["RoleBinding", "ClusterRoleBinding"],
    docs: Docs {
        what: "Checks that no RoleBinding or ClusterRoleBinding has the `system:masters` group as a subject.",
        why: "Members of system:masters bypass RBAC entirely and cannot be restricted or have their access revoked by removing bindings.",
        fix: "Bind a dedicated group to a scoped role instead.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: grant\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: system:masters\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: grant\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n  - kind: Group\n    apiGroup: rbac.authorization.k8s.io\n    name: platform-team\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for b in &cx.views.k8s.bindings {
        for (i, s) in b.subjects.iter().enumerate() {
            let attr = format!("subjects.{i}");
            if s.kind == "Group" && s.name == "system:masters" {
                out.fail(
                    b.obj.id,
                    s.span.clone(),
                    &attr,
                    format!(
                        "{} {}: binds the system:masters group ({})",
                        b.obj.kind, b.obj.name, s.name
                    ),
                );
            } else {
                out.pass(b.obj.id, s.span.clone(), &attr);
            }
        }
    }
}
