//! A cheap, conservative pre-filter for evaluation: the input types a
//! package's result rules can match at all, read from statements at the top
//! level of every rule body such as `input.type == "aws_s3_bucket"` or
//! `input.type in {"Deployment", "StatefulSet"}`. Such a statement is a
//! necessary condition of its body, so an input of another type cannot give
//! a result and its evaluation is skipped. Anything the reader is not sure of
//! (a body without such a statement, `else`, several bodies, `default`,
//! `with`, a one-line `if` without braces) leaves the package unfiltered.

use std::collections::{BTreeMap, BTreeSet};

/// Packages whose every result rule is guarded, with the union of the types.
pub(crate) fn type_guards<'a>(
    sources: impl Iterator<Item = &'a str>,
    result_rules: &BTreeMap<String, Vec<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    // A package may span several files: read all of its items together.
    let mut by_pkg: BTreeMap<String, Vec<&'a str>> = BTreeMap::new();
    for text in sources {
        let Some(pkg) = text.lines().find_map(|l| {
            l.trim()
                .strip_prefix("package ")
                .map(|p| p.trim().trim_end_matches(';').to_string())
        }) else {
            continue;
        };
        by_pkg.entry(pkg).or_default().push(text);
    }
    let mut guards: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (pkg, texts) in by_pkg {
        let Some(rules) = result_rules.get(&pkg) else {
            continue;
        };
        let mut consts = BTreeMap::new();
        for t in &texts {
            consts.extend(constants(t));
        }
        let all: Vec<&str> = texts.iter().flat_map(|t| items(t)).collect();
        // Helper rules (`containers contains c if { input.type in ...; ... }`)
        // whose every body is guarded guard the bodies that iterate them.
        // Two rounds let a helper use another helper.
        let mut helpers: BTreeMap<String, Option<BTreeSet<String>>> = BTreeMap::new();
        for _ in 0..2 {
            let mut next: BTreeMap<String, Option<BTreeSet<String>>> = BTreeMap::new();
            for item in &all {
                let first = ident(item);
                let (name, g) = if first == "default" {
                    (ident(item.trim_start_matches("default").trim_start()), None)
                } else {
                    (first, item_guard(item, &consts, &helpers))
                };
                if name.is_empty() {
                    continue;
                }
                let e = next
                    .entry(name.to_string())
                    .or_insert_with(|| Some(BTreeSet::new()));
                *e = match (e.take(), g) {
                    (Some(mut acc), Some(types)) => {
                        acc.extend(types);
                        Some(acc)
                    }
                    _ => None,
                };
            }
            helpers = next;
        }
        let mut union = BTreeSet::new();
        let mut ok = true;
        for r in rules {
            match helpers.get(r) {
                Some(Some(types)) => union.extend(types.iter().cloned()),
                // Unguarded, or never seen defined (a ref head elsewhere).
                _ => ok = false,
            }
        }
        if ok {
            guards.insert(pkg, union);
        }
    }
    guards
}

fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// Top-level items: a line starting at column 0 (not a comment, not a
/// closing brace) starts one.
fn items(text: &str) -> Vec<&str> {
    let mut starts = Vec::new();
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        let c = line.chars().next().unwrap_or(' ');
        if !(c.is_whitespace() || c == '#' || c == '}' || c == ']' || c == ')') {
            starts.push(off);
        }
        off += line.len();
    }
    let mut out = Vec::new();
    for (i, s) in starts.iter().enumerate() {
        let e = starts.get(i + 1).copied().unwrap_or(text.len());
        out.push(&text[*s..e]);
    }
    out
}

/// The code of a line without its comment, and whether it ends inside a
/// string (then the item is not analysed).
fn code(line: &str) -> Option<String> {
    let mut out = String::new();
    let mut in_str = false;
    let mut raw = false;
    let mut esc = false;
    for c in line.chars() {
        if in_str {
            out.push(c);
            if raw {
                if c == '`' {
                    in_str = false;
                }
            } else if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '#' => break,
            '"' => {
                in_str = true;
                raw = false;
            }
            '`' => {
                in_str = true;
                raw = true;
            }
            _ => {}
        }
        out.push(c);
    }
    (!in_str).then_some(out)
}

/// Bracket depth change of a line of code, strings skipped.
fn depth_delta(code: &str) -> i64 {
    let mut d = 0i64;
    let mut in_str = false;
    let mut esc = false;
    for c in code.chars() {
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' || c == '`' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' | '`' => in_str = true,
            '{' | '[' | '(' => d += 1,
            '}' | ']' | ')' => d -= 1,
            _ => {}
        }
    }
    d
}

fn has_word(code: &str, w: &str) -> bool {
    code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|t| t == w)
}

