//! Text edits located by the model's spans, for HCL and block-style YAML.
//!
//! Every helper returns `None` rather than guess: when the text at a span
//! does not look like what the model says is there (a flow-style YAML map, a
//! JSON template, a column that does not land on the key), no edit is made.

use palisade_model::{Node, Span, Value};

/// Replace the bytes `start..end` of the original text with `text` (an
/// insertion when `start == end`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl Edit {
    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Edit {
            start: at,
            end: at,
            text: text.into(),
        }
    }
    pub fn replace(start: usize, end: usize, text: impl Into<String>) -> Self {
        Edit {
            start,
            end,
            text: text.into(),
        }
    }
}

/// Applies edits (sorted by start, not overlapping) to `text`. Returns
/// `None` when they overlap or fall outside the text.
pub fn apply_edits(text: &str, edits: &[Edit]) -> Option<String> {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut pos = 0usize;
    for e in sorted {
        if e.start < pos || e.end < e.start || e.end > text.len() {
            return None;
        }
        out.push_str(text.get(pos..e.start)?);
        out.push_str(&e.text);
        pos = e.end;
    }
    out.push_str(text.get(pos..)?);
    Some(out)
}

/// Byte offset of the start of 1-based `line`.
pub fn line_start(text: &str, line: u32) -> Option<usize> {
    if line == 0 {
        return None;
    }
    if line == 1 {
        return Some(0);
    }
    let mut n = 1u32;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            n += 1;
            if n == line {
                return Some(i + 1);
            }
        }
    }
    None
}

/// Byte offset just after the end of 1-based `line` (after its newline, or
/// the end of the text).
pub fn line_end_incl(text: &str, line: u32) -> Option<usize> {
    let s = line_start(text, line)?;
    Some(match text.get(s..)?.find('\n') {
        Some(i) => s + i + 1,
        None => text.len(),
    })
}

/// Byte offset of 1-based `line`/`col`. Parsers count columns in bytes or in
/// chars; `expect` (the text that should start there) picks the right one.
pub fn offset(text: &str, line: u32, col: u32, expect: Option<&str>) -> Option<usize> {
    let ls = line_start(text, line)?;
    let c = col.checked_sub(1)? as usize;
    let by_byte = ls + c;
    let ok = |o: usize| {
        text.is_char_boundary(o)
            && expect.is_none_or(|e| text.get(o..).is_some_and(|t| t.starts_with(e)))
    };
    if by_byte <= text.len() && ok(by_byte) {
        return Some(by_byte);
    }
    let line_text = text.get(ls..)?;
    let by_char = ls + line_text.char_indices().nth(c).map(|(i, _)| i)?;
    ok(by_char).then_some(by_char)
}

/// Start and end byte offsets of a span (end exclusive).
pub fn span_range(text: &str, s: &Span, expect: Option<&str>) -> Option<(usize, usize)> {
    let a = offset(text, s.start_line, s.start_col, expect)?;
    let b = offset(text, s.end_line, s.end_col, None)
        .or_else(|| line_end_incl(text, s.end_line).map(|e| e.min(text.len())))?;
    (b >= a).then_some((a, b))
}

/// The leading whitespace of the line holding byte `at`.
pub fn indent_at(text: &str, at: usize) -> String {
    let ls = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i + 1);
    text.get(ls..)
        .unwrap_or("")
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect()
}

fn newline_before(text: &str, at: usize) -> bool {
    at == 0 || text.get(..at).is_some_and(|t| t.ends_with('\n'))
}

// ---------------------------------------------------------------------------
// HCL

/// Sets `name = value` in the HCL block spanning `block` (a resource or a
/// nested block). `existing` is the attribute's node when the model has it:
/// its value is replaced; otherwise a line is inserted before the block's
/// closing brace, indented like the block's other attributes.
pub fn hcl_set(
    text: &str,
    block: &Span,
    existing: Option<&Node>,
    name: &str,
    value: &str,
) -> Option<Edit> {
    if let Some(span) = existing.and_then(|n| n.span.as_ref()) {
        let (a, b) = span_range(text, span, Some(name))?;
        let region = text.get(a..b)?;
        let eq = region.find('=')?;
        let after = region.get(eq + 1..)?;
        let ws = after.len() - after.trim_start().len();
        return Some(Edit::replace(a + eq + 1 + ws, b, value));
    }
    hcl_insert(text, block, &format!("{name} = {value}"))
}

