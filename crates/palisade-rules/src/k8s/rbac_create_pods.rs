//! PAL-K8S-055: Role can create pods or workloads.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-055",
    title: "Role can create pods or workloads",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("cis-k8s", &["5.1.4"]),
        ("nist-800-53", &["AC-6", "AC-3"]),
        ("soc2", &["CC6.1", "CC6.3"]),
        ("pci-dss", &["7.2.1", "7.2.2"]),
    ],
    resource_types: &["Role", "ClusterRole"],
    docs: Docs {
        what: "Checks that no Role or ClusterRole grants `create` (or `*`) on pods or workload controllers (deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs, replicationcontrollers).",
        why: "Whoever can create pods can run any image with any service account of the namespace and mount its Secrets: it is a path to every permission in that namespace.",
        fix: "Restrict workload creation to CI/CD identities and cluster operators.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/rbac-good-practices/",
            "https://kubernetes.io/docs/reference/access-authn-authz/rbac/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"create\", \"update\"]\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ops\nrules:\n  - apiGroups: [\"apps\"]\n    resources: [\"deployments\"]\n    verbs: [\"get\", \"list\"]\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for role in &cx.views.k8s.roles {
        for r in &role.rules {
            let attr = format!("rules.{}", r.index);
            if r.has_verb("create")
                && [
                    "pods",
                    "deployments",
                    "daemonsets",
                    "statefulsets",
                    "replicasets",
                    "jobs",
                    "cronjobs",
                    "replicationcontrollers",
                ]
                .iter()
                .any(|x| r.has_resource(x))
            {
                out.fail(
                    role.obj.id,
                    r.verbs_span.clone(),
                    &attr,
                    format!(
                        "{} {}: can create pods or workloads",
                        role.obj.kind, role.obj.name
                    ),
                );
            } else {
                out.pass(role.obj.id, r.span.clone(), &attr);
            }
        }
    }
}
