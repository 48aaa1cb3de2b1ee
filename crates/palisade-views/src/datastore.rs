//! A uniform view over every data store the views know: S3, RDS/Aurora,
//! DynamoDB, EBS, EFS, ElastiCache, Redshift, OpenSearch, SQS, SNS, Kinesis,
//! Secrets Manager, CloudWatch log groups, ECR, and Kubernetes
//! PersistentVolumeClaims and Secrets.
//!
//! Each property is an `Option<Tri<_>>`: `None` means the property does not
//! apply to the store's type (object lock on a database), `Some(Tri::Absent)`
//! means it applies but is not set, `Some(Tri::Unknown)` that it could not be
//! resolved. Service defaults are applied where the service has one (an S3
//! bucket without an encryption configuration is encrypted with S3-managed
//! keys; an RDS instance without `storage_encrypted` is not encrypted).

use std::collections::BTreeMap;

use palisade_model::{Lookup, Model, Node, Resource, ResourceId, SourceKind, Span, Value};

use crate::Tri;
use crate::aws::AwsViews;
use crate::aws::iam::PolicyKind;
use crate::aws::s3::Sse;
use crate::aws::util::{self, is_cfn};

/// How data is encrypted at rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Encryption {
    None,
    /// Encrypted with keys the provider owns or manages (`AES256`,
    /// `alias/aws/s3`, DynamoDB's AWS-owned key).
    ProviderManaged,
    /// Encrypted with a customer-managed KMS key: its id/ARN/alias when
    /// known, else the address of the key resource it refers to.
    CustomerManaged {
        key: Option<String>,
    },
}

/// The kind of data store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Service {
    S3,
    Rds,
    DynamoDb,
    Ebs,
    Efs,
    ElastiCache,
    Redshift,
    OpenSearch,
    Sqs,
    Sns,
    Kinesis,
    SecretsManager,
    CloudWatchLogs,
    Ecr,
    K8sPersistentVolumeClaim,
    K8sSecret,
}

impl Service {
    pub fn as_str(self) -> &'static str {
        match self {
            Service::S3 => "s3",
            Service::Rds => "rds",
            Service::DynamoDb => "dynamodb",
            Service::Ebs => "ebs",
            Service::Efs => "efs",
            Service::ElastiCache => "elasticache",
            Service::Redshift => "redshift",
            Service::OpenSearch => "opensearch",
            Service::Sqs => "sqs",
            Service::Sns => "sns",
            Service::Kinesis => "kinesis",
            Service::SecretsManager => "secretsmanager",
            Service::CloudWatchLogs => "logs",
            Service::Ecr => "ecr",
            Service::K8sPersistentVolumeClaim => "k8s-pvc",
            Service::K8sSecret => "k8s-secret",
        }
    }
}

/// Tags (Terraform `tags` merged over the provider's `default_tags`,
/// CloudFormation `Tags`, Kubernetes `metadata.labels`): each value is
/// three-valued on its own, so one unresolved tag does not hide the others.
pub type Tags = BTreeMap<String, Tri<String>>;

/// One data store.
#[derive(Clone, Debug)]
pub struct DataStore {
    pub id: ResourceId,
    pub service: Service,
    pub tags: Tri<Tags>,
    /// `None` for Kubernetes objects (no region).
    pub region: Option<Tri<String>>,
    pub encryption_at_rest: Option<Tri<Encryption>>,
    pub encryption_in_transit: Option<Tri<bool>>,
    /// `true`: reachable (or not blocked) from the internet.
    pub public_access: Option<Tri<bool>>,
    pub access_logging: Option<Tri<bool>>,
    pub versioning: Option<Tri<bool>>,
    pub object_lock: Option<Tri<bool>>,
    pub backup_retention_days: Option<Tri<i64>>,
    pub deletion_protection: Option<Tri<bool>>,
    /// Days; `0` means the logs never expire.
    pub log_retention_days: Option<Tri<i64>>,
    /// Rotation of the customer-managed key, when the store uses one.
    pub key_rotation: Option<Tri<bool>>,
    /// The KMS key resource the store refers to, when in the model.
    pub key_resource: Option<ResourceId>,
}

impl DataStore {
    /// One tag's value: absent when the tags are known but lack `key`.
    pub fn tag(&self, key: &str) -> Tri<String> {
        match &self.tags {
            Tri::Known(m, s) => m.get(key).cloned().unwrap_or(Tri::Absent(s.clone())),
            Tri::Unknown(w, s) => Tri::Unknown(w.clone(), s.clone()),
            Tri::Absent(s) => Tri::Absent(s.clone()),
        }
    }
}

/// Every data store, in model order.
#[derive(Debug, Default)]
pub struct DataStores {
    pub stores: Vec<DataStore>,
}

impl DataStores {
    pub fn get(&self, id: ResourceId) -> Option<&DataStore> {
        self.stores
            .binary_search_by_key(&id, |d| d.id)
            .ok()
            .and_then(|i| self.stores.get(i))
    }
}

/// Resource types whose instances are data stores (Terraform, CloudFormation
/// and Kubernetes spellings).
pub const DATA_STORE_TYPES: &[&str] = &[
    "aws_s3_bucket",
    "AWS::S3::Bucket",
    "aws_db_instance",
    "aws_rds_cluster",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBCluster",
    "aws_dynamodb_table",
    "AWS::DynamoDB::Table",
    "aws_ebs_volume",
    "AWS::EC2::Volume",
    "aws_efs_file_system",
    "AWS::EFS::FileSystem",
    "aws_elasticache_replication_group",
    "AWS::ElastiCache::ReplicationGroup",
    "aws_redshift_cluster",
    "AWS::Redshift::Cluster",
    "aws_opensearch_domain",
    "aws_elasticsearch_domain",
    "AWS::OpenSearchService::Domain",
    "AWS::Elasticsearch::Domain",
    "aws_sqs_queue",
    "AWS::SQS::Queue",
    "aws_sns_topic",
    "AWS::SNS::Topic",
    "aws_kinesis_stream",
    "AWS::Kinesis::Stream",
    "aws_secretsmanager_secret",
    "AWS::SecretsManager::Secret",
    "aws_cloudwatch_log_group",
    "AWS::Logs::LogGroup",
    "aws_ecr_repository",
    "AWS::ECR::Repository",
    "PersistentVolumeClaim",
    "Secret",
];

