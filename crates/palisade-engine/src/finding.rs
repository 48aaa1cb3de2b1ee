use std::collections::BTreeMap;
use std::sync::Arc;

/// Compliance mappings of a finding: framework id → control ids.
pub type Frameworks = Arc<BTreeMap<String, Vec<String>>>;

use palisade_model::{Resource, SourceKind, Span};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::{Category, Severity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The resource violates the rule.
    Fail,
    /// A custom policy's `warn` result.
    Warn,
    /// The rule could not decide because a value is unknown.
    Unknown,
    /// The resource meets the rule (kept for compliance reports).
    Pass,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Unknown => "unknown",
            Status::Pass => "pass",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingResource {
    pub address: String,
    #[serde(rename = "type")]
    pub rtype: String,
    pub kind: SourceKind,
    pub module_path: Vec<String>,
}

impl FindingResource {
    pub fn of(r: &Resource) -> Self {
        FindingResource {
            address: r.address.clone(),
            rtype: r.rtype.clone(),
            kind: r.kind,
            module_path: r.module_path.clone(),
        }
    }
}

/// A secondary location (the blueprint line that set a requirement, the
/// statement that granted a permission...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One result of one rule on one resource.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub rule_id: String,
    pub title: String,
    pub severity: Severity,
    pub category: Category,
    pub status: Status,
    pub resource: FindingResource,
    pub location: Span,
    pub message: String,
    /// Why the result is unknown, when it is.
    pub unknown_reason: Option<String>,
    /// Framework → control ids. Shared: every finding of a rule points at
    /// the same map.
    pub frameworks: Frameworks,
    pub related: Vec<Related>,
    pub fingerprint: String,
}

impl Finding {
    /// The deterministic order of reports.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str, &str) {
        (
            &self.location.path,
            self.location.start_line,
            self.location.start_col,
            &self.rule_id,
            &self.resource.address,
            &self.fingerprint,
        )
    }
}

/// A fingerprint that survives moving code up or down a file: it hashes the
/// rule, the resource's scope and address, and the attribute path — never a
/// line number.
pub fn fingerprint(rule_id: &str, scope: &str, address: &str, attr_path: &str) -> String {
    let mut h = Sha256::new();
    for part in [rule_id, scope, address, attr_path] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    let d = h.finalize();
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(24);
    for b in d.iter().take(12) {
        s.push(char::from(HEX[usize::from(b >> 4)]));
        s.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_and_distinguishes() {
        let a = fingerprint("PAL-S3-001", "infra", "aws_s3_bucket.b", "acl");
        assert_eq!(
            a,
            fingerprint("PAL-S3-001", "infra", "aws_s3_bucket.b", "acl")
        );
        assert_eq!(a.len(), 24);
        assert_ne!(
            a,
            fingerprint("PAL-S3-002", "infra", "aws_s3_bucket.b", "acl")
        );
        assert_ne!(
            a,
            fingerprint("PAL-S3-001", "infra", "aws_s3_bucket.c", "acl")
        );
        // No ambiguity from concatenation.
        assert_ne!(
            fingerprint("a", "bc", "", ""),
            fingerprint("ab", "c", "", "")
        );
    }
}
