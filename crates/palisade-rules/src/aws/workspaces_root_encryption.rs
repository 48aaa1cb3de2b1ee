//! PAL-WS-001: WorkSpaces root volume is not encrypted.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-WS-001",
    title: "WorkSpaces root volume is not encrypted",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &["aws_workspaces_workspace", "AWS::WorkSpaces::Workspace"],
    docs: Docs {
        what: "Checks WorkSpaces for `root_volume_encryption_enabled = true` (`RootVolumeEncryptionEnabled`).",
        why: "A virtual desktop's system volume holds cached credentials, browser data and documents.",
        fix: "Set `root_volume_encryption_enabled = true` with a `volume_encryption_key`.",
        refs: &["https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_workspaces_workspace" "dev" {
  directory_id = "d-1234567890"
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = "alice"
  user_volume_encryption_enabled = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Dev:
    Type: AWS::WorkSpaces::Workspace
    Properties:
      DirectoryId: d-1234567890
      BundleId: wsb-bh8rsxt14
      UserName: alice
      UserVolumeEncryptionEnabled: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_workspaces_workspace" "dev" {
  directory_id = "d-1234567890"
  bundle_id    = "wsb-bh8rsxt14"
  user_name    = "alice"
  root_volume_encryption_enabled = true
  user_volume_encryption_enabled = true
  volume_encryption_key          = "alias/aws/workspaces"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Dev:
    Type: AWS::WorkSpaces::Workspace
    Properties:
      DirectoryId: d-1234567890
      BundleId: wsb-bh8rsxt14
      UserName: alice
      RootVolumeEncryptionEnabled: true
      UserVolumeEncryptionEnabled: true
      VolumeEncryptionKey: alias/aws/workspaces
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.misc.workspaces {
        out.judge(
            x.id,
            "root_volume_encryption_enabled",
            &x.root_encrypted,
            false,
            |v| *v,
            "the root volume is not encrypted",
        );
    }
}
