//! The text of one suppression: `RULE[,RULE…] reason="…" expires=YYYY-MM-DD
//! owner=… [instance=KEY]`, as written after `palisade:ignore` in a comment
//! or in a Kubernetes annotation.

/// The marker of an inline suppression comment.
pub const MARKER: &str = "palisade:ignore";

/// One parsed suppression directive (not validated against rules or dates).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Directive {
    pub rules: Vec<String>,
    pub reason: Option<String>,
    pub owner: Option<String>,
    pub expires: Option<String>,
    pub instance: Option<String>,
}

/// Parses a directive body (the text after the marker).
pub fn parse(body: &str) -> Result<Directive, String> {
    let mut d = Directive::default();
    let mut rest = body.trim_start();
    // The rule list: everything up to the first `key=`; commas and spaces
    // separate ids.
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == ',')
            .unwrap_or(rest.len());
        let tok = &rest[..end];
        if tok.contains('=') {
            break;
        }
        if !tok
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '*' | '?'))
        {
            return Err(format!("invalid rule id {tok:?}"));
        }
        d.rules.push(tok.to_string());
        rest = &rest[end..];
    }
    if d.rules.is_empty() {
        return Err("no rule id after `palisade:ignore` (expected e.g. `palisade:ignore PAL-S3-001 reason=\"…\"`)".into());
    }
    // key=value pairs.
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some(eq) = rest.find('=') else {
            return Err(format!(
                "unexpected {:?}: expected key=value (reason, owner, expires, instance)",
                rest.split_whitespace().next().unwrap_or(rest)
            ));
        };
        let key = rest[..eq].trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(format!(
                "unexpected {:?}: expected key=value (reason, owner, expires, instance)",
                rest.split_whitespace().next().unwrap_or(rest)
            ));
        }
        rest = &rest[eq + 1..];
        let value;
        if let Some(q) = rest.strip_prefix('"') {
            let mut out = String::new();
            let mut chars = q.char_indices();
            let mut close = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, n)) => out.push(n),
                        None => break,
                    },
                    '"' => {
                        close = Some(i);
                        break;
                    }
                    c => out.push(c),
                }
            }
            let Some(i) = close else {
                return Err(format!("unterminated quoted value of {key}"));
            };
            value = out;
            rest = &q[i + 1..];
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            value = rest[..end].to_string();
            rest = &rest[end..];
        }
        let slot = match key {
            "reason" => &mut d.reason,
            "owner" => &mut d.owner,
            "expires" => &mut d.expires,
            "instance" => &mut d.instance,
            other => {
                return Err(format!(
                    "unknown key {other:?} (expected reason, owner, expires, instance)"
                ));
            }
        };
        if slot.is_some() {
            return Err(format!("{key} given twice"));
        }
        *slot = Some(value);
    }
    Ok(d)
}

/// Comment syntax of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentStyle {
    /// `#`, `//` and `/* */` (HCL).
    Hcl,
    /// `#` only (YAML, Dockerfile).
    Hash,
    /// No comments (JSON).
    None,
}

impl CommentStyle {
    /// The style of a file by its name.
    pub fn of_path(path: &str) -> CommentStyle {
        let lower = path.to_ascii_lowercase();
        let name = lower.rsplit('/').next().unwrap_or(&lower);
        if name.ends_with(".tf") || name.ends_with(".hcl") || name.ends_with(".tfvars") {
            CommentStyle::Hcl
        } else if name.ends_with(".json") {
            CommentStyle::None
        } else {
            CommentStyle::Hash
        }
    }
}

/// A directive found in a file's comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// 1-based line of the marker.
    pub line: u32,
    /// 1-based column of the marker.
    pub col: u32,
    /// Is the line only a comment (no code before it)?
    pub own_line: bool,
    pub result: Result<Directive, String>,
}

/// Is `line` (trimmed) only a comment (or inside a block comment)?
fn is_comment_line(line: &str, style: CommentStyle) -> bool {
    let t = line.trim_start();
    match style {
        CommentStyle::Hcl => {
            t.starts_with('#') || t.starts_with("//") || t.starts_with("/*") || t.starts_with('*')
        }
        CommentStyle::Hash => t.starts_with('#'),
        CommentStyle::None => false,
    }
}

