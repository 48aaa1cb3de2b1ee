//! Elastic Load Balancing: application/network/gateway and classic load
//! balancers and their listeners.

use palisade_model::{Lookup, Model, Node, Resource, ResourceId, Span, Value};

use super::util::{self, is_cfn, span_of};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct LoadBalancer {
    pub id: ResourceId,
    /// `application`, `network`, `gateway` or `classic`.
    pub lb_type: Tri<String>,
    pub internal: Tri<bool>,
    pub access_logs: Tri<bool>,
    pub drop_invalid_headers: Tri<bool>,
    pub deletion_protection: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct Listener {
    /// The listener resource (or classic load balancer).
    pub id: ResourceId,
    /// Attribute path of an inline listener (classic), else empty.
    pub attr: String,
    pub span: Span,
    /// Upper case: `HTTP`, `HTTPS`, `TCP`, `TLS`, `SSL`...
    pub protocol: Tri<String>,
    pub ssl_policy: Tri<String>,
    /// The default action redirects to HTTPS.
    pub redirects_to_https: Tri<bool>,
    pub load_balancer: Option<ResourceId>,
}

#[derive(Debug, Default)]
pub struct ElbView {
    pub load_balancers: Vec<LoadBalancer>,
    pub listeners: Vec<Listener>,
}

/// Reads a CloudFormation `LoadBalancerAttributes` key (`Key`/`Value` list).
fn cfn_lb_attr(r: &Resource, key: &str) -> Tri<bool> {
    match r.attr("LoadBalancerAttributes") {
        Lookup::Absent => Tri::Absent(r.span.clone()),
        Lookup::Unknown(n, u) => Tri::Unknown(u.reason.to_string(), span_of(n, &r.span)),
        Lookup::Known(n) => {
            for item in n.items() {
                match item.get("Key") {
                    Lookup::Known(k) if k.as_str() == Some(key) => {
                        return Tri::bool(item.get("Value"), &span_of(item, &r.span), key);
                    }
                    Lookup::Unknown(k, u) => {
                        return Tri::Unknown(u.reason.to_string(), span_of(k, &r.span));
                    }
                    _ => {}
                }
            }
            Tri::Absent(r.span.clone())
        }
    }
}

fn redirect_tf(n: &Node, span: &Span) -> Tri<bool> {
    let items = n.items();
    let Some(first) = items.first() else {
        return Tri::Known(false, span.clone());
    };
    match Tri::string(first.get("type"), span, "type") {
        Tri::Known(t, s) if t == "redirect" => {
            Tri::string(first.path("redirect.protocol"), &s, "redirect.protocol")
                .map(|p| p.eq_ignore_ascii_case("https"))
        }
        Tri::Known(_, s) => Tri::Known(false, s),
        Tri::Unknown(w, s) => Tri::Unknown(w, s),
        Tri::Absent(s) => Tri::Known(false, s),
    }
}

fn redirect_cfn(n: &Node, span: &Span) -> Tri<bool> {
    for item in n.items() {
        match Tri::string(item.get("Type"), span, "Type") {
            Tri::Known(t, s) if t == "redirect" => {
                return Tri::string(
                    item.path("RedirectConfig.Protocol"),
                    &s,
                    "RedirectConfig.Protocol",
                )
                .map(|p| p.eq_ignore_ascii_case("https"));
            }
            Tri::Unknown(w, s) => return Tri::Unknown(w, s),
            _ => {}
        }
    }
    Tri::Known(false, span.clone())
}

pub fn build(model: &Model) -> ElbView {
    let mut v = ElbView::default();
    for (id, r) in model.of_types(&[
        "aws_lb",
        "aws_alb",
        "aws_elb",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::ElasticLoadBalancing::LoadBalancer",
    ]) {
        let classic = matches!(
            r.rtype.as_str(),
            "aws_elb" | "AWS::ElasticLoadBalancing::LoadBalancer"
        );
        let lb_type = if classic {
            Tri::Known("classic".to_string(), r.span.clone())
        } else {
            util::s(r, "load_balancer_type", "Type").or_default_when_absent("application".into())
        };
        let (access_logs, drop_invalid_headers, internal) = if is_cfn(r) {
            if classic {
                (
                    util::b(r, "", "AccessLoggingPolicy.Enabled"),
                    Tri::Absent(r.span.clone()),
                    util::s(r, "", "Scheme").map(|s| s == "internal"),
                )
            } else {
                (
                    cfn_lb_attr(r, "access_logs.s3.enabled"),
                    cfn_lb_attr(r, "routing.http.drop_invalid_header_fields.enabled"),
                    util::s(r, "", "Scheme").map(|s| s == "internal"),
                )
            }
        } else {
            let logs = match util::present(r, "access_logs", "") {
                Tri::Known(true, s) => Tri::bool(r.attr("access_logs.enabled"), &s, "enabled")
                    .or_default_when_absent(classic),
                other => other.map(|_| false),
            };
            (
                logs,
                util::b(r, "drop_invalid_header_fields", ""),
                util::b(r, "internal", ""),
            )
        };
        let deletion_protection = if classic {
            Tri::Absent(r.span.clone())
        } else if is_cfn(r) {
            cfn_lb_attr(r, "deletion_protection.enabled")
        } else {
            util::b(r, "enable_deletion_protection", "")
        };
        v.load_balancers.push(LoadBalancer {
            id,
            lb_type,
            internal,
            access_logs,
            drop_invalid_headers,
            deletion_protection,
        });
        if classic {
            let (list, proto) = if is_cfn(r) {
                ("Listeners", "Protocol")
            } else {
                ("listener", "lb_protocol")
            };
            if let Some(n) = r.attr(list).node() {
                for (k, item) in n.items().into_iter().enumerate() {
                    let s = span_of(item, &r.span);
                    v.listeners.push(Listener {
                        id,
                        attr: format!("{list}.{k}"),
                        span: s.clone(),
                        protocol: Tri::string(item.get(proto), &s, proto)
                            .map(|p| p.to_ascii_uppercase()),
                        ssl_policy: Tri::Absent(s.clone()),
                        redirects_to_https: Tri::Known(false, s.clone()),
                        load_balancer: Some(id),
                    });
                }
            }
        }
    }
    for (id, r) in model.of_types(&[
        "aws_lb_listener",
        "aws_alb_listener",
        "AWS::ElasticLoadBalancingV2::Listener",
    ]) {
        let cfn = is_cfn(r);
        let redirects = match util::look(r, "default_action", "DefaultActions") {
            Lookup::Absent => Tri::Known(false, r.span.clone()),
            Lookup::Unknown(n, u) => Tri::Unknown(u.reason.to_string(), span_of(n, &r.span)),
            Lookup::Known(n) if matches!(n.value, Value::Null) => Tri::Known(false, r.span.clone()),
            Lookup::Known(n) => {
                if cfn {
                    redirect_cfn(n, &r.span)
                } else {
                    redirect_tf(n, &r.span)
                }
            }
        };
        let lb = util::targets(
            model,
            id,
            if cfn {
                "LoadBalancerArn"
            } else {
                "load_balancer_arn"
            },
            &[
                "aws_lb",
                "aws_alb",
                "AWS::ElasticLoadBalancingV2::LoadBalancer",
            ],
        )
        .first()
        .map(|(i, _)| *i);
        v.listeners.push(Listener {
            id,
            attr: String::new(),
            span: r.span.clone(),
            protocol: util::s(r, "protocol", "Protocol").map(|p| p.to_ascii_uppercase()),
            ssl_policy: util::s(r, "ssl_policy", "SslPolicy"),
            redirects_to_https: redirects,
            load_balancer: lb,
        });
    }
    v
}

/// Whether an ELB security policy allows only TLS 1.2 or later.
pub fn modern_tls_policy(p: &str) -> bool {
    let p = p.to_ascii_uppercase();
    p.contains("TLS-1-2")
        || p.contains("TLS13-1-2")
        || p.contains("TLS13-1-3")
        || p.contains("FS-1-2")
        || p.contains("PQ-TLS-1-2")
}
