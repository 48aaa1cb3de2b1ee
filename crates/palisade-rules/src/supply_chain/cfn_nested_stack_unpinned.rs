//! PAL-SC-018: CloudFormation nested stack template is not pinned to an object version.

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
    id: "PAL-SC-018",
    title: "CloudFormation nested stack template is not pinned to an object version",
    severity: Severity::Medium,
    category: Category::SupplyChain,
    frameworks: &[
        ("nist-800-53", &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7"]),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["AWS::CloudFormation::Stack"],
    docs: Docs {
        what: "Checks that a nested stack's remote `TemplateURL` names an immutable object: an S3 URL with `versionId=` (local paths packaged by `aws cloudformation package` are fine).",
        why: "An S3 key is mutable: whoever can write to the bucket changes the nested template, and the next stack update deploys it.",
        fix: "Enable versioning on the template bucket and reference `...?versionId=<id>`, or package templates with the stack.",
        refs: &[
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-nested-stacks.html",
            "https://docs.aws.amazon.com/AmazonS3/latest/userguide/RetrievingObjectVersions.html",
        ],
        failing: &[Example {
            lang: Lang::CloudFormation,
            code: "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Network:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://acme-templates.s3.eu-west-1.amazonaws.com/network.yaml\n",
        }],
        passing: &[Example {
            lang: Lang::CloudFormation,
            code: "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Network:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://acme-templates.s3.eu-west-1.amazonaws.com/network.yaml?versionId=3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY\n",
        }],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for (id, r) in cx.model.of_type("AWS::CloudFormation::Stack") {
        let f = Tri::string(r.attr("TemplateURL"), &r.span, "TemplateURL");
        out.judge(
            id,
            "TemplateURL",
            &f,
            true,
            |u| {
                let l = u.trim().to_ascii_lowercase();
                !(l.starts_with("http://") || l.starts_with("https://")) || l.contains("versionid=")
            },
            "nested stack template URL is not pinned to an object version",
        );
    }
}
