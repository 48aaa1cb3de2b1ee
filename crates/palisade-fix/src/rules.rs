//! The fix registry, keyed by rule id. Rule files are not touched: a test
//! checks that every key is a real rule id.

use palisade_model::{Node, SourceKind, Span};

use crate::edit::{
    Edit, append_after, hcl_set, hcl_set_nested, line_end_incl, yaml_list_add, yaml_set,
};
use crate::{Applicability, FixCtx, FixDef};

use Applicability::{Safe, Unsafe};

fn tf(c: &FixCtx) -> bool {
    c.resource.kind == SourceKind::Terraform
}

fn cfn(c: &FixCtx) -> bool {
    c.resource.kind == SourceKind::CloudFormation && !c.resource.span.path.ends_with(".json")
}

/// The CloudFormation `Properties` map.
fn props<'a>(c: &FixCtx<'a>) -> Option<&'a Node> {
    let a = &c.resource.attrs;
    match a.get("Properties").node() {
        Some(p) => Some(p),
        None if a.as_map().is_some_and(|m| !m.contains_key("Type")) => Some(a),
        None => None,
    }
}

/// `name = value` on a Terraform resource.
fn tf_attr(c: &FixCtx, name: &str, value: &str) -> Option<Edit> {
    hcl_set(
        c.text,
        &c.resource.span,
        c.resource.attrs.get(name).node(),
        name,
        value,
    )
}

/// Sets one Terraform attribute or one CloudFormation property.
fn set(c: &FixCtx, tf_rt: &[(&str, &str)], cfn_rt: &[(&[&str], &str)]) -> Option<Vec<Edit>> {
    if tf(c) && !tf_rt.is_empty() {
        return tf_rt
            .iter()
            .map(|(n, v)| tf_attr(c, n, v))
            .collect::<Option<Vec<_>>>();
    }
    if cfn(c) && !cfn_rt.is_empty() {
        let p = props(c)?;
        // Several properties would all insert at the same place: one edit.
        let mut edits: Vec<Edit> = Vec::new();
        for (path, v) in cfn_rt {
            let e = yaml_set(c.text, p, path, v)?;
            match edits
                .iter_mut()
                .find(|x| x.start == e.start && x.end == e.end)
            {
                Some(x) if x.start == x.end => x.text.push_str(&e.text),
                Some(_) => return None,
                None => edits.push(e),
            }
        }
        return Some(edits);
    }
    None
}

fn tf_nested(c: &FixCtx, block: &str, name: &str, value: &str) -> Option<Vec<Edit>> {
    if !tf(c) {
        return None;
    }
    hcl_set_nested(
        c.text,
        &c.resource.span,
        &c.resource.attrs,
        block,
        name,
        value,
    )
    .map(|e| vec![e])
}

/// A Terraform resource appended after the bucket, referring to it.
fn tf_append_for_bucket(c: &FixCtx, rtype: &str, body: &str) -> Option<Vec<Edit>> {
    let r = c.resource;
    if !tf(c) || r.rtype != "aws_s3_bucket" || r.instance.is_some() {
        return None;
    }
    let block = format!(
        "resource \"{rtype}\" \"{name}\" {{\n  bucket = aws_s3_bucket.{name}.id\n{body}}}",
        name = r.name
    );
    append_after(c.text, &r.span, &block).map(|e| vec![e])
}

// ---------------------------------------------------------------------------
// Kubernetes

fn contains(s: &Span, line: u32, col: u32) -> bool {
    (s.start_line, s.start_col) <= (line, col) && (line, col) <= (s.end_line, s.end_col)
}

/// The pod spec of a workload.
fn pod_spec<'a>(c: &FixCtx<'a>) -> Option<&'a Node> {
    if c.resource.kind != SourceKind::Kubernetes {
        return None;
    }
    let a = &c.resource.attrs;
    for p in [
        "spec.jobTemplate.spec.template.spec",
        "spec.template.spec",
        "spec",
    ] {
        if let Some(n) = a.path(p).known()
            && n.as_map().is_some_and(|m| m.contains_key("containers"))
        {
            return Some(n);
        }
    }
    None
}

/// The container the finding points into (the innermost whose span holds
/// the finding's start).
fn container<'a>(c: &FixCtx<'a>) -> Option<&'a Node> {
    let spec = pod_spec(c)?;
    let (l, col) = (c.finding.location.start_line, c.finding.location.start_col);
    ["containers", "initContainers", "ephemeralContainers"]
        .iter()
        .filter_map(|k| spec.get(k).known().and_then(|n| n.as_list()))
        .flatten()
        .find(|n| n.span.as_ref().is_some_and(|s| contains(s, l, col)))
}

