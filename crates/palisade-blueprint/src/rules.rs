//! The rule ids blueprint findings carry, with their metadata.

use palisade_engine::{Category, RuleInfo, Severity};

/// One blueprint rule: a requirement kind.
#[derive(Clone, Copy, Debug)]
pub struct RuleDef {
    pub id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    /// The blueprint key that declares it.
    pub key: &'static str,
    pub what: &'static str,
    pub fix: &'static str,
}

macro_rules! rule {
    ($id:literal, $sev:ident, $key:literal, $title:literal, $what:literal, $fix:literal) => {
        RuleDef {
            id: $id,
            title: $title,
            severity: Severity::$sev,
            key: $key,
            what: $what,
            fix: $fix,
        }
    };
}

pub const RULES: &[RuleDef] = &[
    rule!(
        "PAL-BP-ENCRYPTION-AT-REST",
        High,
        "tiers.*.encryption_at_rest",
        "Data store is not encrypted at rest as its tier requires",
        "The blueprint requires data stores of this tier to be encrypted at rest (`encryption_at_rest: required`).",
        "Turn on the service's encryption at rest (for example `storage_encrypted = true`, `encrypted = true`)."
    ),
    rule!(
        "PAL-BP-CMK",
        High,
        "tiers.*.encryption_at_rest",
        "Data store is not encrypted with a customer-managed key as its tier requires",
        "The blueprint requires data stores of this tier to be encrypted with a customer-managed KMS key (`encryption_at_rest: customer-managed-key`).",
        "Create an `aws_kms_key` (with rotation) and name it in the store's KMS key attribute."
    ),
    rule!(
        "PAL-BP-ENCRYPTION-IN-TRANSIT",
        High,
        "tiers.*.encryption_in_transit",
        "Data store does not enforce encryption in transit as its tier requires",
        "The blueprint requires data stores of this tier to refuse unencrypted connections (`encryption_in_transit: required`).",
        "Enable TLS-only access: a bucket, queue, topic or file system policy denying `aws:SecureTransport = false`; `rds.force_ssl = 1` or `require_secure_transport = ON` in the database's parameter group, `require_ssl = true` in the Redshift parameter group; `transit_encryption_enabled`; node-to-node encryption and HTTPS enforcement."
    ),
    rule!(
        "PAL-BP-KEY-ROTATION",
        Medium,
        "tiers.*.key_rotation",
        "The data store's customer-managed key does not rotate as its tier requires",
        "The blueprint requires the KMS keys of this tier's data stores to rotate (`key_rotation: required`).",
        "Set `enable_key_rotation = true` on the key."
    ),
    rule!(
        "PAL-BP-PUBLIC-ACCESS",
        Critical,
        "tiers.*.public_access",
        "Data store may be reachable publicly although its tier forbids it",
        "The blueprint forbids public access to data stores of this tier (`public_access: forbidden`).",
        "Block public access (S3 public access block, `publicly_accessible = false`, a VPC endpoint, no `*` principal)."
    ),
    rule!(
        "PAL-BP-ACCESS-LOGGING",
        Medium,
        "tiers.*.access_logging",
        "Data store has no access logging as its tier requires",
        "The blueprint requires access logs for data stores of this tier (`access_logging: required`).",
        "Turn on the service's access logging (S3 server access logs, database log exports, audit logs)."
    ),
    rule!(
        "PAL-BP-VERSIONING",
        Medium,
        "tiers.*.versioning",
        "Bucket is not versioned as its tier requires",
        "The blueprint requires versioning for buckets of this tier (`versioning: required`).",
        "Enable versioning (`aws_s3_bucket_versioning` with `status = \"Enabled\"`)."
    ),
    rule!(
        "PAL-BP-OBJECT-LOCK",
        Medium,
        "tiers.*.object_lock",
        "Bucket has no object lock as its tier requires",
        "The blueprint requires object lock (write-once storage) for buckets of this tier (`object_lock: required`).",
        "Create the bucket with `object_lock_enabled = true` and a retention configuration."
    ),
    rule!(
        "PAL-BP-BACKUP-RETENTION",
        Medium,
        "tiers.*.backup_retention_days",
        "Data store keeps backups for fewer days than its tier requires",
        "The blueprint sets a minimum backup retention for data stores of this tier (`backup_retention_days`).",
        "Raise the backup retention (`backup_retention_period`, point-in-time recovery, `snapshot_retention_limit`), enable EFS automatic backups (`aws_efs_backup_policy`), or select the volume or file system in an AWS Backup plan whose rules keep backups long enough (`lifecycle.delete_after`)."
    ),
    rule!(
        "PAL-BP-DELETION-PROTECTION",
        Medium,
        "tiers.*.deletion_protection",
        "Data store has no deletion protection as its tier requires",
        "The blueprint requires deletion protection for data stores of this tier (`deletion_protection: required`).",
        "Set `deletion_protection = true` (`deletion_protection_enabled` for DynamoDB)."
    ),
    rule!(
        "PAL-BP-LOG-RETENTION",
        Low,
        "tiers.*.log_retention_days",
        "Log group keeps logs for fewer days than its tier requires",
        "The blueprint sets a minimum log retention for log groups of this tier (`log_retention_days`).",
        "Raise `retention_in_days` (or leave it unset to keep logs forever)."
    ),
    rule!(
        "PAL-BP-REGION",
        High,
        "tiers.*.allowed_regions",
        "Data store is in a region its tier does not allow",
        "The blueprint restricts where data of this tier may reside (`allowed_regions`).",
        "Deploy the store in an allowed region (the provider's `region`)."
    ),
    rule!(
        "PAL-BP-UNCLASSIFIED",
        Medium,
        "classification.default",
        "Data store has no data tier",
        "The blueprint makes every unclassified data store a finding (`default: finding`).",
        "Tag the store with the classification tag, or add a classification rule that matches it."
    ),
    rule!(
        "PAL-BP-CLASSIFICATION",
        Info,
        "classification.tag",
        "Data store's tier cannot be determined",
        "The classification tag's value could not be resolved, so the store's tier and requirements are unknown.",
        "Give the tag a value palisade can resolve (a literal, or a variable with a default)."
    ),
    rule!(
        "PAL-BP-OWNERSHIP-TAG",
        Low,
        "ownership.required_tags",
        "Resource lacks a tag the blueprint requires",
        "The blueprint requires every taggable resource to carry these tags or labels (`ownership.required_tags`).",
        "Add the tag (or the provider's `default_tags`)."
    ),
    rule!(
        "PAL-BP-OWNERSHIP-VALUE",
        Low,
        "ownership.allowed_values",
        "Resource tag value is not allowed by the blueprint",
        "The blueprint restricts the values of this tag to a pattern (`ownership.allowed_values`).",
        "Use a value that matches the pattern."
    ),
    rule!(
        "PAL-BP-CLOUDTRAIL-ALL-REGIONS",
        High,
        "logging.cloudtrail.all_regions",
        "No CloudTrail trail covers all regions",
        "The blueprint requires a multi-region CloudTrail trail (`logging.cloudtrail.all_regions`).",
        "Set `is_multi_region_trail = true` on a trail."
    ),
    rule!(
        "PAL-BP-CLOUDTRAIL-VALIDATION",
        Medium,
        "logging.cloudtrail.log_file_validation",
        "CloudTrail trail has no log file validation",
        "The blueprint requires CloudTrail log file integrity validation (`logging.cloudtrail.log_file_validation`).",
        "Set `enable_log_file_validation = true`."
    ),
    rule!(
        "PAL-BP-CLOUDTRAIL-RETENTION",
        Medium,
        "logging.cloudtrail.retention_days",
        "CloudTrail logs are kept for fewer days than the blueprint requires",
        "The blueprint sets a floor on CloudTrail log retention (`logging.cloudtrail.retention_days`): the trail's bucket lifecycle and log group retention may not expire logs sooner.",
        "Raise the expiration of the trail bucket's lifecycle rules and the log group's `retention_in_days`."
    ),
    rule!(
        "PAL-BP-VPC-FLOW-LOGS",
        Medium,
        "logging.vpc_flow_logs",
        "VPC has no flow logs",
        "The blueprint requires flow logs on every VPC (`logging.vpc_flow_logs: required`).",
        "Add an `aws_flow_log` for the VPC."
    ),
    rule!(
        "PAL-BP-AUDIT-OBJECT-LOCK",
        Medium,
        "logging.audit_bucket_object_lock",
        "The audit log bucket is not immutable",
        "The blueprint requires the bucket CloudTrail writes to to have object lock (`logging.audit_bucket_object_lock: required`).",
        "Enable object lock on the trail's bucket."
    ),
    rule!(
        "PAL-BP-KMS-ROTATION",
        Medium,
        "keys.rotation",
        "KMS key does not rotate",
        "The blueprint requires every symmetric KMS key to rotate (`keys.rotation: required`).",
        "Set `enable_key_rotation = true`."
    ),
    rule!(
        "PAL-BP-KEY-ADMIN",
        High,
        "keys.administrators",
        "Key policy lets a principal outside the blueprint's key administrators administer the key",
        "The blueprint lists who may administer KMS keys (`keys.administrators`); a key policy statement grants administrative KMS actions to another principal.",
        "Grant key administration only to the listed principals."
    ),
];

/// The definition of a rule id.
pub fn rule_info(id: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|r| r.id == id)
}

/// Every blueprint rule as engine metadata, for outputs (SARIF rules,
/// `palisade rules`).
pub fn rule_infos() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            id: r.id.to_string(),
            title: r.title.to_string(),
            severity: r.severity,
            category: Category::Blueprint,
            frameworks: Default::default(),
            description: r.what.to_string(),
            help: format!(
                "{}\n\nDeclared in palisade.blueprint.yaml at `{}`.\n\nFix: {}",
                r.what, r.key, r.fix
            ),
            help_uri: format!("https://palisade.dev/rules/{}", r.id),
            builtin: true,
        })
        .collect()
}
