//! PAL-EC-001: ElastiCache replication group is not encrypted at rest.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC-001",
    title: "ElastiCache replication group is not encrypted at rest",
    severity: Severity::High,
    category: Category::Encryption,
    frameworks: &[
        ("soc2", &["CC6.1", "CC6.7"]),
        ("hipaa", &["164.312(a)(2)(iv)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["SC-28"]),
        ("pci-dss", &["3.5.1"]),
    ],
    resource_types: &[
        "aws_elasticache_replication_group",
        "AWS::ElastiCache::ReplicationGroup",
    ],
    docs: Docs {
        what: "Checks ElastiCache (Redis/Valkey) replication groups for `at_rest_encryption_enabled = true`.",
        why: "Caches hold sessions, tokens and copies of database rows; their disks and backups are unencrypted unless at-rest encryption is chosen at creation.",
        fix: "Set `at_rest_encryption_enabled = true` (and `kms_key_id`) when creating the group.",
        refs: &["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "sessions"
  node_type            = "cache.t3.micro"
  engine               = "redis"
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
      TransitEncryptionEnabled: true
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
            "at_rest_encryption_enabled",
            &x.at_rest,
            false,
            |v| *v,
            "the cache is not encrypted at rest",
        );
    }
}
