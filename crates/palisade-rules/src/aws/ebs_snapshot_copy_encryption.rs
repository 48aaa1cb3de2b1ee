//! PAL-EC2-010: EBS snapshot copy is not encrypted.

use super::common::ebs_default_scopes;
use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_model::{Model, ResourceId};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-EC2-010",
    title: "EBS snapshot copy is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_ebs_snapshot_copy"],
    docs: Docs {
        what: "Checks `aws_ebs_snapshot_copy` for `encrypted = true`, unless EBS encryption by default is enabled or the source snapshot is of a volume declared encrypted. (`aws_ebs_snapshot` takes the encryption of its volume, which PAL-EC2-003 checks; CloudFormation has no snapshot resource.)",
        why: "A snapshot holds the whole disk; an unencrypted copy, often made to another region or to share, leaves the data readable to anyone who gets hold of it.",
        fix: "Set `encrypted = true` (and `kms_key_id` for a customer-managed key), or enable `aws_ebs_encryption_by_default`.",
        refs: &["https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html"],
        failing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ebs_snapshot_copy" "dr" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
}
"#,
        }],
        passing: &[Example {
            lang: Lang::Terraform,
            code: r#"resource "aws_ebs_snapshot_copy" "dr" {
  source_snapshot_id = "snap-0123456789abcdef0"
  source_region      = "eu-west-1"
  encrypted          = true
}
"#,
        }],
    },
    check,
};

/// Whether the copy's source is a snapshot of a volume declared encrypted.
fn source_encrypted(model: &Model, id: ResourceId) -> bool {
    let to = |from: ResourceId, path: &'static str, rtype: &'static str| {
        model
            .refs_from(from)
            .filter(move |e| e.path == path && model.get(e.to).rtype == rtype)
            .map(|e| e.to)
            .collect::<Vec<_>>()
    };
    to(id, "source_snapshot_id", "aws_ebs_snapshot")
        .into_iter()
        .flat_map(|s| to(s, "volume_id", "aws_ebs_volume"))
        .any(|v| {
            model
                .get(v)
                .attr("encrypted")
                .known()
                .and_then(|n| n.as_bool())
                == Some(true)
        })
}

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    let by_default = ebs_default_scopes(cx);
    for (id, r) in cx.model.of_type("aws_ebs_snapshot_copy") {
        let mut f = Tri::bool(r.attr("encrypted"), &r.span, "encrypted");
        if !matches!(f, Tri::Known(true, _)) && source_encrypted(cx.model, id) {
            f = Tri::Known(true, r.span.clone());
        }
        out.judge(
            id,
            "encrypted",
            &f,
            by_default.contains(&r.scope),
            |v| *v,
            "the EBS snapshot copy is not encrypted",
        );
    }
}