const KEY_TYPES: &[&str] = &["aws_kms_key", "AWS::KMS::Key"];
const ALIAS_TYPES: &[&str] = &["aws_kms_alias", "AWS::KMS::Alias"];

/// Builds the data store view from the model and the AWS views.
pub fn build(model: &Model, aws: &AwsViews) -> DataStores {
    let mut stores = Vec::new();
    let b = Builder { model, aws };
    for s in &aws.s3_buckets {
        stores.push(b.s3(s));
    }
    for d in &aws.rds.databases {
        let r = model.get(d.id);
        // Cluster members keep their data in the cluster.
        if r.rtype == "aws_rds_cluster_instance" || (d.member && !d.cluster && b.in_cluster(r)) {
            continue;
        }
        let mut ds = b.base(d.id, Service::Rds);
        ds.encryption_at_rest = Some(b.enc_flag(
            d.id,
            d.storage_encrypted.clone().or_default_when_absent(false),
            ("kms_key_id", "KmsKeyId"),
        ));
        ds.public_access = Some(d.publicly_accessible.clone().or_default_when_absent(false));
        ds.access_logging = Some(util::present(
            r,
            "enabled_cloudwatch_logs_exports",
            "EnableCloudwatchLogsExports",
        ));
        ds.encryption_in_transit = Some(d.tls_enforced.clone());
        ds.backup_retention_days = Some(d.backup_retention.clone().or_default_when_absent(1));
        ds.deletion_protection = Some(d.deletion_protection.clone().or_default_when_absent(false));
        stores.push(b.finish(ds));
    }
    for t in &aws.data.dynamodb_tables {
        let r = model.get(t.id);
        let mut ds = b.base(t.id, Service::DynamoDb);
        // Always encrypted: AWS-owned key unless a KMS key is configured.
        let enabled = util::b(
            r,
            "server_side_encryption.enabled",
            "SSESpecification.SSEEnabled",
        )
        .or_default_when_absent(false);
        ds.encryption_at_rest = Some(match enabled {
            Tri::Known(false, s) => Tri::Known(Encryption::ProviderManaged, s),
            Tri::Unknown(w, s) => Tri::Unknown(w, s),
            other => b.key_enc(
                t.id,
                other.span(),
                (
                    "server_side_encryption.kms_key_arn",
                    "SSESpecification.KMSMasterKeyId",
                ),
                Encryption::ProviderManaged,
            ),
        });
        ds.encryption_in_transit = Some(Tri::Known(true, r.span.clone()));
        ds.public_access = Some(b.policy_public(t.id, Tri::Known(false, r.span.clone())));
        ds.backup_retention_days = Some(
            t.pitr
                .clone()
                .or_default_when_absent(false)
                .map(|on| if on { 35 } else { 0 }),
        );
        ds.deletion_protection = Some(t.deletion_protection.clone().or_default_when_absent(false));
        stores.push(b.finish(ds));
    }
    let ebs_default = aws
        .ec2
        .ebs_default_encryption
        .iter()
        .find(|e| e.enabled.known() == Some(&true));
    for v in &aws.ec2.volumes {
        let r = model.get(v.id);
        let mut ds = b.base(v.id, Service::Ebs);
        let flag = match (&v.encrypted, ebs_default) {
            (Tri::Absent(_), Some(e)) if model.get(e.id).scope == r.scope => {
                Tri::Known(true, e.enabled.span().clone())
            }
            (f, _) => f.clone().or_default_when_absent(false),
        };
        ds.encryption_at_rest = Some(b.enc_flag(v.id, flag, ("kms_key_id", "KmsKeyId")));
        ds.backup_retention_days = Some(b.aws_backup(v.id, ":volume/"));
        stores.push(b.finish(ds));
    }
    for f in &aws.data.file_systems {
        let mut ds = b.base(f.id, Service::Efs);
        ds.encryption_at_rest = Some(b.enc_flag(
            f.id,
            f.encrypted.clone().or_default_when_absent(false),
            ("kms_key_id", "KmsKeyId"),
        ));
        ds.public_access = Some(b.policy_public(f.id, Tri::Known(false, b.span(f.id))));
        ds.encryption_in_transit = Some(b.secure_transport(f.id));
        // Automatic backups go to the default plan, kept 35 days.
        let automatic = match &f.backup_policy {
            Tri::Known(true, s) => Tri::Known(EFS_AUTOMATIC_BACKUP_DAYS, s.clone()),
            Tri::Unknown(w, s) => Tri::Unknown(w.clone(), s.clone()),
            Tri::Known(false, s) | Tri::Absent(s) => Tri::Absent(s.clone()),
        };
        ds.backup_retention_days = Some(longest(automatic, b.aws_backup(f.id, ":file-system/")));
        stores.push(b.finish(ds));
    }
    for c in &aws.data.cache_groups {
        let r = model.get(c.id);
        let mut ds = b.base(c.id, Service::ElastiCache);
        ds.encryption_at_rest = Some(b.enc_flag(
            c.id,
            c.at_rest.clone().or_default_when_absent(false),
            ("kms_key_id", "KmsKeyId"),
        ));
        ds.encryption_in_transit = Some(c.in_transit.clone().or_default_when_absent(false));
        // Replication groups live in a VPC: never reachable from the internet.
        ds.public_access = Some(Tri::Known(false, r.span.clone()));
        ds.backup_retention_days = Some(
            util::i(r, "snapshot_retention_limit", "SnapshotRetentionLimit")
                .or_default_when_absent(0),
        );
        stores.push(b.finish(ds));
    }
    for w in &aws.data.warehouses {
        let r = model.get(w.id);
        let mut ds = b.base(w.id, Service::Redshift);
        ds.encryption_at_rest =
            Some(b.enc_flag(w.id, w.encrypted.clone(), ("kms_key_id", "KmsKeyId")));
        ds.public_access = Some(w.publicly_accessible.clone().or_default_when_absent(false));
        ds.access_logging = Some(w.logging.clone());
        ds.encryption_in_transit = Some(w.require_ssl.clone());
        ds.backup_retention_days = Some(
            util::i(
                r,
                "automated_snapshot_retention_period",
                "AutomatedSnapshotRetentionPeriod",
            )
            .or_default_when_absent(1),
        );
        stores.push(b.finish(ds));
    }
    for d in &aws.data.search_domains {
        let r = model.get(d.id);
        let mut ds = b.base(d.id, Service::OpenSearch);
        ds.encryption_at_rest = Some(b.enc_flag(
            d.id,
            d.at_rest.clone().or_default_when_absent(false),
            (
                "encrypt_at_rest.kms_key_id",
                "EncryptionAtRestOptions.KmsKeyId",
            ),
        ));
        ds.encryption_in_transit = Some(and(
            d.node_to_node.clone().or_default_when_absent(false),
            d.enforce_https.clone().or_default_when_absent(false),
        ));
        // Outside a VPC a domain has a public endpoint.
        let vpc = util::present(r, "vpc_options", "VPCOptions");
        let public = match vpc {
            Tri::Known(true, s) => Tri::Known(false, s),
            Tri::Unknown(w, s) => Tri::Unknown(w, s),
            Tri::Known(false, s) | Tri::Absent(s) => Tri::Known(true, s),
        };
        ds.public_access = Some(b.policy_public(d.id, public));
        ds.access_logging = Some(util::present(
            r,
            "log_publishing_options",
            "LogPublishingOptions",
        ));
        stores.push(b.finish(ds));
    }
    for q in &aws.data.queues {
        let r = model.get(q.id);
        let mut ds = b.base(q.id, Service::Sqs);
        // SSE-SQS is on by default for new queues unless turned off.
        let default = match q.managed_sse.clone() {
            Tri::Known(false, _) => Encryption::None,
            _ => Encryption::ProviderManaged,
        };
        ds.encryption_at_rest = Some(b.key_enc(
            q.id,
            &r.span,
            ("kms_master_key_id", "KmsMasterKeyId"),
            default,
        ));
        ds.public_access = Some(b.policy_public(q.id, Tri::Known(false, r.span.clone())));
        ds.encryption_in_transit = Some(b.secure_transport(q.id));
        stores.push(b.finish(ds));
    }
    for t in &aws.data.topics {
        let r = model.get(t.id);
        let mut ds = b.base(t.id, Service::Sns);
        ds.encryption_at_rest = Some(b.key_enc(
            t.id,
            &r.span,
            ("kms_master_key_id", "KmsMasterKeyId"),
            Encryption::None,
        ));
        ds.public_access = Some(b.policy_public(t.id, Tri::Known(false, r.span.clone())));
        ds.encryption_in_transit = Some(b.secure_transport(t.id));
        stores.push(b.finish(ds));
    }
    for s in &aws.data.streams {
        let r = model.get(s.id);
        let mut ds = b.base(s.id, Service::Kinesis);
        let on = s
            .encryption_type
            .clone()
            .or_default_when_absent("NONE".into())
            .map(|t| t.eq_ignore_ascii_case("KMS"));
        ds.encryption_at_rest =
            Some(b.enc_flag(s.id, on, ("kms_key_id", "StreamEncryption.KeyId")));
        ds.encryption_in_transit = Some(Tri::Known(true, r.span.clone()));
        ds.backup_retention_days = None;
        stores.push(b.finish(ds));
    }
    for s in &aws.data.secrets {
        let r = model.get(s.id);
        let mut ds = b.base(s.id, Service::SecretsManager);
        ds.encryption_at_rest = Some(b.key_enc(
            s.id,
            &r.span,
            ("kms_key_id", "KmsKeyId"),
            Encryption::ProviderManaged,
        ));
        ds.encryption_in_transit = Some(Tri::Known(true, r.span.clone()));
        ds.public_access = Some(b.policy_public(s.id, Tri::Known(false, r.span.clone())));
        stores.push(b.finish(ds));
    }
    for g in &aws.data.log_groups {
        let r = model.get(g.id);
        let mut ds = b.base(g.id, Service::CloudWatchLogs);
        ds.encryption_at_rest = Some(b.key_enc(
            g.id,
            &r.span,
            ("kms_key_id", "KmsKeyId"),
            Encryption::ProviderManaged,
        ));
        ds.encryption_in_transit = Some(Tri::Known(true, r.span.clone()));
        ds.log_retention_days = Some(g.retention_days.clone().or_default_when_absent(0));
        stores.push(b.finish(ds));
    }
    for e in &aws.data.repositories {
        let r = model.get(e.id);
        let mut ds = b.base(e.id, Service::Ecr);
        let kms = e
            .encryption_type
            .clone()
            .or_default_when_absent("AES256".into())
            .map(|t| t.eq_ignore_ascii_case("KMS"));
        ds.encryption_at_rest = Some(match kms {
            Tri::Known(true, s) => b.key_enc(
                e.id,
                &s,
                (
                    "encryption_configuration.kms_key",
                    "EncryptionConfiguration.KmsKey",
                ),
                Encryption::ProviderManaged,
            ),
            other => other.map(|_| Encryption::ProviderManaged),
        });
        ds.encryption_in_transit = Some(Tri::Known(true, r.span.clone()));
        ds.public_access = Some(b.policy_public(e.id, Tri::Known(false, r.span.clone())));
        stores.push(b.finish(ds));
    }
    for (id, r) in model.of_types(&["PersistentVolumeClaim", "Secret"]) {
        if r.kind != SourceKind::Kubernetes {
            continue;
        }
        let service = if r.rtype == "Secret" {
            Service::K8sSecret
        } else {
            Service::K8sPersistentVolumeClaim
        };
        let mut ds = b.base(id, service);
        ds.region = None;
        stores.push(ds);
    }
    stores.sort_by_key(|d| d.id);
    stores.dedup_by_key(|d| d.id);
    DataStores { stores }
}

