//! The human report: findings grouped by file with the offending lines
//! (rustc/ruff style), then diagnostics, then a summary.

use std::collections::BTreeMap;
use std::io::{self, Write};

use palisade_engine::{Finding, Severity, Status};
use palisade_model::{Diagnostic, Level, Span};

use crate::json::unique_rules;
use crate::{
    Counts, Report, SEVERITIES, STATUSES, TextOptions, sorted_diagnostics, sorted_findings,
};

/// Lines wider than this (in display columns) are cut around the marker.
const MAX_WIDTH: usize = 160;
/// Spans longer than this many lines show their head and tail only.
const MAX_SPAN_LINES: u32 = 8;

/// ANSI styling, a no-op without colour.
struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn status_code(s: Status) -> &'static str {
    match s {
        Status::Fail => "1;31",
        Status::Unknown => "1;35",
        Status::Warn => "1;33",
        Status::Pass => "1;32",
    }
}

fn severity_code(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "1;31",
        Severity::High => "31",
        Severity::Medium => "33",
        Severity::Low => "34",
        Severity::Info => "2",
    }
}

fn level_code(l: Level) -> &'static str {
    match l {
        Level::Error => "1;31",
        Level::Warning => "1;33",
        Level::Note => "1;36",
    }
}

const GUTTER: &str = "1;34";

fn is_dangerous(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
}

/// Escapes control and bidi characters of untrusted text (paths, messages,
/// addresses), so that a scanned file cannot drive the terminal.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_dangerous(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// A source line made printable: its display characters, and for each
/// source char index the display column where it starts (plus one entry for
/// the end of the line).
struct Rendered {
    chars: Vec<char>,
    starts: Vec<usize>,
}

fn render(line: &str) -> Rendered {
    let mut chars = Vec::with_capacity(line.len());
    let mut starts = Vec::with_capacity(line.len() + 1);
    for c in line.chars() {
        starts.push(chars.len());
        if c == '\t' {
            chars.extend([' '; 4]);
        } else if is_dangerous(c) {
            chars.extend(format!("\\u{{{:x}}}", c as u32).chars());
        } else {
            chars.push(c);
        }
    }
    starts.push(chars.len());
    Rendered { chars, starts }
}

impl Rendered {
    /// Display column of 1-based source column `col` (clamped).
    fn col(&self, col: u32) -> usize {
        let i = (col.max(1) as usize - 1).min(self.starts.len() - 1);
        self.starts.get(i).copied().unwrap_or(0)
    }
    fn first_non_space(&self) -> usize {
        self.chars
            .iter()
            .position(|c| !c.is_whitespace())
            .unwrap_or(0)
    }
    /// The visible window `[from, to)` for a line with interest at `focus`,
    /// and the text with ellipses where cut.
    fn window(&self, focus: usize) -> (usize, String) {
        let n = self.chars.len();
        if n <= MAX_WIDTH {
            return (0, self.chars.iter().collect());
        }
        let from = if focus + 40 > MAX_WIDTH {
            focus.saturating_sub(40).min(n.saturating_sub(MAX_WIDTH))
        } else {
            0
        };
        let to = (from + MAX_WIDTH).min(n);
        let mut s = String::new();
        if from > 0 {
            s.push('…');
        }
        s.extend(&self.chars[from..to]);
        if to < n {
            s.push('…');
        }
        (from, s)
    }
}

/// Lines of a file, 1-based access.
struct Source {
    lines: Vec<String>,
}

impl Source {
    fn new(text: &str) -> Self {
        Source {
            lines: text.lines().map(str::to_string).collect(),
        }
    }
    fn line(&self, n: u32) -> Option<&str> {
        self.lines
            .get((n as usize).checked_sub(1)?)
            .map(|s| s.as_str())
    }
    fn count(&self) -> u32 {
        u32::try_from(self.lines.len()).unwrap_or(u32::MAX)
    }
}

struct Ctx<'a> {
    opts: &'a TextOptions,
    st: Style,
    source: &'a dyn Fn(&str) -> Option<String>,
    cache: BTreeMap<String, Option<Source>>,
}

