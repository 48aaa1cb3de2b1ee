use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::Number;

use crate::Span;

/// Why a value could not be resolved: `"known after apply"`, `"variable
/// \"region\" has no default"`, `"Fn::ImportValue from another stack"`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unknown {
    pub reason: Arc<str>,
    /// For a string built from known text and unknown pieces (`Fn::Sub`,
    /// `Fn::Join`, a Terraform template): the pieces in order, e.g.
    /// `arn:aws:iam::` + `${AWS::AccountId}` + `:root`. `None` when nothing
    /// is known of the shape.
    pub parts: Option<Arc<[Part]>>,
}

/// A piece of a partly-known string.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    /// Known text.
    Lit(String),
    /// An unknown piece, named by the expression it comes from
    /// (`AWS::AccountId`, `Bucket.Arn`, `data.aws_caller_identity.c.account_id`).
    /// Two holes with the same name in one scope have the same value.
    Hole(Arc<str>),
}

impl Unknown {
    pub fn new(reason: impl Into<Arc<str>>) -> Self {
        Unknown {
            reason: reason.into(),
            parts: None,
        }
    }

    /// Attaches the pieces of a partly-known string: adjacent literals are
    /// merged and empty ones dropped.
    pub fn with_parts(mut self, parts: impl IntoIterator<Item = Part>) -> Self {
        let mut out: Vec<Part> = Vec::new();
        for p in parts {
            match (out.last_mut(), p) {
                (_, Part::Lit(s)) if s.is_empty() => {}
                (Some(Part::Lit(a)), Part::Lit(b)) => a.push_str(&b),
                (_, p) => out.push(p),
            }
        }
        self.parts = Some(out.into());
        self
    }

    /// The known text the value starts with (`""` when it starts unknown or
    /// nothing is known of its shape).
    pub fn known_prefix(&self) -> &str {
        match self.parts.as_deref().and_then(<[Part]>::first) {
            Some(Part::Lit(s)) => s,
            _ => "",
        }
    }

    /// Whether the value could be `text`: false only when its known pieces
    /// rule it out (each hole may stand for any text, empty included).
    pub fn may_equal(&self, text: &str) -> bool {
        let Some(parts) = self.parts.as_deref() else {
            return true;
        };
        let mut rest = text;
        let mut anchored = true;
        for (i, p) in parts.iter().enumerate() {
            match p {
                Part::Hole(_) => anchored = false,
                Part::Lit(s) if anchored => match rest.strip_prefix(s.as_str()) {
                    Some(r) => rest = r,
                    None => return false,
                },
                Part::Lit(s) if i + 1 == parts.len() => return rest.ends_with(s.as_str()),
                Part::Lit(s) => match rest.find(s.as_str()) {
                    Some(k) => rest = &rest[k + s.len()..],
                    None => return false,
                },
            }
        }
        !anchored || rest.is_empty()
    }
}

/// A value of the model. Absence is not a variant: an absent attribute is a
/// missing key, see [`Lookup`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    List(Vec<Node>),
    Map(IndexMap<String, Node>),
    Unknown(Unknown),
}

/// A located value: the value, where it was written, and the references
/// (resource addresses, in the owning resource's scope) it was computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Option<Span>,
    pub refs: Vec<String>,
}

/// The three-valued result of looking a path up.
#[derive(Clone, Copy, Debug)]
pub enum Lookup<'a> {
    Known(&'a Node),
    Unknown(&'a Node, &'a Unknown),
    Absent,
}

impl<'a> Lookup<'a> {
    pub fn node(self) -> Option<&'a Node> {
        match self {
            Lookup::Known(n) | Lookup::Unknown(n, _) => Some(n),
            Lookup::Absent => None,
        }
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Lookup::Absent)
    }
    pub fn is_unknown(&self) -> bool {
        matches!(self, Lookup::Unknown(..))
    }
    pub fn known(self) -> Option<&'a Node> {
        match self {
            Lookup::Known(n) => Some(n),
            _ => None,
        }
    }
}

