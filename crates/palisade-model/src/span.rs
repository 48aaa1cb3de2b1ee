use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// A located range in a source file. Lines and columns are 1-based; the end is
/// inclusive of its line. `path` is relative to the scanned root, with `/`
/// separators, so that reports are identical across machines.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub path: Arc<str>,
    pub start_line: u32,
    pub start_col: u32,
    pub end_line: u32,
    pub end_col: u32,
}

impl Span {
    pub fn new(
        path: Arc<str>,
        start_line: u32,
        start_col: u32,
        end_line: u32,
        end_col: u32,
    ) -> Self {
        Span {
            path,
            start_line,
            start_col,
            end_line: end_line.max(start_line),
            end_col,
        }
    }

    /// A span covering a whole line.
    pub fn line(path: Arc<str>, line: u32) -> Self {
        Span::new(path, line, 1, line, 1)
    }

    /// The smallest span covering both (which must be in the same file).
    pub fn cover(&self, other: &Span) -> Span {
        if self.path != other.path {
            return self.clone();
        }
        let (sl, sc) = (self.start_line, self.start_col).min((other.start_line, other.start_col));
        let (el, ec) = (self.end_line, self.end_col).max((other.end_line, other.end_col));
        Span::new(self.path.clone(), sl, sc, el, ec)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.start_line, self.start_col)
    }
}

/// Maps byte (or char) offsets of one text to 1-based line and column.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index by byte offsets.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 1-based (line, column) of an offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        ((line + 1) as u32, (offset - self.starts[line] + 1) as u32)
    }

    pub fn span(&self, path: &Arc<str>, range: std::ops::Range<usize>) -> Span {
        let (sl, sc) = self.line_col(range.start);
        let (el, ec) = self.line_col(range.end.saturating_sub(1).max(range.start));
        Span::new(path.clone(), sl, sc, el, ec + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets() {
        let idx = LineIndex::new("ab\ncd\n\nef");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(1), (1, 2));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(6), (3, 1));
        assert_eq!(idx.line_col(8), (4, 2));
        let p: Arc<str> = "f.tf".into();
        let s = idx.span(&p, 3..5);
        assert_eq!(
            (s.start_line, s.start_col, s.end_line, s.end_col),
            (2, 1, 2, 3)
        );
    }

    #[test]
    fn cover_spans() {
        let p: Arc<str> = "f".into();
        let a = Span::new(p.clone(), 3, 2, 3, 9);
        let b = Span::new(p, 1, 5, 2, 1);
        let c = a.cover(&b);
        assert_eq!(
            (c.start_line, c.start_col, c.end_line, c.end_col),
            (1, 5, 3, 9)
        );
    }
}