/// Days EFS keeps automatic backups (the default backup plan).
pub const EFS_AUTOMATIC_BACKUP_DAYS: i64 = 35;

/// Backup retention meaning "kept until deleted by hand" (a backup plan
/// rule without a lifecycle).
pub const RETAINED_FOREVER: i64 = i64::MAX;

/// The longer of two retentions: a known one wins over an absent one, and an
/// unknown one makes the result unknown.
fn longest(a: Tri<i64>, b: Tri<i64>) -> Tri<i64> {
    match (a, b) {
        (Tri::Known(x, xs), Tri::Known(y, ys)) => {
            if y > x {
                Tri::Known(y, ys)
            } else {
                Tri::Known(x, xs)
            }
        }
        (Tri::Unknown(w, s), _) | (_, Tri::Unknown(w, s)) => Tri::Unknown(w, s),
        (Tri::Known(x, s), Tri::Absent(_)) | (Tri::Absent(_), Tri::Known(x, s)) => Tri::Known(x, s),
        (Tri::Absent(s), Tri::Absent(_)) => Tri::Absent(s),
    }
}

fn and(a: Tri<bool>, b: Tri<bool>) -> Tri<bool> {
    match (a, b) {
        (Tri::Known(false, s), _) | (_, Tri::Known(false, s)) => Tri::Known(false, s),
        (Tri::Unknown(w, s), _) | (_, Tri::Unknown(w, s)) => Tri::Unknown(w, s),
        (Tri::Absent(s), _) | (_, Tri::Absent(s)) => Tri::Absent(s),
        (Tri::Known(true, s), Tri::Known(true, _)) => Tri::Known(true, s),
    }
}

