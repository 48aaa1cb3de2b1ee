//! PAL-EC2-009: EC2 user data contains credentials.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-EC2-009",
    title: "EC2 user data contains credentials",
    severity: Severity::High,
    category: Category::Secrets,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("pci-dss", &["8.3.2"]),
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
        what: "Checks plain-text user data of instances, launch templates and launch configurations for AWS access key ids, `aws_secret_access_key` assignments, private keys and `password=` assignments. Base64-encoded user data is not decoded.",
        why: "User data is readable by anyone who can describe the instance and from inside it through the metadata service; secrets in it leak widely.",
        fix: "Fetch secrets at boot from Secrets Manager or SSM Parameter Store using the instance role.",
        refs: &["https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data = <<-EOT
    #!/bin/bash
    export DB_PASSWORD=hunter2-prod
    ./start.sh
  EOT
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r##"Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      UserData: "#!/bin/bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n"
"##,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_instance" "web" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data = <<-EOT
    #!/bin/bash
    aws secretsmanager get-secret-value --secret-id orders/db > /run/db.json
  EOT
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r##"Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      UserData: "#!/bin/bash\nyum -y update\n"
"##,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for i in &cx.views.aws.ec2.instances {
        match &i.user_data {
            Tri::Known(text, s) => match leaked(text) {
                Some(what) => {
                    out.fail(
                        i.id,
                        s.clone(),
                        "user_data",
                        format!("user data contains {what}"),
                    );
                }
                None => {
                    out.pass(i.id, s.clone(), "user_data");
                }
            },
            Tri::Unknown(..) | Tri::Absent(_) => {}
        }
    }
}

fn leaked(text: &str) -> Option<&'static str> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("aws_secret_access_key") {
        return Some("an AWS secret access key");
    }
    if lower.contains("-----begin") && lower.contains("private key-----") {
        return Some("a private key");
    }
    for w in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if w.len() == 20
            && (w.starts_with("AKIA") || w.starts_with("ASIA"))
            && w.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        {
            return Some("an AWS access key id");
        }
    }
    for key in ["password=", "passwd=", "password:", "secret=", "token="] {
        if let Some(p) = lower.find(key) {
            let rest = &lower[p + key.len()..];
            let value: String = rest
                .chars()
                .take_while(|c| !c.is_whitespace() && *c != '"' && *c != '\'')
                .collect();
            if !value.is_empty() && !value.starts_with('$') && !value.starts_with("{{") {
                return Some("a password or token assignment");
            }
        }
    }
    None
}
