//! Small readers shared by the AWS adapters: one fact, two spellings
//! (Terraform `snake_case`, CloudFormation `PascalCase`).

use palisade_model::{Lookup, Model, Node, Resource, ResourceId, SourceKind, Span, Value};

use crate::Tri;

/// True if the resource was read from CloudFormation.
pub fn is_cfn(r: &Resource) -> bool {
    r.kind == SourceKind::CloudFormation
}

/// Looks the Terraform or the CloudFormation path up, whichever applies to
/// the resource's language. An empty path means "not in this language".
pub fn look<'a>(r: &'a Resource, tf: &str, cfn: &str) -> Lookup<'a> {
    let p = if is_cfn(r) { cfn } else { tf };
    if p.is_empty() {
        Lookup::Absent
    } else {
        r.attr(p)
    }
}

fn name<'a>(r: &Resource, tf: &'a str, cfn: &'a str) -> &'a str {
    if is_cfn(r) { cfn } else { tf }
}

/// Why the path cannot be followed because a value along it has the wrong
/// shape (a list of several blocks or a string where one block was
/// expected), if that is the case. Missing, null and unknown values are not
/// odd: [`look`] reports them.
pub fn odd_shape(root: &Node, path: &str, fallback: &Span) -> Option<(String, Span)> {
    let segs: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
    let mut cur = root;
    let mut k = 0;
    let mut steps = 0;
    while k < segs.len() && steps < 256 {
        steps += 1;
        let seg = segs[k];
        let here = || (segs[..k].join("."), span_of(cur, fallback));
        match &cur.value {
            Value::Map(m) => match m.get(seg) {
                Some(n) => {
                    cur = n;
                    k += 1;
                }
                None => return None,
            },
            Value::List(l) => {
                if let Ok(i) = seg.parse::<usize>() {
                    match l.get(i) {
                        Some(n) => {
                            cur = n;
                            k += 1;
                        }
                        None => return None,
                    }
                } else if l.len() == 1 {
                    cur = &l[0];
                } else if l.is_empty() {
                    return None;
                } else {
                    let (p, s) = here();
                    return Some((
                        format!(
                            "`{p}` is a list of {} items where one block was expected",
                            l.len()
                        ),
                        s,
                    ));
                }
            }
            Value::Null | Value::Unknown(_) => return None,
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                let (p, s) = here();
                let p = if p.is_empty() {
                    "the resource".to_string()
                } else {
                    format!("`{p}`")
                };
                return Some((format!("{p} is a scalar where a block was expected"), s));
            }
        }
    }
    None
}

fn checked<T>(
    r: &Resource,
    tf: &str,
    cfn: &str,
    read: impl FnOnce(Lookup<'_>, &Span, &str) -> Tri<T>,
) -> Tri<T> {
    let p = name(r, tf, cfn);
    if p.is_empty() {
        return Tri::Absent(r.span.clone());
    }
    if let Some((why, span)) = odd_shape(&r.attrs, p, &r.span) {
        return Tri::Unknown(why, span);
    }
    read(r.attr(p), &r.span, p)
}

pub fn b(r: &Resource, tf: &str, cfn: &str) -> Tri<bool> {
    checked(r, tf, cfn, Tri::bool)
}

pub fn s(r: &Resource, tf: &str, cfn: &str) -> Tri<String> {
    checked(r, tf, cfn, Tri::string)
}

pub fn i(r: &Resource, tf: &str, cfn: &str) -> Tri<i64> {
    checked(r, tf, cfn, Tri::int)
}

/// Whether a block or value is set: known `true` when present and not empty
/// (a non-empty block, list, map or string), absent when missing, null or
/// empty.
pub fn present(r: &Resource, tf: &str, cfn: &str) -> Tri<bool> {
    let cfn_res = is_cfn(r);
    checked(r, tf, cfn, |l, s, _| match l {
        // CloudFormation references carry the logical ids of the template's
        // resources (`Ref: MainDB`, `Fn::GetAtt`): set once deployed.
        Lookup::Unknown(n, _) if cfn_res && !n.refs.is_empty() => {
            Tri::Known(true, n.span.clone().unwrap_or_else(|| s.clone()))
        }
        _ => present_node(l, s),
    })
}

pub fn present_node(l: Lookup<'_>, fallback: &Span) -> Tri<bool> {
    match l {
        Lookup::Absent => Tri::Absent(fallback.clone()),
        // An attribute of another managed resource (`aws_x.y.name`) is set
        // once applied, even when its value is not known yet.
        Lookup::Unknown(n, _) if n.refs.iter().any(|r| is_managed_resource_ref(r)) => {
            Tri::Known(true, n.span.clone().unwrap_or_else(|| fallback.clone()))
        }
        Lookup::Unknown(n, u) => Tri::Unknown(
            u.reason.to_string(),
            n.span.clone().unwrap_or_else(|| fallback.clone()),
        ),
        Lookup::Known(n) => {
            let span = n.span.clone().unwrap_or_else(|| fallback.clone());
            let empty = match &n.value {
                Value::Null => true,
                Value::List(l) => l.is_empty(),
                Value::Map(m) => m.is_empty(),
                Value::String(s) => s.is_empty(),
                _ => false,
            };
            if empty {
                Tri::Absent(span)
            } else {
                Tri::Known(true, span)
            }
        }
    }
}

/// Whether a reference names an attribute of a managed Terraform resource
/// (`aws_iam_role.app.arn`), not a data source, variable, local or module.
fn is_managed_resource_ref(r: &str) -> bool {
    let mut parts = r.split('.');
    let (Some(rtype), Some(name)) = (parts.next(), parts.next()) else {
        return false;
    };
    rtype.contains('_')
        && !name.is_empty()
        && !matches!(
            rtype,
            "data" | "var" | "local" | "module" | "each" | "count" | "path" | "self" | "terraform"
        )
}

/// A list of strings (a single string counts as a list of one), with the
/// first unknown element's reason if any element could not be resolved.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Strs {
    pub values: Vec<(String, Span)>,
    /// Reason and location of the first unresolved element.
    pub unknown: Option<(String, Span)>,
    /// Whether the attribute was written at all.
    pub present: bool,
}

