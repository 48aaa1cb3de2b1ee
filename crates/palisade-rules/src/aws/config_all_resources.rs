//! PAL-CFG-001: AWS Config recorder does not record all resource types.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-CFG-001",
    title: "AWS Config recorder does not record all resource types",
    severity: Severity::Medium,
    category: Category::Logging,
    frameworks: &[
        ("cis-aws", &["3.3"]),
        ("soc2", &["CC7.1"]),
        ("hipaa", &["164.308(a)(1)(ii)(D)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CM-8", "CM-3"]),
        ("pci-dss", &["11.5.2"]),
    ],
    resource_types: &[
        "aws_config_configuration_recorder",
        "AWS::Config::ConfigurationRecorder",
    ],
    docs: Docs {
        what: "Checks that AWS Config recorders record all supported resource types including global ones (`all_supported`, `include_global_resource_types`).",
        why: "Config's history is what tells you how a resource looked before an incident; resource types left out have no history and no Config rule evaluations.",
        fix: "Set `recording_group { all_supported = true, include_global_resource_types = true }`.",
        refs: &["https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported = false
    resource_types = ["AWS::EC2::Instance"]
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/config
      RecordingGroup:
        AllSupported: false
        ResourceTypes: [AWS::EC2::Instance]
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::111122223333:role/config
      RecordingGroup:
        AllSupported: true
        IncludeGlobalResourceTypes: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for c in &cx.views.aws.governance.config_recorders {
        let both = match (&c.all_supported, &c.include_global) {
            (Tri::Known(false, s), _) => Tri::Known(false, s.clone()),
            (Tri::Unknown(w, s), _) => Tri::Unknown(w.clone(), s.clone()),
            (_, Tri::Known(false, s)) => Tri::Known(false, s.clone()),
            (_, Tri::Unknown(w, s)) => Tri::Unknown(w.clone(), s.clone()),
            (a, _) => Tri::Known(true, a.span().clone()),
        };
        out.judge(
            c.id,
            "recording_group",
            &both,
            true,
            |v| *v,
            "the recorder does not record all resource types",
        );
    }
}