struct Builder<'a> {
    model: &'a Model,
    aws: &'a AwsViews,
}

impl Builder<'_> {
    fn span(&self, id: ResourceId) -> Span {
        self.model.get(id).span.clone()
    }

    fn in_cluster(&self, r: &Resource) -> bool {
        util::present(r, "cluster_identifier", "DBClusterIdentifier").is_known()
    }

    fn base(&self, id: ResourceId, service: Service) -> DataStore {
        let r = self.model.get(id);
        DataStore {
            id,
            service,
            tags: tags(self.model, r),
            region: Some(region(self.model, r)),
            encryption_at_rest: None,
            encryption_in_transit: None,
            public_access: None,
            access_logging: None,
            versioning: None,
            object_lock: None,
            backup_retention_days: None,
            deletion_protection: None,
            log_retention_days: None,
            key_rotation: None,
            key_resource: None,
        }
    }

    /// Fills the key rotation from the key resource, when the store uses a
    /// customer-managed key.
    fn finish(&self, mut ds: DataStore) -> DataStore {
        let key = self.key_resource(ds.id);
        ds.key_resource = key;
        ds.key_rotation = match &ds.encryption_at_rest {
            Some(Tri::Known(Encryption::CustomerManaged { key: name }, s)) => Some(match key {
                Some(k) => match self.aws.kms_keys.iter().find(|x| x.id == k) {
                    Some(kk) => kk.rotation.clone().or_default_when_absent(false),
                    None => Tri::Unknown("the key is not a KMS key of the scan".into(), s.clone()),
                },
                None => Tri::Unknown(
                    format!(
                        "key {} is not defined in the scanned files",
                        name.as_deref().unwrap_or("(unnamed)")
                    ),
                    s.clone(),
                ),
            }),
            Some(Tri::Unknown(w, s)) => Some(Tri::Unknown(w.clone(), s.clone())),
            _ => None,
        };
        ds
    }

    /// The KMS key resource a store refers to (directly, or through an
    /// alias, or through its S3 encryption configuration resource).
    fn key_resource(&self, id: ResourceId) -> Option<ResourceId> {
        let direct = util::targets(self.model, id, "", KEY_TYPES);
        if let Some((k, _)) = direct.first() {
            return Some(*k);
        }
        for (a, _) in util::targets(self.model, id, "", ALIAS_TYPES) {
            if let Some((k, _)) = util::targets(self.model, a, "", KEY_TYPES).first() {
                return Some(*k);
            }
        }
        for (c, _) in util::referrers(
            self.model,
            id,
            &["aws_s3_bucket_server_side_encryption_configuration"],
            "bucket",
        ) {
            if let Some((k, _)) = util::targets(self.model, c, "", KEY_TYPES).first() {
                return Some(*k);
            }
        }
        None
    }

    /// Encryption from an on/off flag plus an optional key attribute.
    fn enc_flag(&self, id: ResourceId, flag: Tri<bool>, key: (&str, &str)) -> Tri<Encryption> {
        match flag {
            Tri::Known(true, s) => self.key_enc(id, &s, key, Encryption::ProviderManaged),
            Tri::Known(false, s) | Tri::Absent(s) => Tri::Known(Encryption::None, s),
            Tri::Unknown(w, s) => Tri::Unknown(w, s),
        }
    }

    /// Encryption decided by a key attribute: customer-managed when a key is
    /// named (and is not an `alias/aws/...` managed key), `default` when no
    /// key is set.
    fn key_enc(
        &self,
        id: ResourceId,
        fallback: &Span,
        (tf, cfn): (&str, &str),
        default: Encryption,
    ) -> Tri<Encryption> {
        let r = self.model.get(id);
        let path = if is_cfn(r) { cfn } else { tf };
        key_from_lookup(self.model, id, r.attr(path), path, fallback, default)
    }

    /// Whether a resource policy grants everyone access without condition;
    /// `otherwise` when no policy does.
    fn policy_public(&self, id: ResourceId, otherwise: Tri<bool>) -> Tri<bool> {
        for p in &self.aws.iam.policies {
            if p.kind != PolicyKind::Resource || (p.owner != Some(id) && p.resource != id) {
                continue;
            }
            match &p.doc {
                Tri::Known(doc, _) => {
                    for st in &doc.statements {
                        if st.is_allow()
                            && !st.has_condition()
                            && let Some(s) = st.principals.public()
                        {
                            return Tri::Known(true, s.clone());
                        }
                    }
                    if let Some((w, s)) = &doc.unknown {
                        return Tri::Unknown(w.clone(), s.clone());
                    }
                }
                Tri::Unknown(w, s) => return Tri::Unknown(w.clone(), s.clone()),
                Tri::Absent(_) => {}
            }
        }
        otherwise
    }

    /// Whether a resource policy governs `id`: it is the store's own
    /// policy attribute, names the store as its owner, or is a queue/topic
    /// policy whose `Queues`/`Topics` list refers to the store.
    fn governs(&self, p: &crate::aws::iam::Policy, id: ResourceId) -> bool {
        p.owner == Some(id)
            || p.resource == id
            || (matches!(
                p.rtype.as_str(),
                "AWS::SQS::QueuePolicy" | "AWS::SNS::TopicPolicy"
            ) && self.model.refs_from(p.resource).any(|e| {
                e.to == id && (e.path.starts_with("Queues") || e.path.starts_with("Topics"))
            }))
    }

    /// Days AWS Backup keeps the backups of `id`: the longest retention of
    /// the plans whose selections cover it (a reference in `resources`, a
    /// wildcard ARN of the store's kind, e.g. `:volume/`, or a tag
    /// selection matching its tags). Absent when no selection covers it;
    /// unknown when a selection might cover it or a plan cannot be read.
    fn aws_backup(&self, id: ResourceId, arn_kind: &str) -> Tri<i64> {
        let r = self.model.get(id);
        let mut best = Tri::Absent(r.span.clone());
        let mut doubt: Option<(String, Span)> = None;
        for (sid, sel) in self
            .model
            .of_types(&["aws_backup_selection", "AWS::Backup::BackupSelection"])
        {
            match self.selection_covers(sid, sel, id, r, arn_kind) {
                Tri::Known(true, _) => {
                    best = longest(best, plan_retention(self.model, sid, sel));
                }
                Tri::Unknown(w, s) => {
                    doubt.get_or_insert((w, s));
                }
                _ => {}
            }
        }
        match (best, doubt) {
            (Tri::Absent(_), Some((w, s))) => Tri::Unknown(w, s),
            (b, _) => b,
        }
    }

    fn selection_covers(
        &self,
        sid: ResourceId,
        sel: &Resource,
        id: ResourceId,
        r: &Resource,
        arn_kind: &str,
    ) -> Tri<bool> {
        let cfn = is_cfn(sel);
        let (res_p, not_p, tags_p, cond_p) = if cfn {
            (
                "BackupSelection.Resources",
                "BackupSelection.NotResources",
                "BackupSelection.ListOfTags",
                "BackupSelection.Conditions",
            )
        } else {
            ("resources", "not_resources", "selection_tag", "condition")
        };
        let edge_at = |p: &str| {
            self.model
                .refs_from(sid)
                .any(|e| e.to == id && (e.path == p || e.path.starts_with(&format!("{p}."))))
        };
        if edge_at(not_p) {
            return Tri::Known(false, sel.span.clone());
        }
        let mut doubt: Option<(String, Span)> = None;
        let mut covered: Option<Span> = None;
        if edge_at(res_p) {
            covered = Some(sel.span.clone());
        }
        if covered.is_none() {
            match sel.attr(res_p) {
                Lookup::Known(n) => {
                    let items: Vec<&Node> = match &n.value {
                        Value::List(l) => l.iter().collect(),
                        _ => vec![n],
                    };
                    for it in items {
                        let isp = util::span_of(it, &sel.span);
                        match &it.value {
                            Value::String(a)
                                if (a == "*" || (a.ends_with("/*") && a.contains(arn_kind)))
                                    && sel.scope == r.scope =>
                            {
                                covered = Some(isp);
                                break;
                            }
                            // A reference to another resource of the scan
                            // (the edge check above found ours).
                            Value::Unknown(_)
                                if !it.refs.is_empty()
                                    && it.refs.iter().all(|t| {
                                        !self.model.lookup_in(&sel.scope, t).is_empty()
                                    }) => {}
                            Value::Unknown(u) => {
                                doubt.get_or_insert((
                                    format!(
                                        "a backup selection's resources are unresolved: {}",
                                        u.reason
                                    ),
                                    isp,
                                ));
                            }
                            _ => {}
                        }
                    }
                }
                Lookup::Unknown(n, u) => {
                    doubt = Some((
                        format!(
                            "a backup selection's resources are unresolved: {}",
                            u.reason
                        ),
                        util::span_of(n, &sel.span),
                    ));
                }
                Lookup::Absent => {}
            }
        }
        if covered.is_none()
            && let Some(n) = sel.attr(tags_p).node()
        {
            let tags = tags(self.model, r);
            for t in n.items() {
                let ts = util::span_of(t, &sel.span);
                let (ty, k, v) = if cfn {
                    ("ConditionType", "ConditionKey", "ConditionValue")
                } else {
                    ("type", "key", "value")
                };
                let ty = Tri::string(t.get(ty), &ts, ty);
                let k = Tri::string(t.get(k), &ts, k);
                let v = Tri::string(t.get(v), &ts, v);
                match (ty, k, v, &tags) {
                    (Tri::Known(ty, _), Tri::Known(k, _), Tri::Known(v, _), Tri::Known(m, _))
                        if ty.eq_ignore_ascii_case("STRINGEQUALS") =>
                    {
                        match m.get(&k) {
                            Some(Tri::Known(x, _)) if *x == v => {
                                covered = Some(ts.clone());
                                break;
                            }
                            Some(Tri::Unknown(w, s)) => {
                                doubt.get_or_insert((w.clone(), s.clone()));
                            }
                            _ => {}
                        }
                    }
                    (Tri::Known(_, _), Tri::Known(_, _), Tri::Known(_, _), Tri::Absent(_)) => {}
                    (Tri::Unknown(w, s), _, _, _)
                    | (_, Tri::Unknown(w, s), _, _)
                    | (_, _, Tri::Unknown(w, s), _) => {
                        doubt.get_or_insert((w, s));
                    }
                    (_, _, _, Tri::Unknown(w, s)) => {
                        doubt.get_or_insert((w.clone(), s.clone()));
                    }
                    _ => {
                        doubt.get_or_insert((
                            "a backup selection tag is not a simple STRINGEQUALS".into(),
                            ts.clone(),
                        ));
                    }
                }
            }
        }
        match covered {
            Some(s) => match util::present(sel, cond_p, cond_p) {
                // Conditions narrow the selection; they are not evaluated.
                Tri::Known(true, cs) => Tri::Unknown(
                    "the backup selection has conditions, which are not evaluated".into(),
                    cs,
                ),
                _ => Tri::Known(true, s),
            },
            None => match doubt {
                Some((w, s)) => Tri::Unknown(w, s),
                None => Tri::Known(false, sel.span.clone()),
            },
        }
    }

    fn s3(&self, s: &crate::aws::S3Bucket) -> DataStore {
        let r = self.model.get(s.id);
        let mut ds = self.base(s.id, Service::S3);
        // Since 2023 every bucket encrypts new objects with S3-managed keys.
        ds.encryption_at_rest = Some(match &s.encryption {
            Tri::Known(Sse::S3Managed, sp) => Tri::Known(Encryption::ProviderManaged, sp.clone()),
            Tri::Known(Sse::Kms { .. }, sp) => self.s3_kms(s.id, r, sp),
            Tri::Absent(sp) => Tri::Known(Encryption::ProviderManaged, sp.clone()),
            Tri::Unknown(w, sp) => Tri::Unknown(w.clone(), sp.clone()),
        });
        ds.encryption_in_transit = Some(self.secure_transport(s.id));
        let blocked = account_block(self.model, self.aws, r)
            .or_else(|| s.public_access_block.as_ref().map(|p| p.all_true()));
        let acl_public = match &s.acl {
            Tri::Known(a, sp) if a.starts_with("public-") || a == "authenticated-read" => {
                Some(Tri::Known(true, sp.clone()))
            }
            _ => None,
        };
        let grant_public = s
            .grant_uris
            .find(|u| u.ends_with("/AllUsers") || u.ends_with("/AuthenticatedUsers"))
            .map(|(_, sp)| Tri::Known(true, sp.clone()));
        let public = match blocked {
            Some(Tri::Known(true, sp)) => Tri::Known(false, sp),
            Some(Tri::Unknown(w, sp)) => Tri::Unknown(w, sp),
            _ => acl_public
                .or(grant_public)
                .unwrap_or_else(|| self.policy_public(s.id, Tri::Known(true, r.span.clone()))),
        };
        ds.public_access = Some(public);
        ds.access_logging = Some(s.logging.clone());
        ds.versioning = Some(s.versioning.clone());
        ds.object_lock = Some(s.object_lock.clone());
        self.finish(ds)
    }

    /// The KMS key of a bucket: on the bucket's inline block, or on its
    /// separate encryption configuration resource.
    fn s3_kms(&self, id: ResourceId, r: &Resource, sp: &Span) -> Tri<Encryption> {
        if is_cfn(r) {
            let path = "BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.KMSMasterKeyID";
            return key_from_lookup(
                self.model,
                id,
                r.attr(path),
                path,
                sp,
                Encryption::ProviderManaged,
            );
        }
        const P: &str = "rule.apply_server_side_encryption_by_default.kms_master_key_id";
        let conf = util::referrers(
            self.model,
            id,
            &["aws_s3_bucket_server_side_encryption_configuration"],
            "bucket",
        );
        if let Some((cid, c)) = conf.first() {
            return key_from_lookup(
                self.model,
                *cid,
                c.attr(P),
                P,
                sp,
                Encryption::ProviderManaged,
            );
        }
        let path = format!("server_side_encryption_configuration.{P}");
        key_from_lookup(
            self.model,
            id,
            r.attr(&path),
            &path,
            sp,
            Encryption::ProviderManaged,
        )
    }

    /// A resource policy (bucket, queue, topic or file system policy) that
    /// denies requests without TLS (`aws:SecureTransport` = false).
    fn secure_transport(&self, id: ResourceId) -> Tri<bool> {
        let r = self.model.get(id);
        for p in &self.aws.iam.policies {
            if p.kind != PolicyKind::Resource || !self.governs(p, id) {
                continue;
            }
            match &p.doc {
                Tri::Known(doc, _) => {
                    for st in &doc.statements {
                        if !st.is_deny() {
                            continue;
                        }
                        if let Some(c) = st.condition("aws:securetransport")
                            && c.values.contains("false")
                        {
                            return Tri::Known(true, st.span.clone());
                        }
                    }
                }
                Tri::Unknown(w, sp) => return Tri::Unknown(w.clone(), sp.clone()),
                Tri::Absent(_) => {}
            }
        }
        Tri::Absent(r.span.clone())
    }
}

