//! The text report shows offending lines; for hard-coded secrets those
//! lines hold the secret. Sources handed to the text renderer go through
//! here, which masks every secret finding's span.

use std::collections::HashMap;
use std::path::PathBuf;

use palisade_engine::{Category, Finding};

/// Masks `[start_col, end_col)` on the finding's lines (whole lines in
/// between for multi-line secrets such as PEM keys).
pub fn mask(text: &str, spans: &[(u32, u32, u32, u32)]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    for &(sl, sc, el, ec) in spans {
        for ln in sl..=el {
            let Some(line) = lines.get_mut(ln as usize - 1) else {
                continue;
            };
            let chars: Vec<char> = line.chars().collect();
            let from = if ln == sl {
                sc.saturating_sub(1) as usize
            } else {
                0
            };
            let to = if ln == el {
                (ec.saturating_sub(1) as usize).max(from)
            } else {
                chars.len()
            };
            let to = to.min(chars.len());
            if from >= to {
                continue;
            }
            let mut out: String = chars[..from].iter().collect();
            out.extend(std::iter::repeat_n('*', (to - from).min(8)));
            out.extend(chars[to..].iter());
            *line = out;
        }
    }
    lines.join("\n")
}

/// A source reader that masks the secrets among `findings`.
pub fn source(root: PathBuf, findings: &[Finding]) -> impl Fn(&str) -> Option<String> {
    let mut spans: HashMap<String, Vec<(u32, u32, u32, u32)>> = HashMap::new();
    for f in findings.iter().filter(|f| f.category == Category::Secrets) {
        let l = &f.location;
        spans.entry(l.path.to_string()).or_default().push((
            l.start_line,
            l.start_col,
            l.end_line,
            l.end_col,
        ));
    }
    move |p: &str| {
        let text = std::fs::read_to_string(root.join(p)).ok()?;
        Some(match spans.get(p) {
            Some(s) => mask(&text, s),
            None => text,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_single_and_multi_line_spans() {
        let t = "a = 1\npassword = \"hunter2hunter2\"\nb = 2\n-----BEGIN\nXYZ\n-----END\n";
        let m = mask(t, &[(2, 13, 2, 27), (4, 1, 6, 9)]);
        assert!(!m.contains("hunter2"), "{m}");
        assert!(m.contains("password = \"********\""), "{m}");
        assert!(!m.contains("XYZ"));
        assert!(m.starts_with("a = 1\n"));
        assert!(m.contains("b = 2"));
        // Out-of-range spans are ignored, never a panic.
        assert_eq!(mask("x", &[(5, 1, 9, 9), (1, 9, 1, 2)]), "x");
    }
}
