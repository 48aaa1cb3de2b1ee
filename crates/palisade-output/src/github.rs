//! GitHub Actions workflow commands: one `::error` (fail), `::warning`
//! (warn, unknown) or `::notice` annotation per finding, and one per input
//! error, escaped as the runner expects.

use std::io::Write;

use palisade_engine::{Severity, Status};
use palisade_model::Level;

use crate::{Report, sorted_diagnostics, sorted_findings};

/// Escapes a command's message (`%`, CR, LF).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Writes the report as GitHub workflow commands.
pub fn write_github(r: &Report, w: &mut dyn Write) -> std::io::Result<()> {
    for f in sorted_findings(r) {
        let cmd = match (f.status, f.severity) {
            (Status::Pass, _) => continue,
            (Status::Fail, Severity::Info) => "notice",
            (Status::Fail, _) => "error",
            (Status::Warn | Status::Unknown, _) => "warning",
        };
        let l = &f.location;
        let mut msg = format!("{} ({})", f.message, f.resource.address);
        if let Some(u) = &f.unknown_reason {
            msg.push_str(&format!("\nunknown: {u}"));
        }
        writeln!(
            w,
            "::{cmd} file={},line={},endLine={},col={},title={}::{}",
            escape_property(&l.path),
            l.start_line.max(1),
            l.end_line.max(l.start_line).max(1),
            l.start_col.max(1),
            escape_property(&format!("{} [{}] {}", f.rule_id, f.severity, f.title)),
            escape_data(&msg)
        )?;
    }
    for d in sorted_diagnostics(r) {
        let cmd = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "notice",
        };
        writeln!(
            w,
            "::{cmd} file={},line={},title={}::{}",
            escape_property(&d.span.path),
            d.span.start_line.max(1),
            escape_property(&format!("palisade {}", d.code)),
            escape_data(&d.message)
        )?;
    }
    Ok(())
}
