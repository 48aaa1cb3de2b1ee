//! A compact Markdown summary for a pull-request comment: counts by
//! severity, the baseline comparison when there is one (new findings first),
//! and the top findings with `file:line` links.

use std::io::Write;

use palisade_engine::{Finding, Status};

use crate::{Counts, Report, SEVERITIES, sorted_findings};

/// Findings listed in the table; the rest are counted.
pub const MARKDOWN_TOP: usize = 20;

/// Escapes text for a Markdown table cell.
fn cell(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => o.push_str("\\|"),
            '\n' | '\r' => o.push(' '),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '`' => o.push('\''),
            '*' | '_' | '[' | ']' => {
                o.push('\\');
                o.push(c);
            }
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

fn icon(f: &Finding) -> &'static str {
    match (f.status, f.severity) {
        (Status::Unknown, _) => "❔",
        (_, palisade_engine::Severity::Critical) => "🔴",
        (_, palisade_engine::Severity::High) => "🟠",
        (_, palisade_engine::Severity::Medium) => "🟡",
        _ => "🔵",
    }
}

/// Writes the summary. Locations are `file:line` in code spans.
pub fn write_markdown(r: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    write_markdown_with(r, None, w)
}

/// Like [`write_markdown`], with locations linked to `link_base` + `path`
/// + `#Lline` (e.g. `https://github.com/o/r/blob/<sha>/`).
pub fn write_markdown_with(
    r: &Report,
    link_base: Option<&str>,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let c = Counts::of(r);
    let mut list: Vec<&Finding> = sorted_findings(r)
        .into_iter()
        .filter(|f| f.status != Status::Pass)
        .collect();
    // Most severe first, then failures before unknowns, then location.
    list.sort_by_key(|f| (std::cmp::Reverse(f.severity), f.status != Status::Fail));
    let open = list.len();
    writeln!(w, "## palisade")?;
    writeln!(w)?;
    if open == 0 {
        writeln!(
            w,
            "✅ No findings in {} files ({} resources).",
            r.files_scanned, r.resources_scanned
        )?;
    } else {
        writeln!(
            w,
            "**{open} finding{}** in {} files ({} resources).",
            if open == 1 { "" } else { "s" },
            r.files_scanned,
            r.resources_scanned
        )?;
    }
    if let Some(b) = r.baseline {
        writeln!(w)?;
        writeln!(
            w,
            "Compared with {} `{}`: **{} new**, {} unchanged, {} fixed.",
            b.mode,
            cell(&b.source),
            b.new,
            b.unchanged,
            b.fixed.len()
        )?;
    }
    if !r.suppressed.is_empty() {
        writeln!(w)?;
        writeln!(
            w,
            "{} suppressed or baselined finding{} not listed.",
            r.suppressed.len(),
            if r.suppressed.len() == 1 { "" } else { "s" }
        )?;
    }
    writeln!(w)?;
    writeln!(w, "| Severity | Critical | High | Medium | Low | Info |")?;
    writeln!(w, "|---|---:|---:|---:|---:|---:|")?;
    write!(w, "| Findings")?;
    for (i, _) in SEVERITIES.iter().enumerate() {
        write!(w, " | {}", c.by_severity.get(i).copied().unwrap_or(0))?;
    }
    writeln!(w, " |")?;
    let errors = c.diagnostics.first().copied().unwrap_or(0);
    if errors > 0 {
        writeln!(w)?;
        writeln!(w, "⚠️ {errors} file(s) could not be parsed.")?;
    }
    if open > 0 {
        let new = if r.baseline.is_some() { "new " } else { "" };
        writeln!(w)?;
        writeln!(w, "### Top {new}findings")?;
        writeln!(w)?;
        writeln!(w, "| | Rule | Resource | Location | Message |")?;
        writeln!(w, "|---|---|---|---|---|")?;
        for f in list.iter().take(MARKDOWN_TOP) {
            let loc = format!("{}:{}", f.location.path, f.location.start_line);
            let loc = match link_base {
                Some(base) => format!(
                    "[{}]({}{}#L{})",
                    cell(&loc),
                    base,
                    f.location.path.replace(' ', "%20"),
                    f.location.start_line
                ),
                None => format!("`{}`", loc.replace('`', "'")),
            };
            writeln!(
                w,
                "| {} {} | **{}** {} | `{}` | {} | {} |",
                icon(f),
                f.severity,
                f.rule_id,
                cell(&f.title),
                f.resource.address.replace('`', "'").replace('|', "\\|"),
                loc,
                cell(&f.message)
            )?;
        }
        if open > MARKDOWN_TOP {
            writeln!(w)?;
            writeln!(
                w,
                "…and {} more (see the full report).",
                open - MARKDOWN_TOP
            )?;
        }
    }
    Ok(())
}
