//! Condition operators and their evaluation against a request context.
//!
//! Missing keys: see docs/iam.md, "Unknown semantics". In short, where the
//! AWS documentation defines the result for a missing key (`...IfExists`,
//! `Null`, `ForAllValues`, negated operators) it is applied; otherwise a
//! missing key makes the condition *unknown*, unless the request context is
//! declared complete, in which case the documented "no match" applies.

use std::net::IpAddr;
use std::ops::Not;

use palisade_model::Span;
use serde::Serialize;

use crate::context::Context;
use crate::pattern::{Pattern, Resolved, glob, glob_arn};
use crate::truth::Truth;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum OpBase {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

const OPS: &[(&str, OpBase)] = &[
    ("StringEquals", OpBase::StringEquals),
    ("StringNotEquals", OpBase::StringNotEquals),
    ("StringEqualsIgnoreCase", OpBase::StringEqualsIgnoreCase),
    (
        "StringNotEqualsIgnoreCase",
        OpBase::StringNotEqualsIgnoreCase,
    ),
    ("StringLike", OpBase::StringLike),
    ("StringNotLike", OpBase::StringNotLike),
    ("NumericEquals", OpBase::NumericEquals),
    ("NumericNotEquals", OpBase::NumericNotEquals),
    ("NumericLessThan", OpBase::NumericLessThan),
    ("NumericLessThanEquals", OpBase::NumericLessThanEquals),
    ("NumericGreaterThan", OpBase::NumericGreaterThan),
    ("NumericGreaterThanEquals", OpBase::NumericGreaterThanEquals),
    ("DateEquals", OpBase::DateEquals),
    ("DateNotEquals", OpBase::DateNotEquals),
    ("DateLessThan", OpBase::DateLessThan),
    ("DateLessThanEquals", OpBase::DateLessThanEquals),
    ("DateGreaterThan", OpBase::DateGreaterThan),
    ("DateGreaterThanEquals", OpBase::DateGreaterThanEquals),
    ("Bool", OpBase::Bool),
    ("BinaryEquals", OpBase::BinaryEquals),
    ("IpAddress", OpBase::IpAddress),
    ("NotIpAddress", OpBase::NotIpAddress),
    ("ArnEquals", OpBase::ArnEquals),
    ("ArnLike", OpBase::ArnLike),
    ("ArnNotEquals", OpBase::ArnNotEquals),
    ("ArnNotLike", OpBase::ArnNotLike),
    ("Null", OpBase::Null),
];

impl OpBase {
    /// Negated operators are true when the value matches none of the
    /// policy values (and, per the docs, when the key is missing).
    pub fn negated(self) -> bool {
        use OpBase::*;
        matches!(
            self,
            StringNotEquals
                | StringNotEqualsIgnoreCase
                | StringNotLike
                | NumericNotEquals
                | DateNotEquals
                | NotIpAddress
                | ArnNotEquals
                | ArnNotLike
        )
    }
    fn accepts_variables(self) -> bool {
        use OpBase::*;
        matches!(
            self,
            StringEquals
                | StringNotEquals
                | StringEqualsIgnoreCase
                | StringNotEqualsIgnoreCase
                | StringLike
                | StringNotLike
                | ArnEquals
                | ArnLike
                | ArnNotEquals
                | ArnNotLike
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum SetOp {
    ForAllValues,
    ForAnyValue,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Operator {
    pub base: OpBase,
    pub if_exists: bool,
    pub set: Option<SetOp>,
}

/// Parses `ForAnyValue:StringLikeIfExists` and friends (case-sensitive, as
/// AWS). `None` for an unknown operator.
pub fn parse_operator(s: &str) -> Option<Operator> {
    let (set, rest) = if let Some(r) = s.strip_prefix("ForAllValues:") {
        (Some(SetOp::ForAllValues), r)
    } else if let Some(r) = s.strip_prefix("ForAnyValue:") {
        (Some(SetOp::ForAnyValue), r)
    } else {
        (None, s)
    };
    let (if_exists, name) = match rest.strip_suffix("IfExists") {
        Some(n) => (true, n),
        None => (false, rest),
    };
    let base = OPS.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)?;
    if base == OpBase::Null && (if_exists || set.is_some()) {
        return None;
    }
    Some(Operator {
        base,
        if_exists,
        set,
    })
}

#[derive(Clone, Debug, PartialEq)]
enum Val {
    Pat(Pattern),
    Num(f64),
    Date(i128),
    Bool(bool),
    Bin(String),
    Cidr(IpAddr, u8),
}

/// One key of a condition block: `"StringEquals": {"aws:username": [...]}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The operator as written.
    pub operator: String,
    /// `None` for an unknown operator (the condition is then unknown).
    pub op: Option<Operator>,
    pub key: String,
    pub values: Vec<String>,
    pub span: Span,
    key_lc: String,
    compiled: Vec<Val>,
}

impl Condition {
    pub fn new(
        operator: &str,
        op: Option<Operator>,
        key: &str,
        values: Vec<String>,
        vars: bool,
        span: Span,
    ) -> Result<Condition, String> {
        let mut compiled = Vec::with_capacity(values.len());
        if let Some(op) = op {
            let vars = vars && op.base.accepts_variables();
            for v in &values {
                compiled.push(compile(op.base, v, vars).ok_or_else(|| {
                    format!("{operator}: value {v:?} is not valid for this operator")
                })?);
            }
        }
        Ok(Condition {
            operator: operator.to_string(),
            op,
            key: key.to_string(),
            key_lc: key.to_ascii_lowercase(),
            values,
            span,
            compiled,
        })
    }

    pub fn key_lc(&self) -> &str {
        &self.key_lc
    }

    fn describe(&self) -> String {
        format!("{} {} {:?}", self.operator, self.key, self.values)
    }

    /// Evaluates against the context. `complete`: keys absent from the
    /// context are known to be absent from the request.
    pub fn eval(&self, ctx: &Context, complete: bool) -> Truth {
        let Some(op) = self.op else {
            return Truth::maybe(format!("unknown condition operator {:?}", self.operator));
        };
        let vals = ctx.get(&self.key_lc).unwrap_or(&[]);
        let present = !vals.is_empty();
        if op.base == OpBase::Null {
            let mut t = Truth::No;
            for v in &self.compiled {
                if let Val::Bool(b) = v {
                    // Null: true → the key must be absent.
                    t = t.or(Truth::from_bool(*b != present));
                }
            }
            return t;
        }
        if !present {
            if op.if_exists {
                return Truth::Yes;
            }
            return match op.set {
                Some(SetOp::ForAllValues) => Truth::Yes,
                None if op.base.negated() => Truth::Yes,
                _ if complete => Truth::No,
                _ => Truth::maybe(format!(
                    "condition key {} is not in the request context ({})",
                    self.key,
                    self.describe()
                )),
            };
        }
        let neg = op.base.negated();
        // m(v): does request value v match any policy value (positive sense)?
        let mut per_value = Vec::with_capacity(vals.len());
        for v in vals {
            let mut t = Truth::No;
            for c in &self.compiled {
                t = t.or(self.match_one(op.base, c, v, ctx, complete));
                if t.is_yes() {
                    break;
                }
            }
            per_value.push(t);
        }
        match (op.set, neg) {
            (None, false) | (Some(SetOp::ForAnyValue), false) => {
                per_value.into_iter().fold(Truth::No, Truth::or)
            }
            (None, true) => per_value.into_iter().fold(Truth::No, Truth::or).not(),
            (Some(SetOp::ForAnyValue), true) => per_value
                .into_iter()
                .map(Truth::not)
                .fold(Truth::No, Truth::or),
            (Some(SetOp::ForAllValues), false) => {
                per_value.into_iter().fold(Truth::Yes, Truth::and)
            }
            (Some(SetOp::ForAllValues), true) => per_value
                .into_iter()
                .map(Truth::not)
                .fold(Truth::Yes, Truth::and),
        }
    }

    fn match_one(&self, base: OpBase, c: &Val, v: &str, ctx: &Context, complete: bool) -> Truth {
        use OpBase::*;
        match (base, c) {
            (
                StringEquals
                | StringNotEquals
                | StringEqualsIgnoreCase
                | StringNotEqualsIgnoreCase
                | StringLike
                | StringNotLike,
                Val::Pat(p),
            ) => {
                let ci = matches!(base, StringEqualsIgnoreCase | StringNotEqualsIgnoreCase);
                match p.resolve(ctx) {
                    Resolved::Els(e) => Truth::from_bool(glob(&e, v.as_bytes(), ci)),
                    r => self.unresolved(r, complete),
                }
            }
            (ArnEquals | ArnLike | ArnNotEquals | ArnNotLike, Val::Pat(p)) => {
                match p.resolve(ctx) {
                    Resolved::Els(e) => Truth::from_bool(glob_arn(&e, v)),
                    r => self.unresolved(r, complete),
                }
            }
            (_, Val::Num(n)) => {
                let Ok(x) = v.trim().parse::<f64>() else {
                    return Truth::No;
                };
                Truth::from_bool(match base {
                    NumericEquals | NumericNotEquals => x == *n,
                    NumericLessThan => x < *n,
                    NumericLessThanEquals => x <= *n,
                    NumericGreaterThan => x > *n,
                    NumericGreaterThanEquals => x >= *n,
                    _ => false,
                })
            }
            (_, Val::Date(d)) => {
                let Some(x) = parse_date(v) else {
                    return Truth::No;
                };
                Truth::from_bool(match base {
                    DateEquals | DateNotEquals => x == *d,
                    DateLessThan => x < *d,
                    DateLessThanEquals => x <= *d,
                    DateGreaterThan => x > *d,
                    DateGreaterThanEquals => x >= *d,
                    _ => false,
                })
            }
            (_, Val::Bool(b)) => Truth::from_bool(match v.to_ascii_lowercase().as_str() {
                "true" => *b,
                "false" => !*b,
                _ => false,
            }),
            (_, Val::Bin(b)) => Truth::from_bool(strip_ws(v) == *b),
            (_, Val::Cidr(net, len)) => Truth::from_bool(match parse_cidr(v) {
                Some((ip, _)) => cidr_contains(*net, *len, ip),
                None => false,
            }),
            _ => Truth::No,
        }
    }

    fn unresolved(&self, r: Resolved<'_>, complete: bool) -> Truth {
        match r {
            Resolved::Missing(k) if complete => {
                let _ = k;
                Truth::No
            }
            Resolved::Missing(k) => Truth::maybe(format!(
                "policy variable ${{{k}}} has no value in the request context ({})",
                self.describe()
            )),
            Resolved::MultiValued(k) => Truth::maybe(format!(
                "policy variable ${{{k}}} is multi-valued ({})",
                self.describe()
            )),
            Resolved::Els(_) => Truth::No,
        }
    }
}

fn strip_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn compile(base: OpBase, v: &str, vars: bool) -> Option<Val> {
    use OpBase::*;
    Some(match base {
        StringEquals | StringNotEquals => Val::Pat(Pattern::with_options(v, vars, false, false)),
        StringEqualsIgnoreCase | StringNotEqualsIgnoreCase => {
            Val::Pat(Pattern::with_options(v, vars, false, true))
        }
        StringLike | StringNotLike | ArnEquals | ArnLike | ArnNotEquals | ArnNotLike => {
            Val::Pat(Pattern::with_options(v, vars, true, false))
        }
        NumericEquals
        | NumericNotEquals
        | NumericLessThan
        | NumericLessThanEquals
        | NumericGreaterThan
        | NumericGreaterThanEquals => {
            Val::Num(v.trim().parse::<f64>().ok().filter(|f| f.is_finite())?)
        }
        DateEquals
        | DateNotEquals
        | DateLessThan
        | DateLessThanEquals
        | DateGreaterThan
        | DateGreaterThanEquals => Val::Date(parse_date(v)?),
        Bool | Null => Val::Bool(match v.to_ascii_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => return None,
        }),
        BinaryEquals => Val::Bin(strip_ws(v)),
        IpAddress | NotIpAddress => {
            let (ip, len) = parse_cidr(v)?;
            Val::Cidr(ip, len)
        }
    })
}

/// `203.0.113.0/24`, `2001:db8::/32` or a plain address.
pub fn parse_cidr(s: &str) -> Option<(IpAddr, u8)> {
    let s = s.trim();
    let (ip, len) = match s.split_once('/') {
        Some((ip, l)) => (ip.parse::<IpAddr>().ok()?, Some(l.parse::<u8>().ok()?)),
        None => (s.parse::<IpAddr>().ok()?, None),
    };
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let len = len.unwrap_or(max);
    if len > max {
        return None;
    }
    Some((ip, len))
}

fn cidr_contains(net: IpAddr, len: u8, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(n), IpAddr::V4(i)) => {
            let mask = if len == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(len))
            };
            (u32::from(n) & mask) == (u32::from(i) & mask)
        }
        (IpAddr::V6(n), IpAddr::V6(i)) => {
            let mask = if len == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(len))
            };
            (u128::from(n) & mask) == (u128::from(i) & mask)
        }
        _ => false,
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// ISO 8601 dates (`2020-01-01`, `2020-01-01T12:00:00Z`, fractional
/// seconds, `+hh:mm` offsets) or epoch seconds, to epoch milliseconds.
pub fn parse_date(s: &str) -> Option<i128> {
    let s = s.trim();
    if let Some(n) = num(s) {
        return Some(i128::from(n) * 1000);
    }
    let (date, time) = match s.split_once(['T', 't']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut dp = date.split('-');
    let y = num(dp.next()?)?;
    let mo = num(dp.next()?)?;
    let d = num(dp.next()?)?;
    // ISO 8601 years have four digits: a larger one would overflow below.
    if dp.next().is_some()
        || !(0..=9999).contains(&y)
        || !(1..=12).contains(&mo)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    let mut ms: i128 = i128::from(days_from_civil(y, mo, d)) * 86_400_000;
    if let Some(t) = time {
        let (clock, offset_ms) = if let Some(c) = t.strip_suffix(['Z', 'z']) {
            (c, 0i128)
        } else if let Some(i) = t.rfind(['+', '-']) {
            let (c, off) = t.split_at(i);
            let sign = if off.starts_with('-') { -1 } else { 1 };
            let off = off.get(1..)?;
            let (oh, om) = match off.split_once(':') {
                Some((h, m)) => (num(h)?, num(m)?),
                None if off.len() == 4 => (num(off.get(..2)?)?, num(off.get(2..)?)?),
                None => (num(off)?, 0),
            };
            if oh > 23 || om > 59 {
                return None;
            }
            (c, sign * i128::from(oh * 3_600_000 + om * 60_000))
        } else {
            (t, 0)
        };
        let mut cp = clock.split(':');
        let h = num(cp.next()?)?;
        let mi = num(cp.next()?)?;
        let sec = cp.next().unwrap_or("0");
        if cp.next().is_some() || h > 24 || mi > 59 {
            return None;
        }
        let (si, frac) = match sec.split_once('.') {
            Some((a, b)) => (num(a)?, b),
            None => (num(sec)?, ""),
        };
        if si > 60 {
            return None;
        }
        let frac_ms = if frac.is_empty() {
            0
        } else {
            let f3: String = frac.chars().chain("000".chars()).take(3).collect();
            num(&f3)?
        };
        ms += i128::from(h * 3_600_000 + mi * 60_000 + si * 1000 + frac_ms) - offset_ms;
    }
    Some(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_parse() {
        let o = parse_operator("ForAnyValue:StringLikeIfExists").unwrap();
        assert_eq!(o.base, OpBase::StringLike);
        assert!(o.if_exists);
        assert_eq!(o.set, Some(SetOp::ForAnyValue));
        assert!(parse_operator("StringEqualz").is_none());
        assert!(parse_operator("NullIfExists").is_none());
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_date("1970-01-02"), Some(86_400_000));
        assert_eq!(parse_date("1970-01-01T01:00:00+01:00"), Some(0));
        assert_eq!(parse_date("86400"), Some(86_400_000));
        assert_eq!(
            parse_date("2020-01-01T00:00:00.5Z"),
            Some(1_577_836_800_500)
        );
        assert!(parse_date("2020-13-01").is_none());
        assert!(parse_date("yesterday").is_none());
        // Hostile values are rejected, not overflowed.
        assert!(parse_date("9000000000000000000-01-01").is_none());
        assert!(parse_date("2020-01-01T00:00:00+99999999999999").is_none());
        assert!(parse_date("2020-01-01T00:00:00+0960").is_none());
        assert_eq!(
            parse_date("2020-01-01T00:00:00-0130"),
            parse_date("2020-01-01T01:30:00Z")
        );
    }

    #[test]
    fn cidrs() {
        let (n, l) = parse_cidr("10.0.0.0/8").unwrap();
        assert!(cidr_contains(n, l, "10.1.2.3".parse().unwrap()));
        assert!(!cidr_contains(n, l, "11.1.2.3".parse().unwrap()));
        let (n, l) = parse_cidr("2001:db8::/32").unwrap();
        assert!(cidr_contains(n, l, "2001:db8:1::1".parse().unwrap()));
        assert!(parse_cidr("10.0.0.0/33").is_none());
        let (n, l) = parse_cidr("0.0.0.0/0").unwrap();
        assert!(cidr_contains(n, l, "1.2.3.4".parse().unwrap()));
    }
}