/// A bucket is blocked by an account-level public access block in its scope
/// with all four settings true.
fn account_block(model: &Model, _aws: &AwsViews, r: &Resource) -> Option<Tri<bool>> {
    for (_, a) in model.of_types(&["aws_s3_account_public_access_block"]) {
        if a.scope != r.scope {
            continue;
        }
        let parts = [
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        ];
        let mut all = Tri::Known(true, a.span.clone());
        for p in parts {
            match Tri::bool(a.attr(p), &a.span, p) {
                Tri::Known(true, _) => {}
                Tri::Unknown(w, s) => all = Tri::Unknown(w, s),
                _ => return None,
            }
        }
        return Some(all);
    }
    None
}

/// The longest retention of the rules of the backup plan a selection
/// belongs to (`plan_id`, `BackupPlanId`): `lifecycle.delete_after`,
/// `Lifecycle.DeleteAfterDays`; a rule without one keeps its backups until
/// deleted ([`RETAINED_FOREVER`]).
fn plan_retention(model: &Model, sid: ResourceId, sel: &Resource) -> Tri<i64> {
    let cfn = is_cfn(sel);
    let path = if cfn { "BackupPlanId" } else { "plan_id" };
    let plans = util::targets(
        model,
        sid,
        path,
        &["aws_backup_plan", "AWS::Backup::BackupPlan"],
    );
    let Some((_, plan)) = plans.first() else {
        let at = sel.span_of(path);
        return match sel.attr(path) {
            Lookup::Unknown(_, u) if u.reason.is_empty() => {
                Tri::Unknown("the backup plan is unresolved".into(), at)
            }
            Lookup::Unknown(_, u) => {
                Tri::Unknown(format!("the backup plan is unresolved: {}", u.reason), at)
            }
            _ => Tri::Unknown(
                "the backup plan is not defined in the scanned files".into(),
                at,
            ),
        };
    };
    let (rules_p, life_p) = if is_cfn(plan) {
        ("BackupPlan.BackupPlanRule", "Lifecycle.DeleteAfterDays")
    } else {
        ("rule", "lifecycle.delete_after")
    };
    let rules = match plan.attr(rules_p) {
        Lookup::Known(n) => n,
        Lookup::Unknown(n, u) => {
            return Tri::Unknown(
                format!("the backup plan's rules are unresolved: {}", u.reason),
                util::span_of(n, &plan.span),
            );
        }
        Lookup::Absent => return Tri::Known(0, plan.span.clone()),
    };
    let mut best = Tri::Known(0, util::span_of(rules, &plan.span));
    for rule in rules.items() {
        let rs = util::span_of(rule, &plan.span);
        let days = match rule.path(life_p) {
            Lookup::Absent => Tri::Known(RETAINED_FOREVER, rs),
            l => Tri::int(l, &rs, life_p).or_default_when_absent(RETAINED_FOREVER),
        };
        best = longest(best, days);
    }
    best
}

