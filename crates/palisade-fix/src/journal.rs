//! The fix journal: what was changed, why, and how to undo it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Applicability;

/// The journal format version.
pub const JOURNAL_VERSION: u32 = 1;

/// One applied fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub rule_id: String,
    pub title: String,
    pub resource: String,
    /// Relative to the journal's `root`, `/`-separated.
    pub file: String,
    /// Line of the finding before the fix.
    pub line: u32,
    pub applicability: Applicability,
    pub explanation: String,
    /// Byte offset of the edited region in the file as it was just before
    /// this entry was applied.
    pub offset: usize,
    /// The region's text before the fix.
    pub before: String,
    /// The region's text after the fix.
    pub after: String,
    /// SHA-256 of the whole file before and after this entry.
    pub hash_before: String,
    pub hash_after: String,
}

/// Every fix of one `palisade fix` run, in the order applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    pub version: u32,
    pub tool_version: String,
    /// The scan root the entries' files are relative to (absolute).
    pub root: PathBuf,
    pub entries: Vec<JournalEntry>,
}

/// Errors of [`revert`] and journal reading.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("{path}: cannot read the journal: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not a palisade fix journal: {reason}")]
    Parse { path: PathBuf, reason: String },
    #[error("{path}: unsupported journal version {version} (expected {JOURNAL_VERSION})")]
    Version { path: PathBuf, version: u32 },
    #[error("{file}: cannot read: {source}")]
    File {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{file}: changed since palisade fix wrote it (sha256 {actual}, journal expects {expected}); nothing was reverted"
    )]
    Changed {
        file: PathBuf,
        expected: String,
        actual: String,
    },
    #[error(
        "{file}: the journal does not match the file (entry for {rule_id} at byte {offset}); nothing was reverted"
    )]
    Mismatch {
        file: PathBuf,
        rule_id: String,
        offset: usize,
    },
    #[error("{file}: cannot write: {source}")]
    Write {
        file: PathBuf,
        source: std::io::Error,
    },
}

impl Journal {
    pub fn new(tool_version: &str, root: PathBuf) -> Self {
        Journal {
            version: JOURNAL_VERSION,
            tool_version: tool_version.to_string(),
            root,
            entries: Vec::new(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    pub fn read(path: &Path) -> Result<Journal, JournalError> {
        let text = std::fs::read_to_string(path).map_err(|source| JournalError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let j: Journal = serde_json::from_str(&text).map_err(|e| JournalError::Parse {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        if j.version != JOURNAL_VERSION {
            return Err(JournalError::Version {
                path: path.to_path_buf(),
                version: j.version,
            });
        }
        Ok(j)
    }
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What [`revert`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevertOutcome {
    /// Files restored, relative to the root.
    pub files: Vec<String>,
    pub entries: usize,
}

/// Undoes every entry of `journal`. All files are checked first: if any
/// changed since the fix (its hash is not the last `hash_after` of its
/// entries) nothing is written. Each file is restored byte for byte (its
/// hash is checked against the first entry's `hash_before`).
pub fn revert(journal: &Journal) -> Result<RevertOutcome, JournalError> {
    let mut by_file: BTreeMap<&str, Vec<&JournalEntry>> = BTreeMap::new();
    for e in &journal.entries {
        by_file.entry(e.file.as_str()).or_default().push(e);
    }
    let mut restored: Vec<(PathBuf, String)> = Vec::new();
    for (file, entries) in &by_file {
        let path = journal.root.join(file);
        let cur = std::fs::read(&path).map_err(|source| JournalError::File {
            file: path.clone(),
            source,
        })?;
        let actual = sha256_hex(&cur);
        let expected = entries
            .last()
            .map(|e| e.hash_after.clone())
            .unwrap_or_default();
        if actual != expected {
            return Err(JournalError::Changed {
                file: path,
                expected,
                actual,
            });
        }
        let mut text = String::from_utf8(cur).map_err(|_| JournalError::Mismatch {
            file: path.clone(),
            rule_id: String::new(),
            offset: 0,
        })?;
        for e in entries.iter().rev() {
            let end = e.offset + e.after.len();
            let mismatch = || JournalError::Mismatch {
                file: path.clone(),
                rule_id: e.rule_id.clone(),
                offset: e.offset,
            };
            if text.get(e.offset..end) != Some(e.after.as_str()) {
                return Err(mismatch());
            }
            let mut next = String::with_capacity(text.len());
            next.push_str(text.get(..e.offset).ok_or_else(mismatch)?);
            next.push_str(&e.before);
            next.push_str(text.get(end..).ok_or_else(mismatch)?);
            if sha256_hex(next.as_bytes()) != e.hash_before {
                return Err(mismatch());
            }
            text = next;
        }
        restored.push((path, text));
    }
    let files = by_file.keys().map(|f| f.to_string()).collect();
    for (path, text) in restored {
        std::fs::write(&path, text).map_err(|source| JournalError::Write { file: path, source })?;
    }
    Ok(RevertOutcome {
        files,
        entries: journal.entries.len(),
    })
}

/// A unified diff (3 lines of context) of one file, `a/` and `b/` prefixed.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
