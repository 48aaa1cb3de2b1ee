//! CloudFront distributions.

use palisade_model::{Model, ResourceId};

use super::util::{self, is_cfn, span_of};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct Distribution {
    pub id: ResourceId,
    /// `(attribute path, viewer_protocol_policy)` of every cache behaviour.
    pub viewer_protocol: Vec<(String, Tri<String>)>,
    pub minimum_tls: Tri<String>,
    /// Uses the `*.cloudfront.net` certificate (TLS version not settable).
    pub default_certificate: Tri<bool>,
    pub web_acl: Tri<bool>,
    pub logging: Tri<bool>,
    /// `(attribute path, origin_protocol_policy)` of every custom origin.
    pub origin_protocols: Vec<(String, Tri<String>)>,
}

pub fn build(model: &Model) -> Vec<Distribution> {
    let mut out = Vec::new();
    for (id, r) in model.of_types(&[
        "aws_cloudfront_distribution",
        "AWS::CloudFront::Distribution",
    ]) {
        let cfn = is_cfn(r);
        let p = if cfn { "DistributionConfig." } else { "" };
        let mut viewer_protocol = Vec::new();
        let (def, ord, key) = if cfn {
            (
                "DistributionConfig.DefaultCacheBehavior",
                "DistributionConfig.CacheBehaviors",
                "ViewerProtocolPolicy",
            )
        } else {
            (
                "default_cache_behavior",
                "ordered_cache_behavior",
                "viewer_protocol_policy",
            )
        };
        if let Some(n) = r.attr(def).node() {
            viewer_protocol.push((
                format!("{def}.{key}"),
                Tri::string(n.get(key), &span_of(n, &r.span), key),
            ));
        }
        if let Some(n) = r.attr(ord).node() {
            for (k, item) in n.items().into_iter().enumerate() {
                viewer_protocol.push((
                    format!("{ord}.{k}.{key}"),
                    Tri::string(item.get(key), &span_of(item, &r.span), key),
                ));
            }
        }
        let default_certificate = if cfn {
            let custom = util::present(
                r,
                "",
                "DistributionConfig.ViewerCertificate.AcmCertificateArn",
            )
            .or(util::present(
                r,
                "",
                "DistributionConfig.ViewerCertificate.IamCertificateId",
            ));
            util::b(
                r,
                "",
                "DistributionConfig.ViewerCertificate.CloudFrontDefaultCertificate",
            )
            .or(custom.map(|c| !c))
            .or_default_when_absent(true)
        } else {
            util::b(r, "viewer_certificate.cloudfront_default_certificate", "")
                .or_default_when_absent(false)
        };
        let (origins, custom, proto) = if cfn {
            (
                "DistributionConfig.Origins",
                "CustomOriginConfig",
                "OriginProtocolPolicy",
            )
        } else {
            ("origin", "custom_origin_config", "origin_protocol_policy")
        };
        let mut origin_protocols = Vec::new();
        if let Some(n) = r.attr(origins).node() {
            for (k, item) in n.items().into_iter().enumerate() {
                if let Some(c) = item.get(custom).node() {
                    origin_protocols.push((
                        format!("{origins}.{k}.{custom}.{proto}"),
                        Tri::string(c.get(proto), &span_of(c, &r.span), proto),
                    ));
                }
            }
        }
        out.push(Distribution {
            origin_protocols,
            id,
            viewer_protocol,
            minimum_tls: util::s(
                r,
                "viewer_certificate.minimum_protocol_version",
                "DistributionConfig.ViewerCertificate.MinimumProtocolVersion",
            ),
            default_certificate,
            web_acl: util::present(r, "web_acl_id", &format!("{p}WebACLId")),
            logging: util::present(r, "logging_config", &format!("{p}Logging")),
        });
    }
    out
}
