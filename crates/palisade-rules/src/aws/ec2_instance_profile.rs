//! PAL-EC2-008: EC2 instance has no IAM instance profile.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::aws::ec2::ComputeKind;

pub static RULE: Rule = Rule {
    id: "PAL-EC2-008",
    title: "EC2 instance has no IAM instance profile",
    severity: Severity::Low,
    category: Category::Identity,
    frameworks: &[
        ("cis-aws", &["1.18"]),
        ("soc2", &["CC6.1"]),
        ("nist-800-53", &["IA-5", "AC-2"]),
        ("pci-dss", &["8.6.2"]),
    ],
    resource_types: &["aws_instance", "AWS::EC2::Instance"],
    docs: Docs {
        what: "Checks EC2 instances for an IAM instance profile (`iam_instance_profile`, `IamInstanceProfile`).",
        why: "Without a role, software on the instance that needs AWS access ends up with long-lived access keys on disk; a role gives it short-lived, rotated credentials.",
        fix: "Attach an instance profile with a least-privilege role (at minimum `AmazonSSMManagedInstanceCore` for management).",
        refs: &[
            "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  iam_instance_profile = "web"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      IamInstanceProfile: web
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in cx
        .views
        .aws
        .ec2
        .instances
        .iter()
        .filter(|x| x.kind == ComputeKind::Instance)
    {
        out.judge(
            x.id,
            "iam_instance_profile",
            &x.instance_profile,
            false,
            |v| *v,
            "the instance has no IAM instance profile",
        );
    }
}
