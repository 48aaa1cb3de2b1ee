//! Renderers of the compliance report: text, JSON, Markdown, HTML.

use std::io::{self, Write};

use crate::report::{ComplianceReport, ControlResult, ControlStatus};

/// An output format of the compliance report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    Text,
    Json,
    Markdown,
    Html,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 4] = [
        ReportFormat::Text,
        ReportFormat::Json,
        ReportFormat::Markdown,
        ReportFormat::Html,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            ReportFormat::Text => "text",
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "markdown",
            ReportFormat::Html => "html",
        }
    }
    /// Parses `text`, `json`, `markdown` (or `md`), `html`.
    pub fn parse(s: &str) -> Option<ReportFormat> {
        let s = s.to_ascii_lowercase();
        match s.as_str() {
            "md" => Some(ReportFormat::Markdown),
            _ => ReportFormat::ALL.into_iter().find(|f| f.as_str() == s),
        }
    }
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Text => "txt",
            ReportFormat::Json => "json",
            ReportFormat::Markdown => "md",
            ReportFormat::Html => "html",
        }
    }
}

/// Writes `report` in `format`.
pub fn render(
    report: &ComplianceReport,
    format: ReportFormat,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReportFormat::Text => render_text(report, out),
        ReportFormat::Json => render_json(report, out),
        ReportFormat::Markdown => render_markdown(report, out),
        ReportFormat::Html => render_html(report, out),
    }
}

/// Renders into a string.
pub fn render_to_string(report: &ComplianceReport, format: ReportFormat) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render(report, format, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

/// One line of free text: control characters (newlines included) become
/// spaces so a message cannot forge report lines.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn summary_lines(r: &ComplianceReport) -> Vec<String> {
    let s = &r.summary;
    vec![
        format!(
            "Coverage: {} of {} controls covered by a rule ({}%); {} not covered.",
            s.covered, s.controls, s.coverage_percent, s.not_covered
        ),
        format!(
            "Evaluated: {} control(s) had results; {} covered control(s) had no resources to check.",
            s.evaluated, s.no_resources
        ),
        format!(
            "Results: {} fail, {} unknown, {} warn, {} pass ({}% of evaluated controls pass).",
            s.fail, s.unknown, s.warn, s.pass, s.pass_percent
        ),
        format!(
            "Findings: {} fail, {} unknown, {} warn, {} pass.",
            s.findings.fail, s.findings.unknown, s.findings.warn, s.findings.pass
        ),
    ]
}

fn render_text(r: &ComplianceReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Compliance report: {} {} ({})",
        one_line(&r.framework.name),
        one_line(&r.framework.version),
        one_line(&r.framework.id)
    )?;
    writeln!(out)?;
    for l in summary_lines(r) {
        writeln!(out, "{l}")?;
    }
    for status in ControlStatus::ALL {
        let cs: Vec<&ControlResult> = r.controls.iter().filter(|c| c.status == status).collect();
        if cs.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{} ({})", status.label(), cs.len())?;
        for c in cs {
            writeln!(out, "  {}  {}", one_line(&c.id), one_line(&c.title))?;
            if matches!(status, ControlStatus::NotCovered) {
                continue;
            }
            let rules: Vec<&str> = c.rules.iter().map(|x| x.id.as_str()).collect();
            writeln!(out, "      rules: {}", one_line(&rules.join(", ")))?;
            for f in &c.findings {
                if f.status == palisade_engine::Status::Pass {
                    continue;
                }
                writeln!(
                    out,
                    "      {:<7} {} {} ({}:{}) {}",
                    f.status.as_str(),
                    one_line(&f.rule_id),
                    one_line(&f.resource),
                    one_line(&f.path),
                    f.line,
                    one_line(&f.message)
                )?;
                if let Some(why) = &f.unknown_reason {
                    writeln!(out, "              reason: {}", one_line(why))?;
                }
            }
            if c.counts.pass > 0 {
                writeln!(
                    out,
                    "      {} passing result(s) on {} resource(s)",
                    c.counts.pass,
                    c.resources.len()
                )?;
            }
        }
    }
    if !r.unknown_mappings.is_empty() {
        writeln!(out)?;
        writeln!(out, "Mappings to unknown controls (ignored):")?;
        for m in &r.unknown_mappings {
            writeln!(out, "  {}", one_line(m))?;
        }
    }
    Ok(())
}

