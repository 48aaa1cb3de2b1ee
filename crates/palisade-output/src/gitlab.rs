//! The GitLab SAST report (schema 15.x), for `artifacts:reports:sast`.

use std::io::Write;

use palisade_engine::{Finding, Severity, Status};
use serde_json::{Value, json};

use crate::{Report, sorted_findings};

/// The schema version written.
pub const GITLAB_SAST_VERSION: &str = "15.0.7";

/// The scan time used when none is given: reports stay byte-identical.
pub const GITLAB_DEFAULT_TIME: &str = "1970-01-01T00:00:00";

fn severity(f: &Finding) -> &'static str {
    if f.status == Status::Unknown {
        return "Unknown";
    }
    match f.severity {
        Severity::Critical => "Critical",
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
        Severity::Info => "Info",
    }
}

/// A deterministic UUID-shaped id from the finding's identity.
fn uuid(f: &Finding) -> String {
    let mut h: [u64; 2] = [0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4];
    for (i, part) in [
        f.rule_id.as_str(),
        f.fingerprint.as_str(),
        f.resource.address.as_str(),
        &f.location.path,
    ]
    .iter()
    .enumerate()
    {
        for b in part.bytes().chain([0u8]) {
            for (k, x) in h.iter_mut().enumerate() {
                *x ^= u64::from(b) ^ ((i + k) as u64);
                *x = x.wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    let hex = format!("{:016x}{:016x}", h[0], h[1]);
    format!(
        "{}-{}-4{}-8{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

fn scanner(version: &str) -> Value {
    json!({
        "id": "palisade",
        "name": "palisade",
        "version": version,
        "vendor": {"name": "palisade"},
    })
}

/// Writes the report. The scan times come from `PALISADE_SCAN_TIME`
/// (`YYYY-MM-DDTHH:MM:SS`) when set, else [`GITLAB_DEFAULT_TIME`].
pub fn write_gitlab_sast(r: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    let t = std::env::var("PALISADE_SCAN_TIME")
        .ok()
        .filter(|s| valid_time(s))
        .unwrap_or_else(|| GITLAB_DEFAULT_TIME.to_string());
    write_gitlab_sast_at(r, &t, &t, w)
}

/// `YYYY-MM-DDTHH:MM:SS`, as the schema requires.
pub fn valid_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// Writes the report with explicit scan start and end times.
pub fn write_gitlab_sast_at(
    r: &Report,
    start: &str,
    end: &str,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let vulns: Vec<Value> = sorted_findings(r)
        .into_iter()
        .filter(|f| f.status != Status::Pass)
        .map(|f| {
            let mut desc = f.message.clone();
            if let Some(u) = &f.unknown_reason {
                desc.push_str(&format!(" (unknown: {u})"));
            }
            let help = r
                .rules
                .iter()
                .find(|i| i.id == f.rule_id)
                .map(|i| i.help_uri.clone())
                .filter(|u| !u.is_empty());
            let mut ident = json!({
                "type": "palisade_rule_id",
                "name": f.rule_id,
                "value": f.rule_id,
            });
            if let Some(u) = help {
                ident["url"] = json!(u);
            }
            json!({
                "id": uuid(f),
                "category": "sast",
                "name": f.title,
                "message": f.message,
                "description": desc,
                "severity": severity(f),
                "scanner": {"id": "palisade", "name": "palisade"},
                "location": {
                    "file": &*f.location.path,
                    "start_line": f.location.start_line.max(1),
                    "end_line": f.location.end_line.max(f.location.start_line).max(1),
                },
                "identifiers": [ident],
                "details": {
                    "resource": {"name": "Resource", "type": "text", "value": f.resource.address},
                    "fingerprint": {"name": "Fingerprint", "type": "text", "value": f.fingerprint},
                },
            })
        })
        .collect();
    let doc = json!({
        "version": GITLAB_SAST_VERSION,
        "vulnerabilities": vulns,
        "scan": {
            "analyzer": scanner(r.tool_version),
            "scanner": scanner(r.tool_version),
            "type": "sast",
            "status": "success",
            "start_time": start,
            "end_time": end,
        },
    });
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    writeln!(w)
}
