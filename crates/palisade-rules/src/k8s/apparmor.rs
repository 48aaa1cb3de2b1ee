//! PAL-K8S-008: Pod or container disables AppArmor.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-K8S-008",
    title: "Pod or container disables AppArmor",
    severity: Severity::Medium,
    category: Category::Kubernetes,
    frameworks: &[
        ("pss", &["baseline/apparmor"]),
        ("cis-k8s", &["5.7.3"]),
        ("nist-800-53", &["CM-7", "SC-39"]),
        ("soc2", &["CC6.8"]),
        ("pci-dss", &["2.2.1"]),
    ],
    resource_types: &[
        "Pod",
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "ReplicaSet",
        "Job",
        "CronJob",
        "ReplicationController",
    ],
    docs: Docs {
        what: "Checks `securityContext.appArmorProfile.type` on the pod and its containers (only `RuntimeDefault` or `Localhost`, or unset) and the legacy `container.apparmor.security.beta.kubernetes.io/*` annotations (only `runtime/default` or `localhost/*`). Pod Security Standards baseline control \"AppArmor\".",
        why: "`Unconfined` removes the mandatory access control profile that limits what a container process may do, widening the impact of a compromise.",
        fix: "Remove the override or set `appArmorProfile.type: RuntimeDefault` (or a `Localhost` profile).",
        refs: &[
            "https://kubernetes.io/docs/concepts/security/pod-security-standards/",
            "https://kubernetes.io/docs/tutorials/security/apparmor/",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    forbid_sc_value(cx, out, "appArmorProfile.type", |n| match n.as_str() {
        Some("RuntimeDefault") | Some("Localhost") => None,
        Some(other) => Some(format!(
            "AppArmor profile type {other:?} (only RuntimeDefault or Localhost are allowed)"
        )),
        None => Some("AppArmor profile type is not a string".to_string()),
    });
    for w in &cx.views.k8s.workloads {
        for (k, v, span) in &w.annotations {
            if let Some(cname) = k.strip_prefix("container.apparmor.security.beta.kubernetes.io/") {
                let attr = format!("annotations.{k}");
                if v == "runtime/default" || v.starts_with("localhost/") {
                    out.pass(w.obj.id, span.clone(), &attr);
                } else {
                    out.fail(
                        w.obj.id,
                        span.clone(),
                        &attr,
                        format!(
                            "{}: container {cname:?} has AppArmor profile {v:?}",
                            what(w)
                        ),
                    );
                }
            }
        }
    }
}
