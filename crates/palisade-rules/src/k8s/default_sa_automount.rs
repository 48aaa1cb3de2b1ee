//! PAL-K8S-032: Default service account automounts its token.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-032",
    title: "Default service account automounts its token",
    severity: Severity::Low,
    category: Category::Kubernetes,
    frameworks: &[
        ("cis-k8s", &["5.1.5"]),
        ("nist-800-53", &["AC-6", "IA-5"]),
        ("soc2", &["CC6.1"]),
        ("pci-dss", &["7.2.1"]),
    ],
    resource_types: &["ServiceAccount"],
    docs: Docs {
        what: "Checks that a ServiceAccount named `default` sets `automountServiceAccountToken: false`.",
        why: "Every pod that does not name a service account runs as `default`; disabling its token automount keeps those pods off the API unless they opt in.",
        fix: "Set `automountServiceAccountToken: false` on the namespace's default ServiceAccount.",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: default\n  namespace: shop\nautomountServiceAccountToken: false\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for a in cx
        .views
        .k8s
        .service_accounts
        .iter()
        .filter(|a| a.obj.name == "default")
    {
        out.judge(
            a.obj.id,
            "automountServiceAccountToken",
            &a.automount_token,
            false,
            |v| !*v,
            format!(
                "default service account of namespace {} automounts its token",
                a.obj.effective_namespace
            ),
        );
    }
}
