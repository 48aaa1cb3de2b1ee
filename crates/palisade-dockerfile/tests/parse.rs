use std::sync::Arc;

use palisade_dockerfile::{pairs, parse, parse_image};
use palisade_model::{Mode, Node, SourceKind};

fn one(text: &str) -> (palisade_model::Resource, Vec<palisade_model::Diagnostic>) {
    let p = parse(Arc::from("app/Dockerfile"), text);
    assert_eq!(p.resources.len(), 1, "{:?}", p.diagnostics);
    (p.resources.into_iter().next().unwrap(), p.diagnostics)
}

fn str_at<'a>(r: &'a palisade_model::Resource, path: &str) -> Option<&'a str> {
    r.attr(path).known().and_then(Node::as_str)
}

#[test]
fn stages_instructions_and_spans() {
    let text = "# syntax=docker/dockerfile:1\nARG BASE=python:3.12\n\nFROM --platform=linux/amd64 ${BASE} AS build\n# a comment\nRUN apt-get update && \\\n    # inner comment\n    apt-get install -y curl\nCOPY --from=0 . /app\n\nFROM gcr.io/distroless/python3@sha256:abc\nUSER 1000\n";
    let (r, d) = one(text);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(r.rtype, "Dockerfile");
    assert_eq!(r.address, "app/Dockerfile");
    assert_eq!(r.kind, SourceKind::Dockerfile);
    assert_eq!(r.mode, Mode::Meta);
    assert_eq!(str_at(&r, "directives.syntax"), Some("docker/dockerfile:1"));
    assert_eq!(str_at(&r, "stages.0.from.image"), Some("python"));
    assert_eq!(str_at(&r, "stages.0.from.tag"), Some("3.12"));
    assert_eq!(str_at(&r, "stages.0.from.alias"), Some("build"));
    assert_eq!(str_at(&r, "stages.0.from.platform"), Some("linux/amd64"));
    assert_eq!(str_at(&r, "stages.0.from.registry"), Some("docker.io"));
    let run = r.attr("stages.0.instructions.0").known().unwrap();
    assert_eq!(run.get("cmd").known().and_then(Node::as_str), Some("RUN"));
    assert_eq!(
        run.get("args").known().and_then(Node::as_str),
        Some("apt-get update &&     apt-get install -y curl")
    );
    let sp = run.span.clone().unwrap();
    assert_eq!((sp.start_line, sp.end_line), (6, 8));
    assert_eq!(str_at(&r, "stages.0.instructions.1.flags.from"), Some("0"));
    assert_eq!(
        str_at(&r, "stages.1.from.image"),
        Some("gcr.io/distroless/python3")
    );
    assert_eq!(str_at(&r, "stages.1.from.registry"), Some("gcr.io"));
    assert_eq!(str_at(&r, "stages.1.from.digest"), Some("sha256:abc"));
    assert!(matches!(
        r.attr("stages.1.from.tag").known().map(|n| &n.value),
        Some(palisade_model::Value::Null)
    ));
    let user = r.attr("stages.1.instructions.0").known().unwrap();
    assert_eq!(user.span.as_ref().unwrap().start_line, 12);
    assert_eq!(str_at(&r, "global_args.0.pairs.0.key"), Some("BASE"));
}

#[test]
fn unresolved_arg_makes_from_unknown() {
    let (r, _) = one("ARG BASE\nFROM $BASE\n");
    assert!(r.attr("stages.0.from.tag").is_unknown());
    let (r, _) = one("ARG TAG=1.2\nFROM nginx:${TAG}\n");
    assert_eq!(str_at(&r, "stages.0.from.tag"), Some("1.2"));
}

#[test]
fn stage_references_and_escape_directive() {
    let (r, _) = one("# escape=`\nFROM alpine:3.20 AS base\nRUN echo a `\n  b\nFROM base\n");
    assert_eq!(
        str_at(&r, "stages.0.instructions.0.args"),
        Some("echo a   b")
    );
    assert_eq!(
        r.attr("stages.1.from.stage")
            .known()
            .and_then(Node::as_bool),
        Some(true)
    );
    assert_eq!(
        r.attr("stages.0.from.stage")
            .known()
            .and_then(Node::as_bool),
        Some(false)
    );
}

#[test]
fn heredocs_are_joined() {
    let (r, d) = one("FROM alpine:3.20\nRUN <<EOF\napk add curl\necho done\nEOF\nUSER app\n");
    assert!(d.is_empty());
    assert_eq!(
        str_at(&r, "stages.0.instructions.0.args"),
        Some("<<EOF\napk add curl\necho done\nEOF")
    );
    let sp = r
        .attr("stages.0.instructions.0")
        .known()
        .unwrap()
        .span
        .clone()
        .unwrap();
    assert_eq!((sp.start_line, sp.end_line), (2, 5));
    assert_eq!(str_at(&r, "stages.0.instructions.1.cmd"), Some("USER"));
    let (_, d) = one("FROM alpine\nRUN <<EOF\nx\n");
    assert!(d.iter().any(|d| d.code == "dockerfile-heredoc"));
}

#[test]
fn env_pairs_both_forms() {
    assert_eq!(
        pairs("A=1 B=\"two words\""),
        vec![("A".into(), "1".into()), ("B".into(), "two words".into())]
    );
    assert_eq!(
        pairs("DB_PASSWORD hunter2 x"),
        vec![("DB_PASSWORD".into(), "hunter2 x".into())]
    );
    assert_eq!(pairs("VERSION"), vec![("VERSION".into(), "".into())]);
}

#[test]
fn image_references() {
    let i = parse_image("localhost:5000/team/app:1.0@sha256:ff");
    assert_eq!(i.registry.as_deref(), Some("localhost:5000"));
    assert_eq!(i.repository, "team/app");
    assert_eq!(i.tag.as_deref(), Some("1.0"));
    assert_eq!(i.digest.as_deref(), Some("sha256:ff"));
    let i = parse_image("library/nginx");
    assert_eq!(i.effective_registry(), "docker.io");
    assert_eq!((i.registry, i.tag), (None, None));
}

#[test]
fn problems_are_located_diagnostics() {
    let p = parse(
        Arc::from("Dockerfile"),
        "RUN echo hi\nFROM alpine\nFOO bar\n",
    );
    let codes: Vec<_> = p
        .diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.span.start_line))
        .collect();
    assert!(codes.contains(&("dockerfile-before-from", 1)));
    assert!(codes.contains(&("dockerfile-unknown-instruction", 3)));
    let p = parse(Arc::from("Dockerfile"), "# just a comment\n\n");
    assert!(p.resources.is_empty());
}

#[test]
fn random_input_never_panics() {
    let alphabet: Vec<char> = "FROMRUNADDUSERENV ARG=$\\{}:-@/<<EOF\"'`#\n\r\t é€"
        .chars()
        .collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let len = (state % 200) as usize;
        let mut s = String::new();
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            s.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let p = parse(Arc::from("Dockerfile"), &s);
        assert!(p.resources.len() <= 1);
        // Random bytes too.
        let bytes: Vec<u8> = s.bytes().rev().collect();
        let _ = parse(Arc::from("Dockerfile"), &String::from_utf8_lossy(&bytes));
    }
}
