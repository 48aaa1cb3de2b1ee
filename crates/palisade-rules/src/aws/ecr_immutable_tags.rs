//! PAL-ECR-002: ECR repository allows image tags to be overwritten.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-ECR-002",
    title: "ECR repository allows image tags to be overwritten",
    severity: Severity::Medium,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC8.1"]),
        ("nist-800-53", &["CM-2", "SI-7"]),
        ("pci-dss", &["6.5.1"]),
    ],
    resource_types: &["aws_ecr_repository", "AWS::ECR::Repository"],
    docs: Docs {
        what: "Checks ECR repositories for `image_tag_mutability = \"IMMUTABLE\"` (the default is `MUTABLE`).",
        why: "With mutable tags, anyone who can push can silently replace the image a deployment refers to by tag.",
        fix: "Set `image_tag_mutability = \"IMMUTABLE\"` and deploy by digest.",
        refs: &["https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_ecr_repository" "app" {
  name = "app"
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
      ImageTagMutability: MUTABLE
"#,
            },
        ],
        passing: &[
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
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.repositories {
        out.judge(
            x.id,
            "image_tag_mutability",
            &x.tag_mutability,
            false,
            |v| v.eq_ignore_ascii_case("IMMUTABLE"),
            "image tags are mutable",
        );
    }
}