fn k8s_container(c: &FixCtx, path: &[&str], value: &str) -> Option<Vec<Edit>> {
    yaml_set(c.text, container(c)?, path, value).map(|e| vec![e])
}

fn k8s_pod(c: &FixCtx, path: &[&str], value: &str) -> Option<Vec<Edit>> {
    yaml_set(c.text, pod_spec(c)?, path, value).map(|e| vec![e])
}

fn k8s_drop_all(c: &FixCtx) -> Option<Vec<Edit>> {
    let ct = container(c)?;
    let already = ct
        .path("securityContext.capabilities.drop")
        .known()
        .and_then(|n| n.as_list())
        .is_some_and(|l| l.iter().any(|i| i.as_str() == Some("ALL")));
    if already {
        return None;
    }
    yaml_list_add(
        c.text,
        ct,
        &["securityContext", "capabilities", "drop"],
        "ALL",
    )
    .map(|e| vec![e])
}

// ---------------------------------------------------------------------------

const PAB_TF: &str = "\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n";
const PAB_CFN: &str = "\nBlockPublicAcls: true\nBlockPublicPolicy: true\nIgnorePublicAcls: true\nRestrictPublicBuckets: true";

fn s3_public_access_block(c: &FixCtx) -> Option<Vec<Edit>> {
    if tf(c) && c.resource.rtype == "aws_s3_bucket_public_access_block" {
        return set(
            c,
            &[
                ("block_public_acls", "true"),
                ("block_public_policy", "true"),
                ("ignore_public_acls", "true"),
                ("restrict_public_buckets", "true"),
            ],
            &[],
        );
    }
    if cfn(c) {
        let p = props(c)?;
        if p.get("PublicAccessBlockConfiguration").node().is_some() {
            return set(
                c,
                &[],
                &[
                    (
                        &["PublicAccessBlockConfiguration", "BlockPublicAcls"],
                        "true",
                    ),
                    (
                        &["PublicAccessBlockConfiguration", "BlockPublicPolicy"],
                        "true",
                    ),
                    (
                        &["PublicAccessBlockConfiguration", "IgnorePublicAcls"],
                        "true",
                    ),
                    (
                        &["PublicAccessBlockConfiguration", "RestrictPublicBuckets"],
                        "true",
                    ),
                ],
            );
        }
        return set(c, &[], &[(&["PublicAccessBlockConfiguration"], PAB_CFN)]);
    }
    tf_append_for_bucket(c, "aws_s3_bucket_public_access_block", PAB_TF)
}

fn s3_versioning(c: &FixCtx) -> Option<Vec<Edit>> {
    if tf(c) {
        let r = c.resource;
        if r.rtype == "aws_s3_bucket_versioning" {
            return tf_nested(c, "versioning_configuration", "status", "\"Enabled\"");
        }
        if r.attrs.get("versioning").node().is_some() {
            return tf_nested(c, "versioning", "enabled", "true");
        }
        return tf_append_for_bucket(
            c,
            "aws_s3_bucket_versioning",
            "  versioning_configuration {\n    status = \"Enabled\"\n  }\n",
        );
    }
    set(
        c,
        &[],
        &[(&["VersioningConfiguration", "Status"], "Enabled")],
    )
}

fn s3_encryption(c: &FixCtx) -> Option<Vec<Edit>> {
    if tf(c) {
        return tf_append_for_bucket(
            c,
            "aws_s3_bucket_server_side_encryption_configuration",
            "  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = \"AES256\"\n    }\n  }\n",
        );
    }
    set(
        c,
        &[],
        &[(
            &["BucketEncryption"],
            "\nServerSideEncryptionConfiguration:\n  - ServerSideEncryptionByDefault:\n      SSEAlgorithm: AES256",
        )],
    )
}

fn imdsv2(c: &FixCtx) -> Option<Vec<Edit>> {
    if tf(c) {
        return tf_nested(c, "metadata_options", "http_tokens", "\"required\"");
    }
    if cfn(c) && c.resource.rtype == "AWS::EC2::LaunchTemplate" {
        return set(
            c,
            &[],
            &[(
                &["LaunchTemplateData", "MetadataOptions", "HttpTokens"],
                "required",
            )],
        );
    }
    None
}

