//! PAL-SC-001: Container image is not pinned by digest.

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
    id: "PAL-SC-001",
    title: "Container image is not pinned by digest",
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
        what: "Checks that every container image of a Kubernetes workload is referenced by digest (`image@sha256:...`).",
        why: "Tags are mutable: whoever controls the registry (or a compromised CI) can move a tag to different code, and nodes pull whatever it points to at the time. A digest names exactly the image that was reviewed.",
        fix: "Reference images as `registry/repo@sha256:<digest>` (tools such as Renovate or `crane digest` keep digests current).",
        refs: &[
            "https://kubernetes.io/docs/concepts/containers/images/#image-names",
            "https://slsa.dev/spec/v1.0/requirements",
        ],
        failing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        }],
        passing: &[Example {
            lang: Lang::Kubernetes,
            code: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: app\n      image: nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\n",
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
            |i| Image::parse(i).digest.is_some(),
            format!(
                "container {:?} of {} {}: image is not pinned by digest",
                c.name, w.obj.kind, w.obj.name
            ),
        );
    }
}
