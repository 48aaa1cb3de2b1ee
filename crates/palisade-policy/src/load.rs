//! Loading policies: every `.rego` file under the given paths, Rego v1
//! first and v0 as a fallback, one engine compiled once per run.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use crate::meta::{PolicyMeta, annotations};

#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Packages whose rules produce results (default `main`).
    pub namespaces: Vec<String>,
    /// Every package produces results.
    pub all_namespaces: bool,
    /// Data files (JSON or YAML) or directories of them, loaded under `data`.
    pub data: Vec<PathBuf>,
    /// Load `*_test.rego` files too (for `policy test`).
    pub include_tests: bool,
    /// Wall-clock limit of one evaluation.
    pub timeout: Duration,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            namespaces: vec!["main".into()],
            all_namespaces: false,
            data: Vec::new(),
            include_tests: false,
            timeout: Duration::from_secs(5),
        }
    }
}

/// A policy that could not be loaded or evaluated: file, line and reason.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct PolicyError {
    pub path: String,
    pub line: u32,
    pub message: String,
}

/// A rule of a package that produces results.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleDecl {
    pub name: String,
    pub path: String,
    pub line: u32,
    pub meta: PolicyMeta,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Package {
    pub name: String,
    /// deny/violation/warn/exception rules (and `test_*` when loaded).
    pub rules: BTreeMap<String, RuleDecl>,
    pub meta: PolicyMeta,
}

/// Loaded and compiled policies.
pub struct PolicySet {
    pub(crate) engine: regorus::Engine,
    pub packages: BTreeMap<String, Package>,
    pub files: Vec<String>,
    pub(crate) selected: Vec<String>,
}

impl std::fmt::Debug for PolicySet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PolicySet")
            .field("packages", &self.packages.keys().collect::<Vec<_>>())
            .field("files", &self.files)
            .finish()
    }
}

impl PolicySet {
    /// The packages whose rules produce results, per the namespace options.
    pub fn selected_packages(&self) -> &[String] {
        &self.selected
    }
    pub fn is_empty(&self) -> bool {
        self.packages.is_empty()
    }
}

fn rego_files(p: &Path, out: &mut Vec<PathBuf>, depth: usize, errors: &mut Vec<PolicyError>) {
    if depth > 64 {
        return;
    }
    if p.is_file() {
        out.push(p.to_path_buf());
        return;
    }
    let rd = match std::fs::read_dir(p) {
        Ok(r) => r,
        Err(e) => {
            errors.push(PolicyError {
                path: p.display().to_string(),
                line: 1,
                message: format!("cannot read policy directory: {e}"),
            });
            return;
        }
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            rego_files(&e, out, depth + 1, errors);
        } else if e.extension().is_some_and(|x| x == "rego") {
            out.push(e);
        }
    }
}

/// `deny`, `violation_x`, `warn`, `exception`, `test_x`: the rule names a
/// line declares at its start, if any.
pub(crate) fn rule_head(line: &str) -> Option<&str> {
    let l = line.strip_prefix("default ").unwrap_or(line);
    let end = l
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(l.len());
    let name = &l[..end];
    let is_result = ["deny", "violation", "warn", "exception"]
        .iter()
        .any(|p| name == *p || name.strip_prefix(p).is_some_and(|s| s.starts_with('_')));
    let is_test = name.starts_with("test_") || name == "test";
    if (is_result || is_test) && !name.is_empty() {
        let rest = l[end..].trim_start();
        if rest.is_empty()
            || rest.starts_with(['[', '{', '=', ':', '('])
            || rest.starts_with("contains")
            || rest.starts_with("if")
        {
            return Some(name);
        }
    }
    None
}

fn package_of(text: &str) -> Option<(String, u32)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let l = l.trim();
        l.strip_prefix("package ")
            .map(|p| (p.trim().trim_end_matches(';').to_string(), i as u32 + 1))
    })
}

/// The line a regorus error points at, if it names the file.
pub(crate) fn error_line(msg: &str, path: &str) -> u32 {
    for (i, _) in msg.match_indices(path) {
        let rest = &msg[i + path.len()..];
        if let Some(r) = rest.strip_prefix(':') {
            let digits: String = r.chars().take_while(|c| c.is_ascii_digit()).collect();
            if let Ok(n) = digits.parse() {
                return n;
            }
        }
    }
    1
}