impl Node {
    pub fn new(value: Value, span: Option<Span>) -> Self {
        Node {
            value,
            span,
            refs: Vec::new(),
        }
    }
    pub fn unknown(reason: impl Into<Arc<str>>, span: Option<Span>) -> Self {
        Node::new(Value::Unknown(Unknown::new(reason)), span)
    }
    pub fn null(span: Option<Span>) -> Self {
        Node::new(Value::Null, span)
    }
    pub fn string(s: impl Into<String>, span: Option<Span>) -> Self {
        Node::new(Value::String(s.into()), span)
    }
    pub fn bool(b: bool, span: Option<Span>) -> Self {
        Node::new(Value::Bool(b), span)
    }
    pub fn map(m: IndexMap<String, Node>, span: Option<Span>) -> Self {
        Node::new(Value::Map(m), span)
    }
    pub fn list(l: Vec<Node>, span: Option<Span>) -> Self {
        Node::new(Value::List(l), span)
    }
    pub fn with_refs(mut self, refs: Vec<String>) -> Self {
        self.refs = refs;
        self
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self.value, Value::Unknown(_))
    }
    /// True if this value or anything inside it is unknown.
    pub fn contains_unknown(&self) -> bool {
        match &self.value {
            Value::Unknown(_) => true,
            Value::List(l) => l.iter().any(Node::contains_unknown),
            Value::Map(m) => m.values().any(Node::contains_unknown),
            _ => false,
        }
    }
    /// An unknown string made of known and unknown pieces.
    pub fn unknown_parts(
        reason: impl Into<Arc<str>>,
        parts: impl IntoIterator<Item = Part>,
        span: Option<Span>,
    ) -> Self {
        Node::new(Value::Unknown(Unknown::new(reason).with_parts(parts)), span)
    }

    /// The pieces of this value as a string: one literal for a known
    /// scalar, the recorded pieces of a partly-known string, `None` otherwise.
    pub fn text_parts(&self) -> Option<Vec<Part>> {
        match &self.value {
            Value::String(s) => Some(vec![Part::Lit(s.clone())]),
            Value::Number(n) => Some(vec![Part::Lit(n.to_string())]),
            Value::Bool(b) => Some(vec![Part::Lit(b.to_string())]),
            Value::Unknown(u) => u.parts.as_deref().map(<[Part]>::to_vec),
            _ => None,
        }
    }

    /// Whether two values are certainly the same string: equal known text,
    /// or the same template of known text and named unknown pieces (two
    /// `!Sub "${AppName}-${AWS::AccountId}"` name the same bucket).
    pub fn same_text(&self, other: &Node) -> bool {
        match (self.text_parts(), other.text_parts()) {
            (Some(a), Some(b)) => {
                let norm = |p: Vec<Part>| Unknown::new("").with_parts(p).parts;
                norm(a) == norm(b)
            }
            _ => false,
        }
    }

    /// Whether this value could be the string `text`: `Some(true/false)`
    /// when known, `Some(false)` when its known pieces rule it out, `None`
    /// when it might be.
    pub fn may_equal(&self, text: &str) -> Option<bool> {
        match &self.value {
            Value::Unknown(u) if u.may_equal(text) => None,
            Value::Unknown(_) => Some(false),
            Value::String(s) => Some(s == text),
            _ => None,
        }
    }

    pub fn unknown_reason(&self) -> Option<&str> {
        match &self.value {
            Value::Unknown(u) => Some(&u.reason),
            Value::List(l) => l.iter().find_map(Node::unknown_reason),
            Value::Map(m) => m.values().find_map(Node::unknown_reason),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }
    /// A boolean, accepting the strings `"true"`/`"false"` that Terraform and
    /// CloudFormation convert implicitly.
    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Bool(b) => Some(*b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }
    /// A number, accepting numeric strings.
    pub fn as_f64(&self) -> Option<f64> {
        match &self.value {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    pub fn as_i64(&self) -> Option<i64> {
        match &self.value {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }
    pub fn as_list(&self) -> Option<&[Node]> {
        match &self.value {
            Value::List(l) => Some(l),
            _ => None,
        }
    }
    pub fn as_map(&self) -> Option<&IndexMap<String, Node>> {
        match &self.value {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The direct child `key` of a map; a list of one map (a Terraform block
    /// written once) is looked through.
    pub fn get(&self, key: &str) -> Lookup<'_> {
        let found = match &self.value {
            Value::Map(m) => m.get(key),
            Value::List(l) if l.len() == 1 => return l[0].get(key),
            Value::Unknown(u) => return Lookup::Unknown(self, u),
            _ => None,
        };
        match found {
            Some(n) => match &n.value {
                Value::Unknown(u) => Lookup::Unknown(n, u),
                _ => Lookup::Known(n),
            },
            None => Lookup::Absent,
        }
    }

    /// Looks a dotted path up (`"versioning.enabled"`, `"rule.0.days"`).
    /// Unknown anywhere along the way gives [`Lookup::Unknown`].
    pub fn path(&self, path: &str) -> Lookup<'_> {
        let mut cur = self;
        for seg in path.split('.').filter(|s| !s.is_empty()) {
            let next = match (&cur.value, seg.parse::<usize>()) {
                (Value::List(l), Ok(i)) => match l.get(i) {
                    Some(n) => match &n.value {
                        Value::Unknown(u) => Lookup::Unknown(n, u),
                        _ => Lookup::Known(n),
                    },
                    None => Lookup::Absent,
                },
                _ => cur.get(seg),
            };
            match next {
                Lookup::Known(n) => cur = n,
                other => return other,
            }
        }
        match &cur.value {
            Value::Unknown(u) => Lookup::Unknown(cur, u),
            _ => Lookup::Known(cur),
        }
    }

    /// Every element of a block or list (a single map counts as one).
    pub fn items(&self) -> Vec<&Node> {
        match &self.value {
            Value::List(l) => l.iter().collect(),
            Value::Map(_) => vec![self],
            _ => Vec::new(),
        }
    }

    /// Converts to plain JSON (unknowns become `null`).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null | Value::Unknown(_) => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::List(l) => serde_json::Value::Array(l.iter().map(Node::to_json).collect()),
            Value::Map(m) => {
                serde_json::Value::Object(m.iter().map(|(k, v)| (k.clone(), v.to_json())).collect())
            }
        }
    }

    /// Builds a node tree from JSON, every node carrying the same span.
    pub fn from_json(v: &serde_json::Value, span: Option<&Span>) -> Node {
        let value = match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Number(n.clone()),
            serde_json::Value::String(s) => Value::String(s.clone()),
            serde_json::Value::Array(a) => {
                Value::List(a.iter().map(|x| Node::from_json(x, span)).collect())
            }
            serde_json::Value::Object(o) => Value::Map(
                o.iter()
                    .map(|(k, x)| (k.clone(), Node::from_json(x, span)))
                    .collect(),
            ),
        };
        Node::new(value, span.cloned())
    }

    /// Visits every node (pre-order) with its dotted path.
    pub fn walk<'a>(&'a self, path: &mut String, f: &mut dyn FnMut(&str, &'a Node)) {
        f(path, self);
        match &self.value {
            Value::List(l) => {
                for (i, n) in l.iter().enumerate() {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(&i.to_string());
                    n.walk(path, f);
                    path.truncate(len);
                }
            }
            Value::Map(m) => {
                for (k, n) in m {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    n.walk(path, f);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Node {
        let json = serde_json::json!({
            "versioning": [{"enabled": true}],
            "tags": {"owner": "team-a"},
            "rules": [{"days": 3}, {"days": "5"}],
        });
        let mut n = Node::from_json(&json, None);
        if let Value::Map(m) = &mut n.value {
            m.insert("kms".into(), Node::unknown("known after apply", None));
        }
        n
    }

    #[test]
    fn three_valued_lookup() {
        let n = sample();
        assert_eq!(
            n.path("versioning.enabled").known().and_then(Node::as_bool),
            Some(true)
        );
        assert_eq!(
            n.path("tags.owner").known().and_then(Node::as_str),
            Some("team-a")
        );
        assert!(n.path("tags.service").is_absent());
        assert!(n.path("kms").is_unknown());
        assert!(
            n.path("kms.arn").is_unknown(),
            "unknown propagates along a path"
        );
        assert_eq!(
            n.path("rules.1.days").known().and_then(Node::as_i64),
            Some(5)
        );
        assert!(n.path("rules.7.days").is_absent());
        assert!(n.contains_unknown());
        assert_eq!(n.unknown_reason(), Some("known after apply"));
    }

    #[test]
    fn partly_known_strings() {
        let u = Unknown::new("account id known at deploy").with_parts([
            Part::Lit("arn:aws:iam::".into()),
            Part::Lit(String::new()),
            Part::Hole("AWS::AccountId".into()),
            Part::Lit(":root".into()),
        ]);
        assert_eq!(u.parts.as_deref().map(<[Part]>::len), Some(3), "merged");
        assert_eq!(u.known_prefix(), "arn:aws:iam::");
        assert!(!u.may_equal("*"));
        assert!(u.may_equal("arn:aws:iam::123456789012:root"));
        assert!(!u.may_equal("arn:aws:iam::123456789012:user/x"));
        assert!(Unknown::new("x").may_equal("*"), "no shape: anything");
        let mid = Unknown::new("x").with_parts([
            Part::Hole("a".into()),
            Part::Lit("-logs-".into()),
            Part::Hole("b".into()),
        ]);
        assert_eq!(mid.known_prefix(), "");
        assert!(mid.may_equal("app-logs-1"));
        assert!(!mid.may_equal("*"));
        let a = Node::unknown_parts(
            "r",
            [Part::Hole("App".into()), Part::Lit("-b".into())],
            None,
        );
        let b = Node::unknown_parts(
            "other reason",
            [
                Part::Hole("App".into()),
                Part::Lit("-".into()),
                Part::Lit("b".into()),
            ],
            None,
        );
        assert!(a.same_text(&b));
        assert!(!a.same_text(&Node::unknown("r", None)));
        assert!(Node::string("x", None).same_text(&Node::string("x", None)));
        assert_eq!(a.may_equal("*"), Some(false));
        assert_eq!(Node::unknown("r", None).may_equal("*"), None);
        assert_eq!(Node::string("*", None).may_equal("*"), Some(true));
    }

    #[test]
    fn walk_visits_paths() {
        let n = sample();
        let mut seen = Vec::new();
        n.walk(&mut String::new(), &mut |p, _| seen.push(p.to_string()));
        assert!(seen.contains(&"rules.1.days".to_string()));
        assert!(seen.contains(&"versioning.0.enabled".to_string()));
    }
}
