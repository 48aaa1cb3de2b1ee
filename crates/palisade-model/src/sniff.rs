//! The cheap content look that decides a file's type (ARCHITECTURE.md: by
//! name, then by the first 64 KiB, never by a full parse).

/// How much of a file the `looks_like_*` sniffs read.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The first [`SNIFF_BYTES`] of `text`, cut back to a character boundary.
pub fn sniff_head(text: &str) -> &str {
    let mut end = text.len().min(SNIFF_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_whole() {
        assert_eq!(sniff_head("abc"), "abc");
    }

    #[test]
    fn long_text_is_cut_on_a_char_boundary() {
        // 'é' is two bytes: put one across the limit.
        let text = format!("{}é tail", "a".repeat(SNIFF_BYTES - 1));
        let head = sniff_head(&text);
        assert_eq!(head.len(), SNIFF_BYTES - 1);
        assert!(head.bytes().all(|b| b == b'a'));
        let text = "b".repeat(SNIFF_BYTES + 10);
        assert_eq!(sniff_head(&text).len(), SNIFF_BYTES);
    }
}
