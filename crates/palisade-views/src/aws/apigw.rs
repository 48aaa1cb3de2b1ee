//! API Gateway: REST (v1) and HTTP/WebSocket (v2) stages, REST methods.

use palisade_model::{Lookup, Model, ResourceId};

use super::util::{self, is_cfn, span_of};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct Stage {
    pub id: ResourceId,
    /// REST API (v1) stage: WAF can be attached.
    pub rest: bool,
    pub access_logs: Tri<bool>,
    /// A WAF web ACL association refers to the stage.
    pub waf: Tri<bool>,
    pub xray: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct Method {
    pub id: ResourceId,
    pub http_method: Tri<String>,
    pub authorization: Tri<String>,
    pub api_key_required: Tri<bool>,
}

/// A custom domain name of a REST API.
#[derive(Clone, Debug)]
pub struct DomainName {
    pub id: ResourceId,
    /// `TLS_1_0` / `TLS_1_2` / enhanced `SecurityPolicy_*` names.
    pub security_policy: Tri<String>,
}

/// An HTTP or WebSocket API (v2) route.
#[derive(Clone, Debug)]
pub struct Route {
    pub id: ResourceId,
    pub route_key: Tri<String>,
    /// `NONE`, `AWS_IAM`, `CUSTOM`, `JWT`.
    pub authorization: Tri<String>,
}

#[derive(Debug, Default)]
pub struct ApiGwView {
    pub routes: Vec<Route>,
    pub stages: Vec<Stage>,
    pub methods: Vec<Method>,
    pub domains: Vec<DomainName>,
}

const WAF_ASSOC: &[&str] = &[
    "aws_wafv2_web_acl_association",
    "aws_wafregional_web_acl_association",
    "AWS::WAFv2::WebACLAssociation",
    "AWS::WAFRegional::WebACLAssociation",
];

pub fn build(model: &Model) -> ApiGwView {
    let mut v = ApiGwView::default();
    for (id, r) in model.of_types(&[
        "aws_api_gateway_stage",
        "aws_apigatewayv2_stage",
        "AWS::ApiGateway::Stage",
        "AWS::ApiGatewayV2::Stage",
    ]) {
        let rest = matches!(
            r.rtype.as_str(),
            "aws_api_gateway_stage" | "AWS::ApiGateway::Stage"
        );
        let logs = if r.rtype == "AWS::ApiGatewayV2::Stage" {
            util::present(r, "", "AccessLogSettings.DestinationArn")
        } else {
            util::present(r, "access_log_settings", "AccessLogSetting.DestinationArn")
        };
        let waf = if !rest {
            Tri::Absent(r.span.clone())
        } else if let Some((_, a)) = util::referrers(model, id, WAF_ASSOC, "").first() {
            Tri::Known(true, a.span.clone())
        } else {
            // An association whose target cannot be resolved might be ours.
            let mut t = Tri::Absent(r.span.clone());
            for (aid, a) in model.of_types(WAF_ASSOC) {
                if a.scope != r.scope || model.refs_from(aid).next().is_some() {
                    continue;
                }
                let key = if is_cfn(a) {
                    "ResourceArn"
                } else {
                    "resource_arn"
                };
                if let Lookup::Unknown(n, u) = a.attr(key) {
                    t = Tri::Unknown(
                        format!(
                            "a WAF association's target cannot be resolved: {}",
                            u.reason
                        ),
                        span_of(n, &a.span),
                    );
                }
            }
            t
        };
        v.stages.push(Stage {
            id,
            rest,
            access_logs: logs,
            waf,
            xray: util::b(r, "xray_tracing_enabled", "TracingEnabled"),
        });
    }
    for (id, r) in model.of_types(&["aws_apigatewayv2_route", "AWS::ApiGatewayV2::Route"]) {
        v.routes.push(Route {
            id,
            route_key: util::s(r, "route_key", "RouteKey"),
            authorization: util::s(r, "authorization_type", "AuthorizationType"),
        });
    }
    for (id, r) in model.of_types(&["aws_api_gateway_domain_name", "AWS::ApiGateway::DomainName"]) {
        v.domains.push(DomainName {
            id,
            security_policy: util::s(r, "security_policy", "SecurityPolicy"),
        });
    }
    for (id, r) in model.of_types(&["aws_api_gateway_method", "AWS::ApiGateway::Method"]) {
        v.methods.push(Method {
            id,
            http_method: util::s(r, "http_method", "HttpMethod"),
            authorization: util::s(r, "authorization", "AuthorizationType"),
            api_key_required: util::b(r, "api_key_required", "ApiKeyRequired"),
        });
    }
    v
}
