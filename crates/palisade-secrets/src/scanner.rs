//! The scanner: keyword prefilter (one Aho-Corasick automaton), then the
//! regexes of the rules whose keywords hit, on the hit's line only, then
//! entropy, validators and allow-lists.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use globset::{Glob, GlobSet, GlobSetBuilder};
use palisade_engine::Severity;
use regex::bytes::{Regex, RegexBuilder};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::rule::{Candidate, SecretRule};
use crate::rules::rules;
use crate::validate::{is_placeholder, shannon_entropy};

/// Scanner settings. `Default` is what `palisade scan` uses.
#[derive(Clone, Debug)]
pub struct Config {
    /// Path globs (`globset` syntax, matched against the path given to
    /// [`Scanner::scan_text`]) whose files are not scanned.
    pub allow_paths: Vec<String>,
    /// Regexes: a candidate whose secret or whole match matches one is dropped.
    pub allow_patterns: Vec<String>,
    /// Apply the built-in allow-lists (lock files, documented example keys).
    pub builtin_allowlist: bool,
    /// Rule ids to skip.
    pub disabled_rules: Vec<String>,
    /// Lines longer than this (minified files) are only examined in a window
    /// of this size around each keyword hit.
    pub max_line_len: usize,
    /// Only the first `max_scan_bytes` of a file are scanned.
    pub max_scan_bytes: usize,
    /// At most this many findings per file.
    pub max_findings_per_file: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            allow_paths: Vec::new(),
            allow_patterns: Vec::new(),
            builtin_allowlist: true,
            disabled_rules: Vec::new(),
            max_line_len: 4096,
            max_scan_bytes: 32 * 1024 * 1024,
            max_findings_per_file: 200,
        }
    }
}

/// Files never scanned when the built-in allow-list is on: lock files and
/// checksum databases are full of hashes that look like secrets.
pub const BUILTIN_ALLOWED_PATHS: &[&str] = &[
    "**/go.sum",
    "**/package-lock.json",
    "**/npm-shrinkwrap.json",
    "**/yarn.lock",
    "**/pnpm-lock.yaml",
    "**/Cargo.lock",
    "**/poetry.lock",
    "**/Pipfile.lock",
    "**/composer.lock",
    "**/Gemfile.lock",
    "**/.terraform.lock.hcl",
];

fn compile_allow_path(g: &str) -> Result<Glob, Error> {
    Glob::new(g).map_err(|e| Error::Glob {
        glob: g.to_string(),
        reason: e.to_string(),
    })
}

fn compile_allow_pattern(p: &str) -> Result<Regex, Error> {
    RegexBuilder::new(p)
        .size_limit(1024 * 1024)
        .build()
        .map_err(|e| Error::Pattern {
            pattern: p.to_string(),
            reason: e.to_string(),
        })
}

/// Checks one [`Config::allow_paths`] glob as [`Scanner::new`] reads it, so
/// a caller can name where a bad one was written.
pub fn check_allow_path(glob: &str) -> Result<(), Error> {
    compile_allow_path(glob).map(drop)
}

/// Checks one [`Config::allow_patterns`] regular expression as
/// [`Scanner::new`] compiles it, so a caller can name where a bad one was
/// written.
pub fn check_allow_pattern(pattern: &str) -> Result<(), Error> {
    compile_allow_pattern(pattern).map(drop)
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid allow-list path glob {glob:?}: {reason}")]
    Glob { glob: String, reason: String },
    #[error("invalid allow-list pattern {pattern:?}: {reason}")]
    Pattern { pattern: String, reason: String },
    #[error("unknown secret rule id {0:?} in disabled_rules")]
    UnknownRule(String),
    #[error("internal: rule {id} does not compile: {reason}")]
    Rule { id: String, reason: String },
}

/// One hard-coded secret. The secret itself is not stored: only a redacted
/// form and a fingerprint derived from its SHA-256.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SecretFinding {
    pub rule_id: &'static str,
    pub title: &'static str,
    pub severity: Severity,
    pub path: String,
    /// 1-based line of the secret's first character.
    pub line: u32,
    /// 1-based column (in characters) of the secret's first character.
    pub start_col: u32,
    /// 1-based line of the secret's last character (differs for PEM blocks).
    pub end_line: u32,
    /// 1-based column just past the secret's last character, on `end_line`.
    pub end_col: u32,
    /// e.g. `ghp_…(40)`.
    pub redacted: String,
    /// Hex hash of rule id, path and the secret's SHA-256; stable when lines
    /// move, distinct per secret.
    pub fingerprint: String,
    /// Shannon entropy of the secret, bits per byte.
    pub entropy: f32,
}

