//! S3 buckets, with their encryption, versioning, logging, public access
//! block, ACL and policy, whether written inline or as separate resources.

use palisade_model::{Model, Resource, ResourceId, SourceKind, Value};

use super::util;
use crate::Tri;
use crate::related;

#[derive(Clone, Debug, PartialEq)]
pub enum Sse {
    /// `AES256` (S3-managed keys).
    S3Managed,
    /// `aws:kms` / `aws:kms:dsse`, with the key if one is named.
    Kms { key: Option<String> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct PublicAccessBlock {
    pub block_public_acls: Tri<bool>,
    pub block_public_policy: Tri<bool>,
    pub ignore_public_acls: Tri<bool>,
    pub restrict_public_buckets: Tri<bool>,
}

impl PublicAccessBlock {
    /// All four settings known and true.
    pub fn all_true(&self) -> Tri<bool> {
        let parts = [
            &self.block_public_acls,
            &self.block_public_policy,
            &self.ignore_public_acls,
            &self.restrict_public_buckets,
        ];
        for p in parts {
            match p {
                Tri::Known(false, s) => return Tri::Known(false, s.clone()),
                Tri::Absent(s) => return Tri::Known(false, s.clone()),
                Tri::Unknown(r, s) => return Tri::Unknown(r.clone(), s.clone()),
                Tri::Known(true, _) => {}
            }
        }
        Tri::Known(true, self.block_public_acls.span().clone())
    }
}

#[derive(Clone, Debug)]
pub struct S3Bucket {
    pub id: ResourceId,
    pub name: Tri<String>,
    pub encryption: Tri<Sse>,
    pub versioning: Tri<bool>,
    pub mfa_delete: Tri<bool>,
    pub logging: Tri<bool>,
    pub public_access_block: Option<PublicAccessBlock>,
    pub acl: Tri<String>,
    pub object_lock: Tri<bool>,
    /// Bucket policy documents (as JSON text or structured), with location.
    pub policies: Vec<ResourceId>,
    /// Static website hosting configured.
    pub website: Tri<bool>,
    /// Cross-region (or same-region) replication configured.
    pub replication: Tri<bool>,
    /// Grantee URIs of explicit ACL grants (`.../global/AllUsers`).
    pub grant_uris: crate::aws::util::Strs,
}

pub fn buckets(model: &Model) -> Vec<S3Bucket> {
    let mut out = Vec::new();
    for (id, r) in model.of_types(&["aws_s3_bucket", "AWS::S3::Bucket"]) {
        out.push(match r.kind {
            SourceKind::CloudFormation => cfn(model, id, r),
            _ => tf(model, id, r),
        });
    }
    out
}

fn sse_from_algo(algo: &str, key: Option<String>) -> Option<Sse> {
    match algo {
        "AES256" => Some(Sse::S3Managed),
        a if a.starts_with("aws:kms") => Some(Sse::Kms { key }),
        _ => None,
    }
}

fn tf(model: &Model, id: ResourceId, r: &Resource) -> S3Bucket {
    let name = Tri::string(r.attr("bucket"), &r.span, "bucket");
    let rel = |t: &'static str| related(model, id, r, t, "bucket", &name);

    // Encryption: the separate resource wins over the legacy inline block.
    let tf_sse = |node: &palisade_model::Node| -> Tri<Sse> {
        let span = node.span.clone().unwrap_or_else(|| r.span.clone());
        let d = node.path("rule.apply_server_side_encryption_by_default");
        let algo = Tri::string(
            d.node()
                .map(|n| n.get("sse_algorithm"))
                .unwrap_or(palisade_model::Lookup::Absent),
            &span,
            "sse_algorithm",
        );
        let key = d
            .node()
            .and_then(|n| n.get("kms_master_key_id").known())
            .and_then(|n| n.as_str().map(str::to_string));
        match algo {
            Tri::Known(a, s) => match sse_from_algo(&a, key) {
                Some(x) => Tri::Known(x, s),
                None => Tri::Unknown(format!("unrecognised sse_algorithm {a:?}"), s),
            },
            Tri::Unknown(why, s) => Tri::Unknown(why, s),
            Tri::Absent(s) => Tri::Absent(s),
        }
    };
    let mut encryption = match r.attr("server_side_encryption_configuration").node() {
        Some(n) => tf_sse(n),
        None => Tri::Absent(r.span.clone()),
    };
    if let Some((_, e)) = rel("aws_s3_bucket_server_side_encryption_configuration").first() {
        encryption = tf_sse(&e.attrs);
    }

    let mut versioning = Tri::bool(r.attr("versioning.enabled"), &r.span, "versioning.enabled");
    let mut mfa_delete = Tri::bool(
        r.attr("versioning.mfa_delete"),
        &r.span,
        "versioning.mfa_delete",
    );
    if let Some((_, v)) = rel("aws_s3_bucket_versioning").first() {
        versioning = Tri::string(v.attr("versioning_configuration.status"), &v.span, "status")
            .map(|s| s == "Enabled");
        mfa_delete = Tri::string(
            v.attr("versioning_configuration.mfa_delete"),
            &v.span,
            "mfa_delete",
        )
        .map(|s| s == "Enabled");
    }

    let mut logging = match r.attr("logging").node() {
        Some(n) if !matches!(n.value, Value::Null) && !n.items().is_empty() => {
            Tri::Known(true, n.span.clone().unwrap_or(r.span.clone()))
        }
        _ => Tri::Absent(r.span.clone()),
    };
    if let Some((_, l)) = rel("aws_s3_bucket_logging").first() {
        logging = Tri::Known(true, l.span.clone());
    }

    let public_access_block = rel("aws_s3_bucket_public_access_block")
        .first()
        .map(|(_, p)| PublicAccessBlock {
            block_public_acls: Tri::bool(p.attr("block_public_acls"), &p.span, "block_public_acls"),
            block_public_policy: Tri::bool(
                p.attr("block_public_policy"),
                &p.span,
                "block_public_policy",
            ),
            ignore_public_acls: Tri::bool(
                p.attr("ignore_public_acls"),
                &p.span,
                "ignore_public_acls",
            ),
            restrict_public_buckets: Tri::bool(
                p.attr("restrict_public_buckets"),
                &p.span,
                "restrict_public_buckets",
            ),
        });

    let mut acl = Tri::string(r.attr("acl"), &r.span, "acl");
    if let Some((_, a)) = rel("aws_s3_bucket_acl").first() {
        acl = Tri::string(a.attr("acl"), &a.span, "acl");
    }

    let mut object_lock = Tri::bool(
        r.attr("object_lock_enabled"),
        &r.span,
        "object_lock_enabled",
    );
    if object_lock.is_absent() {
        object_lock = Tri::string(
            r.attr("object_lock_configuration.object_lock_enabled"),
            &r.span,
            "object_lock_enabled",
        )
        .map(|s| s == "Enabled");
    }

    let policies = rel("aws_s3_bucket_policy")
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let mut website = util::present(r, "website", "");
    if let Some((_, w)) = rel("aws_s3_bucket_website_configuration").first() {
        website = Tri::Known(true, w.span.clone());
    }
    let mut replication = util::present(r, "replication_configuration", "");
    if let Some((_, w)) = rel("aws_s3_bucket_replication_configuration").first() {
        replication = Tri::Known(true, w.span.clone());
    }
    let mut grant_uris = util::Strs::default();
    let mut add_grants =
        |n: Option<&palisade_model::Node>, key: &str, span: &palisade_model::Span| {
            if let Some(n) = n {
                for g in n.items() {
                    let s = util::Strs::read(g.path(key), span);
                    grant_uris.values.extend(s.values);
                    if grant_uris.unknown.is_none() {
                        grant_uris.unknown = s.unknown;
                    }
                }
            }
        };
    add_grants(r.attr("grant").node(), "uri", &r.span);
    for (_, a) in rel("aws_s3_bucket_acl") {
        add_grants(
            a.attr("access_control_policy.grant").node(),
            "grantee.uri",
            &a.span,
        );
    }
    S3Bucket {
        id,
        name,
        encryption,
        versioning,
        mfa_delete,
        logging,
        public_access_block,
        acl,
        object_lock,
        policies,
        website,
        replication,
        grant_uris,
    }
}

fn cfn(model: &Model, id: ResourceId, r: &Resource) -> S3Bucket {
    let name = Tri::string(r.attr("BucketName"), &r.span, "BucketName");
    let enc = r.attr("BucketEncryption.ServerSideEncryptionConfiguration");
    let encryption = match enc.node() {
        None => Tri::Absent(r.span.clone()),
        Some(n) => {
            let first = n.items().into_iter().next();
            let by_default = first
                .map(|f| f.get("ServerSideEncryptionByDefault"))
                .unwrap_or(palisade_model::Lookup::Absent);
            let algo = Tri::string(
                by_default
                    .node()
                    .map(|d| d.get("SSEAlgorithm"))
                    .unwrap_or(palisade_model::Lookup::Absent),
                &r.span,
                "SSEAlgorithm",
            );
            let key = by_default
                .node()
                .and_then(|d| d.get("KMSMasterKeyID").known())
                .and_then(|n| n.as_str().map(str::to_string));
            match algo {
                Tri::Known(a, s) => match sse_from_algo(&a, key) {
                    Some(x) => Tri::Known(x, s),
                    None => Tri::Unknown(format!("unrecognised SSEAlgorithm {a:?}"), s),
                },
                Tri::Unknown(w, s) => Tri::Unknown(w, s),
                Tri::Absent(s) => Tri::Absent(s),
            }
        }
    };
    let versioning = Tri::string(r.attr("VersioningConfiguration.Status"), &r.span, "Status")
        .map(|s| s == "Enabled");
    let logging = match r.attr("LoggingConfiguration").node() {
        Some(n) => Tri::Known(true, n.span.clone().unwrap_or(r.span.clone())),
        None => Tri::Absent(r.span.clone()),
    };
    let public_access_block = r.attr("PublicAccessBlockConfiguration").node().map(|p| {
        let s = p.span.clone().unwrap_or(r.span.clone());
        PublicAccessBlock {
            block_public_acls: Tri::bool(p.get("BlockPublicAcls"), &s, "BlockPublicAcls"),
            block_public_policy: Tri::bool(p.get("BlockPublicPolicy"), &s, "BlockPublicPolicy"),
            ignore_public_acls: Tri::bool(p.get("IgnorePublicAcls"), &s, "IgnorePublicAcls"),
            restrict_public_buckets: Tri::bool(
                p.get("RestrictPublicBuckets"),
                &s,
                "RestrictPublicBuckets",
            ),
        }
    });
    let acl = Tri::string(r.attr("AccessControl"), &r.span, "AccessControl");
    let object_lock = Tri::bool(r.attr("ObjectLockEnabled"), &r.span, "ObjectLockEnabled");
    let mut policies: Vec<ResourceId> = model
        .referrers(id, "AWS::S3::BucketPolicy", "Bucket")
        .map(|(id, _)| id)
        .collect();
    // A policy naming the bucket by the same literal or template.
    if policies.is_empty()
        && let Some(n) = r.attr("BucketName").node()
    {
        policies = model
            .of_type("AWS::S3::BucketPolicy")
            .filter(|(_, p)| {
                p.scope == r.scope && p.attr("Bucket").node().is_some_and(|b| b.same_text(n))
            })
            .map(|(id, _)| id)
            .collect();
    }
    S3Bucket {
        id,
        name,
        encryption,
        versioning,
        mfa_delete: Tri::Absent(r.span.clone()),
        logging,
        public_access_block,
        acl,
        object_lock,
        policies,
        website: util::present(r, "", "WebsiteConfiguration"),
        replication: util::present(r, "", "ReplicationConfiguration"),
        grant_uris: util::Strs::default(),
    }
}