impl Ctx<'_> {
    fn source(&mut self, path: &str) -> Option<&Source> {
        if !self.cache.contains_key(path) {
            let s = (self.source)(path).map(|t| Source::new(&t));
            self.cache.insert(path.to_string(), s);
        }
        self.cache.get(path).and_then(|s| s.as_ref())
    }

    /// The last line number a snippet of `span` shows.
    fn last_line(&mut self, span: &Span) -> u32 {
        let context = u32::try_from(self.opts.context_lines).unwrap_or(u32::MAX);
        let sl = span.start_line.max(1);
        match self.source(&span.path).map(Source::count) {
            Some(n) if sl <= n => span.end_line.clamp(sl, n).saturating_add(context).min(n),
            _ => span.end_line.max(sl),
        }
    }

    /// The width of line numbers in the gutter for `span`.
    fn gutter_width(&mut self, span: &Span) -> usize {
        self.last_line(span).to_string().len()
    }

    /// Writes the snippet for `span` with `label` at the marker; returns
    /// false (writing nothing) when the source is not available.
    fn snippet(
        &mut self,
        w: &mut dyn Write,
        span: &Span,
        label: &str,
        marker: &str,
    ) -> io::Result<bool> {
        let context = u32::try_from(self.opts.context_lines).unwrap_or(u32::MAX);
        let color = self.opts.color;
        let st = Style { color };
        let gw = self.gutter_width(span);
        let Some(src) = self.source(&span.path) else {
            return Ok(false);
        };
        let n = src.count();
        let sl = span.start_line.max(1);
        if sl > n {
            return Ok(false);
        }
        let el = span.end_line.clamp(sl, n);
        let before = sl.saturating_sub(context).max(1);
        let after = el.saturating_add(context).min(n);
        let multi = el > sl;
        // Which lines to show; `None` is an elision.
        let mut shown: Vec<Option<u32>> = (before..sl).map(Some).collect();
        if multi && el - sl + 1 > MAX_SPAN_LINES {
            shown.extend([
                Some(sl),
                Some(sl + 1),
                Some(sl + 2),
                None,
                Some(el - 1),
                Some(el),
            ]);
        } else {
            shown.extend((sl..=el).map(Some));
        }
        shown.extend((el + 1..=after).map(Some));
        let pad = " ".repeat(gw);
        let bar = st.paint(GUTTER, "|");
        let label = clean(label);

        writeln!(w, "{pad} {bar}")?;
        for item in shown {
            let Some(ln) = item else {
                writeln!(
                    w,
                    "{} {bar}{}",
                    st.paint(GUTTER, &format!("{:>gw$}", "...")),
                    if multi { " |" } else { "" }
                )?;
                continue;
            };
            let text = src.line(ln).unwrap_or("");
            let r = render(text);
            let num = st.paint(GUTTER, &format!("{ln:>gw$}"));
            let in_span = ln >= sl && ln <= el;
            if !multi {
                if !in_span {
                    let (_, vis) = r.window(0);
                    writeln!(w, "{num} {bar} {vis}").map(|_| ())?;
                    continue;
                }
                let (a, b) = if span.end_col > span.start_col {
                    (r.col(span.start_col), r.col(span.end_col))
                } else if span.start_col <= 1 {
                    (r.first_non_space(), r.chars.len())
                } else {
                    let a = r.col(span.start_col);
                    (a, a + 1)
                };
                let b = b.max(a + 1);
                let (from, vis) = r.window(a);
                let shift = usize::from(from > 0);
                let a_vis = a - from + shift;
                let b_vis = (b - from + shift).min(MAX_WIDTH + shift + 1).max(a_vis + 1);
                writeln!(w, "{num} {bar} {vis}")?;
                let carets = st.paint(marker, &"^".repeat(b_vis - a_vis));
                let lbl = if label.is_empty() {
                    String::new()
                } else {
                    format!(" {}", st.paint(marker, &label))
                };
                writeln!(w, "{pad} {bar} {}{carets}{lbl}", " ".repeat(a_vis))?;
            } else {
                let (_, vis) = r.window(0);
                let edge = if ln == sl {
                    st.paint(marker, "/")
                } else if in_span {
                    st.paint(marker, "|")
                } else {
                    " ".to_string()
                };
                writeln!(w, "{num} {bar} {edge} {vis}")?;
                if ln == el {
                    let lbl = if label.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", st.paint(marker, &label))
                    };
                    writeln!(w, "{pad} {bar} {}{lbl}", st.paint(marker, "|_"))?;
                }
            }
        }
        writeln!(w, "{pad} {bar}")?;
        Ok(true)
    }
}