/// Inserts `body` (one or more lines, without indentation) as the last item
/// of the HCL block spanning `block`.
pub fn hcl_insert(text: &str, block: &Span, body: &str) -> Option<Edit> {
    let (a, b) = span_range(text, block, None)?;
    // The closing brace is the last non-space char of the block.
    let inner = text.get(a..b)?.trim_end();
    if !inner.ends_with('}') {
        return None;
    }
    let close = a + inner.len() - 1;
    let block_indent = indent_at(text, a);
    let open = text.get(a..close)?.find('{')? + a;
    // Indentation of the block's first attribute line, else block + 2.
    let child = text
        .get(open + 1..close)?
        .lines()
        .skip(1)
        .find(|l| !l.trim().is_empty())
        .map(|l| {
            l.chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect::<String>()
        })
        .filter(|i| i.len() > block_indent.len())
        .unwrap_or_else(|| format!("{block_indent}  "));
    let mut lines = String::new();
    for l in body.lines() {
        if l.is_empty() {
            lines.push('\n');
        } else {
            lines.push_str(&child);
            lines.push_str(l);
            lines.push('\n');
        }
    }
    if newline_before(text, close - indent_at(text, close).len())
        && text
            .get(..close)?
            .trim_end_matches([' ', '\t'])
            .ends_with('\n')
    {
        // `}` alone on its line: insert before that line.
        let at = close - indent_at(text, close).len();
        Some(Edit::insert(at, lines))
    } else {
        // `{ ... }` on one line: HCL allows one attribute there, so the
        // block is opened up onto several lines.
        let inner = text.get(open + 1..close)?.trim();
        if inner.is_empty() {
            Some(Edit::insert(close, format!("\n{lines}{block_indent}")))
        } else {
            Some(Edit::replace(
                open + 1,
                close,
                format!("\n{child}{inner}\n{lines}{block_indent}"),
            ))
        }
    }
}

/// Sets `name = value` inside the nested block `block_name` of `res_attrs`
/// (the resource's attribute map), creating the block when absent.
pub fn hcl_set_nested(
    text: &str,
    res_span: &Span,
    res_attrs: &Node,
    block_name: &str,
    name: &str,
    value: &str,
) -> Option<Edit> {
    let blk = res_attrs.get(block_name).node();
    match blk {
        Some(n) => {
            // Blocks are lists of maps in the model.
            let first = match &n.value {
                Value::List(l) => l.first()?,
                Value::Map(_) => n,
                _ => return None,
            };
            let span = first.span.as_ref()?;
            let region = span_range(text, span, Some(block_name))?;
            if !text.get(region.0..region.1)?.contains('{') {
                return None;
            }
            hcl_set(text, span, first.get(name).node(), name, value)
        }
        None => hcl_insert(
            text,
            res_span,
            &format!("{block_name} {{\n  {name} = {value}\n}}"),
        ),
    }
}

/// Appends `block` (full text, no trailing newline needed) after the block
/// ending at `after`'s last line.
pub fn append_after(text: &str, after: &Span, block: &str) -> Option<Edit> {
    let at = line_end_incl(text, after.end_line)?;
    let mut s = String::new();
    if at == text.len() && !text.ends_with('\n') && !text.is_empty() {
        s.push('\n');
    }
    s.push('\n');
    s.push_str(block.trim_end());
    s.push('\n');
    Some(Edit::insert(at, s))
}

// ---------------------------------------------------------------------------
// YAML (block style)

/// The column (0-based) and byte offset of a block map's first key. `None`
/// for flow maps, JSON, or anything that does not look like `key:`.
fn yaml_block_map(text: &str, map: &Node) -> Option<(usize, usize)> {
    let m = map.as_map()?;
    let (k, first) = m.first()?;
    // Entry spans start at their key (a map's own span may start at the
    // key that holds it).
    let span = first.span.as_ref().or(map.span.as_ref())?;
    let a = offset(text, span.start_line, span.start_col, Some(k.as_str()))?;
    let ls = text.get(..a)?.rfind('\n').map_or(0, |i| i + 1);
    let prefix = text.get(ls..a)?;
    // Only spaces, or spaces and a `- ` list marker, before the first key.
    if !prefix.chars().all(|c| c == ' ' || c == '-') {
        return None;
    }
    Some((prefix.chars().count(), a))
}

fn is_block_entry(text: &str, node_span: &Span, key: &str) -> Option<(usize, usize)> {
    let (a, b) = span_range(text, node_span, Some(key))?;
    let region = text.get(a..b)?;
    let rest = region.get(key.len()..)?;
    rest.trim_start_matches([' ', '\t'])
        .starts_with(':')
        .then_some((a, b))
}

/// Renders `path: value` as indented YAML lines at `indent` spaces.
fn yaml_lines(indent: usize, path: &[&str], value: &str) -> String {
    let mut s = String::new();
    for (i, k) in path.iter().enumerate() {
        s.push_str(&" ".repeat(indent + 2 * i));
        s.push_str(k);
        s.push(':');
        if i + 1 == path.len() {
            if value.starts_with('\n') {
                for l in value.lines().skip(1) {
                    s.push('\n');
                    s.push_str(&" ".repeat(indent + 2 * (i + 1)));
                    s.push_str(l);
                }
            } else {
                s.push(' ');
                s.push_str(value);
            }
        }
        s.push('\n');
    }
    s
}

