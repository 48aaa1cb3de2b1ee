use std::fmt;
use std::sync::Arc;

use serde::Serialize;

use crate::{Lookup, Node, Span};

/// Which language a resource was read from (its provenance).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    Terraform,
    TerraformPlan,
    CloudFormation,
    Kubernetes,
    Dockerfile,
    /// Any other text file (hard-coded secrets are found in every file).
    File,
}

impl SourceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Terraform => "terraform",
            SourceKind::TerraformPlan => "terraform-plan",
            SourceKind::CloudFormation => "cloudformation",
            SourceKind::Kubernetes => "kubernetes",
            SourceKind::Dockerfile => "dockerfile",
            SourceKind::File => "file",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Managed,
    Data,
    /// Not a cloud resource but something else the checks look at: a
    /// Terraform module call, provider block, a Dockerfile.
    Meta,
}

/// The key of one `count` or `for_each` instance.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(untagged)]
pub enum InstanceKey {
    Index(u64),
    Key(String),
}

impl fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstanceKey::Index(i) => write!(f, "[{i}]"),
            InstanceKey::Key(k) => write!(f, "[{k:?}]"),
        }
    }
}

/// One resource (or Kubernetes object, or CloudFormation resource) with its
/// attributes as a located [`Node`] map.
#[derive(Clone, Debug)]
pub struct Resource {
    /// The user-facing address: `module.db.aws_db_instance.this["a"]`, a
    /// CloudFormation logical id, or `Kind/namespace/name`.
    pub address: String,
    /// Provider type: `aws_s3_bucket`, `AWS::S3::Bucket`, `Deployment`.
    pub rtype: String,
    /// The name part of the address (`this`, logical id, object name).
    pub name: String,
    pub kind: SourceKind,
    pub mode: Mode,
    /// Module call names from the root (`["db"]` for `module.db.…`).
    pub module_path: Vec<String>,
    pub instance: Option<InstanceKey>,
    /// References between resources are resolved within one scope: a
    /// Terraform root module directory, a CloudFormation template, or the
    /// Kubernetes cluster (`k8s`).
    pub scope: Arc<str>,
    /// Where the resource is declared (the whole block).
    pub span: Span,
    /// Where the module call that instantiated it is (outermost first).
    pub call_sites: Vec<Span>,
    /// The attributes, a map.
    pub attrs: Node,
    /// Free-form extras set by the parser (`region`, `namespace`,
    /// `module_source`, `apiVersion`...).
    pub meta: std::collections::BTreeMap<String, String>,
}

impl Resource {
    pub fn new(
        kind: SourceKind,
        rtype: impl Into<String>,
        name: impl Into<String>,
        span: Span,
        attrs: Node,
    ) -> Self {
        let rtype = rtype.into();
        let name = name.into();
        Resource {
            address: format!("{rtype}.{name}"),
            rtype,
            name,
            kind,
            mode: Mode::Managed,
            module_path: Vec::new(),
            instance: None,
            scope: span.path.clone(),
            span,
            call_sites: Vec::new(),
            attrs,
            meta: Default::default(),
        }
    }

    /// Looks an attribute path up, three-valued.
    pub fn attr(&self, path: &str) -> Lookup<'_> {
        self.attrs.path(path)
    }

    /// The span of an attribute if present, else the resource's.
    pub fn span_of(&self, path: &str) -> Span {
        self.attr(path)
            .node()
            .and_then(|n| n.span.clone())
            .unwrap_or_else(|| self.span.clone())
    }

    /// Address without the instance key (`aws_x.y` for `aws_x.y["a"]`).
    pub fn base_address(&self) -> &str {
        // Only the resource's own (trailing) key: `module.a["k"].aws_x.y[0]`
        // becomes `module.a["k"].aws_x.y`.
        match (
            self.instance.is_some() && self.address.ends_with(']'),
            self.address.rfind('['),
        ) {
            (true, Some(i)) => &self.address[..i],
            _ => &self.address,
        }
    }
}

/// Splits a Terraform address on the dots outside brackets and quoted keys:
/// `module.a["x.y"].aws_s3_bucket.c` → `module`, `a["x.y"]`, `aws_s3_bucket`,
/// `c`. An empty address has no segments.
pub fn address_segments(address: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut escaped, mut start) = (0u32, false, false, 0);
    for (i, c) in address.char_indices() {
        if quoted {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quoted = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            '[' => depth += 1,
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                out.push(&address[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if start < address.len() {
        out.push(&address[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_segments_split_outside_keys() {
        assert_eq!(
            address_segments(r#"module.a["x.y"].module.b[0].aws_s3_bucket.c["k.\"]"]"#),
            [
                "module",
                r#"a["x.y"]"#,
                "module",
                "b[0]",
                "aws_s3_bucket",
                r#"c["k.\"]"]"#
            ]
        );
        assert!(address_segments("").is_empty());
        assert_eq!(address_segments("aws_x.y"), ["aws_x", "y"]);
    }
}
