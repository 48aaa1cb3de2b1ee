//! PAL-EC-003: ElastiCache replication group has no automatic backups.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};

pub static RULE: Rule = Rule {
    id: "PAL-EC-003",
    title: "ElastiCache replication group has no automatic backups",
    severity: Severity::Medium,
    category: Category::Data,
    frameworks: &[
        ("soc2", &["CC9.1"]),
        ("hipaa", &["164.308(a)(7)(ii)(A)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["CP-9"]),
    ],
    resource_types: &[
        "aws_elasticache_replication_group",
        "AWS::ElastiCache::ReplicationGroup",
    ],
    docs: Docs {
        what: "Checks ElastiCache (Redis/Valkey) replication groups for `snapshot_retention_limit` of at least 1 day (the default 0 disables automatic snapshots).",
        why: "Without snapshots, a flush or corruption of a cache used as a primary store (sessions, queues, leaderboards) is unrecoverable.",
        fix: "Set `snapshot_retention_limit` to 1 or more.",
        refs: &["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html"],
        failing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "sessions"
  node_type                  = "cache.t3.micro"
  engine                     = "redis"
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
      SnapshotRetentionLimit: 0
"#,
            },
        ],
        passing: &[
            Example {
                lang: Lang::Terraform,
                code: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "sessions"
  node_type                  = "cache.t3.micro"
  engine                     = "redis"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  snapshot_retention_limit   = 7
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
      SnapshotRetentionLimit: 7
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
            "snapshot_retention_limit",
            &x.snapshot_retention,
            false,
            |v| *v >= 1,
            "automatic backups are disabled",
        );
    }
}