/// Finds every `palisade:ignore` directive in a file's comments.
pub fn scan(text: &str, style: CommentStyle) -> Vec<Found> {
    let mut out = Vec::new();
    if style == CommentStyle::None {
        return out;
    }
    let mut in_block = false;
    for (i, line) in text.lines().enumerate() {
        let lineno = i as u32 + 1;
        let was_in_block = in_block;
        if style == CommentStyle::Hcl {
            // Track `/* */` for directives on the lines of a block comment.
            let mut s = line;
            let mut inb = in_block;
            loop {
                if inb {
                    match s.find("*/") {
                        Some(p) => {
                            inb = false;
                            s = &s[p + 2..];
                        }
                        None => break,
                    }
                } else {
                    match s.find("/*") {
                        Some(p) => {
                            inb = true;
                            s = &s[p + 2..];
                        }
                        None => break,
                    }
                }
            }
            in_block = inb;
        }
        let Some(pos) = line.find(MARKER) else {
            continue;
        };
        let before = &line[..pos];
        let in_comment = was_in_block
            || match style {
                CommentStyle::Hcl => {
                    before.contains('#') || before.contains("//") || before.contains("/*")
                }
                CommentStyle::Hash => before.contains('#'),
                CommentStyle::None => false,
            };
        if !in_comment {
            continue;
        }
        // The marker must be the comment's first word (so prose that merely
        // mentions it is not a directive).
        let lead = before.trim_end();
        let lead_ok = was_in_block && lead.trim_start().trim_start_matches('*').trim().is_empty()
            || lead.ends_with('#')
            || lead.ends_with("//")
            || lead.ends_with("/*")
            || (was_in_block && lead.is_empty());
        if !lead_ok {
            continue;
        }
        let mut body = &line[pos + MARKER.len()..];
        if let Some(p) = body.find("*/") {
            body = &body[..p];
        }
        let result = if body.starts_with(|c: char| c.is_whitespace()) || body.trim().is_empty() {
            parse(body)
        } else {
            Err(format!(
                "expected a space after `{MARKER}`, found {:?}",
                body.chars().next().unwrap_or(' ')
            ))
        };
        let own_line = was_in_block || is_comment_line(line, style);
        out.push(Found {
            line: lineno,
            col: before.chars().count() as u32 + 1,
            own_line,
            result,
        });
    }
    out
}

/// Is line `n` (1-based) of `lines` blank or only a comment?
pub fn skippable(line: &str, style: CommentStyle) -> bool {
    line.trim().is_empty() || is_comment_line(line, style)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_directive() {
        let d = parse(r#" PAL-S3-001,PAL-S3-002 reason="public \"site\"" expires=2030-01-01 owner=team-web instance="a""#).unwrap();
        assert_eq!(d.rules, vec!["PAL-S3-001", "PAL-S3-002"]);
        assert_eq!(d.reason.as_deref(), Some("public \"site\""));
        assert_eq!(d.expires.as_deref(), Some("2030-01-01"));
        assert_eq!(d.owner.as_deref(), Some("team-web"));
        assert_eq!(d.instance.as_deref(), Some("a"));
    }

    #[test]
    fn rejects_malformed() {
        assert!(parse("").unwrap_err().contains("no rule id"));
        assert!(parse(" reason=x").unwrap_err().contains("no rule id"));
        assert!(
            parse(" PAL-1 color=red")
                .unwrap_err()
                .contains("unknown key")
        );
        assert!(
            parse(" PAL-1 reason=\"open")
                .unwrap_err()
                .contains("unterminated")
        );
        assert!(
            parse(" PAL-1 reason=a reason=b")
                .unwrap_err()
                .contains("twice")
        );
        assert!(
            parse(" PAL-1 reason=a because")
                .unwrap_err()
                .contains("key=value")
        );
        assert!(
            parse(" PAL/1 reason=a")
                .unwrap_err()
                .contains("invalid rule id")
        );
    }

    #[test]
    fn scans_comment_styles() {
        let text = "# palisade:ignore A reason=x\nresource \"a\" \"b\" { // palisade:ignore B reason=y\n  /* palisade:ignore C reason=z */\n  s = \"# palisade:ignore D\"\n}\n# see palisade:ignore docs\n";
        let f = scan(text, CommentStyle::Hcl);
        let lines: Vec<u32> = f.iter().map(|x| x.line).collect();
        // Line 4 is a string containing `#` before the marker: it is taken
        // as a comment by this lexer-free scan only when the marker starts
        // the comment; `"# palisade:ignore D"` does, so it is reported.
        assert_eq!(lines, vec![1, 2, 3, 4]);
        assert!(f[0].own_line);
        assert!(!f[1].own_line);
        assert!(f[2].own_line);
        assert_eq!(f[2].result.as_ref().unwrap().reason.as_deref(), Some("z"));
        assert_eq!(f[1].result.as_ref().unwrap().rules, vec!["B"]);
        // YAML: `//` is not a comment.
        let y = scan(
            "a: 1 // palisade:ignore X reason=r\n# palisade:ignore Y reason=r\n",
            CommentStyle::Hash,
        );
        assert_eq!(y.len(), 1);
        assert_eq!(y[0].line, 2);
        assert!(scan("{\"a\": \"# palisade:ignore X\"}", CommentStyle::None).is_empty());
    }

    #[test]
    fn marker_needs_space() {
        let f = scan("# palisade:ignoreX reason=r\n", CommentStyle::Hash);
        assert_eq!(f.len(), 1);
        assert!(f[0].result.is_err());
    }

    #[test]
    fn block_comment_lines() {
        let f = scan("/*\n palisade:ignore A reason=r\n*/\n", CommentStyle::Hcl);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].line, 2);
        assert!(f[0].own_line);
    }
}
