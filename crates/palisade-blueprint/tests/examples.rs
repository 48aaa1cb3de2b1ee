mod common;

use common::*;
use palisade_engine::Status;

/// Runs an example: the blueprint loads without errors, and the non-pass
/// findings are exactly the example's `expected-findings.txt`.
fn run(name: &str) -> (palisade_blueprint::Blueprint, palisade_model::Model, palisade_views::Views, palisade_blueprint::BlueprintOutcome) {
    let dir = example_dir(name);
    let (bp, diags) = palisade_blueprint::load_as(
        &dir.join("palisade.blueprint.yaml"),
        "palisade.blueprint.yaml".into(),
    );
    assert!(
        diags.iter().all(|d| d.level != palisade_model::Level::Error),
        "{diags:#?}"
    );
    let bp = bp.expect("blueprint loads");
    let (model, views) = estate(&dir);
    let outcome = palisade_blueprint::check(&bp, &model, &views);
    let got = lines(&outcome.findings).join("\n") + "\n";
    let expected_path = dir.join("expected-findings.txt");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, &got).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    assert_eq!(got, expected, "findings of example {name} differ (BLESS=1 to update)");
    (bp, model, views, outcome)
}

#[test]
fn fintech() {
    let (bp, model, views, out) = run("fintech");
    eprintln!("{}", out.summary.to_text());
    for f in &out.findings {
        eprintln!("{} {} {} @{}:{} — {}", f.status.as_str(), f.rule_id, f.resource.address, f.location.path, f.location.start_line, f.message);
    }
    for d in &out.diagnostics {
        eprintln!("{d}");
    }
    let _ = (bp, model, views);
}

#[test]
fn healthcare() {
    let (_bp, _model, _views, out) = run("healthcare");
    for f in &out.findings {
        eprintln!("{} {} {} @{}:{} — {}", f.status.as_str(), f.rule_id, f.resource.address, f.location.path, f.location.start_line, f.message);
    }
    for d in &out.diagnostics {
        eprintln!("{d}");
    }
}

#[test]
fn saas() {
    let (_bp, _model, _views, out) = run("saas");
    for f in &out.findings {
        eprintln!("{} {} {} @{}:{} — {}", f.status.as_str(), f.rule_id, f.resource.address, f.location.path, f.location.start_line, f.message);
    }
    for d in &out.diagnostics {
        eprintln!("{d}");
    }
}
