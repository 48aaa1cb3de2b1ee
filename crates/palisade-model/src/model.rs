use std::collections::HashMap;
use std::sync::Arc;

use crate::{Diagnostic, Mode, Resource};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceId(pub u32);

/// `from` refers to `to` through the attribute at `path` of `from`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: ResourceId,
    pub to: ResourceId,
    pub path: String,
}

/// The resource graph of one scan.
#[derive(Debug, Default)]
pub struct Model {
    pub resources: Vec<Resource>,
    pub diagnostics: Vec<Diagnostic>,
    edges: Vec<Edge>,
    out: Vec<Vec<usize>>,
    inc: Vec<Vec<usize>>,
    /// Scope → address → resources (an address without its instance key
    /// lists every instance).
    by_address: HashMap<Arc<str>, HashMap<String, Vec<ResourceId>>>,
    by_type: HashMap<String, Vec<ResourceId>>,
}

impl Model {
    /// Builds the graph: sorts resources into a deterministic order, indexes
    /// them and resolves the references recorded on their values.
    pub fn new(mut resources: Vec<Resource>, mut diagnostics: Vec<Diagnostic>) -> Self {
        resources.sort_by(|a, b| {
            (&a.span.path, a.span.start_line, &a.address, &a.scope).cmp(&(
                &b.span.path,
                b.span.start_line,
                &b.address,
                &b.scope,
            ))
        });
        diagnostics.sort();
        diagnostics.dedup();
        let mut m = Model {
            resources,
            diagnostics,
            ..Default::default()
        };
        m.index();
        m.resolve();
        m
    }

    fn index(&mut self) {
        for (i, r) in self.resources.iter().enumerate() {
            let id = ResourceId(i as u32);
            let scope = self.by_address.entry(r.scope.clone()).or_default();
            scope.entry(r.address.clone()).or_default().push(id);
            if r.instance.is_some() {
                let base = r.base_address();
                if base != r.address {
                    scope.entry(base.to_string()).or_default().push(id);
                }
            }
            self.by_type.entry(r.rtype.clone()).or_default().push(id);
        }
    }

    fn resolve(&mut self) {
        let mut edges = Vec::new();
        for (i, r) in self.resources.iter().enumerate() {
            let from = ResourceId(i as u32);
            r.attrs.walk(&mut String::new(), &mut |path, node| {
                for target in &node.refs {
                    for to in self.lookup_in(&r.scope, target) {
                        if to != from {
                            edges.push(Edge {
                                from,
                                to,
                                path: path.to_string(),
                            });
                        }
                    }
                }
            });
        }
        edges.sort_by(|a, b| (a.from, a.to, &a.path).cmp(&(b.from, b.to, &b.path)));
        edges.dedup();
        self.out = vec![Vec::new(); self.resources.len()];
        self.inc = vec![Vec::new(); self.resources.len()];
        for (k, e) in edges.iter().enumerate() {
            self.out[e.from.0 as usize].push(k);
            self.inc[e.to.0 as usize].push(k);
        }
        self.edges = edges;
    }

    /// Resources with `address` in `scope`. A reference may name a resource
    /// with or without its instance key, or a whole module's resources.
    pub fn lookup_in(&self, scope: &Arc<str>, address: &str) -> Vec<ResourceId> {
        // Called for every reference of every value: no allocation to look up.
        let Some(in_scope) = self.by_address.get(scope) else {
            return Vec::new();
        };
        if let Some(v) = in_scope.get(address) {
            return v.clone();
        }
        // `aws_x.y.attr` → `aws_x.y`; `aws_x.y[0].attr` → `aws_x.y[0]`.
        let mut a = address;
        while let Some(i) = a.rfind('.') {
            a = &a[..i];
            if let Some(v) = in_scope.get(a) {
                return v.clone();
            }
        }
        Vec::new()
    }

    pub fn get(&self, id: ResourceId) -> &Resource {
        &self.resources[id.0 as usize]
    }