/// The types one rule definition is restricted to, if it is.
/// Package-level constants that are literal sets or arrays of strings
/// (`taggable := {"aws_s3_bucket", "aws_instance"}`), defined exactly once.
fn constants(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = BTreeMap::new();
    for item in items(text) {
        let name = ident(item);
        if name.is_empty() {
            continue;
        }
        *seen.entry(name.to_string()).or_default() += 1;
        let Some(lines) = item.lines().map(code).collect::<Option<Vec<String>>>() else {
            continue;
        };
        let joined = lines.join(" ");
        let rest = joined[name.len()..].trim_start();
        let Some(value) = rest.strip_prefix(":=").or_else(|| rest.strip_prefix('=')) else {
            continue;
        };
        if let Some(set) = string_literals(value.trim()) {
            out.insert(name.to_string(), set);
        }
    }
    out.retain(|n, _| seen.get(n) == Some(&1));
    out
}

/// `{"A", "B"}` or `["A", "B"]`: the strings; anything else: `None`.
fn string_literals(v: &str) -> Option<BTreeSet<String>> {
    let inner = v
        .strip_prefix('{')
        .and_then(|r| r.strip_suffix('}'))
        .or_else(|| v.strip_prefix('[').and_then(|r| r.strip_suffix(']')))?;
    let mut set = BTreeSet::new();
    for part in inner.split(',') {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let lit = part.strip_prefix('"')?.strip_suffix('"')?;
        if lit.contains(['"', '\\']) {
            return None;
        }
        set.insert(lit.to_string());
    }
    (!set.is_empty()).then_some(set)
}

fn item_guard(
    item: &str,
    consts: &BTreeMap<String, BTreeSet<String>>,
    helpers: &BTreeMap<String, Option<BTreeSet<String>>>,
) -> Option<BTreeSet<String>> {
    let lines: Vec<String> = item.lines().map(code).collect::<Option<_>>()?;
    let head = lines.first()?.trim_end();
    // The body opens with the last character of the head line, at depth 0.
    if !head.ends_with('{') || depth_delta(&head[..head.len() - 1]) != 0 {
        return None;
    }
    // A local of the body named like a helper shadows it.
    let shadowed = |name: &str| {
        lines[1..].iter().any(|l| {
            let t = l.trim();
            let assigns = t
                .strip_prefix(name)
                .map(|r| r.trim_start())
                .is_some_and(|r| {
                    r.starts_with(":=") || (r.starts_with('=') && !r.starts_with("=="))
                });
            let declared = t
                .strip_prefix("some ")
                .map(|r| r.split(" in ").next().unwrap_or(r))
                .is_some_and(|vars| vars.split(',').any(|v| v.trim() == name));
            assigns || declared
        })
    };
    let visible: BTreeMap<String, Option<BTreeSet<String>>> = helpers
        .iter()
        .filter(|(n, _)| !shadowed(n))
        .map(|(n, g)| (n.clone(), g.clone()))
        .collect();
    let mut depth = 1i64;
    let mut closed = false;
    let mut guard: Option<BTreeSet<String>> = None;
    for l in &lines[1..] {
        let t = l.trim();
        if t.is_empty() {
            continue;
        }
        if closed || has_word(t, "else") || has_word(t, "with") {
            // Another body, an else branch or a `with` modifier.
            return None;
        }
        if depth == 1 && t.starts_with('}') && t != "}" {
            // `} {` (another body) or `} else ...`.
            return None;
        }
        if depth == 1
            && let Some(types) = statement_types(t, consts, &visible)
        {
            guard = Some(match guard {
                None => types,
                Some(g) => g.intersection(&types).cloned().collect(),
            });
        }
        depth += depth_delta(t);
        if depth == 0 {
            closed = true;
            if t != "}" {
                return None;
            }
        }
        if depth < 0 {
            return None;
        }
    }
    if !closed {
        return None;
    }
    guard
}

