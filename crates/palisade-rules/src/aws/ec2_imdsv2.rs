//! PAL-EC2-001: EC2 instance metadata service allows IMDSv1.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-EC2-001",
    title: "EC2 instance metadata service allows IMDSv1",
    severity: Severity::High,
    category: Category::Compute,
    frameworks: &[
        ("cis-aws", &["5.6"]),
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["2.2.5"]),
    ],
    resource_types: &[
        "aws_instance",
        "aws_launch_template",
        "aws_launch_configuration",
        "AWS::EC2::Instance",
        "AWS::EC2::LaunchTemplate",
        "AWS::AutoScaling::LaunchConfiguration",
    ],
    docs: Docs {
        what: "Checks instances, launch templates and launch configurations for `metadata_options.http_tokens = \"required\"` (IMDSv2 only), or the metadata endpoint disabled. An instance without its own setting inherits it from the launch template it refers to, or from an `aws_ec2_instance_metadata_defaults` requiring tokens in the same configuration.",
        why: "IMDSv1 answers any HTTP GET, so a server-side request forgery in the application hands out the instance role's credentials (the Capital One breach).",
        fix: "Set `metadata_options { http_tokens = \"required\" }` (`MetadataOptions: {HttpTokens: required}`), or make IMDSv2 the account default.",
        refs: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "optional"
  }
  root_block_device {
    encrypted = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
        MetadataOptions:
          HttpTokens: optional
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"

  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    encrypted = true
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123456789abcdef0
        MetadataOptions:
          HttpTokens: required
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    // `aws_ec2_instance_metadata_defaults` sets the account's default for
    // instances that do not choose.
    let defaults: Vec<_> = cx
        .model
        .of_type("aws_ec2_instance_metadata_defaults")
        .filter(|(_, r)| r.attr("http_tokens").known().and_then(|n| n.as_str()) == Some("required"))
        .map(|(_, r)| r.scope.clone())
        .collect();
    for i in &cx.views.aws.ec2.instances {
        if matches!(&i.http_endpoint, Tri::Known(e, _) if e == "disabled") {
            out.pass(
                i.id,
                i.http_endpoint.span().clone(),
                "metadata_options.http_tokens",
            );
            continue;
        }
        let account_default = defaults.contains(&cx.model.get(i.id).scope);
        out.judge(
            i.id,
            "metadata_options.http_tokens",
            &i.http_tokens,
            account_default,
            |t| t == "required",
            "the instance metadata service accepts IMDSv1 requests",
        );
    }
}