    pub fn ids(&self) -> impl Iterator<Item = ResourceId> + '_ {
        (0..self.resources.len() as u32).map(ResourceId)
    }

    /// Managed resources of one type, in model order.
    pub fn of_type<'a>(
        &'a self,
        rtype: &str,
    ) -> impl Iterator<Item = (ResourceId, &'a Resource)> + 'a {
        self.by_type
            .get(rtype)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(move |id| (*id, self.get(*id)))
            .filter(|(_, r)| r.mode != Mode::Data)
    }

    /// Resources of any of these types, in model order.
    pub fn of_types<'a>(&'a self, types: &'a [&'a str]) -> Vec<(ResourceId, &'a Resource)> {
        let mut v: Vec<_> = types.iter().flat_map(|t| self.of_type(t)).collect();
        v.sort_by_key(|(id, _)| *id);
        v
    }

    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// Edges leaving `id` (resources it refers to).
    pub fn refs_from(&self, id: ResourceId) -> impl Iterator<Item = &Edge> + '_ {
        self.out[id.0 as usize].iter().map(move |k| &self.edges[*k])
    }

    /// Edges entering `id` (resources that refer to it).
    pub fn refs_to(&self, id: ResourceId) -> impl Iterator<Item = &Edge> + '_ {
        self.inc[id.0 as usize].iter().map(move |k| &self.edges[*k])
    }

    /// Resources of type `rtype` that refer to `id` through the attribute
    /// `path` (e.g. the `aws_s3_bucket_versioning` whose `bucket` is this
    /// bucket).
    pub fn referrers<'a>(
        &'a self,
        id: ResourceId,
        rtype: &'a str,
        path: &'a str,
    ) -> impl Iterator<Item = (ResourceId, &'a Resource)> + 'a {
        let mut seen = Vec::new();
        self.refs_to(id)
            .filter(move |e| {
                let r = self.get(e.from);
                r.rtype == rtype
                    && (path.is_empty()
                        || e.path == path
                        || e.path
                            .strip_prefix(path)
                            .is_some_and(|rest| rest.starts_with('.')))
            })
            .filter_map(move |e| {
                if seen.contains(&e.from) {
                    None
                } else {
                    seen.push(e.from);
                    Some((e.from, self.get(e.from)))
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Node, SourceKind, Span};

    fn res(rtype: &str, name: &str, line: u32, attrs: Node) -> Resource {
        Resource::new(
            SourceKind::Terraform,
            rtype,
            name,
            Span::line("main.tf".into(), line),
            attrs,
        )
    }

    #[test]
    fn references_resolve_into_edges() {
        let bucket = res(
            "aws_s3_bucket",
            "b",
            1,
            Node::from_json(&serde_json::json!({"bucket": "x"}), None),
        );
        let mut attrs = Node::from_json(&serde_json::json!({"bucket": null}), None);
        if let crate::Value::Map(m) = &mut attrs.value {
            m.insert(
                "bucket".into(),
                Node::unknown("known after apply", None)
                    .with_refs(vec!["aws_s3_bucket.b.id".into()]),
            );
        }
        let ver = res("aws_s3_bucket_versioning", "v", 5, attrs);
        let m = Model::new(vec![ver, bucket], vec![]);
        // Sorted by line: the bucket comes first.
        assert_eq!(m.resources[0].rtype, "aws_s3_bucket");
        let refs: Vec<_> = m
            .referrers(ResourceId(0), "aws_s3_bucket_versioning", "bucket")
            .collect();
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].1.name, "v");
        assert_eq!(m.refs_from(ResourceId(1)).count(), 1);
    }

    #[test]
    fn references_to_instances_match_the_base_address() {
        let mut b = res(
            "aws_s3_bucket",
            "b",
            1,
            Node::from_json(&serde_json::json!({}), None),
        );
        b.instance = Some(crate::InstanceKey::Key("a".into()));
        b.address = "aws_s3_bucket.b[\"a\"]".into();
        let s = Arc::<str>::from("main.tf");
        let m = Model::new(vec![b], vec![]);
        assert_eq!(m.lookup_in(&s, "aws_s3_bucket.b").len(), 1);
        assert_eq!(m.lookup_in(&s, "aws_s3_bucket.b[\"a\"].arn").len(), 1);
        assert!(m.lookup_in(&s, "aws_s3_bucket.c").is_empty());
    }
}