fn loc(s: &Span) -> String {
    format!("{}:{}:{}", clean(&s.path), s.start_line, s.start_col)
}

fn finding(c: &mut Ctx, w: &mut dyn Write, f: &Finding) -> io::Result<()> {
    let st = Style {
        color: c.opts.color,
    };
    let sc = status_code(f.status);
    writeln!(
        w,
        "{}{}{}{} {}: {}",
        st.paint(sc, f.status.as_str()),
        st.paint(sc, "["),
        st.paint(severity_code(f.severity), f.severity.as_str()),
        st.paint(sc, "]"),
        st.paint("1", &clean(&f.rule_id)),
        st.paint("1", &clean(&f.title)),
    )?;
    let gw = c.gutter_width(&f.location);
    let pad = " ".repeat(gw);
    writeln!(w, "{pad}{} {}", st.paint(GUTTER, "-->"), loc(&f.location))?;
    let shown = c.snippet(w, &f.location, &f.message, sc)?;
    let eq = st.paint(GUTTER, "=");
    if !shown {
        writeln!(w, "{pad} {eq} {}", clean(&f.message))?;
    }
    let mut res = format!(
        "{} ({}, {}",
        clean(&f.resource.address),
        clean(&f.resource.rtype),
        f.resource.kind
    );
    if !f.resource.module_path.is_empty() {
        res.push_str(&format!(
            ", module {}",
            clean(&f.resource.module_path.join("."))
        ));
    }
    res.push(')');
    writeln!(w, "{pad} {eq} resource: {res}")?;
    if f.status == Status::Unknown {
        let why = f.unknown_reason.as_deref().unwrap_or("no reason given");
        writeln!(
            w,
            "{pad} {eq} {}: {}",
            st.paint(status_code(Status::Unknown), "unknown because"),
            clean(why)
        )?;
    }
    for r in &f.related {
        writeln!(
            w,
            "{pad} {eq} related: {}: {}",
            loc(&r.span),
            clean(&r.message)
        )?;
    }
    writeln!(w)
}

