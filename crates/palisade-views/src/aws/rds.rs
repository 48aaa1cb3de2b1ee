//! RDS and Aurora: instances and clusters, snapshots.

use palisade_model::{Lookup, Model, Node, Resource, ResourceId, Span, Value};

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
    /// Connections must use TLS: `rds.force_ssl` (PostgreSQL, SQL Server)
    /// or `require_secure_transport` (MySQL, MariaDB) turned on in the
    /// parameter group the database names (`parameter_group_name`, for a
    /// cluster `db_cluster_parameter_group_name`). Without a group, with an
    /// engine `default.*` group, or a group that leaves the parameter unset,
    /// the engine default applies: enforced only for RDS for PostgreSQL 15
    /// and later. Unknown when the group cannot be resolved.
    pub tls_enforced: Tri<bool>,
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
            tls_enforced: rds_tls(model, id, r, cluster),
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

/// Parameter group types of instances and clusters, and the attribute that
/// holds a group's name (Terraform, CloudFormation).
const INSTANCE_GROUPS: &[&str] = &["aws_db_parameter_group", "AWS::RDS::DBParameterGroup"];
const CLUSTER_GROUPS: &[&str] = &[
    "aws_rds_cluster_parameter_group",
    "AWS::RDS::DBClusterParameterGroup",
];

fn rds_tls(model: &Model, id: ResourceId, r: &Resource, cluster: bool) -> Tri<bool> {
    let found = if cluster {
        group_parameter(
            model,
            id,
            (
                "db_cluster_parameter_group_name",
                "DBClusterParameterGroupName",
            ),
            CLUSTER_GROUPS,
            ("name", "DBClusterParameterGroupName"),
            &["rds.force_ssl", "require_secure_transport"],
        )
    } else {
        group_parameter(
            model,
            id,
            ("parameter_group_name", "DBParameterGroupName"),
            INSTANCE_GROUPS,
            ("name", "DBParameterGroupName"),
            &["rds.force_ssl", "require_secure_transport"],
        )
    };
    match found {
        Tri::Known(v, s) => Tri::Known(is_on(&v), s),
        Tri::Unknown(w, s) => Tri::Unknown(w, s),
        Tri::Absent(s) => {
            // RDS for PostgreSQL 15 and later turns rds.force_ssl on by default.
            let engine = util::s(r, "engine", "Engine").map(|e| e.to_ascii_lowercase());
            let version = util::s(r, "engine_version", "EngineVersion");
            let major = version
                .known()
                .and_then(|v| v.split('.').next().and_then(|m| m.parse::<u32>().ok()));
            let pg15 =
                engine.known().is_some_and(|e| e == "postgres") && major.is_some_and(|m| m >= 15);
            Tri::Known(pg15, s)
        }
    }
}

/// Whether a parameter value turns a setting on (`1`, `ON`, `true`).
pub fn is_on(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "on" | "true")
}

/// The value of the first of `names` (case-insensitive) set in the
/// parameter group that resource `id` names through its attribute
/// `attr` (Terraform, CloudFormation spelling): a reference to a group of
/// `group_types` in the model, or a literal name matched against the
/// groups' `name_attr`.
///
/// Absent when no group is named, when an engine default group
/// (`default.*`) is named, or when the group does not set the parameter;
/// unknown when the group or the parameter cannot be resolved.
pub fn group_parameter(
    model: &Model,
    id: ResourceId,
    attr: (&str, &str),
    group_types: &[&str],
    name_attr: (&str, &str),
    names: &[&str],
) -> Tri<String> {
    let r = model.get(id);
    let path = if is_cfn(r) { attr.1 } else { attr.0 };
    if let Some((_, g)) = util::targets(model, id, path, group_types).first() {
        return read_parameter(g, names);
    }
    match util::look(r, attr.0, attr.1) {
        Lookup::Absent => Tri::Absent(r.span.clone()),
        Lookup::Unknown(n, u) => Tri::Unknown(
            format!("the parameter group is unresolved: {}", u.reason),
            util::span_of(n, &r.span),
        ),
        Lookup::Known(n) => {
            let span = util::span_of(n, &r.span);
            match &n.value {
                Value::Null => Tri::Absent(span),
                Value::String(s) if s.is_empty() || s.starts_with("default.") => Tri::Absent(span),
                Value::String(s) => {
                    let named = model.of_types(group_types).into_iter().find(|(_, g)| {
                        g.scope == r.scope
                            && util::look(g, name_attr.0, name_attr.1)
                                .node()
                                .is_some_and(|gn| gn.same_text(n))
                    });
                    match named {
                        Some((_, g)) => read_parameter(g, names),
                        None => Tri::Unknown(
                            format!("parameter group `{s}` is not defined in the scanned files"),
                            span,
                        ),
                    }
                }
                _ => Tri::Unknown(
                    "the parameter group name has an unexpected shape".into(),
                    span,
                ),
            }
        }
    }
}

/// Reads a parameter from a group: Terraform `parameter { name value }`
/// blocks, CloudFormation `Parameters` as a map (RDS) or a list of
/// `{ ParameterName, ParameterValue }` (Redshift).
fn read_parameter(g: &Resource, names: &[&str]) -> Tri<String> {
    let wanted = |k: &str| names.iter().any(|n| n.eq_ignore_ascii_case(k));
    let list = util::look(g, "parameter", "Parameters");
    let n = match list {
        Lookup::Absent => return Tri::Absent(g.span.clone()),
        Lookup::Unknown(n, u) => {
            return Tri::Unknown(
                format!("the group's parameters are unresolved: {}", u.reason),
                util::span_of(n, &g.span),
            );
        }
        Lookup::Known(n) => n,
    };
    let span = util::span_of(n, &g.span);
    let value = |v: Lookup<'_>, fallback: &Span| -> Tri<String> {
        match v {
            Lookup::Known(x) => match &x.value {
                Value::Bool(b) => Tri::Known(b.to_string(), util::span_of(x, fallback)),
                Value::Number(f) => Tri::Known(f.to_string(), util::span_of(x, fallback)),
                _ => Tri::string(Lookup::Known(x), fallback, "value"),
            },
            other => Tri::string(other, fallback, "value"),
        }
    };
    let mut unknown: Option<(String, Span)> = None;
    // CloudFormation RDS groups: `Parameters: { name: value }`.
    if let (true, Value::Map(m)) = (is_cfn(g), &n.value) {
        for (k, v) in m {
            if wanted(k) {
                return value(node_lookup(v), &span);
            }
        }
        return Tri::Absent(span);
    }
    for item in n.items() {
        let isp = util::span_of(item, &span);
        let key = if item.get("ParameterName").is_absent() {
            item.get("name")
        } else {
            item.get("ParameterName")
        };
        match Tri::string(key, &isp, "name") {
            Tri::Known(k, _) if wanted(&k) => {
                let v = if item.get("ParameterValue").is_absent() {
                    item.get("value")
                } else {
                    item.get("ParameterValue")
                };
                return value(v, &isp);
            }
            Tri::Unknown(w, s) if unknown.is_none() => unknown = Some((w, s)),
            _ => {}
        }
    }
    if let Value::Unknown(u) = &n.value {
        return Tri::Unknown(u.reason.to_string(), span);
    }
    match unknown {
        Some((w, s)) => Tri::Unknown(format!("a parameter name is unresolved: {w}"), s),
        None => Tri::Absent(span),
    }
}

fn node_lookup(n: &Node) -> Lookup<'_> {
    match &n.value {
        Value::Unknown(u) => Lookup::Unknown(n, u),
        _ => Lookup::Known(n),
    }
}