fn render_json(r: &ComplianceReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, r).map_err(io::Error::other)?;
    writeln!(out)
}

/// Escapes text for a Markdown table cell or paragraph.
fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                o.push('\\');
                o.push(c);
            }
            _ => o.push(c),
        }
    }
    o
}

fn render_markdown(r: &ComplianceReport, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "# Compliance report: {} {}",
        md(&r.framework.name),
        md(&r.framework.version)
    )?;
    writeln!(out)?;
    for l in summary_lines(r) {
        writeln!(out, "- {}", md(&l))?;
    }
    writeln!(out)?;
    writeln!(out, "| Status | Controls |")?;
    writeln!(out, "| --- | ---: |")?;
    let s = &r.summary;
    for (st, n) in [
        (ControlStatus::Fail, s.fail),
        (ControlStatus::Unknown, s.unknown),
        (ControlStatus::Warn, s.warn),
        (ControlStatus::Pass, s.pass),
        (ControlStatus::NoResources, s.no_resources),
        (ControlStatus::NotCovered, s.not_covered),
    ] {
        writeln!(out, "| {} | {n} |", st.as_str())?;
    }
    writeln!(out)?;
    writeln!(out, "## Controls")?;
    writeln!(out)?;
    writeln!(
        out,
        "| Control | Title | Status | Rules | Fail | Unknown | Warn | Pass |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | ---: | ---: | ---: | ---: |")?;
    for c in &r.controls {
        let rules: Vec<String> = c.rules.iter().map(|x| md(&x.id)).collect();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            md(&c.id),
            md(&c.title),
            c.status.as_str(),
            rules.join(", "),
            c.counts.fail,
            c.counts.unknown,
            c.counts.warn,
            c.counts.pass
        )?;
    }
    let detailed: Vec<&ControlResult> = r
        .controls
        .iter()
        .filter(|c| {
            matches!(
                c.status,
                ControlStatus::Fail | ControlStatus::Unknown | ControlStatus::Warn
            )
        })
        .collect();
    if !detailed.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Findings")?;
        for c in detailed {
            writeln!(out)?;
            writeln!(
                out,
                "### {} {} ({})",
                md(&c.id),
                md(&c.title),
                c.status.as_str()
            )?;
            writeln!(out)?;
            for f in c
                .findings
                .iter()
                .filter(|f| f.status != palisade_engine::Status::Pass)
            {
                write!(
                    out,
                    "- **{}** {} on {} at {}:{}: {}",
                    f.status.as_str(),
                    md(&f.rule_id),
                    md(&f.resource),
                    md(&f.path),
                    f.line,
                    md(&f.message)
                )?;
                if let Some(why) = &f.unknown_reason {
                    write!(out, " (reason: {})", md(why))?;
                }
                writeln!(out)?;
            }
        }
    }
    if !r.unknown_mappings.is_empty() {
        writeln!(out)?;
        writeln!(out, "## Mappings to unknown controls (ignored)")?;
        writeln!(out)?;
        for m in &r.unknown_mappings {
            writeln!(out, "- {}", md(m))?;
        }
    }
    Ok(())
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn html_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

const CSS: &str = "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328;background:#fff}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem}\
.sub{color:#59636e;margin-top:0}\
.cards{display:flex;flex-wrap:wrap;gap:.6rem;margin:1rem 0}\
.card{border:1px solid #d1d9e0;border-radius:6px;padding:.5rem .9rem;min-width:7rem}\
.card b{display:block;font-size:1.4rem}\
table{border-collapse:collapse;width:100%;font-size:.9rem}\
th,td{border-bottom:1px solid #d1d9e0;padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{background:#f6f8fa}\
.st{display:inline-block;border-radius:1rem;padding:0 .55rem;font-size:.8rem;font-weight:600;white-space:nowrap}\
.fail{background:#ffebe9;color:#b42318}.unknown{background:#fff8c5;color:#7a5b00}.warn{background:#fff1e5;color:#a14b00}\
.pass{background:#dafbe1;color:#116329}.no-resources{background:#eef1f4;color:#59636e}.not-covered{background:#f6f8fa;color:#818b98}\
details{margin:.2rem 0}summary{cursor:pointer}\
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85em}\
ul.f{margin:.3rem 0;padding-left:1.2rem}\
.desc{color:#59636e;font-size:.85rem}";

