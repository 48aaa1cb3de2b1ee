//! Validates produced SARIF with Microsoft's SARIF multitool (official
//! schema + GitHub code scanning rules) through `scripts/validate-sarif.sh`.
//!
//! Runs when the multitool is installed in `tools/sarif` (the script
//! installs it), or always with `PALISADE_VALIDATE_SARIF=1`, in which case
//! the script installs it from npm when missing. Otherwise it says it
//! skipped.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use common::Fixture;
use palisade_engine::{Related, Status};
use palisade_model::Span;
use palisade_output::{Report, write_sarif};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn write(dir: &Path, name: &str, r: &Report) -> PathBuf {
    let mut out = Vec::new();
    write_sarif(r, &mut out).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, out).unwrap();
    p
}

#[test]
fn sarif_passes_the_multitool() {
    let root = repo_root();
    let installed = root
        .join("tools/sarif/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool")
        .exists();
    let forced = std::env::var("PALISADE_VALIDATE_SARIF").is_ok_and(|v| v == "1");
    if !installed && !forced {
        eprintln!(
            "skipped: SARIF multitool not installed (run scripts/validate-sarif.sh once, or set PALISADE_VALIDATE_SARIF=1)"
        );
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sarif-multitool");
    std::fs::create_dir_all(&dir).unwrap();

    let fx = Fixture::new();
    let mut files = vec![write(&dir, "fixture.sarif", &fx.report())];

    // Passes, whole-line and degenerate spans, many related locations.
    let mut edge = Fixture::new();
    edge.findings[0].status = Status::Pass;
    edge.findings[1].location = Span::line(Arc::from("main.tf"), 2);
    edge.findings[2].location = Span::new(Arc::from("weird name+é.tf"), 0, 0, 0, 0);
    edge.findings[3].related = (1..1200)
        .map(|i| Related {
            span: Span::line(Arc::from("main.tf"), i),
            message: format!("related {i}"),
        })
        .collect();
    let mut r = edge.report();
    r.extra_summary = Some(serde_json::json!({"blueprints": {"checked": 1}}));
    files.push(write(&dir, "edge.sarif", &r));

    let empty = Report {
        tool_version: "0.1.0-dev+abc",
        findings: &[],
        rules: &[],
        diagnostics: &[],
        files_scanned: 0,
        resources_scanned: 0,
        extra_summary: None,
        suppressed: &[],
        baseline: None,
    };
    files.push(write(&dir, "empty.sarif", &empty));

    let out = Command::new("bash")
        .arg(root.join("scripts/validate-sarif.sh"))
        .args(&files)
        .output()
        .expect("run scripts/validate-sarif.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "SARIF validation failed:\n{stdout}\n{stderr}"
    );
    for f in &files {
        let summary = format!("{}: 0 error(s)/warning(s)", f.display());
        assert!(
            stdout.contains(&summary),
            "no clean summary for {}:\n{stdout}",
            f.display()
        );
    }
}
