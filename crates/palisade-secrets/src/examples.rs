//! Rule examples are templates: `«alphabet:n»` expands to `n` deterministic
//! pseudo-random characters, so no realistic-looking credential is ever
//! written in this repository (push protection stays quiet) while every
//! example still exercises the real regex, entropy and validators.
//!
//! Alphabets: `b62` (A-Za-z0-9), `hex`, `HEX`, `b64` (A-Za-z0-9+/), `url`
//! (A-Za-z0-9-_), `alpha` (A-Za-z), `low` (a-z0-9), `UP` (A-Z0-9), `dig`
//! (0-9), `B32` (A-Z2-7), `BECH` (bech32).

const OPEN: char = '«';
const CLOSE: char = '»';

fn alphabet(name: &str) -> Option<&'static [u8]> {
    Some(match name {
        "b62" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
        "hex" => b"0123456789abcdef",
        "HEX" => b"0123456789ABCDEF",
        "b64" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
        "url" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
        "alpha" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "low" => b"abcdefghijklmnopqrstuvwxyz0123456789",
        "UP" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        "dig" => b"0123456789",
        "B32" => b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
        "BECH" => b"QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
        _ => return None,
    })
}

/// A tiny deterministic generator (splitmix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Expands the `«alphabet:n»` markers of `template` with a generator seeded by
/// `seed`. Unknown markers are left as they are.
pub fn render(template: &str, seed: u64) -> String {
    let mut rng = SplitMix(seed ^ 0x5EC2_E75E_C2E7_5EC2);
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find(OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else {
            out.push_str(&rest[open..]);
            return out;
        };
        let spec = &after[..close];
        let parsed = spec
            .split_once(':')
            .and_then(|(a, n)| Some((alphabet(a)?, n.parse::<usize>().ok()?)));
        match parsed {
            Some((alpha, n)) if n <= 4096 => {
                for _ in 0..n {
                    let i = (rng.next() % alpha.len() as u64) as usize;
                    out.push(char::from(alpha[i]));
                }
            }
            _ => {
                out.push(OPEN);
                out.push_str(spec);
                out.push(CLOSE);
            }
        }
        rest = &after[close + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The seed used for a rule's `index`-th example (stable across runs).
pub fn seed(rule_id: &str, index: usize) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in rule_id.bytes().chain((index as u64).to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_deterministically() {
        let a = render("k=«hex:8» «dig:3» «nope:2» {x}", 1);
        assert_eq!(a, render("k=«hex:8» «dig:3» «nope:2» {x}", 1));
        assert_ne!(a, render("k=«hex:8» «dig:3» «nope:2» {x}", 2));
        assert!(a.starts_with("k="));
        assert_eq!(a.len(), "k=".len() + 8 + 1 + 3 + " «nope:2» {x}".len());
        assert!(a.ends_with(" «nope:2» {x}"));
        assert!(a[2..10].bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(render("unterminated «hex:3", 0), "unterminated «hex:3");
    }
}
