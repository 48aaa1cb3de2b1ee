mod common;

use common::*;
use palisade_blueprint::{Reason, TierOf};
use palisade_engine::{Category, Status};

/// Runs an example: the blueprint loads without errors, and the non-pass
/// findings are exactly the example's `expected-findings.txt`.
fn run(
    name: &str,
) -> (
    palisade_blueprint::Blueprint,
    palisade_model::Model,
    palisade_views::Views,
    palisade_blueprint::BlueprintOutcome,
) {
    let dir = example_dir(name);
    let (bp, diags) = palisade_blueprint::load_as(
        &dir.join("palisade.blueprint.yaml"),
        "palisade.blueprint.yaml".into(),
    );
    assert!(
        diags
            .iter()
            .all(|d| d.level != palisade_model::Level::Error),
        "{diags:#?}"
    );
    let bp = bp.expect("blueprint loads");
    let (model, views) = estate(&dir);
    let outcome = palisade_blueprint::check(&bp, &model, &views);
    let got = lines(&outcome.findings).join("\n") + "\n";
    let expected_path = dir.join("expected-findings.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(
        got, expected,
        "findings of example {name} differ (BLESS=1 to update)"
    );
    (bp, model, views, outcome)
}

fn find<'a>(
    out: &'a palisade_blueprint::BlueprintOutcome,
    rule: &str,
    address: &str,
) -> &'a palisade_engine::Finding {
    out.findings
        .iter()
        .find(|f| f.rule_id == rule && f.resource.address == address)
        .unwrap_or_else(|| panic!("no {rule} on {address}"))
}

/// Invariants every example meets.
fn common_invariants(out: &palisade_blueprint::BlueprintOutcome) {
    let ids: Vec<String> = palisade_blueprint::rule_infos()
        .into_iter()
        .map(|r| r.id)
        .collect();
    for f in &out.findings {
        assert_eq!(f.category, Category::Blueprint);
        assert!(ids.contains(&f.rule_id), "{} has rule info", f.rule_id);
        assert_eq!(f.fingerprint.len(), 24);
        // The blueprint line that set the requirement is the first related location.
        assert!(!f.related.is_empty(), "{f:#?}");
        assert_eq!(
            &*f.related[0].span.path, "palisade.blueprint.yaml",
            "{f:#?}"
        );
        if f.status == Status::Unknown {
            assert!(f.unknown_reason.is_some());
        }
    }
    let s = &out.summary;
    let fails = out
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .count();
    assert_eq!(s.invalid_configurations, fails);
    assert_eq!(
        s.by_requirement.values().map(|c| c.invalid).sum::<usize>(),
        fails
    );
    assert_eq!(s.by_tier.values().map(|c| c.invalid).sum::<usize>(), fails);
    let json: serde_json::Value = serde_json::from_str(&s.to_json()).unwrap();
    assert_eq!(json["invalid_configurations"], fails);
    assert!(s.to_markdown().contains("| Requirement |"));
}

