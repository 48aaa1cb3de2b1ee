use std::collections::BTreeMap;
use std::sync::Arc;

use palisade_compliance::{
    ComplianceReport, ControlStatus, Framework, ReportFormat, build, framework, html_escape,
    parse_framework, render_to_string,
};
use palisade_engine::{Category, Finding, FindingResource, RuleInfo, Severity, Status};
use palisade_model::{SourceKind, Span};

fn fw() -> Framework {
    parse_framework(
        r#"
id = "demo"
name = "Demo Framework"
version = "1.0"
controls = [
  { id = "D-1", title = "Encrypt data at rest", description = "Stores are encrypted." },
  { id = "D-2", title = "Log access", description = "Access is logged." },
  { id = "D-3", title = "Restrict ingress", description = "No open ingress." },
  { id = "D-4", title = "Rotate keys", description = "Keys rotate." },
  { id = "D-5", title = "Physical security", description = "Not checkable in code." },
  { id = "D-6", title = "Custom policy", description = "Organization rule." },
]
"#,
    )
    .expect("demo framework parses")
}

fn rule(id: &str, maps: &[&str]) -> RuleInfo {
    let mut frameworks = BTreeMap::new();
    frameworks.insert(
        "demo".to_string(),
        maps.iter().map(|s| s.to_string()).collect(),
    );
    RuleInfo {
        id: id.to_string(),
        title: format!("{id} title"),
        severity: Severity::High,
        category: Category::Encryption,
        frameworks,
        description: String::new(),
        help: String::new(),
        help_uri: String::new(),
        builtin: true,
    }
}

fn finding(r: &RuleInfo, status: Status, addr: &str, file: &str, line: u32, msg: &str) -> Finding {
    Finding {
        rule_id: r.id.clone(),
        title: r.title.clone(),
        severity: r.severity,
        category: r.category,
        status,
        resource: FindingResource {
            address: addr.to_string(),
            rtype: addr.split('.').next().unwrap_or("").to_string(),
            kind: SourceKind::Terraform,
            module_path: Vec::new(),
        },
        location: Span::new(Arc::from(file), line, 1, line, 10),
        message: msg.to_string(),
        unknown_reason: (status == Status::Unknown).then(|| "var.kms_key is not known".to_string()),
        frameworks: std::sync::Arc::new(r.frameworks.clone()),
        related: Vec::new(),
        fingerprint: format!("{}-{}-{}", r.id, addr, status.as_str()),
    }
}

/// D-1: fail; D-2: unknown; D-3: pass; D-4: no resources; D-5: not covered;
/// D-6: warn. One rule also maps to a control the framework lacks.
fn sample() -> (Framework, Vec<RuleInfo>, Vec<Finding>) {
    let enc = rule("PAL-ENC-001", &["D-1"]);
    let log = rule("PAL-LOG-001", &["D-2", "D-9"]);
    let net = rule("PAL-NET-001", &["D-3", "D-1"]);
    let rot = rule("PAL-KMS-001", &["D-4"]);
    let cus = rule("CUSTOM-001", &["D-6"]);
    let findings = vec![
        finding(
            &enc,
            Status::Fail,
            "aws_s3_bucket.logs",
            "main.tf",
            3,
            "S3 bucket has no default encryption",
        ),
        finding(
            &enc,
            Status::Pass,
            "aws_s3_bucket.data",
            "main.tf",
            10,
            "ok",
        ),
        finding(
            &log,
            Status::Unknown,
            "aws_cloudtrail.main",
            "trail.tf",
            1,
            "cannot tell: trail logging",
        ),
        finding(
            &log,
            Status::Pass,
            "aws_cloudtrail.org",
            "trail.tf",
            20,
            "ok",
        ),
        finding(
            &net,
            Status::Pass,
            "aws_security_group.web",
            "net.tf",
            5,
            "ok",
        ),
        finding(
            &cus,
            Status::Warn,
            "aws_instance.app",
            "app.tf",
            2,
            "instance has no owner tag",
        ),
    ];
    (fw(), vec![enc, log, net, rot, cus], findings)
}