/// Reads a KMS key attribute.
fn key_from_lookup(
    model: &Model,
    id: ResourceId,
    l: Lookup<'_>,
    path: &str,
    fallback: &Span,
    default: Encryption,
) -> Tri<Encryption> {
    let referred = || -> Option<String> {
        let mut types: Vec<&str> = KEY_TYPES.to_vec();
        types.extend_from_slice(ALIAS_TYPES);
        targets_at(model, id, path, &types)
            .first()
            .map(|(_, k)| k.address.clone())
    };
    match l {
        Lookup::Absent => Tri::Known(default, fallback.clone()),
        Lookup::Known(n) => {
            let span = util::span_of(n, fallback);
            match &n.value {
                Value::Null => Tri::Known(default, span),
                Value::String(s) if s.is_empty() => Tri::Known(default, span),
                Value::String(s) if s.starts_with("alias/aws/") => {
                    Tri::Known(Encryption::ProviderManaged, span)
                }
                Value::String(s) => Tri::Known(
                    Encryption::CustomerManaged {
                        key: Some(s.clone()),
                    },
                    span,
                ),
                _ => match referred() {
                    Some(a) => Tri::Known(Encryption::CustomerManaged { key: Some(a) }, span),
                    None => Tri::Unknown("the KMS key has an unexpected shape".into(), span),
                },
            }
        }
        Lookup::Unknown(n, u) => {
            let span = util::span_of(n, fallback);
            match referred() {
                Some(a) => Tri::Known(Encryption::CustomerManaged { key: Some(a) }, span),
                None => Tri::Unknown(format!("the KMS key is unresolved: {}", u.reason), span),
            }
        }
    }
}