#[test]
fn fintech() {
    let (bp, model, views, out) = run("fintech");
    common_invariants(&out);
    // The message names the requirement, the tier and why the resource has it.
    let f = find(
        &out,
        "PAL-BP-DELETION-PROTECTION",
        "module.payments.aws_db_instance.cards",
    );
    assert_eq!(f.status, Status::Fail);
    assert!(f.message.contains("tier `cardholder`"), "{}", f.message);
    assert!(
        f.message.contains("classification rule #2"),
        "{}",
        f.message
    );
    assert_eq!(
        f.location.path.as_ref(),
        "terraform/modules/payments/main.tf"
    );
    assert_eq!(f.location.start_line, 10);
    assert_eq!(
        f.related[0].span.start_line, 22,
        "deletion_protection line of the blueprint"
    );
    // Inherited requirements cite the parent's line.
    let f = find(&out, "PAL-BP-CMK", "aws_s3_bucket.statements");
    assert_eq!(f.related[0].span.start_line, 10);
    let f = find(&out, "PAL-BP-CMK", "module.payments.aws_db_instance.cards");
    assert_eq!(f.status, Status::Pass);
    assert!(
        f.message.contains("inherited from `confidential`"),
        "{}",
        f.message
    );
    // The tag wins over the rules; a tag value naming no tier warns, located.
    let w = out
        .diagnostics
        .iter()
        .find(|d| d.code == "blueprint-unknown-tier-tag")
        .expect("warning");
    assert_eq!(w.span.path.as_ref(), "terraform/main.tf");
    assert_eq!(w.span.start_line, 88);
    let id = palisade_blueprint::find_resource(&model, "aws_sqs_queue.events").unwrap();
    let c = palisade_blueprint::classify(&bp, &model, &views, id);
    assert_eq!(
        c.tier,
        TierOf::Tier {
            name: "internal".into()
        }
    );
    assert!(matches!(c.reason, Reason::Default { .. }));
    // Explain.
    let e =
        palisade_blueprint::explain(&bp, &model, &views, "module.payments.aws_db_instance.cards")
            .unwrap();
    assert_eq!(e.service.as_deref(), Some("rds"));
    let text = e.to_string();
    assert!(
        text.contains(
            "tier `cardholder` — from classification rule #2 at palisade.blueprint.yaml:29"
        ),
        "{text}"
    );
    assert!(text.contains("deletion_protection"), "{text}");
    assert!(
        text.contains("required by palisade.blueprint.yaml:22"),
        "{text}"
    );
    assert!(
        e.results
            .iter()
            .any(|r| r.requirement == "backup_retention_days" && r.status == Status::Fail)
    );
    assert!(palisade_blueprint::explain(&bp, &model, &views, "aws_s3_bucket.nope").is_none());
    // Summary per tier.
    assert_eq!(out.summary.by_tier["cardholder"].invalid, 3);
    // TLS forced by the database's parameter group; EFS with automatic
    // backups (35 days) and a TLS-only file system policy.
    for (rule, address) in [
        (
            "PAL-BP-ENCRYPTION-IN-TRANSIT",
            "module.payments.aws_db_instance.cards",
        ),
        (
            "PAL-BP-ENCRYPTION-IN-TRANSIT",
            "module.payments.aws_efs_file_system.receipts",
        ),
        (
            "PAL-BP-BACKUP-RETENTION",
            "module.payments.aws_efs_file_system.receipts",
        ),
        ("PAL-BP-CMK", "module.payments.aws_efs_file_system.receipts"),
    ] {
        assert_eq!(
            find(&out, rule, address).status,
            Status::Pass,
            "{rule} {address}"
        );
    }
    let f = find(
        &out,
        "PAL-BP-BACKUP-RETENTION",
        "module.payments.aws_efs_file_system.receipts",
    );
    assert!(f.message.contains("35 day(s)"), "{}", f.message);
    assert_eq!(out.summary.data_stores["public"], 2);
}

#[test]
fn healthcare() {
    let (bp, model, views, out) = run("healthcare");
    common_invariants(&out);
    // Unknown values give unknown results, never failures.
    let f = find(&out, "PAL-BP-REGION", "aws_ebs_volume.scans");
    assert_eq!(f.status, Status::Unknown);
    assert!(
        f.unknown_reason
            .as_deref()
            .unwrap()
            .contains("variable \"region\"")
    );
    let f = find(&out, "PAL-BP-CLASSIFICATION", "aws_dynamodb_table.visits");
    assert_eq!(f.status, Status::Unknown);
    assert!(
        !out.findings
            .iter()
            .any(|f| f.resource.address == "aws_dynamodb_table.visits" && f.status == Status::Fail)
    );
    let id = palisade_blueprint::find_resource(&model, "aws_dynamodb_table.visits").unwrap();
    assert!(matches!(
        palisade_blueprint::classify(&bp, &model, &views, id).tier,
        TierOf::Unknown { .. }
    ));
    // CloudFormation: the stack's region is unknown.
    assert_eq!(
        find(&out, "PAL-BP-REGION", "PatientDb").status,
        Status::Unknown
    );
    // `default: finding` flags the unclassified queue.
    let f = find(&out, "PAL-BP-UNCLASSIFIED", "Intake");
    assert_eq!(f.status, Status::Fail);
    assert_eq!(f.related[0].span.start_line, 28);
    // Key rotation of the CMK resolved through !GetAtt.
    assert_eq!(
        find(&out, "PAL-BP-KEY-ROTATION", "PatientDb").status,
        Status::Pass
    );
    // Requirements that do not apply are not findings: no object lock or
    // versioning on a database, no backups on a log group.
    assert!(
        !out.findings
            .iter()
            .any(|f| f.resource.address == "AppLogs" && f.rule_id == "PAL-BP-BACKUP-RETENTION")
    );
    assert!(
        !out.findings
            .iter()
            .any(|f| f.resource.address == "PatientDb" && f.rule_id == "PAL-BP-VERSIONING")
    );
    // TLS enforced by the cluster parameter group (`rds.force_ssl: 1`).
    let f = find(&out, "PAL-BP-ENCRYPTION-IN-TRANSIT", "PatientDb");
    assert_eq!(f.status, Status::Pass);
    assert_eq!(f.location.start_line, 31, "{:?}", f.location);
    // No AWS Backup plan covers the volume.
    let f = find(&out, "PAL-BP-BACKUP-RETENTION", "aws_ebs_volume.scans");
    assert_eq!(f.status, Status::Fail);
    assert!(f.message.contains("0 day(s)"), "{}", f.message);
}

