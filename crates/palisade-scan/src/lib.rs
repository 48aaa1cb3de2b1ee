//! One scan, start to end: discover the files under the scanned paths, parse
//! them in parallel, build the resource model and the typed views, run the
//! rules. Knows no CLI and no output format.

mod discover;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use palisade_engine::{Finding, Rule, Settings, run_rules_checked};
use palisade_model::{Diagnostic, Model, Parsed, Span};
use palisade_views::Views;
use rayon::prelude::*;

pub use discover::{FileKind, SourceFile, discover};
pub use palisade_terraform::TfOptions;

/// Files larger than this are skipped with a diagnostic, by default.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("path does not exist: {0}")]
    Missing(PathBuf),
    #[error("secrets configuration: {0}")]
    Secrets(String),
    #[error("invalid glob {glob:?}: {reason}")]
    Glob { glob: String, reason: String },
}

/// What to scan and how.
#[derive(Clone, Debug)]
pub struct ScanOptions {
    pub paths: Vec<PathBuf>,
    /// Only files matching one of these globs (relative to the root) are
    /// scanned, when any is given.
    pub include: Vec<String>,
    /// Files matching any of these globs are skipped.
    pub exclude: Vec<String>,
    pub tf: TfOptions,
    pub settings: Settings,
    pub max_file_size: u64,
    /// Where hard-coded secrets are looked for.
    pub secrets: SecretsMode,
    pub secrets_config: palisade_secrets::Config,
    /// Called as the scan advances (for a progress bar).
    pub progress: Progress,
}

/// How far a scan is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScanEvent {
    /// Discovery found this many files to parse.
    Discovered { files: usize },
    /// This many more files were parsed.
    Parsed { files: usize },
    /// A phase after parsing started: `"rules"`, `"secrets"`.
    Phase(&'static str),
}

/// An optional progress callback, shared by the parsing threads.
#[derive(Clone, Default)]
pub struct Progress(pub Option<Arc<dyn Fn(ScanEvent) + Send + Sync>>);

impl Progress {
    pub fn new(f: impl Fn(ScanEvent) + Send + Sync + 'static) -> Self {
        Progress(Some(Arc::new(f)))
    }
    fn emit(&self, e: ScanEvent) {
        if let Some(f) = &self.0 {
            f(e);
        }
    }
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Progress(callback)"
        } else {
            "Progress(none)"
        })
    }
}

/// `--secrets`: not at all, in the IaC files only, or in every file walked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SecretsMode {
    Off,
    Iac,
    #[default]
    All,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            paths: vec![PathBuf::from(".")],
            include: Vec::new(),
            exclude: Vec::new(),
            tf: TfOptions::default(),
            settings: Settings::default(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            secrets: SecretsMode::All,
            secrets_config: palisade_secrets::Config::default(),
            progress: Progress::default(),
        }
    }
}

/// Time spent in each phase.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    pub discover: Duration,
    pub parse: Duration,
    pub model: Duration,
    pub rules: Duration,
}

/// Everything a scan produced.
pub struct ScanOutput {
    /// The root that locations are relative to.
    pub root: PathBuf,
    pub files: Vec<SourceFile>,
    pub bytes: u64,
    pub model: Model,
    pub views: Views,
    /// Every result, passes included, in a deterministic order.
    pub findings: Vec<Finding>,
    pub timings: Timings,
}

impl ScanOutput {
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.model.diagnostics
    }
}

/// The root of a scan: the directory given, the parent of a file given, or
/// the deepest common ancestor of several paths.
pub fn scan_root(paths: &[PathBuf]) -> Result<PathBuf, ScanError> {
    let mut roots = Vec::new();
    for p in paths {
        let c = std::fs::canonicalize(p).map_err(|_| ScanError::Missing(p.clone()))?;
        roots.push(if c.is_file() {
            c.parent().map(Path::to_path_buf).unwrap_or(c)
        } else {
            c
        });
    }
    let mut root = roots.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    for r in &roots[1.min(roots.len())..] {
        while !r.starts_with(&root) {
            match root.parent() {
                Some(p) => root = p.to_path_buf(),
                None => break,
            }
        }
    }
    Ok(root)
}

/// Parses what discovery found into a model (no rules).
pub fn parse(
    opts: &ScanOptions,
) -> Result<(PathBuf, Vec<SourceFile>, u64, Model, Timings), ScanError> {
    let mut timings = Timings::default();
    let t = Instant::now();
    let root = scan_root(&opts.paths)?;
    let (files, mut diagnostics) = discover(&root, opts)?;
    timings.discover = t.elapsed();
    let parsable = files.iter().filter(|f| f.kind != FileKind::Other).count();
    opts.progress
        .emit(ScanEvent::Discovered { files: parsable });

    let t = Instant::now();
    let bytes = files.iter().map(|f| f.size).sum();
    // Terraform works per module directory.
    let mut tf_dirs: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.kind == FileKind::Terraform)
        .filter_map(|f| root.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    tf_dirs.sort();
    tf_dirs.dedup();
    let tf = palisade_terraform::load(&root, &tf_dirs, &opts.tf);
    opts.progress.emit(ScanEvent::Parsed {
        files: files
            .iter()
            .filter(|f| f.kind == FileKind::Terraform)
            .count(),
    });

    // Plans are located through the Terraform source when it was scanned.
    let mut tf_spans: HashMap<String, Span> = HashMap::new();
    for r in &tf.resources {
        tf_spans
            .entry(r.base_address().to_string())
            .or_insert_with(|| r.span.clone());
    }

    let others: Vec<Parsed> = files
        .par_iter()
        .filter(|f| f.kind != FileKind::Terraform && f.kind != FileKind::Other)
        .map(|f| {
            let p = parse_one(&root, f, &tf_spans);
            opts.progress.emit(ScanEvent::Parsed { files: 1 });
            p
        })
        .collect();
    timings.parse = t.elapsed();

    let t = Instant::now();
    let mut all = tf;
    for p in others {
        all.extend(p);
    }
    diagnostics.append(&mut all.diagnostics);
    let model = Model::new(all.resources, diagnostics);
    timings.model = t.elapsed();
    Ok((root, files, bytes, model, timings))
}

