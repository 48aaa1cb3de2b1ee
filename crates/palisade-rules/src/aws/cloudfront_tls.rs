//! PAL-CF-002: CloudFront distribution allows TLS versions older than 1.2.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-CF-002",
    title: "CloudFront distribution allows TLS versions older than 1.2",
    severity: Severity::Medium,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.7"]),
        ("hipaa", &["164.312(e)(1)", "164.312(e)(2)(ii)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-8"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &[
        "aws_cloudfront_distribution",
        "AWS::CloudFront::Distribution",
    ],
    docs: Docs {
        what: "Checks CloudFront distributions with a custom certificate for `minimum_protocol_version` of `TLSv1.2_2018` or newer. Distributions on the default `*.cloudfront.net` certificate cannot set it and are not judged.",
        why: "TLS 1.0/1.1 are deprecated and allow downgrade attacks; PCI DSS forbids them.",
        fix: "Set `minimum_protocol_version = \"TLSv1.2_2021\"`.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudfront_distribution" "site" {
  enabled = true
  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"

  logging_config {
    bucket = "acme-cf-logs.s3.amazonaws.com"
  }

  origin {
    domain_name = "acme-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
        Logging:
          Bucket: acme-cf-logs.s3.amazonaws.com
        Origins:
          - Id: site
            DomainName: acme-site.s3.eu-west-1.amazonaws.com
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudfront_distribution" "site" {
  enabled = true
  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"

  logging_config {
    bucket = "acme-cf-logs.s3.amazonaws.com"
  }

  origin {
    domain_name = "acme-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Site:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        WebACLId: arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
        Logging:
          Bucket: acme-cf-logs.s3.amazonaws.com
        Origins:
          - Id: site
            DomainName: acme-site.s3.eu-west-1.amazonaws.com
            S3OriginConfig: {}
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
        ViewerCertificate:
          AcmCertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/8a1f0f5e-1234-4c2d-9f00-0123456789ab
          SslSupportMethod: sni-only
          MinimumProtocolVersion: TLSv1.2_2021
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for d in &cx.views.aws.cloudfront {
        if matches!(d.default_certificate, Tri::Known(true, _)) {
            continue;
        }
        out.judge(
            d.id,
            "viewer_certificate.minimum_protocol_version",
            &d.minimum_tls,
            false,
            |v| v.starts_with("TLSv1.2") || v.starts_with("TLSv1.3"),
            "viewers may connect with TLS older than 1.2",
        );
    }
}
