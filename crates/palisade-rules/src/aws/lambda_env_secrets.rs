//! PAL-LAMBDA-002: Lambda function has secrets in environment variables.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-002",
    title: "Lambda function has secrets in environment variables",
    severity: Severity::High,
    category: Category::Secrets,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-5", "SC-28"]),
        ("pci-dss", &["8.3.2", "3.5.1"]),
    ],
    resource_types: &[
        "aws_lambda_function",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
    ],
    docs: Docs {
        what: "Checks Lambda environment variables whose name looks like a credential (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`, `CREDENTIAL`) and whose value is a literal, and any value shaped like an AWS access key id. Values that are references (resolved at deploy time), ARNs or `{{resolve:...}}` dynamic references pass.",
        why: "Literal secrets in environment variables live in the template, the state file, the console and every `GetFunctionConfiguration` response.",
        fix: "Store the secret in Secrets Manager or SSM Parameter Store and read it at runtime (or pass only its ARN).",
        refs: &[
            "https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-encryption",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      DB_PASSWORD = "hunter2-prod"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/api
      Handler: index.handler
      Runtime: python3.12
      Code:
        S3Bucket: acme-artifacts
        S3Key: api.zip
      Environment:
        Variables:
          API_TOKEN: sk_live_1234567890
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: s3://acme-artifacts/api.zip
      Runtime: python3.12
      Environment:
        Variables:
          STRIPE_API_KEY: sk_live_1234567890
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      DB_PASSWORD_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:orders/db"
      LOG_LEVEL              = "info"
    }
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Api:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/api
      Handler: index.handler
      Runtime: python3.12
      Code:
        S3Bucket: acme-artifacts
        S3Key: api.zip
      Environment:
        Variables:
          API_TOKEN: "{{resolve:secretsmanager:api-token}}"
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: s3://acme-artifacts/api.zip
      Runtime: python3.12
      Environment:
        Variables:
          STRIPE_API_KEY: "{{resolve:ssm-secure:stripe-api-key}}"
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for f in &cx.views.aws.lambda.functions {
        let span = cx.model.get(f.id).span.clone();
        if let Some((w, s)) = &f.env_unknown {
            out.unknown(
                f.id,
                s.clone(),
                "environment.variables",
                w.clone(),
                "environment variables could not be read",
            );
            continue;
        }
        let hit = f.env.iter().find(|e| match &e.value {
            Tri::Known(v, _) => (secret_name(&e.name) && literal(v)) || access_key_id(v),
            _ => false,
        });
        match hit {
            Some(e) => {
                out.fail(
                    f.id,
                    e.value.span().clone(),
                    "environment.variables",
                    format!("environment variable `{}` holds a literal secret", e.name),
                );
            }
            None => {
                out.pass(f.id, span, "environment.variables");
            }
        }
    }
}

fn secret_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    [
        "password",
        "passwd",
        "secret",
        "token",
        "api_key",
        "apikey",
        "private_key",
        "access_key",
        "credential",
    ]
    .iter()
    .any(|k| n.contains(k))
        && !n.ends_with("_arn")
        && !n.ends_with("_name")
        && !n.ends_with("_id")
        && !n.ends_with("_path")
}

fn literal(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty()
        && !v.starts_with("arn:")
        && !v.starts_with("{{resolve:")
        && !v.starts_with('/')
        && !v.starts_with("${")
}

fn access_key_id(v: &str) -> bool {
    let v = v.trim();
    v.len() == 20
        && (v.starts_with("AKIA") || v.starts_with("ASIA"))
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}