fn parse_one(root: &Path, f: &SourceFile, tf_spans: &HashMap<String, Span>) -> Parsed {
    let path: Arc<str> = f.path.as_str().into();
    let text = match std::fs::read(root.join(&f.path)) {
        Ok(b) => b,
        Err(e) => {
            return Parsed {
                resources: Vec::new(),
                diagnostics: vec![Diagnostic::error(
                    "io",
                    format!("cannot read file: {e}"),
                    Span::line(path, 1),
                )],
            };
        }
    };
    let text = match String::from_utf8(text) {
        Ok(s) => s,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..valid]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u32
                + 1;
            return Parsed {
                resources: Vec::new(),
                diagnostics: vec![Diagnostic::error(
                    "not-utf8",
                    format!("file is not valid UTF-8 (invalid byte at offset {valid}); skipped"),
                    Span::line(path, line),
                )],
            };
        }
    };
    match f.kind {
        FileKind::CloudFormation => palisade_cloudformation::parse(path, &text),
        FileKind::Kubernetes => palisade_kubernetes::parse(path, &text),
        FileKind::TerraformPlan => {
            palisade_tfplan::parse(path, &text, &|addr: &str| tf_spans.get(addr).cloned())
        }
        FileKind::Dockerfile => palisade_dockerfile::parse(path, &text),
        FileKind::Terraform | FileKind::Other => Parsed::default(),
    }
}

/// Runs a whole scan with the given rules.
pub fn scan(opts: &ScanOptions, rules: &[&'static Rule]) -> Result<ScanOutput, ScanError> {
    let (root, files, bytes, mut model, mut timings) = parse(opts)?;
    let t = Instant::now();
    opts.progress.emit(ScanEvent::Phase("rules"));
    let views = Views::build(&model);
    let (mut findings, rule_errors) = run_rules_checked(rules, &model, &views, &opts.settings);
    model.diagnostics.extend(rule_errors);
    if opts.secrets != SecretsMode::Off {
        opts.progress.emit(ScanEvent::Phase("secrets"));
        let scanner = palisade_secrets::Scanner::new(&opts.secrets_config)
            .map_err(|e| ScanError::Secrets(e.to_string()))?;
        findings.extend(secrets(&root, &files, &scanner));
        findings.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then(a.status.cmp(&b.status))
        });
    }
    timings.rules = t.elapsed();
    Ok(ScanOutput {
        root,
        files,
        bytes,
        model,
        views,
        findings,
        timings,
    })
}

/// Hard-coded secrets in the scanned files, as findings on the file.
fn secrets(root: &Path, files: &[SourceFile], scanner: &palisade_secrets::Scanner) -> Vec<Finding> {
    use std::collections::HashMap as Map;
    let rules: Map<&str, &palisade_secrets::SecretRule> = palisade_secrets::rules()
        .iter()
        .map(|r| (r.id, r))
        .collect();
    files
        .par_iter()
        .filter(|f| !scanner.path_allowed(&f.path))
        .flat_map_iter(|f| {
            let bytes = std::fs::read(root.join(&f.path)).unwrap_or_default();
            let found = scanner.scan_text(&f.path, &bytes);
            let path: Arc<str> = f.path.as_str().into();
            found
                .into_iter()
                .map(|s| {
                    let frameworks: palisade_engine::Frameworks = Arc::new(
                        rules
                            .get(s.rule_id)
                            .map(|r| {
                                r.frameworks
                                    .iter()
                                    .map(|(fw, c)| {
                                        (fw.to_string(), c.iter().map(|x| x.to_string()).collect())
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                    );
                    Finding {
                        rule_id: s.rule_id.to_string(),
                        title: s.title.to_string(),
                        severity: s.severity,
                        category: palisade_engine::Category::Secrets,
                        status: palisade_engine::Status::Fail,
                        resource: palisade_engine::FindingResource {
                            address: f.path.clone(),
                            rtype: "file".into(),
                            kind: palisade_model::SourceKind::File,
                            module_path: Vec::new(),
                        },
                        location: Span::new(
                            path.clone(),
                            s.line,
                            s.start_col,
                            s.end_line,
                            s.end_col,
                        ),
                        message: format!("hard-coded secret ({}): {}", s.title, s.redacted),
                        unknown_reason: None,
                        frameworks,
                        related: Vec::new(),
                        fingerprint: s.fingerprint,
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Rule metadata of the secret detectors (for reports).
pub fn secret_rule_infos() -> Vec<palisade_engine::RuleInfo> {
    palisade_secrets::rules().iter().map(|r| r.info()).collect()
}
