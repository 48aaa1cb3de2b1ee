//! Encryption in transit and backups that the estate can prove: parameter
//! groups (RDS, Aurora, Redshift), TLS-only resource policies (SQS, SNS,
//! EFS), EFS backup policies and AWS Backup plans (EBS, EFS).

mod common;

use common::*;
use palisade_engine::{Finding, Status};

fn outcome() -> Vec<Finding> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/transit_backups");
    let (bp, diags) = palisade_blueprint::load_as(
        &dir.join("palisade.blueprint.yaml"),
        "palisade.blueprint.yaml".into(),
    );
    assert!(diags.is_empty(), "{diags:#?}");
    let (model, views) = estate(&dir);
    palisade_blueprint::check(&bp.expect("blueprint loads"), &model, &views).findings
}

fn result<'a>(fs: &'a [Finding], rule: &str, address: &str) -> &'a Finding {
    fs.iter()
        .find(|f| f.rule_id == rule && f.resource.address == address)
        .unwrap_or_else(|| panic!("no {rule} on {address}"))
}

const TRANSIT: &str = "PAL-BP-ENCRYPTION-IN-TRANSIT";
const BACKUP: &str = "PAL-BP-BACKUP-RETENTION";

#[test]
fn encryption_in_transit_from_parameter_groups_and_policies() {
    let fs = outcome();
    for (address, want) in [
        ("aws_db_instance.mysql_tls", Status::Pass),
        ("aws_db_instance.pg_default", Status::Fail),
        ("aws_db_instance.pg16", Status::Pass),
        ("aws_db_instance.pg_var", Status::Unknown),
        ("aws_rds_cluster.aurora", Status::Fail),
        ("aws_redshift_cluster.dw", Status::Pass),
        ("aws_sqs_queue.jobs", Status::Pass),
        ("aws_sns_topic.alerts", Status::Fail),
        ("aws_efs_file_system.shared", Status::Fail),
        ("Db", Status::Pass),
        ("Warehouse", Status::Fail),
        ("Files", Status::Pass),
        ("Topic", Status::Pass),
        ("Queue", Status::Fail),
    ] {
        let f = result(&fs, TRANSIT, address);
        assert_eq!(f.status, want, "{address}: {}", f.message);
    }
    // The evidence is the parameter, not the database.
    let f = result(&fs, TRANSIT, "aws_db_instance.mysql_tls");
    assert_eq!(f.location.start_line, 23, "{:?}", f.location);
    let f = result(&fs, TRANSIT, "aws_db_instance.pg_var");
    assert!(
        f.unknown_reason
            .as_deref()
            .unwrap()
            .contains("parameter group"),
        "{:?}",
        f.unknown_reason
    );
    // EBS, Kinesis-like stores without a TLS fact are not judged.
    assert!(
        !fs.iter()
            .any(|f| f.rule_id == TRANSIT && f.resource.address.starts_with("aws_ebs_volume"))
    );
}

#[test]
fn backups_from_aws_backup_and_efs_policies() {
    let fs = outcome();
    for (address, want, shown) in [
        ("aws_ebs_volume.by_ref", Status::Pass, "30 day(s)"),
        ("aws_ebs_volume.by_tag", Status::Pass, "kept until deleted"),
        ("aws_ebs_volume.orphan", Status::Fail, "0 day(s)"),
        ("aws_efs_file_system.shared", Status::Fail, "0 day(s)"),
        ("Files", Status::Pass, "35 day(s)"),
        ("Volume", Status::Fail, "10 day(s)"),
    ] {
        let f = result(&fs, BACKUP, address);
        assert_eq!(f.status, want, "{address}: {}", f.message);
        assert!(f.message.contains(shown), "{address}: {}", f.message);
    }
}