impl Strs {
    pub fn read(l: Lookup<'_>, fallback: &Span) -> Strs {
        let mut out = Strs::default();
        match l {
            Lookup::Absent => {}
            Lookup::Unknown(n, u) => {
                out.present = true;
                out.unknown = Some((
                    u.reason.to_string(),
                    n.span.clone().unwrap_or_else(|| fallback.clone()),
                ));
            }
            Lookup::Known(n) => {
                out.present = !matches!(n.value, Value::Null);
                out.push_node(n, fallback, 0);
            }
        }
        out
    }

    fn push_node(&mut self, n: &Node, fallback: &Span, depth: usize) {
        let span = n.span.clone().unwrap_or_else(|| fallback.clone());
        match &n.value {
            Value::Null => {}
            Value::String(s) => self.values.push((s.clone(), span)),
            Value::Number(x) => self.values.push((x.to_string(), span)),
            Value::Bool(x) => self.values.push((x.to_string(), span)),
            Value::List(l) if depth < 8 => {
                for x in l {
                    self.push_node(x, &span, depth + 1);
                }
            }
            Value::Unknown(u) => {
                if self.unknown.is_none() {
                    self.unknown = Some((u.reason.to_string(), span));
                }
            }
            _ => {
                if self.unknown.is_none() {
                    self.unknown = Some(("value has an unexpected shape".into(), span));
                }
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.unknown.is_none()
    }

    /// The first known value matching `f`.
    pub fn find(&self, f: impl Fn(&str) -> bool) -> Option<&(String, Span)> {
        self.values.iter().find(|(v, _)| f(v))
    }

    pub fn contains(&self, v: &str) -> bool {
        self.values.iter().any(|(x, _)| x == v)
    }
}

/// Reads a list of strings, Terraform or CloudFormation spelling.
pub fn strs(r: &Resource, tf: &str, cfn: &str) -> Strs {
    let p = name(r, tf, cfn);
    if let Some((why, span)) = odd_shape(&r.attrs, p, &r.span) {
        return Strs {
            values: Vec::new(),
            unknown: Some((why, span)),
            present: true,
        };
    }
    Strs::read(look(r, tf, cfn), &r.span)
}

/// The resources `id` refers to through attribute `path` (or any attribute
/// when `path` is empty), of one of `types`.
pub fn targets<'m>(
    model: &'m Model,
    id: ResourceId,
    path: &str,
    types: &[&str],
) -> Vec<(ResourceId, &'m Resource)> {
    let mut v: Vec<(ResourceId, &Resource)> = model
        .refs_from(id)
        .filter(|e| path.is_empty() || e.path == path || e.path.starts_with(&format!("{path}.")))
        .map(|e| (e.to, model.get(e.to)))
        .filter(|(_, r)| types.contains(&r.rtype.as_str()))
        .collect();
    v.sort_by_key(|(i, _)| *i);
    v.dedup_by_key(|(i, _)| *i);
    v
}

/// Resources of one of `types` that refer to `id` through `path` (any
/// attribute when empty), in model order.
pub fn referrers<'m>(
    model: &'m Model,
    id: ResourceId,
    types: &[&'m str],
    path: &'m str,
) -> Vec<(ResourceId, &'m Resource)> {
    let mut v: Vec<_> = types
        .iter()
        .flat_map(|t| model.referrers(id, t, path))
        .collect();
    v.sort_by_key(|(i, _)| *i);
    v.dedup_by_key(|(i, _)| *i);
    v
}

/// The span of a node or the fallback.
pub fn span_of(n: &Node, fallback: &Span) -> Span {
    n.span.clone().unwrap_or_else(|| fallback.clone())
}

/// Whether a partly-known string could end with `suffix`: `Some(true)` when
/// its known last piece ends with it, `Some(false)` when its known pieces
/// rule it out, `None` when it might (each hole may stand for any text).
pub fn may_end_with(u: &palisade_model::Unknown, suffix: &str) -> Option<bool> {
    use palisade_model::Part;
    let parts = u.parts.as_deref()?;
    match parts.last() {
        None => Some(suffix.is_empty()),
        Some(Part::Hole(_)) => None,
        Some(Part::Lit(last)) if last.ends_with(suffix) => Some(true),
        // Otherwise the suffix would have to begin in a hole before the
        // last piece (adjacent literals are merged: the piece before is a
        // hole), which may hold anything.
        Some(Part::Lit(last)) if suffix.ends_with(last.as_str()) && parts.len() > 1 => None,
        Some(Part::Lit(_)) => Some(false),
    }
}
