mod common;

use common::Fixture;
use palisade_engine::Status;
use palisade_output::{
    Format, Report, SARIF_FINGERPRINT_KEY, TextOptions, sarif_level, write, write_json,
    write_sarif, write_text,
};
use serde_json::Value;

fn text(r: &Report, opts: &TextOptions) -> String {
    let mut out = Vec::new();
    write_text(r, opts, &common::source, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn json(r: &Report) -> String {
    let mut out = Vec::new();
    write_json(r, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn sarif(r: &Report) -> String {
    let mut out = Vec::new();
    write_sarif(r, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const PLAIN: TextOptions = TextOptions {
    color: false,
    context_lines: 1,
};

#[test]
fn text_snapshot() {
    let fx = Fixture::new();
    let out = text(&fx.report(), &PLAIN);
    assert!(!out.contains('\x1b'), "no ANSI escapes without colour");
    insta::assert_snapshot!("text", out);
}

#[test]
fn text_without_context_or_source() {
    let fx = Fixture::new();
    let mut out = Vec::new();
    let opts = TextOptions {
        color: false,
        context_lines: 0,
    };
    write_text(&fx.report(), &opts, &|_| None, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    // Without source the message is still shown, as a note.
    assert!(out.contains("= container `web` runs privileged"));
    insta::assert_snapshot!("text_no_source", out);
}

#[test]
fn text_colour_is_opt_in() {
    let fx = Fixture::new();
    let opts = TextOptions {
        color: true,
        context_lines: 1,
    };
    let out = text(&fx.report(), &opts);
    assert!(out.contains("\x1b[1;31mfail\x1b[0m"));
    assert!(out.contains("\x1b[1;35munknown\x1b[0m"));
    // The escape sequence inside the scanned file is neutralised.
    assert!(out.contains("\\u{1b}[31mred"));
    assert!(!out.contains("\x1b[31mred"));
}

#[test]
fn text_empty_report() {
    let r = Report {
        tool_version: "0.1.0",
        findings: &[],
        rules: &[],
        diagnostics: &[],
        files_scanned: 0,
        resources_scanned: 0,
        extra_summary: None,
        suppressed: &[],
        baseline: None,
    };
    let out = text(&r, &PLAIN);
    assert!(out.starts_with("No findings.\n"));
    assert!(out.contains("0 files, 0 resources, 0 rules"));
}

#[test]
fn json_snapshot() {
    let fx = Fixture::new();
    insta::assert_snapshot!("json", json(&fx.report()));
}

#[test]
fn sarif_snapshot() {
    let fx = Fixture::new();
    insta::assert_snapshot!("sarif", sarif(&fx.report()));
}

#[test]
fn output_is_deterministic() {
    let fx = Fixture::new();
    let mut reversed = Fixture::new();
    reversed.findings.reverse();
    reversed.diagnostics.reverse();
    reversed.rules.reverse();
    // Keep the same first-of-duplicates choice: the fixture's duplicate
    // PAL-S3-002 comes second, so restore the original order of those two.
    reversed.rules = {
        let mut v = reversed.rules.clone();
        v.retain(|r| r.title != "duplicate that must be dropped");
        v.push(
            Fixture::new()
                .rules
                .into_iter()
                .find(|r| r.title == "duplicate that must be dropped")
                .unwrap(),
        );
        v
    };
    let (a, b) = (fx.report(), reversed.report());
    for format in Format::ALL {
        let run = |r: &Report| {
            let mut out = Vec::new();
            write(r, format, &PLAIN, &common::source, &mut out).unwrap();
            out
        };
        let first = run(&a);
        assert_eq!(first, run(&a), "{format} differs between runs");
        assert_eq!(first, run(&b), "{format} depends on input order");
    }
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn sarif_rules_are_unique_and_indexed() {
    let fx = Fixture::new();
    let log = parse(&sarif(&fx.report()));
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "rule ids unique and sorted");
    // Five distinct given rules + one synthesised for the orphan finding.
    assert_eq!(ids.len(), 6);
    assert!(ids.contains(&"PAL-ORPHAN-001"));
    // The first of duplicate ids wins.
    let s3 = rules.iter().find(|r| r["id"] == "PAL-S3-002").unwrap();
    assert_eq!(
        s3["shortDescription"]["text"],
        "S3 bucket ACLs must not grant public access"
    );
    assert_eq!(s3["name"], "S3BucketAclsMustNotGrantPublicAccess");
    assert_eq!(s3["properties"]["security-severity"], "8.0");
    assert_eq!(
        s3["properties"]["tags"],
        serde_json::json!(["security", "data", "cis-aws", "pci-dss"])
    );
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), fx.findings.len());
    for res in results {
        let idx = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[idx]["id"], res["ruleId"],
            "ruleIndex points at ruleId"
        );
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &loc["region"];
        for k in ["startLine", "startColumn", "endLine"] {
            assert!(region[k].as_u64().unwrap() >= 1, "{k} >= 1");
        }
        assert!(res["partialFingerprints"][SARIF_FINGERPRINT_KEY].is_string());
        assert!(!res["message"]["text"].as_str().unwrap().is_empty());
    }
    // Paths are percent-encoded relative URIs.
    assert!(results.iter().any(
        |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            == "plan%20dir/plan.json"
    ));
}

#[test]
fn sarif_levels_and_unknowns() {
    let fx = Fixture::new();
    for f in &fx.findings {
        let expected = match (f.status, f.severity.as_str()) {
            (Status::Unknown, _) => "note",
            (Status::Pass, _) => "none",
            (Status::Fail, "critical" | "high") => "error",
            (Status::Fail, "medium") => "warning",
            (Status::Fail, _) => "note",
            (Status::Warn, "low" | "info") => "note",
            (Status::Warn, _) => "warning",
        };
        assert_eq!(sarif_level(f), expected, "{}", f.rule_id);
    }
    let log = parse(&sarif(&fx.report()));
    let results = log["runs"][0]["results"].as_array().unwrap();
    let unknown = results
        .iter()
        .find(|r| r["properties"]["status"] == "unknown")
        .unwrap();
    assert_eq!(unknown["level"], "note");
    assert!(
        unknown["message"]["text"]
            .as_str()
            .unwrap()
            .contains("var.encrypt has no default")
    );
    assert!(
        unknown.get("kind").is_none(),
        "note level needs kind fail (default)"
    );
    let critical = results
        .iter()
        .find(|r| r["ruleId"] == "PAL-K8S-001")
        .unwrap();
    assert_eq!(critical["level"], "error");
}

#[test]
fn sarif_passes_are_kind_pass() {
    let mut fx = Fixture::new();
    fx.findings.truncate(1);
    fx.findings[0].status = Status::Pass;
    let log = parse(&sarif(&fx.report()));
    let res = &log["runs"][0]["results"][0];
    assert_eq!(res["kind"], "pass");
    assert_eq!(res["level"], "none");
}

#[test]
fn sarif_diagnostics_are_notifications() {
    let fx = Fixture::new();
    let log = parse(&sarif(&fx.report()));
    let inv = &log["runs"][0]["invocations"][0];
    assert_eq!(inv["executionSuccessful"], true);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    // Sorted by location: k8s/broken.yaml before main.tf.
    assert_eq!(notes[0]["level"], "error");
    assert_eq!(notes[0]["descriptor"]["id"], "yaml-syntax");
    assert_eq!(
        notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "k8s/broken.yaml"
    );
    assert_eq!(notes[1]["level"], "warning");
}

#[test]
fn extra_summary_is_carried() {
    let fx = Fixture::new();
    let mut r = fx.report();
    r.extra_summary = Some(serde_json::json!({"blueprints": {"checked": 2}}));
    let j = parse(&json(&r));
    assert_eq!(j["summary"]["extra"]["blueprints"]["checked"], 2);
    let s = parse(&sarif(&r));
    assert_eq!(
        s["runs"][0]["properties"]["summary"]["blueprints"]["checked"],
        2
    );
    // Absent when None.
    let j = parse(&json(&fx.report()));
    assert!(j["summary"].get("extra").is_none());
}

#[test]
fn json_summary_counts() {
    let fx = Fixture::new();
    let j = parse(&json(&fx.report()));
    let s = &j["summary"];
    assert_eq!(s["total"], 5);
    assert_eq!(
        s["by_status"],
        serde_json::json!({"fail": 3, "unknown": 1, "warn": 1, "pass": 0})
    );
    assert_eq!(
        s["by_severity"],
        serde_json::json!({"critical": 1, "high": 1, "medium": 1, "low": 2, "info": 0})
    );
    assert_eq!(s["rules_run"], 5);
    assert_eq!(s["files_scanned"], 4);
    assert_eq!(s["diagnostics"]["error"], 1);
    let unknown = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["status"] == "unknown")
        .unwrap();
    assert!(unknown["unknown_reason"].is_string());
    assert_eq!(
        unknown["resource"]["module_path"],
        serde_json::json!(["db"])
    );
}

#[test]
fn text_long_spans_are_elided() {
    let mut fx = Fixture::new();
    fx.findings.truncate(1);
    fx.findings[0].location = palisade_model::Span::new("main.tf".into(), 1, 1, 13, 2);
    let out = text(&fx.report(), &PLAIN);
    let snippet: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.contains("-->"))
        .take_while(|l| !l.contains("= resource"))
        .collect();
    // Head (1-3), elision, tail (12-13), the label line, borders.
    assert!(
        snippet.iter().any(|l| l.starts_with(" 1 | / resource")),
        "{out}"
    );
    assert!(snippet.iter().any(|l| l.starts_with(" 3 | |")), "{out}");
    assert!(snippet.iter().any(|l| l.starts_with("... | |")), "{out}");
    assert!(!snippet.iter().any(|l| l.starts_with(" 7 |")), "{out}");
    assert!(snippet.iter().any(|l| l.starts_with("13 | | }")), "{out}");
    assert!(
        snippet
            .iter()
            .any(|l| l.contains("|_ container `web` runs privileged")),
        "{out}"
    );
}

#[test]
fn text_survives_out_of_range_locations() {
    let mut fx = Fixture::new();
    fx.findings[0].location = palisade_model::Span::new("main.tf".into(), 500, 3, 900, 1);
    fx.findings[1].location = palisade_model::Span::new("main.tf".into(), 0, 0, 0, 0);
    fx.findings[2].location = palisade_model::Span::new("main.tf".into(), 3, 400, 3, 2);
    let out = text(&fx.report(), &PLAIN);
    assert!(out.contains("Summary"));
}