/// Redacts a secret: at most 4 leading characters (fewer for short secrets),
/// an ellipsis and the length in characters.
pub fn redact(secret: &[u8]) -> String {
    let text = String::from_utf8_lossy(secret);
    let n = text.chars().count();
    let show = if n >= 16 {
        4
    } else if n >= 10 {
        2
    } else {
        0
    };
    let prefix: String = text.chars().take(show).collect();
    format!("{prefix}…({n})")
}

/// The finding fingerprint: hash of rule id, path and the secret's SHA-256.
pub fn fingerprint(rule_id: &str, path: &str, secret: &[u8]) -> String {
    let secret_hash = Sha256::digest(secret);
    let mut h = Sha256::new();
    h.update(rule_id.as_bytes());
    h.update([0u8]);
    h.update(path.as_bytes());
    h.update([0u8]);
    h.update(secret_hash);
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

struct Compiled {
    rule: &'static SecretRule,
    regex: Regex,
    /// Index of the group named `s`, if any.
    named: Option<usize>,
}

/// Built once, shared by reference across threads (it is `Send + Sync`).
pub struct Scanner {
    rules: Vec<Compiled>,
    keywords: AhoCorasick,
    /// The same keywords as one case-insensitive regex alternation: its lazy
    /// DFA finds the next candidate line faster than the Aho-Corasick DFA on
    /// clean text; the automaton then lists the keywords on that line.
    prefilter: Regex,
    /// Keyword index → indexes into `rules`.
    keyword_rules: Vec<Vec<usize>>,
    allow_paths: Option<GlobSet>,
    allow_patterns: Vec<Regex>,
    builtin: bool,
    max_line_len: usize,
    max_scan_bytes: usize,
    max_findings: usize,
}

impl std::fmt::Debug for Scanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scanner")
            .field("rules", &self.rules.len())
            .finish()
    }
}

/// Bytes looked at for the binary-file check.
const BINARY_PROBE: usize = 8 * 1024;

#[derive(Clone, Copy)]
struct Raw {
    rule: usize,
    start: usize,
    end: usize,
}

impl Scanner {
    pub fn new(config: &Config) -> Result<Scanner, Error> {
        let all = rules();
        for id in &config.disabled_rules {
            if !all.iter().any(|r| r.id == id) {
                return Err(Error::UnknownRule(id.clone()));
            }
        }
        let mut compiled = Vec::new();
        let mut kw_list: Vec<String> = Vec::new();
        let mut keyword_rules: Vec<Vec<usize>> = Vec::new();
        for rule in all {
            if config.disabled_rules.iter().any(|d| d == rule.id) {
                continue;
            }
            let regex = RegexBuilder::new(rule.regex)
                .unicode(false)
                .size_limit(4 * 1024 * 1024)
                .build()
                .map_err(|e| Error::Rule {
                    id: rule.id.to_string(),
                    reason: e.to_string(),
                })?;
            let named = regex.capture_names().position(|n| n == Some("s"));
            let idx = compiled.len();
            compiled.push(Compiled { rule, regex, named });
            for kw in rule.keywords {
                let kw = kw.to_ascii_lowercase();
                match kw_list.iter().position(|k| *k == kw) {
                    Some(p) => keyword_rules[p].push(idx),
                    None => {
                        kw_list.push(kw);
                        keyword_rules.push(vec![idx]);
                    }
                }
            }
        }
        let keywords = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&kw_list)
            .map_err(|e| Error::Rule {
                id: "keywords".into(),
                reason: e.to_string(),
            })?;

        let alternation = kw_list
            .iter()
            .map(|k| regex::escape(k))
            .collect::<Vec<_>>()
            .join("|");
        let prefilter = RegexBuilder::new(&format!("(?i:{alternation})"))
            .unicode(false)
            .size_limit(16 * 1024 * 1024)
            .dfa_size_limit(16 * 1024 * 1024)
            .build()
            .map_err(|e| Error::Rule {
                id: "keywords".into(),
                reason: e.to_string(),
            })?;

