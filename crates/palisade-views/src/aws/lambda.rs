//! Lambda functions (runtime, environment), function URLs and resource
//! permissions.

use palisade_model::{Lookup, Model, ResourceId, Span, Value};

use super::util::{self, span_of};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct EnvVar {
    pub name: String,
    pub value: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Function {
    pub id: ResourceId,
    pub runtime: Tri<String>,
    pub env: Vec<EnvVar>,
    /// Why the environment could not be read, if it could not.
    pub env_unknown: Option<(String, Span)>,
    pub tracing_mode: Tri<String>,
    pub dead_letter: Tri<bool>,
    pub code_signing: Tri<bool>,
    /// KMS key for the environment variables.
    pub env_kms: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct FunctionUrl {
    pub id: ResourceId,
    /// `NONE` or `AWS_IAM`.
    pub auth_type: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Permission {
    pub id: ResourceId,
    pub principal: Tri<String>,
    pub source_arn: Tri<String>,
    pub source_account: Tri<String>,
    pub principal_org: Tri<String>,
    pub action: Tri<String>,
}

#[derive(Debug, Default)]
pub struct LambdaView {
    pub functions: Vec<Function>,
    pub urls: Vec<FunctionUrl>,
    pub permissions: Vec<Permission>,
}

/// Runtimes AWS has deprecated (no more security patches), as of 2026-11.
pub const DEPRECATED_RUNTIMES: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "ruby2.5",
    "ruby2.7",
    "ruby3.2",
    "java8",
    "go1.x",
    "provided",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet5.0",
    "dotnet6",
    "dotnet7",
];

pub fn build(model: &Model) -> LambdaView {
    let mut v = LambdaView::default();
    for (id, r) in model.of_types(&[
        "aws_lambda_function",
        "AWS::Lambda::Function",
        "AWS::Serverless::Function",
    ]) {
        // SAM functions (`AWS::Serverless::Function`, `Globals.Function`
        // already merged by the parser) spell a few facts differently.
        let sam = r.rtype == "AWS::Serverless::Function";
        let mut env = Vec::new();
        let mut env_unknown = None;
        match util::look(r, "environment.variables", "Environment.Variables") {
            Lookup::Absent => {}
            Lookup::Unknown(n, u) => {
                env_unknown = Some((u.reason.to_string(), span_of(n, &r.span)))
            }
            Lookup::Known(n) => match &n.value {
                Value::Map(m) => {
                    for (k, x) in m {
                        let l = match &x.value {
                            Value::Unknown(u) => Lookup::Unknown(x, u),
                            _ => Lookup::Known(x),
                        };
                        env.push(EnvVar {
                            name: k.clone(),
                            value: Tri::string(l, &span_of(n, &r.span), k),
                        });
                    }
                }
                Value::Null => {}
                _ => {
                    env_unknown = Some((
                        "environment variables have an unexpected shape".into(),
                        span_of(n, &r.span),
                    ))
                }
            },
        }
        v.functions.push(Function {
            id,
            runtime: util::s(r, "runtime", "Runtime"),
            env,
            env_unknown,
            tracing_mode: if sam {
                util::s(r, "", "Tracing")
            } else {
                util::s(r, "tracing_config.mode", "TracingConfig.Mode")
            },
            dead_letter: if sam {
                util::present(r, "", "DeadLetterQueue.TargetArn")
            } else {
                util::present(
                    r,
                    "dead_letter_config.target_arn",
                    "DeadLetterConfig.TargetArn",
                )
            },
            code_signing: util::present(r, "code_signing_config_arn", "CodeSigningConfigArn"),
            env_kms: util::s(r, "kms_key_arn", "KmsKeyArn"),
        });
        // A SAM function's URL is a property of the function.
        let url = util::look(r, "", "FunctionUrlConfig").node();
        if sam && url.is_some_and(|n| !matches!(n.value, Value::Null)) {
            v.urls.push(FunctionUrl {
                id,
                auth_type: util::s(r, "", "FunctionUrlConfig.AuthType"),
            });
        }
    }
    for (id, r) in model.of_types(&["aws_lambda_function_url", "AWS::Lambda::Url"]) {
        v.urls.push(FunctionUrl {
            id,
            auth_type: util::s(r, "authorization_type", "AuthType"),
        });
    }
    for (id, r) in model.of_types(&["aws_lambda_permission", "AWS::Lambda::Permission"]) {
        v.permissions.push(Permission {
            id,
            principal: util::s(r, "principal", "Principal"),
            source_arn: util::s(r, "source_arn", "SourceArn"),
            source_account: util::s(r, "source_account", "SourceAccount"),
            principal_org: util::s(r, "principal_org_id", "PrincipalOrgID"),
            action: util::s(r, "action", "Action"),
        });
    }
    v
}
