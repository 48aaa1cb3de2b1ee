//! Data services: DynamoDB, EFS, SQS, SNS, Kinesis, ElastiCache, Redshift,
//! OpenSearch, CloudWatch log groups, Secrets Manager, ECR.

use palisade_model::{Model, ResourceId};

use super::util::{self, is_cfn};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct DynamoTable {
    pub id: ResourceId,
    /// Encrypted with a customer-managed KMS key (`enabled` plus a key).
    pub cmk: Tri<bool>,
    pub pitr: Tri<bool>,
    pub deletion_protection: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct FileSystem {
    pub id: ResourceId,
    pub encrypted: Tri<bool>,
    pub kms_key: Tri<String>,
    /// Automatic backups: CloudFormation `BackupPolicy.Status`, or the
    /// `backup_policy.status` of the `aws_efs_backup_policy` that refers to
    /// the file system (`true` for `ENABLED`). Absent when none is set (the
    /// API default: off).
    pub backup_policy: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct Queue {
    pub id: ResourceId,
    pub managed_sse: Tri<bool>,
    pub kms_key: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Topic {
    pub id: ResourceId,
    pub kms_key: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Stream {
    pub id: ResourceId,
    /// `KMS` or `NONE`.
    pub encryption_type: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct CacheGroup {
    pub id: ResourceId,
    pub at_rest: Tri<bool>,
    pub in_transit: Tri<bool>,
    /// Days of automatic snapshots (0 = none).
    pub snapshot_retention: Tri<i64>,
    pub auth_token: Tri<bool>,
    pub user_groups: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct Warehouse {
    pub id: ResourceId,
    pub encrypted: Tri<bool>,
    pub publicly_accessible: Tri<bool>,
    pub logging: Tri<bool>,
    pub kms_key: Tri<String>,
    pub enhanced_vpc_routing: Tri<bool>,
    /// `require_ssl` in the cluster's parameter group
    /// (`cluster_parameter_group_name`, `ClusterParameterGroupName`). Since
    /// January 2025 the default parameter group, and new groups that leave
    /// it unset, require TLS, so only an explicit `require_ssl = false`
    /// fails. Unknown when the group cannot be resolved.
    pub require_ssl: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct SearchDomain {
    pub id: ResourceId,
    pub at_rest: Tri<bool>,
    pub node_to_node: Tri<bool>,
    pub enforce_https: Tri<bool>,
    pub tls_policy: Tri<String>,
    /// Deployed in a VPC (no public endpoint).
    pub vpc: Tri<bool>,
    /// Fine-grained access control.
    pub fgac: Tri<bool>,
    /// Published log types (`AUDIT_LOGS`, `ES_APPLICATION_LOGS`...).
    pub log_types: util::Strs,
}

#[derive(Clone, Debug)]
pub struct LogGroup {
    pub id: ResourceId,
    /// Days; absent (or 0) = never expire.
    pub retention_days: Tri<i64>,
    pub kms_key: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Secret {
    pub id: ResourceId,
    pub kms_key: Tri<String>,
    /// A rotation schedule refers to the secret.
    pub rotation: Tri<bool>,
    /// Days between rotations, from the rotation schedule.
    pub rotation_days: Tri<i64>,
}

#[derive(Clone, Debug)]
pub struct Repository {
    pub id: ResourceId,
    pub scan_on_push: Tri<bool>,
    /// `MUTABLE` / `IMMUTABLE`.
    pub tag_mutability: Tri<String>,
    /// `AES256` / `KMS`.
    pub encryption_type: Tri<String>,
}

#[derive(Debug, Default)]
pub struct DataView {
    pub dynamodb_tables: Vec<DynamoTable>,
    pub file_systems: Vec<FileSystem>,
    pub queues: Vec<Queue>,
    pub topics: Vec<Topic>,
    pub streams: Vec<Stream>,
    pub cache_groups: Vec<CacheGroup>,
    pub warehouses: Vec<Warehouse>,
    pub search_domains: Vec<SearchDomain>,
    pub log_groups: Vec<LogGroup>,
    pub secrets: Vec<Secret>,
    pub repositories: Vec<Repository>,
}

pub fn build(model: &Model) -> DataView {
    let mut v = DataView::default();
    for (id, r) in model.of_types(&["aws_dynamodb_table", "AWS::DynamoDB::Table"]) {
        let enabled = util::b(
            r,
            "server_side_encryption.enabled",
            "SSESpecification.SSEEnabled",
        );
        let key = util::present(
            r,
            "server_side_encryption.kms_key_arn",
            "SSESpecification.KMSMasterKeyId",
        );
        let cmk = match enabled {
            Tri::Known(true, s) => match key {
                Tri::Known(true, ks) => Tri::Known(true, ks),
                Tri::Unknown(w, ks) => Tri::Unknown(w, ks),
                _ => Tri::Known(false, s),
            },
            other => other,
        };
        v.dynamodb_tables.push(DynamoTable {
            id,
            cmk,
            pitr: util::b(
                r,
                "point_in_time_recovery.enabled",
                "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
            ),
            deletion_protection: util::b(
                r,
                "deletion_protection_enabled",
                "DeletionProtectionEnabled",
            ),
        });
    }
    for (id, r) in model.of_types(&["aws_efs_file_system", "AWS::EFS::FileSystem"]) {
        v.file_systems.push(FileSystem {
            id,
            encrypted: util::b(r, "encrypted", "Encrypted"),
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
            backup_policy: efs_backup_policy(model, id, r),
        });
    }
    for (id, r) in model.of_types(&["aws_sqs_queue", "AWS::SQS::Queue"]) {
        v.queues.push(Queue {
            id,
            managed_sse: util::b(r, "sqs_managed_sse_enabled", "SqsManagedSseEnabled"),
            kms_key: util::s(r, "kms_master_key_id", "KmsMasterKeyId"),
        });
    }
    for (id, r) in model.of_types(&["aws_sns_topic", "AWS::SNS::Topic"]) {
        v.topics.push(Topic {
            id,
            kms_key: util::s(r, "kms_master_key_id", "KmsMasterKeyId"),
        });
    }
    for (id, r) in model.of_types(&["aws_kinesis_stream", "AWS::Kinesis::Stream"]) {
        v.streams.push(Stream {
            id,
            encryption_type: util::s(r, "encryption_type", "StreamEncryption.EncryptionType"),
        });
    }
    for (id, r) in model.of_types(&[
        "aws_elasticache_replication_group",
        "AWS::ElastiCache::ReplicationGroup",
    ]) {
        v.cache_groups.push(CacheGroup {
            id,
            at_rest: util::b(r, "at_rest_encryption_enabled", "AtRestEncryptionEnabled"),
            in_transit: util::b(r, "transit_encryption_enabled", "TransitEncryptionEnabled"),
            snapshot_retention: util::i(r, "snapshot_retention_limit", "SnapshotRetentionLimit"),
            auth_token: util::present(r, "auth_token", "AuthToken"),
            user_groups: util::present(r, "user_group_ids", "UserGroupIds"),
        });
    }
    for (id, r) in model.of_types(&["aws_redshift_cluster", "AWS::Redshift::Cluster"]) {
        // The Terraform provider sends `encrypted = false` when unset;
        // CloudFormation leaves it to the service, which now encrypts.
        let encrypted = if is_cfn(r) {
            util::b(r, "", "Encrypted").or_default_when_absent(true)
        } else {
            util::b(r, "encrypted", "").or_default_when_absent(false)
        };
        v.warehouses.push(Warehouse {
            id,
            encrypted,
            publicly_accessible: util::b(r, "publicly_accessible", "PubliclyAccessible"),
            logging: util::present(r, "logging", "LoggingProperties"),
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
            enhanced_vpc_routing: util::b(r, "enhanced_vpc_routing", "EnhancedVpcRouting"),
            require_ssl: match super::rds::group_parameter(
                model,
                id,
                ("cluster_parameter_group_name", "ClusterParameterGroupName"),
                &[
                    "aws_redshift_parameter_group",
                    "AWS::Redshift::ClusterParameterGroup",
                ],
                ("name", "ParameterGroupName"),
                &["require_ssl"],
            ) {
                Tri::Known(v, s) => Tri::Known(super::rds::is_on(&v), s),
                Tri::Absent(s) => Tri::Known(true, s),
                Tri::Unknown(w, s) => Tri::Unknown(w, s),
            },
        });
    }
    for (id, r) in model.of_types(&[
        "aws_opensearch_domain",
        "aws_elasticsearch_domain",
        "AWS::OpenSearchService::Domain",
        "AWS::Elasticsearch::Domain",
    ]) {
        v.search_domains.push(SearchDomain {
            id,
            at_rest: util::b(
                r,
                "encrypt_at_rest.enabled",
                "EncryptionAtRestOptions.Enabled",
            ),
            node_to_node: util::b(
                r,
                "node_to_node_encryption.enabled",
                "NodeToNodeEncryptionOptions.Enabled",
            ),
            enforce_https: util::b(
                r,
                "domain_endpoint_options.enforce_https",
                "DomainEndpointOptions.EnforceHTTPS",
            ),
            tls_policy: util::s(
                r,
                "domain_endpoint_options.tls_security_policy",
                "DomainEndpointOptions.TLSSecurityPolicy",
            ),
            vpc: util::present(r, "vpc_options", "VPCOptions"),
            fgac: util::b(
                r,
                "advanced_security_options.enabled",
                "AdvancedSecurityOptions.Enabled",
            ),
            log_types: search_log_types(r),
        });
    }
    for (id, r) in model.of_types(&["aws_cloudwatch_log_group", "AWS::Logs::LogGroup"]) {
        v.log_groups.push(LogGroup {
            id,
            retention_days: util::i(r, "retention_in_days", "RetentionInDays"),
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
        });
    }
    for (id, r) in model.of_types(&["aws_secretsmanager_secret", "AWS::SecretsManager::Secret"]) {
        let rot = util::referrers(
            model,
            id,
            &[
                "aws_secretsmanager_secret_rotation",
                "AWS::SecretsManager::RotationSchedule",
            ],
            if is_cfn(r) { "SecretId" } else { "secret_id" },
        );
        let rotation = match rot.first() {
            Some((_, x)) => Tri::Known(true, x.span.clone()),
            None => util::present(r, "rotation_rules", ""),
        };
        let rotation_days = match rot.first() {
            Some((_, x)) => util::i(
                x,
                "rotation_rules.automatically_after_days",
                "RotationRules.AutomaticallyAfterDays",
            ),
            None => Tri::Absent(r.span.clone()),
        };
        v.secrets.push(Secret {
            id,
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
            rotation,
            rotation_days,
        });
    }
    for (id, r) in model.of_types(&["aws_ecr_repository", "AWS::ECR::Repository"]) {
        v.repositories.push(Repository {
            id,
            scan_on_push: util::b(
                r,
                "image_scanning_configuration.scan_on_push",
                "ImageScanningConfiguration.ScanOnPush",
            ),
            tag_mutability: util::s(r, "image_tag_mutability", "ImageTagMutability"),
            encryption_type: util::s(
                r,
                "encryption_configuration.encryption_type",
                "EncryptionConfiguration.EncryptionType",
            ),
        });
    }
    v
}

fn search_log_types(r: &palisade_model::Resource) -> util::Strs {
    let mut out = util::Strs::default();
    if is_cfn(r) {
        // A map keyed by log type.
        match r.attr("LogPublishingOptions") {
            palisade_model::Lookup::Absent => {}
            palisade_model::Lookup::Unknown(n, u) => {
                out.present = true;
                out.unknown = Some((u.reason.to_string(), util::span_of(n, &r.span)));
            }
            palisade_model::Lookup::Known(n) => {
                out.present = true;
                if let Some(m) = n.as_map() {
                    for (k, opt) in m {
                        let enabled = opt.get("Enabled").known().and_then(|e| e.as_bool());
                        if enabled != Some(false) {
                            out.values.push((k.clone(), util::span_of(opt, &r.span)));
                        }
                    }
                }
            }
        }
    } else if let Some(n) = r.attr("log_publishing_options").node() {
        out.present = true;
        for item in n.items() {
            if item.get("enabled").known().and_then(|e| e.as_bool()) == Some(false) {
                continue;
            }
            let t = util::Strs::read(item.get("log_type"), &r.span);
            out.values.extend(t.values);
            if out.unknown.is_none() {
                out.unknown = t.unknown;
            }
        }
    }
    out
}

/// EFS automatic backups: the file system's own `BackupPolicy` or the
/// `aws_efs_backup_policy` resource that refers to it.
fn efs_backup_policy(model: &Model, id: ResourceId, r: &palisade_model::Resource) -> Tri<bool> {
    let enabled = |t: Tri<String>| t.map(|v| v.eq_ignore_ascii_case("ENABLED"));
    if is_cfn(r) {
        return enabled(util::s(r, "", "BackupPolicy.Status"));
    }
    match util::referrers(model, id, &["aws_efs_backup_policy"], "file_system_id").first() {
        Some((_, p)) => enabled(util::s(p, "backup_policy.status", "")),
        None => Tri::Absent(r.span.clone()),
    }
}
