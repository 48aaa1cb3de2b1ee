//! PAL-LAMBDA-004: Lambda permission lets any principal invoke the function.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-LAMBDA-004",
    title: "Lambda permission lets any principal invoke the function",
    severity: Severity::High,
    category: Category::Compute,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.6"]),
        ("hipaa", &["164.312(a)(1)", "164.312(e)(1)"]),
        ("gdpr", &["25", "32"]),
        ("nist-800-53", &["AC-3", "SC-7"]),
        ("pci-dss", &["1.4.1", "1.3.1"]),
    ],
    resource_types: &["aws_lambda_permission", "AWS::Lambda::Permission"],
    docs: Docs {
        what: "Checks Lambda permissions granted to principal `*` without `source_arn`, `source_account` or `principal_org_id`.",
        why: "A resource policy for `*` lets any AWS account (or anyone, for function URLs) invoke the function.",
        fix: "Grant the permission to the calling service principal with `source_arn` / `source_account`, or to specific accounts.",
        refs: &["https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_permission" "any" {
  statement_id  = "any"
  action        = "lambda:InvokeFunction"
  function_name = "api"
  principal     = "*"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Any:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: api
      Principal: "*"
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_lambda_permission" "s3" {
  statement_id   = "s3"
  action         = "lambda:InvokeFunction"
  function_name  = "api"
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::acme-uploads"
  source_account = "111122223333"
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  FromS3:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: api
      Principal: s3.amazonaws.com
      SourceAccount: "111122223333"
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for p in &cx.views.aws.lambda.permissions {
        let narrowed = [&p.source_arn, &p.source_account, &p.principal_org]
            .iter()
            .any(|t| matches!(t, Tri::Known(v, _) if !v.is_empty()) || t.is_unknown());
        if narrowed {
            out.pass(p.id, p.principal.span().clone(), "principal");
            continue;
        }
        out.judge(
            p.id,
            "principal",
            &p.principal,
            true,
            |v| v != "*",
            "any principal may invoke the function",
        );
    }
}
