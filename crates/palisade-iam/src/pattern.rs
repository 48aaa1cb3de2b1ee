//! Wildcard patterns (`*`, `?`) with IAM policy variables (`${aws:username}`,
//! `${aws:PrincipalTag/team, 'none'}`, `${*}`, `${?}`, `${$}`), compiled once
//! at parse time and matched without allocation when they hold no variable.

use crate::context::Context;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum El {
    Byte(u8),
    Star,
    One,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    Els(Vec<El>),
    /// A policy variable: lowercased key and optional default.
    Var {
        key: String,
        default: Option<String>,
    },
}

/// A compiled wildcard pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub raw: String,
    toks: Vec<Tok>,
    case_insensitive: bool,
}

/// Outcome of substituting policy variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolved<'a> {
    Els(std::borrow::Cow<'a, [El]>),
    /// A variable had no value (its key, lowercased).
    Missing(String),
    /// A variable had several values (not allowed for variables).
    MultiValued(String),
}

fn lit_els(s: &str, out: &mut Vec<El>, ci: bool) {
    for b in s.bytes() {
        out.push(El::Byte(if ci { b.to_ascii_lowercase() } else { b }));
    }
}

fn wild_els(s: &str, out: &mut Vec<El>, ci: bool) {
    for b in s.bytes() {
        out.push(match b {
            b'*' => El::Star,
            b'?' => El::One,
            _ => El::Byte(if ci { b.to_ascii_lowercase() } else { b }),
        });
    }
}

impl Pattern {
    /// Compiles `raw`. With `vars`, `${...}` are policy variables (policy
    /// version 2012-10-17); without, they are literal text.
    pub fn new(raw: &str, vars: bool, case_insensitive: bool) -> Pattern {
        Pattern::with_options(raw, vars, true, case_insensitive)
    }

    /// Like [`Pattern::new`]; without `wild`, `*` and `?` are literal.
    pub fn with_options(raw: &str, vars: bool, wild: bool, case_insensitive: bool) -> Pattern {
        let ci = case_insensitive;
        let wild_els = |s: &str, out: &mut Vec<El>, ci: bool| {
            if wild {
                wild_els(s, out, ci)
            } else {
                lit_els(s, out, ci)
            }
        };
        let mut toks = Vec::new();
        let mut cur = Vec::new();
        let mut rest = raw;
        while !rest.is_empty() {
            let Some(pos) = rest.find("${").filter(|_| vars) else {
                wild_els(rest, &mut cur, ci);
                break;
            };
            let (before, after) = rest.split_at(pos);
            wild_els(before, &mut cur, ci);
            let inner_all = &after[2..];
            let Some(end) = inner_all.find('}') else {
                wild_els(after, &mut cur, ci);
                break;
            };
            let inner = &inner_all[..end];
            rest = &inner_all[end + 1..];
            match inner.trim() {
                "*" => lit_els("*", &mut cur, ci),
                "?" => lit_els("?", &mut cur, ci),
                "$" => lit_els("$", &mut cur, ci),
                v => {
                    let (key, default) = match v.split_once(',') {
                        Some((k, d)) => {
                            let d = d.trim();
                            let d = d
                                .strip_prefix('\'')
                                .and_then(|d| d.strip_suffix('\''))
                                .unwrap_or(d);
                            (k.trim(), Some(d.to_string()))
                        }
                        None => (v, None),
                    };
                    if !cur.is_empty() {
                        toks.push(Tok::Els(std::mem::take(&mut cur)));
                    }
                    toks.push(Tok::Var {
                        key: key.to_ascii_lowercase(),
                        default,
                    });
                }
            }
        }
        if !cur.is_empty() || toks.is_empty() {
            toks.push(Tok::Els(cur));
        }
        Pattern {
            raw: raw.to_string(),
            toks,
            case_insensitive,
        }
    }

    /// True if the raw text is exactly `*`.
    pub fn is_star(&self) -> bool {
        self.raw == "*"
    }

    /// The variables used (lowercased keys).
    pub fn vars(&self) -> impl Iterator<Item = &str> {
        self.toks.iter().filter_map(|t| match t {
            Tok::Var { key, .. } => Some(key.as_str()),
            _ => None,
        })
    }

