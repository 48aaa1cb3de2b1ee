//! RDS and Aurora: instances and clusters, snapshots.

use palisade_model::{Model, ResourceId};

use super::util::{self, is_cfn};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct Database {
    pub id: ResourceId,
    /// An Aurora/Multi-AZ cluster (`aws_rds_cluster`, `AWS::RDS::DBCluster`).
    pub cluster: bool,
    /// An instance that belongs to a cluster (storage, backups and deletion
    /// protection are the cluster's) or a read replica.
    pub member: bool,
    /// The engine, in lower case: AWS engine names are case-insensitive
    /// (CloudFormation templates write `MySQL`, the API reports `mysql`).
    pub engine: Tri<String>,
    pub storage_encrypted: Tri<bool>,
    pub kms_key: Tri<String>,
    pub publicly_accessible: Tri<bool>,
    pub backup_retention: Tri<i64>,
    pub deletion_protection: Tri<bool>,
    pub iam_auth: Tri<bool>,
    pub multi_az: Tri<bool>,
    pub auto_minor_upgrade: Tri<bool>,
    /// Log types exported to CloudWatch Logs.
    pub log_exports: util::Strs,
    pub performance_insights_kms: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct DbSnapshot {
    pub id: ResourceId,
    pub shared_accounts: util::Strs,
}

#[derive(Debug, Default)]
pub struct RdsView {
    pub databases: Vec<Database>,
    pub snapshots: Vec<DbSnapshot>,
}

pub fn build(model: &Model) -> RdsView {
    let mut v = RdsView::default();
    for (id, r) in model.of_types(&[
        "aws_db_instance",
        "aws_rds_cluster",
        "aws_rds_cluster_instance",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
    ]) {
        let cluster = matches!(r.rtype.as_str(), "aws_rds_cluster" | "AWS::RDS::DBCluster");
        let member = r.rtype == "aws_rds_cluster_instance"
            || util::present(r, "cluster_identifier", "DBClusterIdentifier").is_known()
            || util::present(r, "replicate_source_db", "SourceDBInstanceIdentifier").is_known();
        v.databases.push(Database {
            id,
            cluster,
            member,
            engine: util::s(r, "engine", "Engine").map(|e| e.to_ascii_lowercase()),
            storage_encrypted: util::b(r, "storage_encrypted", "StorageEncrypted"),
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
            publicly_accessible: util::b(r, "publicly_accessible", "PubliclyAccessible"),
            backup_retention: util::i(r, "backup_retention_period", "BackupRetentionPeriod"),
            deletion_protection: util::b(r, "deletion_protection", "DeletionProtection"),
            iam_auth: util::b(
                r,
                "iam_database_authentication_enabled",
                "EnableIAMDatabaseAuthentication",
            ),
            multi_az: if cluster && is_cfn(r) {
                Tri::Known(true, r.span.clone())
            } else {
                util::b(r, "multi_az", "MultiAZ")
            },
            auto_minor_upgrade: util::b(r, "auto_minor_version_upgrade", "AutoMinorVersionUpgrade"),
            log_exports: util::strs(
                r,
                "enabled_cloudwatch_logs_exports",
                "EnableCloudwatchLogsExports",
            ),
            performance_insights_kms: util::s(
                r,
                "performance_insights_kms_key_id",
                "PerformanceInsightsKMSKeyId",
            ),
        });
    }
    for (id, r) in model.of_types(&["aws_db_snapshot", "aws_db_cluster_snapshot"]) {
        v.snapshots.push(DbSnapshot {
            id,
            shared_accounts: util::strs(r, "shared_accounts", ""),
        });
    }
    v
}