fn render_html(r: &ComplianceReport, out: &mut dyn Write) -> io::Result<()> {
    let e = html_escape;
    let title = format!(
        "Compliance report: {} {}",
        r.framework.name, r.framework.version
    );
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"en\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{}</title>", e(&title))?;
    writeln!(out, "<style>{CSS}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<h1>{}</h1>", e(&title))?;
    writeln!(
        out,
        "<p class=\"sub\">Framework id <code>{}</code>. Generated by palisade.</p>",
        e(&r.framework.id)
    )?;
    let s = &r.summary;
    writeln!(out, "<div class=\"cards\">")?;
    for (label, value) in [
        ("Coverage", format!("{}%", s.coverage_percent)),
        ("Covered", format!("{} / {}", s.covered, s.controls)),
        ("Fail", s.fail.to_string()),
        ("Unknown", s.unknown.to_string()),
        ("Warn", s.warn.to_string()),
        ("Pass", s.pass.to_string()),
        ("No resources", s.no_resources.to_string()),
        ("Not covered", s.not_covered.to_string()),
    ] {
        writeln!(
            out,
            "<div class=\"card\"><b>{}</b>{}</div>",
            e(&value),
            e(label)
        )?;
    }
    writeln!(out, "</div>")?;
    writeln!(out, "<ul>")?;
    for l in summary_lines(r) {
        writeln!(out, "<li>{}</li>", e(&l))?;
    }
    writeln!(out, "</ul>")?;
    writeln!(out, "<h2>Controls</h2>")?;
    writeln!(out, "<table>")?;
    writeln!(
        out,
        "<thead><tr><th>Control</th><th>Title</th><th>Status</th><th>Rules</th><th>Results</th></tr></thead>"
    )?;
    writeln!(out, "<tbody>")?;
    for c in &r.controls {
        let st = c.status.as_str();
        let rules: Vec<String> = c
            .rules
            .iter()
            .map(|x| format!("<code title=\"{}\">{}</code>", e(&x.title), e(&x.id)))
            .collect();
        write!(
            out,
            "<tr id=\"c-{}\"><td><code>{}</code></td><td>{}<div class=\"desc\">{}</div></td><td><span class=\"st {st}\">{}</span></td><td>{}</td><td>",
            e(&c.id),
            e(&c.id),
            e(&c.title),
            e(&c.description),
            e(c.status.label()),
            rules.join(" ")
        )?;
        if c.findings.is_empty() {
            write!(out, "&ndash;")?;
        } else {
            write!(
                out,
                "<details><summary>{} fail, {} unknown, {} warn, {} pass on {} resource(s)</summary><ul class=\"f\">",
                c.counts.fail,
                c.counts.unknown,
                c.counts.warn,
                c.counts.pass,
                c.resources.len()
            )?;
            for f in &c.findings {
                write!(
                    out,
                    "<li><span class=\"st {}\">{}</span> <code>{}</code> <code>{}</code> {}:{} &mdash; {}",
                    f.status.as_str(),
                    e(f.status.as_str()),
                    e(&f.rule_id),
                    e(&f.resource),
                    e(&f.path),
                    f.line,
                    e(&f.message)
                )?;
                if let Some(why) = &f.unknown_reason {
                    write!(out, " <i>(reason: {})</i>", e(why))?;
                }
                write!(out, "</li>")?;
            }
            write!(out, "</ul></details>")?;
        }
        writeln!(out, "</td></tr>")?;
    }
    writeln!(out, "</tbody>")?;
    writeln!(out, "</table>")?;
    if !r.unknown_mappings.is_empty() {
        writeln!(out, "<h2>Mappings to unknown controls (ignored)</h2>")?;
        writeln!(out, "<ul>")?;
        for m in &r.unknown_mappings {
            writeln!(out, "<li><code>{}</code></li>", e(m))?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")?;
    Ok(())
}
