//! PAL-SC-002: Container image uses the latest tag or no tag.

#[allow(unused_imports)]
use super::helpers::*;
#[allow(unused_imports)]
use super::palisade_k8s_containers;
#[allow(unused_imports)]
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
#[allow(unused_imports)]
use palisade_model::{Lookup, Node};
#[allow(unused_imports)]
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-SC-002",
    title: "Container image uses the latest tag or no tag",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
        ("cis-k8s", &["5.5.1"]),
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
        what: "Checks that container images of Kubernetes workloads name an explicit tag other than `latest` (or a digest).",
        why: "`latest` (which an untagged image means) changes under your feet: rollbacks do not roll back, and two pods of one Deployment may run different code.",
        fix: "Use an immutable version tag, better a digest.",
        refs: &["https://kubernetes.io/docs/concepts/configuration/overview/#container-images"],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27.3\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (w, c) in palisade_k8s_containers(cx) {
        let f = c.image();
        out.judge(
            w.obj.id,
            &c.attr("image"),
            &f,
            false,
            |i| {
                let i = Image::parse(i);
                i.digest.is_some() || i.tag.as_deref().is_some_and(|t| t != "latest")
            },
            format!(
                "container {:?} of {} {}: image uses the latest tag",
                c.name, w.obj.kind, w.obj.name
            ),
        );
    }
}
