//! JUnit XML: one `<testsuite>` per rule with findings, one failing
//! `<testcase>` per finding (unknown results are `<skipped>`), and a
//! `palisade.diagnostics` suite with an `<error>` per input error.

use std::collections::BTreeMap;
use std::io::Write;

use palisade_engine::{Finding, Status};
use palisade_model::Level;

use crate::{Report, sorted_diagnostics, sorted_findings};

/// Escapes text for XML content and attribute values, dropping characters
/// XML 1.0 cannot carry.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' | '\n' | '\r' => o.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => o.push(c),
        }
    }
    o
}

fn details(f: &Finding) -> String {
    let mut s = format!(
        "{}\nrule: {} ({})\nseverity: {}\nresource: {}\nlocation: {}:{}:{}",
        f.message,
        f.rule_id,
        f.title,
        f.severity,
        f.resource.address,
        f.location.path,
        f.location.start_line,
        f.location.start_col
    );
    if let Some(r) = &f.unknown_reason {
        s.push_str("\nunknown because: ");
        s.push_str(r);
    }
    s.push_str("\nfingerprint: ");
    s.push_str(&f.fingerprint);
    s
}

/// Writes the report as JUnit XML.
pub fn write_junit(r: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    let findings: Vec<&Finding> = sorted_findings(r)
        .into_iter()
        .filter(|f| f.status != Status::Pass)
        .collect();
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &findings {
        by_rule.entry(f.rule_id.as_str()).or_default().push(f);
    }
    let diags: Vec<_> = sorted_diagnostics(r)
        .into_iter()
        .filter(|d| d.level == Level::Error)
        .collect();
    let failures = findings
        .iter()
        .filter(|f| f.status != Status::Unknown)
        .count();
    let skipped = findings.len() - failures;
    let tests = findings.len() + diags.len() + usize::from(findings.is_empty() && diags.is_empty());
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="palisade" tests="{tests}" failures="{failures}" errors="{}" skipped="{skipped}">"#,
        diags.len()
    )?;
    if findings.is_empty() && diags.is_empty() {
        writeln!(
            w,
            r#"  <testsuite name="palisade" tests="1" failures="0" errors="0" skipped="0">"#
        )?;
        writeln!(
            w,
            r#"    <testcase name="{} files, {} resources scanned" classname="palisade"/>"#,
            r.files_scanned, r.resources_scanned
        )?;
        writeln!(w, "  </testsuite>")?;
    }
    for (rule, fs) in &by_rule {
        let title = fs.first().map(|f| f.title.as_str()).unwrap_or_default();
        let fail = fs.iter().filter(|f| f.status != Status::Unknown).count();
        writeln!(
            w,
            r#"  <testsuite name="{}" tests="{}" failures="{fail}" errors="0" skipped="{}">"#,
            xml_escape(&format!("{rule}: {title}")),
            fs.len(),
            fs.len() - fail
        )?;
        for f in fs {
            writeln!(
                w,
                r#"    <testcase name="{}" classname="{}" file="{}" line="{}">"#,
                xml_escape(&f.resource.address),
                xml_escape(rule),
                xml_escape(&f.location.path),
                f.location.start_line
            )?;
            let msg = xml_escape(&f.message);
            let body = xml_escape(&details(f));
            if f.status == Status::Unknown {
                writeln!(w, r#"      <skipped message="{msg}"/>"#)?;
                writeln!(w, "      <system-out>{body}</system-out>")?;
            } else {
                writeln!(
                    w,
                    r#"      <failure message="{msg}" type="{}">{body}</failure>"#,
                    f.severity
                )?;
            }
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    if !diags.is_empty() {
        writeln!(
            w,
            r#"  <testsuite name="palisade.diagnostics" tests="{n}" failures="0" errors="{n}" skipped="0">"#,
            n = diags.len()
        )?;
        for d in diags {
            writeln!(
                w,
                r#"    <testcase name="{}" classname="palisade.diagnostics" file="{}" line="{}">"#,
                xml_escape(&format!("{}:{}", d.span.path, d.span.start_line)),
                xml_escape(&d.span.path),
                d.span.start_line
            )?;
            writeln!(
                w,
                r#"      <error message="{}" type="{}"/>"#,
                xml_escape(&d.message),
                xml_escape(&d.code)
            )?;
            writeln!(w, "    </testcase>")?;
        }
        writeln!(w, "  </testsuite>")?;
    }
    writeln!(w, "</testsuites>")
}
