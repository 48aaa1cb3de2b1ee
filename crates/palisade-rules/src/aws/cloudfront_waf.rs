//! PAL-CF-003: CloudFront distribution has no WAF web ACL.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-CF-003",
    title: "CloudFront distribution has no WAF web ACL",
    severity: Severity::Medium,
    category: Category::Network,
    frameworks: &[
        ("soc2", &["CC6.6"]),
        ("nist-800-53", &["SC-7", "SI-4"]),
        ("pci-dss", &["6.4.2"]),
        ("gdpr", &["32"]),
    ],
    resource_types: &[
        "aws_cloudfront_distribution",
        "AWS::CloudFront::Distribution",
    ],
    docs: Docs {
        what: "Checks CloudFront distributions for a WAF web ACL (`web_acl_id`, `WebACLId`).",
        why: "A web ACL at the edge blocks common exploits (SQL injection, known bad inputs), bots and floods before they reach the origin.",
        fix: "Associate an AWS WAFv2 web ACL (scope `CLOUDFRONT`) with the AWS managed core rule set.",
        refs: &["https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_cloudfront_distribution" "site" {
  enabled = true

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
    for x in &cx.views.aws.cloudfront {
        out.judge(
            x.id,
            "web_acl_id",
            &x.web_acl,
            false,
            |v| *v,
            "no WAF web ACL protects the distribution",
        );
    }
}