    pub(crate) fn resolve<'a>(&'a self, ctx: &Context) -> Resolved<'a> {
        if let [Tok::Els(e)] = self.toks.as_slice() {
            return Resolved::Els(std::borrow::Cow::Borrowed(e));
        }
        let mut out = Vec::new();
        for t in &self.toks {
            match t {
                Tok::Els(e) => out.extend_from_slice(e),
                Tok::Var { key, default } => match ctx.get(key) {
                    Some([v]) => lit_els(v, &mut out, self.case_insensitive),
                    Some([]) | None => match default {
                        Some(d) => lit_els(d, &mut out, self.case_insensitive),
                        None => return Resolved::Missing(key.clone()),
                    },
                    Some(_) => return Resolved::MultiValued(key.clone()),
                },
            }
        }
        Resolved::Els(std::borrow::Cow::Owned(out))
    }

    /// Matches a whole string (no variables: a pattern with variables is
    /// matched with its variables as missing → false). For callers without
    /// a context.
    pub fn matches_plain(&self, text: &str) -> bool {
        match self.toks.as_slice() {
            [Tok::Els(e)] => glob(e, text.as_bytes(), self.case_insensitive),
            _ => false,
        }
    }
}

fn utf8_len(b: u8) -> usize {
    match b {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xff => 4,
        _ => 1,
    }
}

/// Glob match of compiled elements against text bytes. With `ci`, the text
/// is compared ASCII-case-insensitively (the pattern is already lowercase).
pub(crate) fn glob(p: &[El], t: &[u8], ci: bool) -> bool {
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        let tb = t.get(ti).copied().unwrap_or(0);
        match p.get(pi) {
            Some(El::Star) => {
                star = Some((pi, ti));
                pi += 1;
                continue;
            }
            Some(El::One) => {
                ti += utf8_len(tb);
                pi += 1;
                continue;
            }
            Some(El::Byte(b)) => {
                let tb2 = if ci { tb.to_ascii_lowercase() } else { tb };
                if *b == tb2 {
                    pi += 1;
                    ti += 1;
                    continue;
                }
            }
            None => {}
        }
        match star {
            Some((sp, st)) => {
                let nt = st + utf8_len(t.get(st).copied().unwrap_or(0));
                star = Some((sp, nt));
                pi = sp + 1;
                ti = nt;
            }
            None => return false,
        }
    }
    if ti > t.len() {
        return false;
    }
    while p.get(pi) == Some(&El::Star) {
        pi += 1;
    }
    pi == p.len()
}

/// ARN-aware match: when both pattern and text split into the six ARN
/// fields, each field is matched on its own (a wildcard does not span
/// fields); otherwise the whole string is matched.
pub(crate) fn glob_arn(p: &[El], t: &str) -> bool {
    if p == [El::Star] {
        return true;
    }
    let tparts: Vec<&str> = t.splitn(6, ':').collect();
    if tparts.len() == 6 {
        let mut pparts: Vec<&[El]> = Vec::with_capacity(6);
        let mut rest = p;
        while pparts.len() < 5 {
            match rest.iter().position(|e| *e == El::Byte(b':')) {
                Some(i) => {
                    pparts.push(rest.get(..i).unwrap_or(&[]));
                    rest = rest.get(i + 1..).unwrap_or(&[]);
                }
                None => break,
            }
        }
        if pparts.len() == 5 {
            pparts.push(rest);
            return pparts
                .iter()
                .zip(tparts.iter())
                .all(|(pp, tp)| glob(pp, tp.as_bytes(), false));
        }
        // An ARN against a pattern with fewer fields: a wildcard cannot
        // span fields, so it cannot match.
        return false;
    }
    glob(p, t.as_bytes(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        Pattern::new(p, true, false).matches_plain(t)
    }

    #[test]
    fn globbing() {
        assert!(m("*", ""));
        assert!(m("a*c", "abbbc"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("a?c", "aéc"));
        assert!(m("*b*", "abc"));
        assert!(!m("abc", "abcd"));
        assert!(m("a**", "a"));
        assert!(!m("A", "a"));
        assert!(Pattern::new("S3:get*", false, true).matches_plain("s3:GetObject"));
        assert!(m("x${*}y", "x*y"));
        assert!(!m("x${*}y", "xzy"));
        assert!(m("${$}${?}", "$?"));
    }

    #[test]
    fn arn_fields() {
        let p = Pattern::new("arn:aws:s3:::*", false, false);
        let Tok::Els(e) = &p.toks[0] else { panic!() };
        assert!(glob_arn(e, "arn:aws:s3:::bucket/a:b"));
        let p = Pattern::new("arn:aws:ec2:*:instance/*", false, false);
        let Tok::Els(e) = &p.toks[0] else { panic!() };
        // the star may not span the account field
        assert!(!glob_arn(e, "arn:aws:ec2:us-east-1:1:instance/i-1"));
    }
}
