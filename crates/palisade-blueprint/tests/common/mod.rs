//! Builds an estate from a directory with the real parsers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use palisade_engine::{Finding, Status};
use palisade_model::{Model, Parsed};
use palisade_views::Views;

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 16 {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out, depth + 1);
        } else {
            out.push(p);
        }
    }
}

/// Every Terraform root directory, CloudFormation template and Kubernetes
/// manifest under `root` (the blueprint itself excluded).
pub fn estate(root: &Path) -> (Model, Views) {
    let mut files = Vec::new();
    walk(root, &mut files, 0);
    let mut parsed = Parsed::default();
    let mut tf_dirs: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "tf"))
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    tf_dirs.sort();
    tf_dirs.dedup();
    if !tf_dirs.is_empty() {
        parsed.extend(palisade_terraform::load(
            root,
            &tf_dirs,
            &palisade_terraform::TfOptions::default(),
        ));
    }
    for f in &files {
        let is_yaml = f.extension().is_some_and(|e| e == "yaml" || e == "yml");
        if !is_yaml
            || f.file_name()
                .is_some_and(|n| n == "palisade.blueprint.yaml")
        {
            continue;
        }
        let text = std::fs::read_to_string(f).unwrap();
        let rel: Arc<str> = f
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/")
            .into();
        if palisade_cloudformation::looks_like_cloudformation(&text) {
            parsed.extend(palisade_cloudformation::parse(rel, &text));
        } else if palisade_kubernetes::looks_like_kubernetes(&text) {
            parsed.extend(palisade_kubernetes::parse(rel, &text));
        }
    }
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let views = Views::build(&model);
    (model, views)
}

pub fn example_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/blueprints")
        .join(name)
}

/// `status rule_id address` lines of every non-pass finding, sorted.
pub fn lines(findings: &[Finding]) -> Vec<String> {
    let mut v: Vec<String> = findings
        .iter()
        .filter(|f| f.status != Status::Pass)
        .map(|f| format!("{} {} {}", f.status.as_str(), f.rule_id, f.resource.address))
        .collect();
    v.sort();
    v.dedup();
    v
}