pub(crate) fn first_line(msg: &str) -> String {
    // regorus errors look like `--> file:line:col`, a source excerpt with
    // `|` gutters, then `error: reason`.
    let lines: Vec<&str> = msg
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if let Some(l) = lines.iter().find_map(|l| l.strip_prefix("error:")) {
        return l.trim().to_string();
    }
    lines
        .iter()
        .find(|l| {
            !l.starts_with("-->") && !l.contains('|') && !l.chars().all(|c| c == '^' || c == ' ')
        })
        .map(|l| l.to_string())
        .unwrap_or_else(|| "invalid policy".into())
}

/// Loads every policy under `paths`. Files that fail to parse are reported
/// and left out; the others still load.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> (PolicySet, Vec<PolicyError>) {
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for p in paths {
        if !p.exists() {
            errors.push(PolicyError {
                path: p.display().to_string(),
                line: 1,
                message: "no such policy file or directory".into(),
            });
            continue;
        }
        rego_files(p, &mut files, 0, &mut errors);
    }
    files.sort();
    files.dedup();
    if !opts.include_tests {
        files.retain(|f| !f.to_string_lossy().ends_with("_test.rego"));
    }

    let mut engine = regorus::Engine::new();
    engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
        limit: opts.timeout,
        check_interval: std::num::NonZeroU32::new(64).unwrap_or(std::num::NonZeroU32::MIN),
    });
    let mut packages: BTreeMap<String, Package> = BTreeMap::new();
    let mut loaded = Vec::new();
    for f in &files {
        let path = f.display().to_string();
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                errors.push(PolicyError {
                    path,
                    line: 1,
                    message: format!("cannot read: {e}"),
                });
                continue;
            }
        };
        // Rego v1 first; old-style policies fall back to v0.
        engine.set_rego_v0(false);
        let v1 = engine.add_policy(path.clone(), text.clone());
        let added = match v1 {
            Ok(_) => Ok(()),
            Err(e1) => {
                engine.set_rego_v0(true);
                match engine.add_policy(path.clone(), text.clone()) {
                    Ok(_) => Ok(()),
                    Err(_) => Err(e1),
                }
            }
        };
        if let Err(e) = added {
            let msg = e.to_string();
            errors.push(PolicyError {
                line: error_line(&msg, &path),
                message: first_line(&msg),
                path,
            });
            continue;
        }
        loaded.push(path.clone());
        let Some((pkg, _)) = package_of(&text) else {
            continue;
        };
        let (anns, ann_errors) = annotations(&path, &text);
        for e in ann_errors {
            errors.push(PolicyError {
                path: path.clone(),
                line: error_line(&e, &path),
                message: e,
            });
        }
        let entry = packages.entry(pkg.clone()).or_insert_with(|| Package {
            name: pkg.clone(),
            ..Default::default()
        });
        for a in &anns {
            let first = text
                .lines()
                .nth(a.target_line as usize - 1)
                .unwrap_or("")
                .trim_start();
            if a.scope == "package" || a.scope == "subpackages" || first.starts_with("package ") {
                entry.meta = a.meta.clone().or(&entry.meta);
            }
        }
        for (i, l) in text.lines().enumerate() {
            if let Some(name) = rule_head(l) {
                let line = i as u32 + 1;
                let meta = anns
                    .iter()
                    .find(|a| a.target_line == line)
                    .map(|a| a.meta.clone())
                    .unwrap_or_default();
                let d = entry
                    .rules
                    .entry(name.to_string())
                    .or_insert_with(|| RuleDecl {
                        name: name.to_string(),
                        path: path.clone(),
                        line,
                        meta: PolicyMeta::default(),
                    });
                d.meta = d.meta.clone().or(&meta);
            }
        }
    }

    // Data documents.
    for d in &opts.data {
        let mut data_files = Vec::new();
        collect_data(d, &mut data_files, 0);
        if !d.exists() {
            errors.push(PolicyError {
                path: d.display().to_string(),
                line: 1,
                message: "no such data file or directory".into(),
            });
        }
        for f in data_files {
            let path = f.display().to_string();
            match read_data(&f) {
                Ok(v) => match regorus::Value::from_json_str(&v.to_string())
                    .map(|v| engine.add_data(v))
                {
                    Ok(Ok(())) => {}
                    Ok(Err(e)) | Err(e) => errors.push(PolicyError {
                        path,
                        line: 1,
                        message: format!("cannot add data: {}", first_line(&e.to_string())),
                    }),
                },
                Err(e) => errors.push(e),
            }
        }
    }

    // `__rego_metadata__` rules.
    for (name, p) in packages.iter_mut() {
        if let Ok(v) = engine.eval_rule(format!("data.{name}.__rego_metadata__"))
            && let Ok(s) = v.to_json_str()
            && let Ok(j) = serde_json::from_str::<serde_json::Value>(&s)
        {
            p.meta = p.meta.clone().or(&crate::meta::PolicyMeta::from_json(&j));
        }
    }

    let selected: Vec<String> = if opts.all_namespaces {
        packages.keys().cloned().collect()
    } else {
        opts.namespaces
            .iter()
            .filter(|n| packages.contains_key(*n))
            .cloned()
            .collect()
    };
    (
        PolicySet {
            engine,
            packages,
            files: loaded,
            selected,
        },
        errors,
    )
}

