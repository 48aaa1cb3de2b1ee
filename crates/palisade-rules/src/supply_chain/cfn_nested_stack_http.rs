//! PAL-SC-017: CloudFormation nested stack template is fetched over plain HTTP.

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
    id: "PAL-SC-017",
    title: "CloudFormation nested stack template is fetched over plain HTTP",
    severity: Severity::High,
    category: Category::SupplyChain,
    frameworks: &[
        (
            "nist-800-53",
            &["SR-3", "SR-4", "SR-11", "CM-2", "SI-7", "SC-8"],
        ),
        ("soc2", &["CC8.1"]),
        ("pci-dss", &["6.3.2"]),
    ],
    resource_types: &["AWS::CloudFormation::Stack"],
    docs: Docs {
        what: "Checks that `AWS::CloudFormation::Stack` resources do not load their `TemplateURL` over `http://`.",
        why: "A template fetched without TLS can be altered in transit, and it deploys with the stack's (often administrative) permissions.",
        fix: "Host nested templates in S3 and reference them with an `https://` URL.",
        refs: &[
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudformation-stack.html",
        ],
        failing: &[Example {
            lang: Lang::CloudFormation,
            code: "AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n  Network:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: http://templates.example.com/network.yaml\n",
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
            |u| !u.trim().to_ascii_lowercase().starts_with("http://"),
            "nested stack template is fetched over plain HTTP",
        );
    }
}
