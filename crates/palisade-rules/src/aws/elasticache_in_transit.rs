//! PAL-EC-002: ElastiCache replication group is not encrypted in transit.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC-002",
    title: "ElastiCache replication group is not encrypted in transit",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.7"]),
        ("hipaa", &["164.312(e)(1)", "164.312(e)(2)(ii)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-8"]),
        ("pci-dss", &["4.2.1"]),
    ],
    resource_types: &[
        "aws_elasticache_replication_group",
        "AWS::ElastiCache::ReplicationGroup",
    ],
    docs: Docs {
        what: "Checks ElastiCache (Redis/Valkey) replication groups for `transit_encryption_enabled = true`.",
        why: "Without TLS, session tokens and cached data cross the network in clear text and AUTH tokens cannot be used.",
        fix: "Set `transit_encryption_enabled = true` and connect with TLS.",
        refs: &[
            "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html",
        ],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "sessions"
  node_type            = "cache.t3.micro"
  engine               = "redis"
  at_rest_encryption_enabled = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      CacheNodeType: cache.t3.micro
      Engine: redis
      AtRestEncryptionEnabled: true
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "sessions"
  node_type            = "cache.t3.micro"
  engine               = "redis"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}
"#,
            },
            Example {
                lang: Lang::CloudFormation,
                code: r#"Resources:
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: sessions
      CacheNodeType: cache.t3.micro
      Engine: redis
      AtRestEncryptionEnabled: true
      TransitEncryptionEnabled: true
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for x in &cx.views.aws.data.cache_groups {
        out.judge(
            x.id,
            "transit_encryption_enabled",
            &x.in_transit,
            false,
            |v| *v,
            "the cache does not encrypt traffic in transit",
        );
    }
}
