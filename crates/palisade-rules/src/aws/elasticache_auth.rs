//! PAL-EC-004: ElastiCache replication group requires no authentication.

use palisade_engine::{Category, Ctx, Docs, Example, Lang, Rule, Severity, Sink};
use palisade_views::Tri;

pub static RULE: Rule = Rule {
    id: "PAL-EC-004",
    title: "ElastiCache replication group requires no authentication",
    severity: Severity::Medium,
    category: Category::Identity,
    frameworks: &[
        ("soc2", &["CC6.1"]),
        ("hipaa", &["164.312(d)"]),
        ("gdpr", &["32"]),
        ("nist-800-53", &["IA-2", "AC-3"]),
        ("pci-dss", &["8.3.1"]),
    ],
    resource_types: &[
        "aws_elasticache_replication_group",
        "AWS::ElastiCache::ReplicationGroup",
    ],
    docs: Docs {
        what: "Checks ElastiCache (Redis/Valkey) replication groups for an AUTH token (`auth_token`) or RBAC user groups (`user_group_ids`).",
        why: "Without authentication any client that reaches the port can read and overwrite every key, including session data.",
        fix: "Set `user_group_ids` (RBAC) or an `auth_token` from Secrets Manager; both require in-transit encryption.",
        refs: &["https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html"],
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
  user_group_ids             = ["app-users"]
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
      UserGroupIds: [app-users]
"#,
            },
        ],
    },
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Sink) {
    for c in &cx.views.aws.data.cache_groups {
        let fact = match (&c.auth_token, &c.user_groups) {
            (Tri::Known(true, s), _) | (_, Tri::Known(true, s)) => Tri::Known(true, s.clone()),
            (Tri::Unknown(w, s), _) | (_, Tri::Unknown(w, s)) => Tri::Unknown(w.clone(), s.clone()),
            (a, _) => Tri::Absent(a.span().clone()),
        };
        out.judge(
            c.id,
            "auth_token",
            &fact,
            false,
            |v| *v,
            "clients need no credentials to use the cache",
        );
    }
}