fn diagnostic(c: &mut Ctx, w: &mut dyn Write, d: &Diagnostic) -> io::Result<()> {
    let st = Style {
        color: c.opts.color,
    };
    let code = level_code(d.level);
    writeln!(
        w,
        "{}: {}",
        st.paint(
            code,
            &format!("{}[{}]", crate::level_str(d.level), clean(&d.code))
        ),
        st.paint("1", &clean(&d.message))
    )?;
    let gw = c.gutter_width(&d.span);
    let pad = " ".repeat(gw);
    writeln!(w, "{pad}{} {}", st.paint(GUTTER, "-->"), loc(&d.span))?;
    c.snippet(w, &d.span, "", code)?;
    writeln!(w)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes the human report.
///
/// `source(path)` returns the text of a scanned file (path relative to the
/// scan root, as in [`Span::path`]); it is called at most once per file.
/// When it returns `None` the finding is shown without source lines.
pub fn write_text(
    r: &Report,
    opts: &TextOptions,
    source: &dyn Fn(&str) -> Option<String>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = Vec::new();
    render_report(r, opts, source, &mut buf)?;
    // No trailing whitespace (empty source lines, blank context).
    let text = String::from_utf8_lossy(&buf);
    for line in text.lines() {
        writeln!(w, "{}", line.trim_end())?;
    }
    Ok(())
}

fn render_report(
    r: &Report,
    opts: &TextOptions,
    source: &dyn Fn(&str) -> Option<String>,
    w: &mut dyn Write,
) -> io::Result<()> {
    let mut c = Ctx {
        opts,
        st: Style { color: opts.color },
        source,
        cache: BTreeMap::new(),
    };
    let findings = sorted_findings(r);
    let mut i = 0;
    while let Some(first) = findings.get(i) {
        let path = &first.location.path;
        let n = findings[i..]
            .iter()
            .take_while(|f| &f.location.path == path)
            .count();
        let name = if path.is_empty() {
            "(no file)".to_string()
        } else {
            clean(path)
        };
        let header = format!("{name}: {}", plural(n, "finding", "findings"));
        writeln!(w, "{}", c.st.paint("1;4", &header))?;
        writeln!(w)?;
        for f in &findings[i..i + n] {
            finding(&mut c, w, f)?;
        }
        i += n;
    }

    let diags = sorted_diagnostics(r);
    if !diags.is_empty() {
        let header = format!("Diagnostics: {}", diags.len());
        writeln!(w, "{}", c.st.paint("1;4", &header))?;
        writeln!(w)?;
        for d in diags {
            diagnostic(&mut c, w, d)?;
        }
    }

    let counts = Counts::of(r);
    let st = &c.st;
    if findings.is_empty() {
        writeln!(w, "{}", st.paint("1;32", "No findings."))?;
        writeln!(w)?;
    }
    writeln!(w, "{}", st.paint("1", "Summary"))?;
    let status: Vec<String> = STATUSES
        .iter()
        .zip(counts.by_status)
        .map(|(s, n)| {
            let t = format!("{n} {}", s.as_str());
            if n > 0 {
                st.paint(status_code(*s), &t)
            } else {
                t
            }
        })
        .collect();
    writeln!(w, "  findings:    {}", status.join(", "))?;
    let sev: Vec<String> = SEVERITIES
        .iter()
        .zip(counts.by_severity)
        .map(|(s, n)| {
            let t = format!("{n} {}", s.as_str());
            if n > 0 {
                st.paint(severity_code(*s), &t)
            } else {
                t
            }
        })
        .collect();
    writeln!(w, "  by severity: {} (not counting passes)", sev.join(", "))?;
    writeln!(
        w,
        "  scanned:     {}, {}, {}",
        plural(r.files_scanned, "file", "files"),
        plural(r.resources_scanned, "resource", "resources"),
        plural(unique_rules(r.rules).len(), "rule", "rules"),
    )?;
    writeln!(
        w,
        "  diagnostics: {}, {}, {}",
        plural(counts.diagnostics[0], "error", "errors"),
        plural(counts.diagnostics[1], "warning", "warnings"),
        plural(counts.diagnostics[2], "note", "notes"),
    )?;
    if !r.suppressed.is_empty() {
        let mut by_kind: std::collections::BTreeMap<&str, usize> = Default::default();
        for x in r.suppressed {
            *by_kind.entry(x.suppression.kind.as_str()).or_default() += 1;
        }
        let parts: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
        writeln!(
            w,
            "  suppressed:  {} ({}; see JSON or SARIF output for reasons)",
            plural(r.suppressed.len(), "finding", "findings"),
            parts.join(", ")
        )?;
    }
    if let Some(b) = r.baseline {
        writeln!(
            w,
            "  {:<12} {} new, {} unchanged, {} fixed (against {})",
            format!("{}:", b.mode),
            b.new,
            b.unchanged,
            b.fixed.len(),
            clean(&b.source)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_escapes_terminal_controls() {
        assert_eq!(clean("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("x\u{202E}y"), "x\\u{202e}y");
        assert_eq!(clean("tab\there"), "tab here");
        assert_eq!(clean("héllo"), "héllo");
    }

    #[test]
    fn render_tracks_columns() {
        let r = render("\tab\u{7}c");
        assert_eq!(r.chars.iter().collect::<String>(), "    ab\\u{7}c");
        assert_eq!(r.col(1), 0);
        assert_eq!(r.col(2), 4);
        assert_eq!(r.col(5), 6 + "\\u{7}".len());
        // Past the end clamps to the end.
        assert_eq!(r.col(99), r.chars.len());
    }

    #[test]
    fn long_lines_are_windowed() {
        let line = format!("{}X{}", "a".repeat(500), "b".repeat(500));
        let r = render(&line);
        let (from, vis) = r.window(500);
        assert!(from > 0);
        assert!(vis.starts_with('…') && vis.ends_with('…'));
        assert!(vis.chars().count() <= MAX_WIDTH + 2);
        assert_eq!(vis.chars().nth(500 - from + 1), Some('X'));
    }
}
