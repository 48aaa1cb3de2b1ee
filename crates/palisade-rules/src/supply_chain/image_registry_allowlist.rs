//! PAL-SC-003: Image comes from a registry outside the allow-list.

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
    id: "PAL-SC-003",
    title: "Image comes from a registry outside the allow-list",
    severity: Severity::High,
    category: Category::SupplyChain,
    frameworks: &[
        (
            "nist-800-53",
            &["SR-3", "SR-4", "SR-11", "CM-2", "SR-5", "CM-7"],
        ),
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
        "Dockerfile",
    ],
    docs: Docs {
        what: "When `allowed_registries` is set in `palisade.toml`, checks that every Kubernetes container image and every Dockerfile `FROM` image comes from one of those registries (an entry may be a host, `ghcr.io`, or a host and path prefix, `ghcr.io/acme`; images without a registry come from `docker.io`). With no allow-list the rule is inactive. The examples assume `allowed_registries = [\"registry.example.com\"]`.",
        why: "Images from arbitrary registries bypass the organisation's scanning, signing and provenance controls; typo-squatted public images are a known delivery vector for malware.",
        fix: "Mirror the image into an approved registry and reference it there, or add the registry to the allow-list after review.",
        refs: &[
            "https://kubernetes.io/docs/concepts/containers/images/",
            "https://slsa.dev/spec/v1.0/threats",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: docker.io/someone/tool:1.0\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: registry.example.com/team/app:1.0\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    let allowed = &cx.settings.allowed_registries;
    if allowed.is_empty() {
        return;
    }
    for (w, c) in palisade_k8s_containers(cx) {
        let f = c.image();
        out.judge(
            w.obj.id,
            &c.attr("image"),
            &f,
            false,
            |i| registry_allowed(&Image::parse(i), allowed),
            format!(
                "container {:?} of {} {}: image registry is not allowed",
                c.name, w.obj.kind, w.obj.name
            ),
        );
    }
    for (id, _, stages) in dockerfiles(cx) {
        for s in stages.iter().filter(|s| !s.is_internal()) {
            let f = Tri::string(s.from.get("image"), &s.from_span, "FROM image");
            out.judge(
                id,
                &format!("stages.{}.from", s.index),
                &f,
                false,
                |i| registry_allowed(&Image::parse(i), allowed),
                "FROM image comes from a registry outside the allow-list",
            );
        }
    }
}
