//! A tiny JSON parser that keeps byte ranges, so that policy statements can
//! be located (serde_json gives no positions). Depth is capped; errors are
//! returned with their offset, never a panic.

use std::ops::Range;

/// Maximum nesting depth accepted.
pub const MAX_DEPTH: usize = 256;

#[derive(Clone, Debug, PartialEq)]
pub enum JKind {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    String(String),
    Array(Vec<JVal>),
    /// Members in source order (duplicates kept; readers decide).
    Object(Vec<(JKey, JVal)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct JKey {
    pub name: String,
    pub range: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JVal {
    pub kind: JKind,
    pub range: Range<usize>,
}

impl JVal {
    pub fn get(&self, key: &str) -> Option<&JVal> {
        match &self.kind {
            JKind::Object(m) => m.iter().rev().find(|(k, _)| k.name == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JKind::String(s) => Some(s),
            _ => None,
        }
    }
    /// A scalar rendered as the string IAM compares (numbers and booleans
    /// as written).
    pub fn scalar_string(&self) -> Option<String> {
        match &self.kind {
            JKind::String(s) => Some(s.clone()),
            JKind::Number(n) => Some(n.clone()),
            JKind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            JKind::Null => "null",
            JKind::Bool(_) => "boolean",
            JKind::Number(_) => "number",
            JKind::String(_) => "string",
            JKind::Array(_) => "array",
            JKind::Object(_) => "object",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JError {
    pub offset: usize,
    pub message: String,
}

pub fn parse(text: &str) -> Result<JVal, JError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        i: 0,
    };
    // A UTF-8 byte-order mark is tolerated.
    if text.starts_with('\u{feff}') {
        p.i = 3;
    }
    p.ws();
    let v = p.value(0)?;
    p.ws();
    if p.i < p.s.len() {
        return Err(p.err("trailing characters after the JSON value"));
    }
    Ok(v)
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn err(&self, m: &str) -> JError {
        JError {
            offset: self.i.min(self.s.len()),
            message: m.to_string(),
        }
    }
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn ws(&mut self) {
        while let Some(c) = self.peek() {
            if matches!(c, b' ' | b'\t' | b'\n' | b'\r') {
                self.i += 1;
            } else {
                break;
            }
        }
    }
    fn value(&mut self, depth: usize) -> Result<JVal, JError> {
        if depth > MAX_DEPTH {
            return Err(self.err("JSON nested too deeply"));
        }
        let start = self.i;
        let kind = match self.peek() {
            None => return Err(self.err("unexpected end of input")),
            Some(b'{') => {
                self.i += 1;
                let mut members = Vec::new();
                self.ws();
                if self.peek() == Some(b'}') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        let kstart = self.i;
                        if self.peek() != Some(b'"') {
                            return Err(self.err("expected a string key"));
                        }
                        let name = self.string()?;
                        let key = JKey {
                            name,
                            range: kstart..self.i,
                        };
                        self.ws();
                        if self.peek() != Some(b':') {
                            return Err(self.err("expected ':'"));
                        }
                        self.i += 1;
                        self.ws();
                        let v = self.value(depth + 1)?;
                        members.push((key, v));
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(b'}') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.err("expected ',' or '}'")),
                        }
                    }
                }
                JKind::Object(members)
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                } else {
                    loop {
                        self.ws();
                        items.push(self.value(depth + 1)?);
                        self.ws();
                        match self.peek() {
                            Some(b',') => self.i += 1,
                            Some(b']') => {
                                self.i += 1;
                                break;
                            }
                            _ => return Err(self.err("expected ',' or ']'")),
                        }
                    }
                }
                JKind::Array(items)
            }
            Some(b'"') => JKind::String(self.string()?),
            Some(b't') => {
                self.lit("true")?;
                JKind::Bool(true)
            }
            Some(b'f') => {
                self.lit("false")?;
                JKind::Bool(false)
            }
            Some(b'n') => {
                self.lit("null")?;
                JKind::Null
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => JKind::Number(self.number()?),
            Some(_) => return Err(self.err("unexpected character")),
        };
        Ok(JVal {
            kind,
            range: start..self.i,
        })
    }
    fn lit(&mut self, w: &str) -> Result<(), JError> {
        if self.s.get(self.i..self.i + w.len()) == Some(w.as_bytes()) {
            self.i += w.len();
            Ok(())
        } else {
            Err(self.err("invalid literal"))
        }
    }
    fn number(&mut self) -> Result<String, JError> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        let mut digits = 0;
        while let Some(c) = self.peek() {
            if c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-') {
                if c.is_ascii_digit() {
                    digits += 1;
                }
                self.i += 1;
            } else {
                break;
            }
        }
        let t = self.text.get(start..self.i).unwrap_or("");
        if digits == 0 || t.parse::<f64>().is_err() {
            return Err(JError {
                offset: start,
                message: format!("invalid number {t:?}"),
            });
        }
        Ok(t.to_string())
    }
    fn hex4(&mut self) -> Result<u32, JError> {
        let h = self
            .text
            .get(self.i..self.i + 4)
            .ok_or_else(|| self.err("truncated \\u escape"))?;
        let v = u32::from_str_radix(h, 16).map_err(|_| self.err("invalid \\u escape"))?;
        self.i += 4;
        Ok(v)
    }
    fn string(&mut self) -> Result<String, JError> {
        // at '"'
        self.i += 1;
        let mut out = String::new();
        loop {
            let run_start = self.i;
            while let Some(c) = self.peek() {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            out.push_str(self.text.get(run_start..self.i).unwrap_or(""));
            match self.peek() {
                None => return Err(self.err("unterminated string")),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = self.peek().ok_or_else(|| self.err("unterminated escape"))?;
                    self.i += 1;
                    match c {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi) {
                                if self.s.get(self.i..self.i + 2) == Some(b"\\u") {
                                    self.i += 2;
                                    let lo = self.hex4()?;
                                    if !(0xDC00..0xE000).contains(&lo) {
                                        return Err(self.err("invalid surrogate pair"));
                                    }
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    return Err(self.err("lone surrogate"));
                                }
                            } else {
                                hi
                            };
                            out.push(
                                char::from_u32(cp).ok_or_else(|| self.err("invalid code point"))?,
                            );
                        }
                        _ => return Err(self.err("invalid escape")),
                    }
                }
                Some(_) => return Err(self.err("control character in string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_ranges() {
        let t = r#"{"a": [1, "x\u00e9", true, null], "b": {"c": -2.5e3}}"#;
        let v = parse(t).unwrap();
        let a = v.get("a").unwrap();
        assert_eq!(&t[a.range.clone()], r#"[1, "x\u00e9", true, null]"#);
        match &a.kind {
            JKind::Array(items) => {
                assert_eq!(items[1].as_str(), Some("xé"));
                assert_eq!(items[0].scalar_string().as_deref(), Some("1"));
            }
            _ => panic!("array expected"),
        }
        assert_eq!(
            v.get("b")
                .unwrap()
                .get("c")
                .unwrap()
                .scalar_string()
                .as_deref(),
            Some("-2.5e3")
        );
    }

    #[test]
    fn errors_are_located_not_panics() {
        for bad in [
            "",
            "{",
            "{\"a\" 1}",
            "[1,]",
            "\"abc",
            "{\"a\":tru}",
            "[1] x",
            "\"\\ud800\"",
            "-",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(10_000);
        let e = parse(&deep).unwrap_err();
        assert!(e.message.contains("deep"));
        let e = parse("{\n  \"a\": ,\n}").unwrap_err();
        assert_eq!(e.offset, 9);
    }
}