/// `input.type == "T"`, `"T" == input.type`, `input.type in {"A", "B"}`
/// (or `[...]`, or a package constant), `some x in helper` (a guarded
/// helper rule): the types allowed.
fn statement_types(
    t: &str,
    consts: &BTreeMap<String, BTreeSet<String>>,
    helpers: &BTreeMap<String, Option<BTreeSet<String>>>,
) -> Option<BTreeSet<String>> {
    // `some c in containers`: empty unless the helper's guard holds.
    if let Some(rest) = t.strip_prefix("some ")
        && let Some((_, coll)) = rest.split_once(" in ")
        && let Some(Some(types)) = helpers.get(coll.trim())
    {
        return Some(types.clone());
    }
    let lit = |s: &str| -> Option<String> {
        let s = s.trim();
        let inner = s.strip_prefix('"')?.strip_suffix('"')?;
        (!inner.contains(['"', '\\'])).then(|| inner.to_string())
    };
    if let Some((a, b)) = t.split_once("==") {
        let (a, b) = (a.trim(), b.trim());
        let v = if a == "input.type" {
            lit(b)?
        } else if b == "input.type" {
            lit(a)?
        } else {
            return None;
        };
        return Some(BTreeSet::from([v]));
    }
    let rest = t
        .strip_prefix("input.type")?
        .trim_start()
        .strip_prefix("in")?;
    let rest = rest.trim();
    // `input.type in taggable`, a package constant.
    if let Some(set) = consts.get(rest) {
        return Some(set.clone());
    }
    string_literals(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guards(src: &str, rules: &[&str]) -> BTreeMap<String, BTreeSet<String>> {
        let pkg = src
            .lines()
            .find_map(|l| l.strip_prefix("package "))
            .unwrap()
            .to_string();
        let rr = BTreeMap::from([(pkg, rules.iter().map(|s| s.to_string()).collect())]);
        type_guards([src].into_iter(), &rr)
    }

    #[test]
    fn guarded_helper_rules_guard_the_bodies_that_iterate_them() {
        let src = "package p\nimport rego.v1\n\ncontainers contains c if {\n  input.type == \"Pod\"\n  some c in input.attributes.spec.containers\n}\n\ndeny contains m if {\n  some c in containers\n  c.privileged\n  m := \"x\"\n}\n";
        let g = guards(src, &["deny"]);
        assert_eq!(
            g["p"].iter().map(String::as_str).collect::<Vec<_>>(),
            ["Pod"]
        );
        // A helper body without a guard, in another file of the package,
        // makes it unguarded.
        let other = "package p\nimport rego.v1\n\ncontainers contains c if {\n  some c in input.containers\n}\n";
        let both = type_guards(
            [src, other].into_iter(),
            &BTreeMap::from([("p".to_string(), vec!["deny".to_string()])]),
        );
        assert!(both.is_empty());
        // A local of the same name shadows the helper.
        let shadow = src.replace(
            "  some c in containers\n",
            "  containers := input.x\n  some c in containers\n",
        );
        assert!(guards(&shadow, &["deny"]).is_empty());
    }

    #[test]
    fn package_constant_sets_are_resolved() {
        let src = "package p\nimport rego.v1\n\ntaggable := {\n  \"aws_s3_bucket\", # buckets\n  \"aws_instance\",\n}\n\ndeny contains m if {\n  input.type in taggable\n  m := \"x\"\n}\n";
        let g = guards(src, &["deny"]);
        assert_eq!(
            g["p"].iter().map(String::as_str).collect::<Vec<_>>(),
            ["aws_instance", "aws_s3_bucket"]
        );
        // A name defined twice (or not as a literal) is not a constant.
        let twice = format!("{src}\ntaggable := {{\"x\"}}\n");
        assert!(guards(&twice, &["deny"]).is_empty());
        let computed = src.replace(
            "taggable := {",
            "taggable := {t | some t in data.types} # {",
        );
        assert!(guards(&computed, &["deny"]).is_empty());
    }

    #[test]
    fn guarded_bodies_give_their_types() {
        let g = guards(
            "package p\nimport rego.v1\n\ndeny contains msg if {\n\tinput.type == \"aws_s3_bucket\" # c\n\tmsg := \"x\"\n}\n\ndeny contains msg if {\n  input.type in {\"A\", \"B\"}\n  msg := \"y\"\n}\n",
            &["deny"],
        );
        assert_eq!(
            g.get("p").unwrap().iter().collect::<Vec<_>>(),
            vec!["A", "B", "aws_s3_bucket"]
        );
    }

    #[test]
    fn anything_unsure_disables_the_filter() {
        for src in [
            // a body without a guard
            "package p\ndeny contains msg if {\n  input.type == \"A\"\n}\ndeny contains msg if {\n  msg := \"x\"\n}\n",
            // the guard nested in a comprehension
            "package p\ndeny contains msg if {\n  x := [y |\n    input.type == \"A\"\n    y := 1\n  ]\n}\n",
            // negated
            "package p\ndeny contains msg if {\n  not input.type == \"A\"\n}\n",
            // else
            "package p\ndeny := x if {\n  input.type == \"A\"\n  x := 1\n} else := 2\n",
            // default
            "package p\ndefault deny := false\ndeny if {\n  input.type == \"A\"\n}\n",
            // one-line if
            "package p\ndeny contains \"x\" if input.type == \"A\"\n",
            // v0 with several bodies
            "package p\ndeny[msg] {\n  input.type == \"A\"\n  msg := 1\n} {\n  msg := 2\n}\n",
        ] {
            assert!(guards(src, &["deny"]).is_empty(), "{src}");
        }
    }

    #[test]
    fn v0_bodies_and_helpers_are_read() {
        let g = guards(
            "package q\nhelper(x) if { x }\ndeny[msg] {\n  \"K\" == input.type\n  input.type in [\"K\", \"L\"]\n  msg := \"{\"\n}\n",
            &["deny"],
        );
        assert_eq!(g.get("q").unwrap().iter().collect::<Vec<_>>(), vec!["K"]);
    }
}