#[test]
fn each_status_is_derived() {
    let (fw, rules, findings) = sample();
    let r = build(&fw, &rules, &findings);
    let st = |id: &str| r.control(id).map(|c| c.status);
    assert_eq!(st("D-1"), Some(ControlStatus::Fail));
    assert_eq!(st("D-2"), Some(ControlStatus::Unknown));
    assert_eq!(st("D-3"), Some(ControlStatus::Pass));
    assert_eq!(st("D-4"), Some(ControlStatus::NoResources));
    assert_eq!(st("D-5"), Some(ControlStatus::NotCovered));
    assert_eq!(st("D-6"), Some(ControlStatus::Warn));

    let s = &r.summary;
    assert_eq!((s.controls, s.covered, s.not_covered), (6, 5, 1));
    assert_eq!((s.no_resources, s.evaluated), (1, 4));
    assert_eq!((s.fail, s.unknown, s.warn, s.pass), (1, 1, 1, 1));
    assert_eq!(s.coverage_percent, 83);
    assert_eq!(s.pass_percent, 25);
    // Each finding counted once even when it backs two controls.
    assert_eq!(
        (
            s.findings.fail,
            s.findings.unknown,
            s.findings.warn,
            s.findings.pass
        ),
        (1, 1, 1, 3)
    );
    assert_eq!(r.unknown_mappings, vec!["PAL-LOG-001: D-9".to_string()]);

    // D-1 rests on two rules, three findings over three resources.
    let d1 = r.control("D-1").expect("D-1");
    let ids: Vec<&str> = d1.rules.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, vec!["PAL-ENC-001", "PAL-NET-001"]);
    assert_eq!((d1.counts.fail, d1.counts.pass), (1, 2));
    let res: Vec<(&str, ControlStatus)> = d1
        .resources
        .iter()
        .map(|x| (x.address.as_str(), x.status))
        .collect();
    assert_eq!(
        res,
        vec![
            ("aws_s3_bucket.data", ControlStatus::Pass),
            ("aws_s3_bucket.logs", ControlStatus::Fail),
            ("aws_security_group.web", ControlStatus::Pass),
        ]
    );
    let d2 = r.control("D-2").expect("D-2");
    assert_eq!(
        d2.findings[0].unknown_reason.as_deref(),
        Some("var.kms_key is not known")
    );
    assert!(r.control("D-5").expect("D-5").rules.is_empty());
}

#[test]
fn a_resource_takes_its_worst_status() {
    let enc = rule("PAL-ENC-001", &["D-1"]);
    let unk = rule("PAL-ENC-002", &["D-1"]);
    let findings = vec![
        finding(&enc, Status::Pass, "aws_s3_bucket.a", "main.tf", 1, "ok"),
        finding(&unk, Status::Unknown, "aws_s3_bucket.a", "main.tf", 1, "?"),
    ];
    let r = build(&fw(), &[enc, unk], &findings);
    let d1 = r.control("D-1").expect("D-1");
    assert_eq!(d1.status, ControlStatus::Unknown);
    assert_eq!(d1.resources.len(), 1);
    assert_eq!(d1.resources[0].status, ControlStatus::Unknown);
}

#[test]
fn findings_of_rules_not_listed_still_count() {
    // A custom rule whose RuleInfo was not passed: its findings carry the
    // mapping themselves.
    let cus = rule("CUSTOM-009", &["D-5"]);
    let f = finding(&cus, Status::Fail, "aws_instance.x", "a.tf", 1, "bad");
    let r = build(&fw(), &[], &[f]);
    assert_eq!(
        r.control("D-5").map(|c| c.status),
        Some(ControlStatus::Fail)
    );
    assert_eq!(r.summary.not_covered, 5);
}

#[test]
fn nothing_ran_means_nothing_covered() {
    let r = build(&fw(), &[], &[]);
    assert_eq!(r.summary.not_covered, 6);
    assert_eq!(r.summary.coverage_percent, 0);
    assert_eq!(r.summary.pass_percent, 0);
    assert!(
        r.controls
            .iter()
            .all(|c| c.status == ControlStatus::NotCovered)
    );
}

#[test]
fn output_does_not_depend_on_input_order() {
    let (fw, mut rules, mut findings) = sample();
    let a = build(&fw, &rules, &findings);
    rules.reverse();
    findings.reverse();
    let b = build(&fw, &rules, &findings);
    assert_eq!(a, b);
    for f in ReportFormat::ALL {
        assert_eq!(render_to_string(&a, f), render_to_string(&b, f));
    }
}

