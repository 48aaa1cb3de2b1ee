//! PAL-ECR-001: ECR repository does not scan images on push.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECR-001",
    title: "ECR repository does not scan images on push",
    severity: Severity::Medium,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC7.1"]),
        ("nist-800-53", &["RA-5", "SI-2"]),
        ("pci-dss", &["6.3.1", "11.3.1"]),
        ("hipaa", &["164.308(a)(1)(ii)(A)"]),
    ],
    resource_types: &["aws_ecr_repository", "AWS::ECR::Repository"],
    docs: Docs {
        what: "Checks ECR repositories for `image_scanning_configuration { scan_on_push = true }`.",
        why: "Scanning on push reports known vulnerabilities in every image before it is deployed.",
        fix: "Set `scan_on_push = true`, or configure enhanced scanning for the registry.",
        refs: &["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecr_repository" "app" {
  name = "app"
  image_tag_mutability = "IMMUTABLE"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      ImageTagMutability: IMMUTABLE
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecr_repository" "app" {
  name = "app"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  App:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryName: app
      ImageTagMutability: IMMUTABLE
      ImageScanningConfiguration:
        ScanOnPush: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.repositories {
        out.judge(
            x.id,
            "image_scanning_configuration.scan_on_push",
            &x.scan_on_push,
            false,
            |v| *v,
            "images are not scanned on push",
        );
    }
}