        let mut globs = GlobSetBuilder::new();
        let mut any_glob = false;
        let builtin_paths: &[&str] = if config.builtin_allowlist {
            BUILTIN_ALLOWED_PATHS
        } else {
            &[]
        };
        for g in builtin_paths
            .iter()
            .copied()
            .chain(config.allow_paths.iter().map(String::as_str))
        {
            globs.add(compile_allow_path(g)?);
            any_glob = true;
        }
        let allow_paths = if any_glob {
            Some(globs.build().map_err(|e| Error::Glob {
                glob: "<set>".into(),
                reason: e.to_string(),
            })?)
        } else {
            None
        };
        let allow_patterns = config
            .allow_patterns
            .iter()
            .map(|p| compile_allow_pattern(p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Scanner {
            rules: compiled,
            keywords,
            prefilter,
            keyword_rules,
            allow_paths,
            allow_patterns,
            builtin: config.builtin_allowlist,
            max_line_len: config.max_line_len.max(64),
            max_scan_bytes: config.max_scan_bytes,
            max_findings: config.max_findings_per_file,
        })
    }

    /// Whether `path` is skipped by a path allow-list.
    pub fn path_allowed(&self, path: &str) -> bool {
        self.allow_paths.as_ref().is_some_and(|g| g.is_match(path))
    }

    /// Scans one file's bytes. Binary files (a NUL byte in the first 8 KiB)
    /// and allow-listed paths give nothing. Findings are in file order.
    pub fn scan_text(&self, path: &str, text: &[u8]) -> Vec<SecretFinding> {
        if self.path_allowed(path) || is_binary(text) {
            return Vec::new();
        }
        let text = &text[..text.len().min(self.max_scan_bytes)];
        let raws = self.candidates(text);
        let chosen = resolve_overlaps(raws, self.max_findings);
        let mut lines = LineIndex::default();
        chosen
            .into_iter()
            .map(|r| self.finding(path, text, r, &mut lines))
            .collect()
    }

