//! Smaller services with a few security facts each: DocumentDB, Neptune,
//! MSK, Athena, AWS Backup, WorkSpaces, DMS, SSM documents, Glue.

use palisade_model::{Model, ResourceId};

use super::util::{self, Strs};
use crate::Tri;

#[derive(Clone, Debug)]
pub struct DocCluster {
    pub id: ResourceId,
    /// `docdb` or `neptune`.
    pub engine: &'static str,
    pub encrypted: Tri<bool>,
    pub log_exports: Strs,
    pub backup_retention: Tri<i64>,
    pub deletion_protection: Tri<bool>,
    pub iam_auth: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct MskCluster {
    pub id: ResourceId,
    /// `TLS` (default), `TLS_PLAINTEXT` or `PLAINTEXT`.
    pub client_broker: Tri<String>,
    pub in_cluster: Tri<bool>,
    pub at_rest_kms: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Workgroup {
    pub id: ResourceId,
    pub result_encryption: Tri<bool>,
    pub enforce: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct BackupVault {
    pub id: ResourceId,
    pub kms_key: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Workspace {
    pub id: ResourceId,
    pub root_encrypted: Tri<bool>,
    pub user_encrypted: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct DmsInstance {
    pub id: ResourceId,
    /// Absent means public: the service default is `true`.
    pub publicly_accessible: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct SsmDocument {
    pub id: ResourceId,
    /// Account ids the document is shared with (`All` = public).
    pub shared_with: Strs,
}

#[derive(Clone, Debug)]
pub struct GlueCatalogEncryption {
    pub id: ResourceId,
    /// `DISABLED`, `SSE-KMS`, `SSE-KMS-WITH-SERVICE-ROLE`.
    pub mode: Tri<String>,
    pub connection_passwords: Tri<bool>,
}

#[derive(Debug, Default)]
pub struct MiscView {
    pub doc_clusters: Vec<DocCluster>,
    pub msk_clusters: Vec<MskCluster>,
    pub athena_workgroups: Vec<Workgroup>,
    pub backup_vaults: Vec<BackupVault>,
    pub workspaces: Vec<Workspace>,
    pub dms_instances: Vec<DmsInstance>,
    pub ssm_documents: Vec<SsmDocument>,
    pub glue_catalog_encryption: Vec<GlueCatalogEncryption>,
}

pub fn build(model: &Model) -> MiscView {
    let mut v = MiscView::default();
    for (id, r) in model.of_types(&[
        "aws_docdb_cluster",
        "AWS::DocDB::DBCluster",
        "aws_neptune_cluster",
        "AWS::Neptune::DBCluster",
    ]) {
        let neptune = r.rtype.contains("neptune") || r.rtype.contains("Neptune");
        v.doc_clusters.push(DocCluster {
            id,
            engine: if neptune { "neptune" } else { "docdb" },
            encrypted: util::b(r, "storage_encrypted", "StorageEncrypted"),
            log_exports: util::strs(
                r,
                if neptune {
                    "enable_cloudwatch_logs_exports"
                } else {
                    "enabled_cloudwatch_logs_exports"
                },
                "EnableCloudwatchLogsExports",
            ),
            backup_retention: util::i(r, "backup_retention_period", "BackupRetentionPeriod"),
            deletion_protection: util::b(r, "deletion_protection", "DeletionProtection"),
            iam_auth: util::b(r, "iam_database_authentication_enabled", "IamAuthEnabled"),
        });
    }
    for (id, r) in model.of_types(&["aws_msk_cluster", "AWS::MSK::Cluster"]) {
        v.msk_clusters.push(MskCluster {
            id,
            client_broker: util::s(
                r,
                "encryption_info.encryption_in_transit.client_broker",
                "EncryptionInfo.EncryptionInTransit.ClientBroker",
            ),
            in_cluster: util::b(
                r,
                "encryption_info.encryption_in_transit.in_cluster",
                "EncryptionInfo.EncryptionInTransit.InCluster",
            ),
            at_rest_kms: util::s(
                r,
                "encryption_info.encryption_at_rest_kms_key_arn",
                "EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId",
            ),
        });
    }
    for (id, r) in model.of_types(&["aws_athena_workgroup", "AWS::Athena::WorkGroup"]) {
        v.athena_workgroups.push(Workgroup {
            id,
            result_encryption: util::present(
                r,
                "configuration.result_configuration.encryption_configuration",
                "WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration",
            ),
            enforce: util::b(
                r,
                "configuration.enforce_workgroup_configuration",
                "WorkGroupConfiguration.EnforceWorkGroupConfiguration",
            ),
        });
    }
    for (id, r) in model.of_types(&["aws_backup_vault", "AWS::Backup::BackupVault"]) {
        v.backup_vaults.push(BackupVault {
            id,
            kms_key: util::s(r, "kms_key_arn", "EncryptionKeyArn"),
        });
    }
    for (id, r) in model.of_types(&["aws_workspaces_workspace", "AWS::WorkSpaces::Workspace"]) {
        v.workspaces.push(Workspace {
            id,
            root_encrypted: util::b(
                r,
                "root_volume_encryption_enabled",
                "RootVolumeEncryptionEnabled",
            ),
            user_encrypted: util::b(
                r,
                "user_volume_encryption_enabled",
                "UserVolumeEncryptionEnabled",
            ),
        });
    }
    for (id, r) in model.of_types(&[
        "aws_dms_replication_instance",
        "AWS::DMS::ReplicationInstance",
    ]) {
        v.dms_instances.push(DmsInstance {
            id,
            publicly_accessible: util::b(r, "publicly_accessible", "PubliclyAccessible"),
        });
    }
    for (id, r) in model.of_type("aws_ssm_document") {
        v.ssm_documents.push(SsmDocument {
            id,
            shared_with: util::strs(r, "permissions.account_ids", ""),
        });
    }
    for (id, r) in model.of_types(&[
        "aws_glue_data_catalog_encryption_settings",
        "AWS::Glue::DataCatalogEncryptionSettings",
    ]) {
        v.glue_catalog_encryption.push(GlueCatalogEncryption {
            id,
            mode: util::s(
                r,
                "data_catalog_encryption_settings.encryption_at_rest.catalog_encryption_mode",
                "DataCatalogEncryptionSettings.EncryptionAtRest.CatalogEncryptionMode",
            ),
            connection_passwords: util::b(
                r,
                "data_catalog_encryption_settings.connection_password_encryption.return_connection_password_encrypted",
                "DataCatalogEncryptionSettings.ConnectionPasswordEncryption.ReturnConnectionPasswordEncrypted",
            ),
        });
    }
    v
}