fn dockerfile_user(c: &FixCtx) -> Option<Vec<Edit>> {
    if c.resource.kind != SourceKind::Dockerfile {
        return None;
    }
    let t = c.text;
    let last = t.lines().count() as u32;
    let at = line_end_incl(t, last.max(1))?;
    let nl = if t.is_empty() || t.ends_with('\n') {
        ""
    } else {
        "\n"
    };
    Some(vec![Edit::insert(
        at,
        format!("{nl}# palisade fix PAL-SC-006: run as an unprivileged user\nUSER 65532:65532\n"),
    )])
}

static REGISTRY: &[FixDef] = &[
    // --- AWS: KMS, CloudTrail, logging -----------------------------------
    FixDef {
        rule_id: "PAL-KMS-001",
        applicability: Safe,
        explanation: "Turns on yearly automatic rotation of the KMS key material (enable_key_rotation / EnableKeyRotation); existing ciphertexts stay readable.",
        fix: |c| {
            set(
                c,
                &[("enable_key_rotation", "true")],
                &[(&["EnableKeyRotation"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-CT-001",
        applicability: Safe,
        explanation: "Makes the trail record API activity in every region (is_multi_region_trail / IsMultiRegionTrail).",
        fix: |c| {
            set(
                c,
                &[("is_multi_region_trail", "true")],
                &[(&["IsMultiRegionTrail"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-CT-002",
        applicability: Safe,
        explanation: "Enables CloudTrail log file integrity validation so tampering with delivered logs is detectable.",
        fix: |c| {
            set(
                c,
                &[("enable_log_file_validation", "true")],
                &[(&["EnableLogFileValidation"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-CT-005",
        applicability: Safe,
        explanation: "Turns the trail's logging back on (enable_logging / IsLogging).",
        fix: |c| {
            set(
                c,
                &[("enable_logging", "true")],
                &[(&["IsLogging"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-CW-001",
        applicability: Safe,
        explanation: "Keeps CloudWatch logs for 365 days (retention_in_days / RetentionInDays); storage cost grows with retention.",
        fix: |c| {
            set(
                c,
                &[("retention_in_days", "365")],
                &[(&["RetentionInDays"], "365")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-GD-001",
        applicability: Safe,
        explanation: "Enables the GuardDuty detector (enable / Enable).",
        fix: |c| set(c, &[("enable", "true")], &[(&["Enable"], "true")]),
    },
    // --- AWS: EC2 / EBS ---------------------------------------------------
    FixDef {
        rule_id: "PAL-EC2-001",
        applicability: Safe,
        explanation: "Requires IMDSv2 session tokens for the instance metadata service (metadata_options.http_tokens = \"required\"), blocking SSRF-style credential theft through IMDSv1.",
        fix: imdsv2,
    },
    FixDef {
        rule_id: "PAL-EC2-002",
        applicability: Unsafe,
        explanation: "Stops giving the instance a public IP (associate_public_ip_address = false). Unsafe: replaces the instance and cuts direct internet reachability.",
        fix: |c| set(c, &[("associate_public_ip_address", "false")], &[]),
    },
    FixDef {
        rule_id: "PAL-EC2-003",
        applicability: Unsafe,
        explanation: "Encrypts the EBS volume (encrypted / Encrypted). Unsafe: changing encryption replaces the volume, losing its data unless restored from a snapshot.",
        fix: |c| set(c, &[("encrypted", "true")], &[(&["Encrypted"], "true")]),
    },
    FixDef {
        rule_id: "PAL-EC2-004",
        applicability: Unsafe,
        explanation: "Encrypts the root block device (root_block_device.encrypted = true). Unsafe: replaces the instance's root volume.",
        fix: |c| tf_nested(c, "root_block_device", "encrypted", "true"),
    },
    FixDef {
        rule_id: "PAL-EC2-005",
        applicability: Safe,
        explanation: "Turns on EBS encryption by default for the account and region; only new volumes are affected.",
        fix: |c| set(c, &[("enabled", "true")], &[]),
    },
    // --- AWS: data stores -------------------------------------------------
    FixDef {
        rule_id: "PAL-RDS-001",
        applicability: Unsafe,
        explanation: "Encrypts RDS storage (storage_encrypted / StorageEncrypted). Unsafe: an existing database is replaced (restore from an encrypted snapshot to keep data).",
        fix: |c| {
            set(
                c,
                &[("storage_encrypted", "true")],
                &[(&["StorageEncrypted"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-RDS-002",
        applicability: Safe,
        explanation: "Makes the database reachable only from inside its VPC (publicly_accessible = false / PubliclyAccessible: false).",
        fix: |c| {
            set(
                c,
                &[("publicly_accessible", "false")],
                &[(&["PubliclyAccessible"], "false")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-RDS-003",
        applicability: Safe,
        explanation: "Keeps automated backups for 7 days (backup_retention_period / BackupRetentionPeriod).",
        fix: |c| {
            set(
                c,
                &[("backup_retention_period", "7")],
                &[(&["BackupRetentionPeriod"], "7")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-RDS-004",
        applicability: Safe,
        explanation: "Enables deletion protection so the database cannot be deleted by accident (deletion_protection / DeletionProtection).",
        fix: |c| {
            set(
                c,
                &[("deletion_protection", "true")],
                &[(&["DeletionProtection"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-RDS-005",
        applicability: Safe,
        explanation: "Enables IAM database authentication (iam_database_authentication_enabled / EnableIAMDatabaseAuthentication); password logins keep working.",
        fix: |c| {
            set(
                c,
                &[("iam_database_authentication_enabled", "true")],
                &[(&["EnableIAMDatabaseAuthentication"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-RDS-006",
        applicability: Unsafe,
        explanation: "Runs the database Multi-AZ (multi_az / MultiAZ). Unsafe: doubles instance cost and triggers a modification window.",
        fix: |c| set(c, &[("multi_az", "true")], &[(&["MultiAZ"], "true")]),
    },
    FixDef {
        rule_id: "PAL-RDS-007",
        applicability: Safe,
        explanation: "Lets RDS apply minor engine upgrades automatically in the maintenance window (auto_minor_version_upgrade / AutoMinorVersionUpgrade).",
        fix: |c| {
            set(
                c,
                &[("auto_minor_version_upgrade", "true")],
                &[(&["AutoMinorVersionUpgrade"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-RS-001",
        applicability: Unsafe,
        explanation: "Encrypts the Redshift cluster (encrypted / Encrypted). Unsafe: the cluster is migrated or replaced.",
        fix: |c| set(c, &[("encrypted", "true")], &[(&["Encrypted"], "true")]),
    },
    FixDef {
        rule_id: "PAL-RS-002",
        applicability: Safe,
        explanation: "Makes the Redshift cluster private (publicly_accessible / PubliclyAccessible false).",
        fix: |c| {
            set(
                c,
                &[("publicly_accessible", "false")],
                &[(&["PubliclyAccessible"], "false")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-EFS-001",
        applicability: Unsafe,
        explanation: "Encrypts the EFS file system (encrypted / Encrypted). Unsafe: the file system is replaced and its data lost.",
        fix: |c| set(c, &[("encrypted", "true")], &[(&["Encrypted"], "true")]),
    },
    FixDef {
        rule_id: "PAL-EC-001",
        applicability: Unsafe,
        explanation: "Encrypts the ElastiCache replication group at rest. Unsafe: the group is replaced (cache contents lost).",
        fix: |c| {
            set(
                c,
                &[("at_rest_encryption_enabled", "true")],
                &[(&["AtRestEncryptionEnabled"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-EC-002",
        applicability: Unsafe,
        explanation: "Encrypts ElastiCache traffic in transit. Unsafe: clients must connect with TLS, and older engines replace the group.",
        fix: |c| {
            set(
                c,
                &[("transit_encryption_enabled", "true")],
                &[(&["TransitEncryptionEnabled"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-DDB-001",
        applicability: Safe,
        explanation: "Enables DynamoDB point-in-time recovery (continuous backups for 35 days).",
        fix: |c| {
            if tf(c) {
                tf_nested(c, "point_in_time_recovery", "enabled", "true")
            } else {
                set(
                    c,
                    &[],
                    &[(
                        &[
                            "PointInTimeRecoverySpecification",
                            "PointInTimeRecoveryEnabled",
                        ],
                        "true",
                    )],
                )
            }
        },
    },
    FixDef {
        rule_id: "PAL-OS-001",
        applicability: Unsafe,
        explanation: "Encrypts the OpenSearch domain at rest. Unsafe: on older domains this requires a blue/green replacement.",
        fix: |c| {
            if tf(c) {
                tf_nested(c, "encrypt_at_rest", "enabled", "true")
            } else {
                set(c, &[], &[(&["EncryptionAtRestOptions", "Enabled"], "true")])
            }
        },
    },
    FixDef {
        rule_id: "PAL-OS-002",
        applicability: Unsafe,
        explanation: "Encrypts OpenSearch node-to-node traffic. Unsafe: triggers a blue/green deployment of the domain.",
        fix: |c| {
            if tf(c) {
                tf_nested(c, "node_to_node_encryption", "enabled", "true")
            } else {
                set(
                    c,
                    &[],
                    &[(&["NodeToNodeEncryptionOptions", "Enabled"], "true")],
                )
            }
        },
    },
    FixDef {
        rule_id: "PAL-OS-003",
        applicability: Safe,
        explanation: "Requires HTTPS for the OpenSearch endpoint (domain_endpoint_options.enforce_https = true).",
        fix: |c| {
            if tf(c) {
                tf_nested(c, "domain_endpoint_options", "enforce_https", "true")
            } else {
                set(
                    c,
                    &[],
                    &[(&["DomainEndpointOptions", "EnforceHTTPS"], "true")],
                )
            }
        },
    },
    FixDef {
        rule_id: "PAL-SQS-001",
        applicability: Safe,
        explanation: "Turns on SQS-managed server-side encryption (sqs_managed_sse_enabled / SqsManagedSseEnabled).",
        fix: |c| {
            set(
                c,
                &[("sqs_managed_sse_enabled", "true")],
                &[(&["SqsManagedSseEnabled"], "true")],
            )
        },
    },
    FixDef {
        rule_id: "PAL-ECR-001",
        applicability: Safe,
        explanation: "Scans images for vulnerabilities when they are pushed (image_scanning_configuration.scan_on_push).",
        fix: |c| {
            if tf(c) {
                tf_nested(c, "image_scanning_configuration", "scan_on_push", "true")
            } else {
                set(
                    c,
                    &[],
                    &[(&["ImageScanningConfiguration", "ScanOnPush"], "true")],
                )
            }
        },
    },
    FixDef {
        rule_id: "PAL-ECR-002",
        applicability: Unsafe,
        explanation: "Makes image tags immutable. Unsafe: pipelines that re-push a tag such as `latest` will fail.",
        fix: |c| {
            set(
                c,
                &[("image_tag_mutability", "\"IMMUTABLE\"")],
                &[(&["ImageTagMutability"], "IMMUTABLE")],
            )
        },
    },
    // --- AWS: S3 ------------------------------------------------------------
    FixDef {
        rule_id: "PAL-S3-001",
        applicability: Safe,
        explanation: "Adds default SSE-S3 (AES256) encryption to the bucket (an aws_s3_bucket_server_side_encryption_configuration resource, or BucketEncryption).",
        fix: s3_encryption,
    },
    FixDef {
        rule_id: "PAL-S3-004",
        applicability: Safe,
        explanation: "Blocks public ACLs and policies on the bucket with all four public access block settings (an aws_s3_bucket_public_access_block resource, or PublicAccessBlockConfiguration).",
        fix: s3_public_access_block,
    },
    FixDef {
        rule_id: "PAL-S3-005",
        applicability: Safe,
        explanation: "Enables bucket versioning so overwritten or deleted objects can be recovered (an aws_s3_bucket_versioning resource, or VersioningConfiguration).",
        fix: s3_versioning,
    },
    // --- AWS: IAM password policy, network ----------------------------------
    FixDef {
        rule_id: "PAL-IAM-009",
        applicability: Safe,
        explanation: "Requires passwords of at least 14 characters (minimum_password_length); applies at the next password change.",
        fix: |c| set(c, &[("minimum_password_length", "14")], &[]),
    },
    FixDef {
        rule_id: "PAL-IAM-010",
        applicability: Safe,
        explanation: "Prevents reuse of the last 24 passwords (password_reuse_prevention).",
        fix: |c| set(c, &[("password_reuse_prevention", "24")], &[]),
    },
    FixDef {
        rule_id: "PAL-VPC-009",
        applicability: Unsafe,
        explanation: "Stops assigning public IPs on launch in the subnet (map_public_ip_on_launch / MapPublicIpOnLaunch). Unsafe: instances that relied on a public IP lose internet reachability.",
        fix: |c| {
            set(
                c,
                &[("map_public_ip_on_launch", "false")],
                &[(&["MapPublicIpOnLaunch"], "false")],
            )
        },
    },
    // --- Kubernetes ---------------------------------------------------------
    FixDef {
        rule_id: "PAL-K8S-001",
        applicability: Unsafe,
        explanation: "Stops sharing the host network namespace (hostNetwork: false). Unsafe: workloads that bind host interfaces stop working.",
        fix: |c| k8s_pod(c, &["hostNetwork"], "false"),
    },
    FixDef {
        rule_id: "PAL-K8S-002",
        applicability: Unsafe,
        explanation: "Stops sharing the host PID namespace (hostPID: false). Unsafe: agents that inspect host processes stop working.",
        fix: |c| k8s_pod(c, &["hostPID"], "false"),
    },
    FixDef {
        rule_id: "PAL-K8S-003",
        applicability: Unsafe,
        explanation: "Stops sharing the host IPC namespace (hostIPC: false).",
        fix: |c| k8s_pod(c, &["hostIPC"], "false"),
    },
    FixDef {
        rule_id: "PAL-K8S-004",
        applicability: Safe,
        explanation: "Runs the container unprivileged (securityContext.privileged: false), removing full access to the host's devices.",
        fix: |c| k8s_container(c, &["securityContext", "privileged"], "false"),
    },
    FixDef {
        rule_id: "PAL-K8S-015",
        applicability: Safe,
        explanation: "Forbids gaining more privileges than the parent process, e.g. through setuid binaries (securityContext.allowPrivilegeEscalation: false).",
        fix: |c| k8s_container(c, &["securityContext", "allowPrivilegeEscalation"], "false"),
    },
    FixDef {
        rule_id: "PAL-K8S-016",
        applicability: Safe,
        explanation: "Makes the kubelet refuse to start the container as UID 0 (securityContext.runAsNonRoot: true); an image whose default user is root must set a numeric USER.",
        fix: |c| k8s_container(c, &["securityContext", "runAsNonRoot"], "true"),
    },
    FixDef {
        rule_id: "PAL-K8S-018",
        applicability: Safe,
        explanation: "Applies the container runtime's default seccomp profile (securityContext.seccompProfile.type: RuntimeDefault).",
        fix: |c| {
            k8s_container(
                c,
                &["securityContext", "seccompProfile", "type"],
                "RuntimeDefault",
            )
        },
    },
    FixDef {
        rule_id: "PAL-K8S-019",
        applicability: Safe,
        explanation: "Drops every Linux capability (securityContext.capabilities.drop: [ALL]); add back only what the process needs.",
        fix: k8s_drop_all,
    },
    FixDef {
        rule_id: "PAL-K8S-022",
        applicability: Safe,
        explanation: "Drops every Linux capability, NET_RAW included (securityContext.capabilities.drop: [ALL]).",
        fix: k8s_drop_all,
    },
    FixDef {
        rule_id: "PAL-K8S-024",
        applicability: Unsafe,
        explanation: "Gives each container its own process namespace (shareProcessNamespace: false). Unsafe: sidecars that signal other containers stop working.",
        fix: |c| k8s_pod(c, &["shareProcessNamespace"], "false"),
    },
    FixDef {
        rule_id: "PAL-K8S-029",
        applicability: Safe,
        explanation: "Mounts the container's root filesystem read-only (securityContext.readOnlyRootFilesystem: true); mount an emptyDir where the process must write.",
        fix: |c| k8s_container(c, &["securityContext", "readOnlyRootFilesystem"], "true"),
    },
    FixDef {
        rule_id: "PAL-K8S-030",
        applicability: Safe,
        explanation: "Stops mounting the service account token into the pod (automountServiceAccountToken: false); pods that call the Kubernetes API must opt back in.",
        fix: |c| k8s_pod(c, &["automountServiceAccountToken"], "false"),
    },
    FixDef {
        rule_id: "PAL-K8S-034",
        applicability: Safe,
        explanation: "Pulls the image on every start (imagePullPolicy: Always) so a mutable tag cannot serve a stale or swapped image from the node cache.",
        fix: |c| k8s_container(c, &["imagePullPolicy"], "Always"),
    },
    // --- Supply chain -------------------------------------------------------
    FixDef {
        rule_id: "PAL-SC-006",
        applicability: Unsafe,
        explanation: "Appends `USER 65532:65532` so the image runs as an unprivileged user. Unsafe: files the process needs must be readable by that user.",
        fix: dockerfile_user,
    },
];

/// Every fix declaration, sorted by rule id.
pub fn registry() -> &'static [FixDef] {
    REGISTRY
}
