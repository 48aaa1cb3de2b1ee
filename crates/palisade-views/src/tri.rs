use palisade_model::{Lookup, Node, Span};

/// A three-valued fact with its evidence location.
#[derive(Clone, Debug, PartialEq)]
pub enum Tri<T> {
    /// Known, set at `Span`.
    Known(T, Span),
    /// Could not be resolved (reason), at `Span`.
    Unknown(String, Span),
    /// Not set; `Span` is where it would belong (usually the resource).
    Absent(Span),
}

impl<T> Tri<T> {
    pub fn span(&self) -> &Span {
        match self {
            Tri::Known(_, s) | Tri::Unknown(_, s) | Tri::Absent(s) => s,
        }
    }
    pub fn known(&self) -> Option<&T> {
        match self {
            Tri::Known(v, _) => Some(v),
            _ => None,
        }
    }
    pub fn is_known(&self) -> bool {
        matches!(self, Tri::Known(..))
    }
    pub fn is_unknown(&self) -> bool {
        matches!(self, Tri::Unknown(..))
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Tri::Absent(..))
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Tri<U> {
        match self {
            Tri::Known(v, s) => Tri::Known(f(v), s),
            Tri::Unknown(r, s) => Tri::Unknown(r, s),
            Tri::Absent(s) => Tri::Absent(s),
        }
    }
    /// Known value or a default when absent; unknown stays unknown.
    pub fn or_default_when_absent(self, default: T) -> Tri<T> {
        match self {
            Tri::Absent(s) => Tri::Known(default, s),
            other => other,
        }
    }
    /// The first of `self`, `other` that is not absent.
    pub fn or(self, other: Tri<T>) -> Tri<T> {
        match self {
            Tri::Absent(_) => other,
            s => s,
        }
    }

    /// Reads a node with a converter; a value of the wrong shape is unknown
    /// (with the reason), never a panic or a guess.
    pub fn from_lookup(
        l: Lookup<'_>,
        fallback: &Span,
        what: &str,
        f: impl FnOnce(&Node) -> Option<T>,
    ) -> Tri<T> {
        match l {
            Lookup::Absent => Tri::Absent(fallback.clone()),
            Lookup::Unknown(n, u) => Tri::Unknown(
                u.reason.to_string(),
                n.span.clone().unwrap_or_else(|| fallback.clone()),
            ),
            Lookup::Known(n) => {
                let span = n.span.clone().unwrap_or_else(|| fallback.clone());
                if matches!(n.value, palisade_model::Value::Null) {
                    return Tri::Absent(span);
                }
                match f(n) {
                    Some(v) => Tri::Known(v, span),
                    None => Tri::Unknown(format!("{what} has an unexpected shape"), span),
                }
            }
        }
    }
}

impl Tri<bool> {
    pub fn bool(l: Lookup<'_>, fallback: &Span, what: &str) -> Tri<bool> {
        Tri::from_lookup(l, fallback, what, Node::as_bool)
    }
}

impl Tri<String> {
    pub fn string(l: Lookup<'_>, fallback: &Span, what: &str) -> Tri<String> {
        Tri::from_lookup(l, fallback, what, |n| match &n.value {
            palisade_model::Value::String(s) => Some(s.clone()),
            palisade_model::Value::Number(x) => Some(x.to_string()),
            palisade_model::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        })
    }
}

impl Tri<i64> {
    pub fn int(l: Lookup<'_>, fallback: &Span, what: &str) -> Tri<i64> {
        Tri::from_lookup(l, fallback, what, Node::as_i64)
    }
}
