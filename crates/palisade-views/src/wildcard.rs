//! `*`/`?` wildcard matching, shared by IAM actions (case-insensitive) and
//! blueprint selectors (case-sensitive; the IAM case is tested with
//! `aws::iam::wildcard_match`): `*` matches any run of characters
//! (dots and slashes included), `?` exactly one character. No other syntax.

/// Case-sensitive match of the whole `text`.
pub fn matches(pattern: &str, text: &str) -> bool {
    matches_by(pattern, text, |a, b| a == b)
}

/// ASCII-case-insensitive match of the whole `text` (IAM actions).
pub fn matches_ignore_ascii_case(pattern: &str, text: &str) -> bool {
    matches_by(pattern, text, |a, b| a.eq_ignore_ascii_case(&b))
}

/// Greedy matching with one backtrack point: linear in the product of the
/// lengths at worst, no recursion.
fn matches_by(pattern: &str, text: &str, eq: impl Fn(char, char) -> bool) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while let Some(&tc) = t.get(ti) {
        match p.get(pi) {
            Some('*') => {
                while p.get(pi) == Some(&'*') {
                    pi += 1;
                }
                star = Some((pi, ti));
            }
            Some(&pc) if pc == '?' || eq(pc, tc) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_sensitive() {
        assert!(matches(
            "module.data.aws_s3_bucket.*",
            "module.data.aws_s3_bucket.logs"
        ));
        assert!(!matches("module.data.*", "module.app.aws_s3_bucket.logs"));
        assert!(matches("AWS::RDS::*", "AWS::RDS::DBCluster"));
        assert!(!matches("aws::rds::*", "AWS::RDS::DBCluster"));
        assert!(matches("a?c", "abc"));
        assert!(!matches("a?c", "ac"));
        assert!(matches("*", ""));
        assert!(!matches("abc", "abcd"));
        assert!(!matches("abcd", "abc"));
        assert!(matches("*log*", "audit-logs"));
        assert!(matches("a*b*c", "aXbYbZc"));
        assert!(!matches("a*b*c", "aXbYbZ"));
        assert!(matches("é?", "éa"));
    }

    #[test]
    fn many_stars_stay_fast() {
        let pattern = "*a".repeat(200);
        let text = "a".repeat(5000) + "b";
        assert!(!matches(&pattern, &text));
    }
}