#[test]
fn saas() {
    let (bp, model, views, out) = run("saas");
    common_invariants(&out);
    // Kubernetes: a PVC classified by namespace rule, a Secret by label.
    let pvc =
        palisade_blueprint::find_resource(&model, "PersistentVolumeClaim/tenant-acme/uploads")
            .unwrap();
    let c = palisade_blueprint::classify(&bp, &model, &views, pvc);
    assert_eq!(
        c.tier,
        TierOf::Tier {
            name: "tenant".into()
        }
    );
    assert!(matches!(c.reason, Reason::Rule { number: 2, .. }));
    let sec = palisade_blueprint::find_resource(&model, "Secret/tenant-acme/api-keys").unwrap();
    let c = palisade_blueprint::classify(&bp, &model, &views, sec);
    assert!(matches!(c.reason, Reason::Tag { ref value, .. } if value == "tenant"));
    // A rule matching nothing warns at its line.
    let w = out
        .diagnostics
        .iter()
        .find(|d| d.code == "blueprint-rule-unused")
        .unwrap();
    assert_eq!(w.span.start_line, 24);
    // Data residency through an aliased provider.
    let f = find(&out, "PAL-BP-REGION", "aws_s3_bucket.analytics");
    assert_eq!(f.status, Status::Fail);
    assert!(f.message.contains("us-east-1"));
    // A module input turns deletion protection off for one tenant only.
    assert_eq!(
        find(
            &out,
            "PAL-BP-DELETION-PROTECTION",
            "module.tenant_globex.aws_rds_cluster.db"
        )
        .status,
        Status::Fail
    );
    assert_eq!(
        find(
            &out,
            "PAL-BP-DELETION-PROTECTION",
            "module.tenant_acme.aws_rds_cluster.db"
        )
        .status,
        Status::Pass
    );
}

#[test]
fn init_writes_a_blueprint_that_loads() {
    for name in ["fintech", "healthcare", "saas"] {
        let (model, views) = estate(&example_dir(name));
        let text = palisade_blueprint::init(&model, &views);
        let (bp, diags) = palisade_blueprint::parse("init.yaml".into(), &text);
        assert!(diags.is_empty(), "{name}: {diags:#?}\n{text}");
        let bp = bp.unwrap();
        assert_eq!(
            bp.classification.tag.as_ref().unwrap().value,
            "data_class",
            "{text}"
        );
        assert!(text.contains("# Data stores by service:"), "{text}");
        if name == "saas" {
            assert!(
                text.contains("eu-west-1") && text.contains("us-east-1"),
                "{text}"
            );
        }
        if name == "fintech" {
            assert!(
                bp.ownership
                    .required_tags
                    .iter()
                    .any(|t| t.value == "owner"),
                "{text}"
            );
            // The classification tag's values that are not standard tiers become tiers.
            assert!(bp.tiers.contains_key("secret"), "{text}");
        }
        // And the inferred blueprint checks the estate it came from.
        let out = palisade_blueprint::check(&bp, &model, &views);
        assert!(out.summary.passed > 0);
    }
}

#[test]
fn findings_are_deterministic() {
    let (_, _, _, a) = run("saas");
    let (_, _, _, b) = run("saas");
    assert_eq!(a.findings, b.findings);
    assert_eq!(a.summary, b.summary);
}