#[test]
fn builtin_framework_report_has_every_control() {
    let soc2 = framework("soc2").expect("soc2");
    let mut enc = rule("PAL-S3-001", &[]);
    enc.frameworks.clear();
    enc.frameworks
        .insert("soc2".into(), vec!["CC6.1".into(), "CC6.7".into()]);
    let f = finding(
        &enc,
        Status::Fail,
        "aws_s3_bucket.b",
        "main.tf",
        1,
        "no encryption",
    );
    let r = build(soc2, &[enc], &[f]);
    assert_eq!(r.controls.len(), soc2.controls.len());
    assert_eq!(r.summary.covered, 2);
    assert_eq!(r.summary.fail, 2);
    assert_eq!(r.summary.findings.fail, 1);
    assert!(r.unknown_mappings.is_empty());
}

fn sample_report() -> ComplianceReport {
    let (fw, rules, findings) = sample();
    build(&fw, &rules, &findings)
}

#[test]
fn snapshot_text() {
    insta::assert_snapshot!(render_to_string(&sample_report(), ReportFormat::Text));
}

#[test]
fn snapshot_json() {
    let out = render_to_string(&sample_report(), ReportFormat::Json);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["controls"][0]["status"], "fail");
    assert_eq!(v["controls"][3]["status"], "no-resources");
    assert_eq!(v["controls"][4]["status"], "not-covered");
    assert_eq!(v["summary"]["coverage_percent"], 83);
    insta::assert_snapshot!(out);
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!(render_to_string(&sample_report(), ReportFormat::Markdown));
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!(render_to_string(&sample_report(), ReportFormat::Html));
}

#[test]
fn html_is_self_contained_and_escaped() {
    let mut fw = fw();
    fw.name = "<script>alert('name')</script>".into();
    fw.controls[0].title = "Title with <b>tags</b> & \"quotes\"".into();
    let enc = rule("PAL-<X>-001", &["D-1"]);
    let f = finding(
        &enc,
        Status::Fail,
        "aws_s3_bucket.\"><img src=x onerror=alert(1)>",
        "dir/<evil>.tf",
        1,
        "</td></tr><script>alert(\"msg\")</script>",
    );
    let out = render_to_string(&build(&fw, &[enc], &[f]), ReportFormat::Html);
    assert!(!out.contains("<script>"), "{out}");
    assert!(!out.contains("<img"), "{out}");
    assert!(!out.contains("<b>tags"), "{out}");
    assert!(out.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;"));
    assert!(out.contains("Title with &lt;b&gt;tags&lt;/b&gt; &amp; &quot;quotes&quot;"));
    assert!(out.contains("&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;"));
    assert!(out.contains("dir/&lt;evil&gt;.tf"));
    // Self-contained: inline style, no external references.
    assert!(out.contains("<style>"));
    for needle in [
        "<link",
        "<script",
        "src=\"",
        "href=\"http",
        "@import",
        "url(",
    ] {
        assert!(!out.contains(needle), "found {needle}");
    }
    assert_eq!(html_escape("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&#39;");
}

#[test]
fn text_and_markdown_cannot_be_forged_by_messages() {
    let enc = rule("PAL-ENC-001", &["D-1"]);
    let f = finding(
        &enc,
        Status::Fail,
        "aws_s3_bucket.a",
        "main.tf",
        1,
        "line one\nPASS (9)\n| D-9 | forged |",
    );
    let r = build(&fw(), &[enc], &[f]);
    let text = render_to_string(&r, ReportFormat::Text);
    assert!(!text.lines().any(|l| l.starts_with("PASS (9)")), "{text}");
    let md = render_to_string(&r, ReportFormat::Markdown);
    assert!(!md.lines().any(|l| l.starts_with("| D-9")), "{md}");
    assert!(md.contains("\\| D-9 \\| forged \\|"));
}

#[test]
fn format_names_parse() {
    assert_eq!(ReportFormat::parse("md"), Some(ReportFormat::Markdown));
    assert_eq!(ReportFormat::parse("HTML"), Some(ReportFormat::Html));
    assert_eq!(ReportFormat::parse("json"), Some(ReportFormat::Json));
    assert_eq!(ReportFormat::parse("text"), Some(ReportFormat::Text));
    assert_eq!(ReportFormat::parse("pdf"), None);
}