/// Sets `path` (nested keys) to `value` under the block-style YAML `map`.
/// A `value` starting with a newline is a nested block (its lines are
/// indented under the last key). Existing scalar values are replaced in
/// place (a trailing comment stays); missing keys are added at the end of
/// the deepest existing map.
pub fn yaml_set(text: &str, map: &Node, path: &[&str], value: &str) -> Option<Edit> {
    yaml_set_depth(text, map, path, value, 0)
}

fn yaml_set_depth(
    text: &str,
    map: &Node,
    path: &[&str],
    value: &str,
    depth: usize,
) -> Option<Edit> {
    if depth > 64 {
        return None;
    }
    let (key, rest) = path.split_first()?;
    let (col, _) = yaml_block_map(text, map)?;
    let m = map.as_map()?;
    match m.get(*key) {
        Some(child) if rest.is_empty() => {
            if value.starts_with('\n') {
                return None;
            }
            let span = child.span.as_ref()?;
            let (a, b) = is_block_entry(text, span, key)?;
            let region = text.get(a..b)?;
            let colon = region.get(key.len()..)?.find(':')? + key.len();
            let after = region.get(colon + 1..)?;
            let ws = after.len() - after.trim_start_matches([' ', '\t']).len();
            let vstart = a + colon + 1 + ws;
            if child.as_map().is_some() || child.as_list().is_some() {
                return None;
            }
            Some(Edit::replace(vstart, b, value))
        }
        Some(child) => {
            if child.as_map().is_some() {
                yaml_set_depth(text, child, rest, value, depth + 1)
            } else {
                None
            }
        }
        None => {
            let span = map.span.as_ref()?;
            let at = line_end_incl(text, span.end_line)?;
            let mut s = String::new();
            if at == text.len() && !text.ends_with('\n') {
                s.push('\n');
            }
            s.push_str(&yaml_lines(col, path, value));
            Some(Edit::insert(at, s))
        }
    }
}

/// Appends `item` to the block- or flow-style YAML list at `path` under
/// `map`, creating the list (block style) when absent.
pub fn yaml_list_add(text: &str, map: &Node, path: &[&str], item: &str) -> Option<Edit> {
    let (key, rest) = path.split_first()?;
    let (col, _) = yaml_block_map(text, map)?;
    let m = map.as_map()?;
    match m.get(*key) {
        None => {
            let span = map.span.as_ref()?;
            let at = line_end_incl(text, span.end_line)?;
            let mut s = String::new();
            if at == text.len() && !text.ends_with('\n') {
                s.push('\n');
            }
            for (i, k) in path.iter().enumerate() {
                s.push_str(&format!("{}{k}:\n", " ".repeat(col + 2 * i)));
            }
            s.push_str(&format!("{}- {item}\n", " ".repeat(col + 2 * path.len())));
            Some(Edit::insert(at, s))
        }
        Some(child) if !rest.is_empty() => {
            child.as_map()?;
            yaml_list_add(text, child, rest, item)
        }
        Some(child) => {
            let list = child.as_list()?;
            let span = child.span.as_ref()?;
            let (a, b) = is_block_entry(text, span, key)?;
            let region = text.get(a..b)?;
            if let Some(open) = region.find('[') {
                let sep = if list.is_empty() { "" } else { ", " };
                return Some(Edit::insert(a + open + 1, format!("{item}{sep}")));
            }
            let first = list.first()?.span.as_ref()?;
            let fa = offset(text, first.start_line, first.start_col, None)?;
            let ls = text.get(..fa)?.rfind('\n').map_or(0, |i| i + 1);
            let prefix = text.get(ls..fa)?;
            if !prefix.trim_end().ends_with('-') {
                return None;
            }
            let dash_col = prefix.find('-')?;
            let last = list.last()?.span.as_ref()?;
            let at = line_end_incl(text, last.end_line.max(span.end_line))?;
            let mut s = String::new();
            if at == text.len() && !text.ends_with('\n') {
                s.push('\n');
            }
            s.push_str(&format!("{}- {item}\n", " ".repeat(dash_col)));
            Some(Edit::insert(at, s))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_edits_in_order_and_rejects_overlap() {
        let t = "abcdef";
        let e = [Edit::replace(4, 5, "E"), Edit::insert(0, ">")];
        assert_eq!(apply_edits(t, &e).as_deref(), Some(">abcdEf"));
        let bad = [Edit::replace(0, 3, "x"), Edit::replace(2, 4, "y")];
        assert_eq!(apply_edits(t, &bad), None);
        assert_eq!(apply_edits(t, &[Edit::replace(3, 99, "")]), None);
    }

    #[test]
    fn offsets_by_byte_or_char() {
        let t = "a\nébc: 1\n";
        // A parser counting chars says col 2 for `b`.
        assert_eq!(offset(t, 2, 2, Some("bc")), Some(4));
        assert_eq!(offset(t, 2, 3, Some("bc")), Some(4));
        assert_eq!(offset(t, 9, 1, None), None);
        assert_eq!(indent_at("x\n    y", 6), "    ");
    }
}