fn collect_data(p: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > 64 {
        return;
    }
    if p.is_file() {
        out.push(p.to_path_buf());
    } else if let Ok(rd) = std::fs::read_dir(p) {
        let mut v: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        v.sort();
        for e in v {
            if e.is_dir() {
                collect_data(&e, out, depth + 1);
            } else if e
                .extension()
                .is_some_and(|x| x == "json" || x == "yaml" || x == "yml")
            {
                out.push(e);
            }
        }
    }
}

/// Reads a JSON or YAML file into JSON.
pub(crate) fn read_data(f: &Path) -> Result<serde_json::Value, PolicyError> {
    let path = f.display().to_string();
    let text = std::fs::read_to_string(f).map_err(|e| PolicyError {
        path: path.clone(),
        line: 1,
        message: format!("cannot read: {e}"),
    })?;
    let p: std::sync::Arc<str> = path.as_str().into();
    let (docs, diags) = palisade_yaml::load(&p, &text);
    if let Some(d) = diags
        .iter()
        .find(|d| d.level == palisade_model::Level::Error)
    {
        return Err(PolicyError {
            path,
            line: d.span.start_line,
            message: d.message.clone(),
        });
    }
    Ok(docs
        .first()
        .map(|d| d.to_json())
        .unwrap_or(serde_json::Value::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_heads() {
        assert_eq!(rule_head("deny[msg] {"), Some("deny"));
        assert_eq!(rule_head("deny contains msg if {"), Some("deny"));
        assert_eq!(rule_head("warn_public_ip[msg] {"), Some("warn_public_ip"));
        assert_eq!(rule_head("violation[{\"msg\": m}] {"), Some("violation"));
        assert_eq!(rule_head("exception[rules] {"), Some("exception"));
        assert_eq!(
            rule_head("test_denies_public if {"),
            Some("test_denies_public")
        );
        assert_eq!(rule_head("default deny := false"), Some("deny"));
        assert_eq!(rule_head("denylist := [1]"), None);
        assert_eq!(rule_head("  deny[msg] {"), None);
        assert_eq!(rule_head("is_public(b) {"), None);
    }

    #[test]
    fn error_messages_skip_the_excerpt() {
        let m = " --> p.rego:4:11\n  |\n4 |   input := 1\n  |           ^\nerror: cannot assign to input\n";
        assert_eq!(first_line(m), "cannot assign to input");
        assert_eq!(first_line("plain reason"), "plain reason");
    }

    #[test]
    fn error_lines() {
        assert_eq!(error_line("error: x\n --> p/a.rego:12:3\n", "p/a.rego"), 12);
        assert_eq!(error_line("nothing", "p/a.rego"), 1);
    }
}
