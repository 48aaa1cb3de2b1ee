//! Policy metadata: OPA `# METADATA` annotations (YAML in comments) and
//! `__rego_metadata__` rules give id, title, severity, category, frameworks
//! and docs. A policy without them still works, with defaults.

use std::collections::BTreeMap;
use std::sync::Arc;

use palisade_engine::{Category, Severity};
use serde::Serialize;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PolicyMeta {
    pub id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub severity: Option<Severity>,
    pub category: Option<Category>,
    pub frameworks: BTreeMap<String, Vec<String>>,
    pub related: Vec<String>,
}

impl PolicyMeta {
    /// Fields of `other` fill the ones missing here.
    pub fn or(mut self, other: &PolicyMeta) -> PolicyMeta {
        self.id = self.id.or_else(|| other.id.clone());
        self.title = self.title.or_else(|| other.title.clone());
        self.description = self.description.or_else(|| other.description.clone());
        self.severity = self.severity.or(other.severity);
        self.category = self.category.or(other.category);
        if self.frameworks.is_empty() {
            self.frameworks = other.frameworks.clone();
        }
        if self.related.is_empty() {
            self.related = other.related.clone();
        }
        self
    }

    /// Reads metadata from a JSON object (annotation or `__rego_metadata__`
    /// or a result object). Both OPA's `custom:` nesting and flat keys work.
    pub fn from_json(v: &serde_json::Value) -> PolicyMeta {
        let mut m = PolicyMeta::default();
        let Some(o) = v.as_object() else { return m };
        let s = |k: &str| o.get(k).and_then(|x| x.as_str()).map(str::to_string);
        m.id = s("id");
        m.title = s("title");
        m.description = s("description");
        m.severity = o
            .get("severity")
            .and_then(|x| x.as_str())
            .and_then(Severity::parse);
        m.category = o
            .get("category")
            .and_then(|x| x.as_str())
            .and_then(Category::parse);
        if let Some(f) = o.get("frameworks").and_then(|x| x.as_object()) {
            for (k, v) in f {
                let ids: Vec<String> = match v {
                    serde_json::Value::Array(a) => a
                        .iter()
                        .filter_map(|x| x.as_str().map(str::to_string))
                        .collect(),
                    serde_json::Value::String(s) => vec![s.clone()],
                    _ => Vec::new(),
                };
                m.frameworks.insert(k.clone(), ids);
            }
        }
        if let Some(r) = o.get("related_resources").and_then(|x| x.as_array()) {
            m.related = r
                .iter()
                .filter_map(|x| {
                    x.get("ref")
                        .and_then(|y| y.as_str())
                        .or(x.as_str())
                        .map(str::to_string)
                })
                .collect();
        }
        if let Some(c) = o.get("custom") {
            m = PolicyMeta::from_json(c).or(&m);
        }
        m
    }
}

/// One `# METADATA` block: its scope and the line of the rule or package
/// it precedes.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub scope: String,
    /// 1-based line of the first non-comment line after the block.
    pub target_line: u32,
    pub meta: PolicyMeta,
}

/// Finds the `# METADATA` blocks of a policy file.
pub fn annotations(path: &str, text: &str) -> (Vec<Annotation>, Vec<String>) {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "# METADATA" {
            let start = i + 1;
            let mut j = start;
            let mut yaml = String::new();
            while j < lines.len() && lines[j].trim_start().starts_with('#') {
                let l = lines[j].trim_start().trim_start_matches('#');
                yaml.push_str(l.strip_prefix(' ').unwrap_or(l));
                yaml.push('\n');
                j += 1;
            }
            let p: Arc<str> = path.into();
            let (docs, diags) = palisade_yaml::load(&p, &yaml);
            if let Some(d) = diags.first() {
                errors.push(format!(
                    "{path}:{}: invalid METADATA block: {}",
                    start as u32 + d.span.start_line,
                    d.message
                ));
            }
            let json = docs
                .first()
                .map(|d| d.to_json())
                .unwrap_or(serde_json::Value::Null);
            let scope = json
                .get("scope")
                .and_then(|s| s.as_str())
                .unwrap_or("")
                .to_string();
            let target = lines[j..]
                .iter()
                .position(|l| !l.trim().is_empty())
                .map(|k| j + k)
                .unwrap_or(j);
            out.push(Annotation {
                scope,
                target_line: target as u32 + 1,
                meta: PolicyMeta::from_json(&json),
            });
            i = j;
        } else {
            i += 1;
        }
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_opa_annotations() {
        let text = "# METADATA\n# title: No public buckets\n# custom:\n#   id: ACME-001\n#   severity: high\n#   frameworks:\n#     soc2: [CC6.1]\npackage main\n\n# METADATA\n# title: rule level\n\ndeny contains msg if { true; msg := \"x\" }\n";
        let (a, e) = annotations("p.rego", text);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(a.len(), 2);
        assert_eq!(a[0].target_line, 8);
        assert_eq!(a[0].meta.id.as_deref(), Some("ACME-001"));
        assert_eq!(a[0].meta.severity, Some(Severity::High));
        assert_eq!(a[0].meta.frameworks["soc2"], vec!["CC6.1".to_string()]);
        assert_eq!(a[1].target_line, 13);
        assert_eq!(a[1].meta.title.as_deref(), Some("rule level"));
    }
}