    fn candidates(&self, text: &[u8]) -> Vec<Raw> {
        let mut out: Vec<Raw> = Vec::new();
        let limit = self.max_findings.saturating_mul(4).max(16);
        let mut marked = vec![false; self.rules.len()];
        let mut to_run: Vec<usize> = Vec::new();
        let mut pos = 0;
        while pos < text.len() && out.len() < limit {
            // The end of the earliest keyword occurrence; keywords hold no
            // newline, so the byte before it is on the keyword's line.
            let Some(end) = self.prefilter.shortest_match_at(text, pos) else {
                break;
            };
            let h = end.saturating_sub(1).max(pos);
            let ls = memchr::memrchr(b'\n', &text[..h]).map_or(0, |i| i + 1);
            let le = memchr::memchr(b'\n', &text[h..]).map_or(text.len(), |i| h + i);
            // The region examined: the line, or a window around the hit on a
            // very long line.
            let (rs, re) = if le - ls > self.max_line_len {
                let half = self.max_line_len / 2;
                (h.saturating_sub(half).max(ls), (h + half).min(le))
            } else {
                (ls, le)
            };
            to_run.clear();
            for m in self
                .keywords
                .find_overlapping_iter(Input::new(text).range(rs..re))
            {
                for &ri in &self.keyword_rules[m.pattern().as_usize()] {
                    if !marked[ri] {
                        marked[ri] = true;
                        to_run.push(ri);
                    }
                }
            }
            to_run.sort_unstable();
            for &ri in &to_run {
                marked[ri] = false;
                let c = &self.rules[ri];
                let end = if c.rule.window > 0 {
                    (rs + c.rule.window).min(text.len()).max(re)
                } else {
                    re
                };
                self.run_rule(ri, c, text, rs, end, re, &mut out);
            }
            pos = re.max(h + 1) + 1;
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn run_rule(
        &self,
        ri: usize,
        c: &Compiled,
        text: &[u8],
        start: usize,
        end: usize,
        line_end: usize,
        out: &mut Vec<Raw>,
    ) {
        let hay = &text[start..end];
        for caps in c.regex.captures_iter(hay) {
            let group = match c.named {
                Some(i) => caps.get(i),
                None => (1..caps.len())
                    .find_map(|i| caps.get(i))
                    .or_else(|| caps.get(0)),
            };
            let Some(g) = group else { continue };
            let (s, e) = (start + g.start(), start + g.end());
            if c.rule.window > 0 && caps.get(0).is_some_and(|m| start + m.start() >= line_end) {
                break;
            }
            if s == e || out.iter().any(|r| r.rule == ri && r.start == s) {
                continue;
            }
            let secret = &text[s..e];
            if let Some(min) = c.rule.entropy
                && shannon_entropy(secret) < min
            {
                continue;
            }
            if is_placeholder(secret) {
                continue;
            }
            let cand = Candidate {
                secret,
                quoted: s > 0 && matches!(text.get(s - 1), Some(b'"' | b'\'' | b'`')),
                next: text.get(e).copied(),
            };
            if let Some(v) = c.rule.validator
                && !v(&cand)
            {
                continue;
            }
            let whole = caps.get(0).map_or(secret, |m| m.as_bytes());
            if self
                .allow_patterns
                .iter()
                .any(|p| p.is_match(secret) || p.is_match(whole))
            {
                continue;
            }
            out.push(Raw {
                rule: ri,
                start: s,
                end: e,
            });
        }
    }

    fn finding(&self, path: &str, text: &[u8], r: Raw, lines: &mut LineIndex) -> SecretFinding {
        let rule = self.rules[r.rule].rule;
        let secret = &text[r.start..r.end];
        let (line, start_col) = lines.locate(text, r.start);
        let (end_line, end_col) = lines.locate(text, r.end);
        SecretFinding {
            rule_id: rule.id,
            title: rule.title,
            severity: rule.severity,
            path: path.to_string(),
            line,
            start_col,
            end_line,
            end_col,
            redacted: redact(secret),
            fingerprint: fingerprint(rule.id, path, secret),
            entropy: (shannon_entropy(secret) * 1000.0).round() / 1000.0,
        }
    }

    /// The number of active rules.
    pub fn rule_count(&self) -> usize {
        self.rules.len()
    }

    /// Whether this scanner holds the built-in allow-lists.
    pub fn builtin_allowlist(&self) -> bool {
        self.builtin
    }
}

/// A file is binary when a NUL byte occurs in its first 8 KiB.
pub fn is_binary(text: &[u8]) -> bool {
    memchr::memchr(0, &text[..text.len().min(BINARY_PROBE)]).is_some()
}

/// Keeps, among overlapping candidates, the one of the earliest rule (rules
/// are ordered most specific first), then returns them in file order.
fn resolve_overlaps(mut raws: Vec<Raw>, max: usize) -> Vec<Raw> {
    raws.sort_by_key(|r| (r.rule, r.start));
    let mut kept: Vec<Raw> = Vec::new();
    for r in raws {
        if !kept.iter().any(|k| r.start < k.end && k.start < r.end) {
            kept.push(r);
        }
    }
    kept.sort_by_key(|r| (r.start, r.rule));
    kept.truncate(max);
    kept
}

/// Incremental byte offset → (line, column) conversion.
#[derive(Default)]
struct LineIndex {
    /// Offset up to which newlines were counted, and the line number there.
    pos: usize,
    line: u32,
}

impl LineIndex {
    fn locate(&mut self, text: &[u8], at: usize) -> (u32, u32) {
        let at = at.min(text.len());
        if at < self.pos {
            self.pos = 0;
            self.line = 0;
        }
        let newlines = memchr::memchr_iter(b'\n', &text[self.pos..at]).count();
        self.line = self.line.saturating_add(newlines as u32);
        self.pos = at;
        let ls = memchr::memrchr(b'\n', &text[..at]).map_or(0, |i| i + 1);
        // Columns count characters: every byte that does not continue a
        // UTF-8 sequence.
        let col = text[ls..at].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
        (self.line + 1, (col as u32).saturating_add(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_lines_and_chars() {
        let text = "a\nbé c\nxyz".as_bytes();
        let mut li = LineIndex::default();
        assert_eq!(li.locate(text, 0), (1, 1));
        let c = text.iter().position(|&b| b == b'c').unwrap_or(0);
        assert_eq!(li.locate(text, c), (2, 4));
        let z = text.len() - 1;
        assert_eq!(li.locate(text, z), (3, 3));
        assert_eq!(li.locate(text, 2), (2, 1));
    }

    #[test]
    fn overlaps_prefer_earlier_rules() {
        let raws = vec![
            Raw {
                rule: 5,
                start: 0,
                end: 10,
            },
            Raw {
                rule: 1,
                start: 2,
                end: 8,
            },
            Raw {
                rule: 7,
                start: 20,
                end: 30,
            },
        ];
        let kept = resolve_overlaps(raws, 10);
        let ids: Vec<usize> = kept.iter().map(|r| r.rule).collect();
        assert_eq!(ids, vec![1, 7]);
        assert_eq!(resolve_overlaps(kept, 1).len(), 1);
    }

    #[test]
    fn redaction_shape() {
        assert_eq!(redact(b"ghp_0123456789abcdef0123"), "ghp_…(24)");
        assert_eq!(redact(b"hunter2xyz"), "hu…(10)");
        assert_eq!(redact(b"short"), "…(5)");
    }
}