/// Tags of a resource, by language.
pub fn tags(model: &Model, r: &Resource) -> Tri<Tags> {
    match r.kind {
        SourceKind::Kubernetes => map_tags(r.attr("metadata.labels"), &r.span),
        SourceKind::CloudFormation => match r.attr("Tags") {
            Lookup::Absent => Tri::Absent(r.span.clone()),
            Lookup::Unknown(n, u) => Tri::Unknown(u.reason.to_string(), util::span_of(n, &r.span)),
            Lookup::Known(n) => {
                let span = util::span_of(n, &r.span);
                match &n.value {
                    // Some resources (SSM-style) take a map.
                    Value::Map(_) => map_tags(Lookup::Known(n), &r.span),
                    Value::List(items) => {
                        let mut m = Tags::new();
                        for it in items {
                            let isp = util::span_of(it, &span);
                            match Tri::string(it.get("Key"), &isp, "Key") {
                                Tri::Known(k, _) => {
                                    let v = Tri::string(it.get("Value"), &isp, "Value");
                                    m.insert(k, v);
                                }
                                Tri::Unknown(w, s) => return Tri::Unknown(w, s),
                                Tri::Absent(_) => {}
                            }
                        }
                        Tri::Known(m, span)
                    }
                    Value::Null => Tri::Absent(span),
                    _ => Tri::Unknown("Tags has an unexpected shape".into(), span),
                }
            }
        },
        _ => {
            // The plan's `tags_all` already includes the provider's
            // default_tags.
            if r.kind == SourceKind::TerraformPlan
                && let Tri::Known(m, s) = map_tags(r.attr("tags_all"), &r.span)
            {
                return Tri::Known(m, s);
            }
            let own = map_tags(r.attr("tags"), &r.span);
            let defaults = default_tags(model, r);
            match (defaults, own) {
                (None, own) => own,
                (Some(Tri::Known(mut d, ds)), Tri::Known(o, os)) => {
                    d.extend(o);
                    let _ = ds;
                    Tri::Known(d, os)
                }
                (Some(Tri::Known(d, ds)), Tri::Absent(_)) => Tri::Known(d, ds),
                (Some(Tri::Unknown(w, s)), _) => Tri::Unknown(w, s),
                (Some(_), own) => own,
            }
        }
    }
}

/// The `default_tags` of the root `aws` provider of the resource's scope
/// (resources with an aliased provider are not matched to it).
fn default_tags(model: &Model, r: &Resource) -> Option<Tri<Tags>> {
    if !r.rtype.starts_with("aws_") || r.attr("provider").node().is_some() {
        return None;
    }
    let p = model
        .of_type("provider")
        .map(|(_, p)| p)
        .find(|p| p.scope == r.scope && p.module_path.is_empty() && p.name == "aws")?;
    match map_tags(p.attr("default_tags.tags"), &p.span) {
        Tri::Absent(_) => None,
        t => Some(t),
    }
}

fn map_tags(l: Lookup<'_>, fallback: &Span) -> Tri<Tags> {
    match l {
        Lookup::Absent => Tri::Absent(fallback.clone()),
        Lookup::Unknown(n, u) => Tri::Unknown(u.reason.to_string(), util::span_of(n, fallback)),
        Lookup::Known(n) => {
            let span = util::span_of(n, fallback);
            match &n.value {
                Value::Null => Tri::Absent(span),
                Value::Map(m) => Tri::Known(
                    m.iter()
                        .map(|(k, v)| {
                            let vs = util::span_of(v, &span);
                            (k.clone(), Tri::string(node_lookup(v), &vs, k))
                        })
                        .collect(),
                    span,
                ),
                _ => Tri::Unknown("tags have an unexpected shape".into(), span),
            }
        }
    }
}

fn node_lookup(n: &Node) -> Lookup<'_> {
    match &n.value {
        Value::Unknown(u) => Lookup::Unknown(n, u),
        _ => Lookup::Known(n),
    }
}

/// The region of a resource: the parser's `meta["region"]`, else unknown
/// with the reason.
pub fn region(model: &Model, r: &Resource) -> Tri<String> {
    if let Some(reg) = r.meta.get("region") {
        return Tri::Known(reg.clone(), r.span.clone());
    }
    match r.kind {
        SourceKind::CloudFormation => Tri::Unknown(
            "a CloudFormation stack takes the region it is deployed to".into(),
            r.span.clone(),
        ),
        SourceKind::Kubernetes => {
            Tri::Unknown("Kubernetes objects have no region".into(), r.span.clone())
        }
        _ => {
            let provider = model
                .of_type("provider")
                .map(|(_, p)| p)
                .find(|p| p.scope == r.scope && p.module_path.is_empty() && p.name == "aws");
            match provider.map(|p| (p, p.attr("region"))) {
                Some((p, Lookup::Unknown(n, u))) => Tri::Unknown(
                    format!("the aws provider region is unresolved: {}", u.reason),
                    util::span_of(n, &p.span),
                ),
                Some((p, _)) => Tri::Unknown(
                    "the aws provider region could not be resolved".into(),
                    p.span.clone(),
                ),
                None => Tri::Unknown(
                    "no aws provider region is configured (it comes from the environment)".into(),
                    r.span.clone(),
                ),
            }
        }
    }
}

/// Resources of `types` that `id` refers to through `path`, where the edge's
/// path may carry list indexes a block adds (`server_side_encryption.0.x`
/// for `server_side_encryption.x`).
fn targets_at<'m>(
    model: &'m Model,
    id: ResourceId,
    path: &str,
    types: &[&str],
) -> Vec<(ResourceId, &'m Resource)> {
    let strip = |p: &str| -> String {
        p.split('.')
            .filter(|s| s.parse::<usize>().is_err())
            .collect::<Vec<_>>()
            .join(".")
    };
    let want = strip(path);
    let mut v: Vec<(ResourceId, &Resource)> = model
        .refs_from(id)
        .filter(|e| {
            let p = strip(&e.path);
            p == want || p.starts_with(&format!("{want}."))
        })
        .map(|e| (e.to, model.get(e.to)))
        .filter(|(_, r)| types.contains(&r.rtype.as_str()))
        .collect();
    v.sort_by_key(|(i, _)| *i);
    v.dedup_by_key(|(i, _)| *i);
    v
}
