//! Random templates never panic: arbitrary text, and templates assembled
//! from CloudFormation fragments (intrinsics in long and short form,
//! Conditions, Mappings, Parameters, odd shapes where maps are expected).

use proptest::prelude::*;

const HEAD: &str = "AWSTemplateFormatVersion: \"2010-09-09\"\n";

const SNIPPETS: &[&str] = &[
    "Resources:\n",
    "  B:\n",
    "    Type: AWS::S3::Bucket\n",
    "    Type: ",
    "    Properties:\n",
    "      BucketName: ",
    "!Ref ",
    "!Sub ",
    "!GetAtt ",
    "!If ",
    "!Join ",
    "!Select ",
    "!FindInMap ",
    "!Equals ",
    "!Not ",
    "!And ",
    "!Or ",
    "!Condition ",
    "!Base64 ",
    "!Split ",
    "!ImportValue ",
    "!GetAZs ",
    "!Cidr ",
    "Fn::If",
    "Ref",
    "{",
    "}",
    "[",
    "]",
    ", ",
    ": ",
    "\n",
    "  ",
    "- ",
    "Parameters:\n",
    "  P:\n",
    "    Default: ",
    "Conditions:\n",
    "  C: ",
    "Mappings:\n",
    "  M: {a: {b: c}}\n",
    "Outputs:\n",
    "Condition: C\n",
    "DependsOn: ",
    "AWS::Region",
    "AWS::NoValue",
    "B.Arn",
    "${P}",
    "${B.Arn}",
    "[C, x, y]",
    "[M, a, b]",
    "[0, [a]]",
    "1",
    "null",
    "\"",
    "&a ",
    "*a",
    "Metadata:\n",
];

fn parse(text: &str) {
    let p = palisade_cloudformation::parse("stack.yaml".into(), text);
    for d in &p.diagnostics {
        assert_eq!(d.span.path.as_ref(), "stack.yaml");
        assert!(d.span.start_line >= 1, "{d:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        parse(&text);
        parse(&format!("{HEAD}{text}"));
    }

    #[test]
    fn template_fragments_never_panic(parts in proptest::collection::vec(0..SNIPPETS.len(), 0..100)) {
        let body: String = parts.iter().map(|i| SNIPPETS[*i]).collect();
        parse(&format!("{HEAD}{body}"));
    }

    #[test]
    fn json_fragments_never_panic(parts in proptest::collection::vec(0..SNIPPETS.len(), 0..60)) {
        let body: String = parts.iter().map(|i| SNIPPETS[*i]).collect();
        parse(&format!("{{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {{\"B\": {{\"Type\": \"AWS::S3::Bucket\", \"Properties\": {body}}}}}}}"));
    }
}

#[test]
fn self_referencing_intrinsics_terminate() {
    let text = format!(
        "{HEAD}Conditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  X:\n    Type: AWS::SQS::Queue\n    Condition: A\n    Properties:\n      QueueName: !If [A, !Ref X, !GetAtt X.Arn]\n"
    );
    parse(&text);
    // The cycle is reported, and the resource is kept with its condition
    // unknown rather than dropped.
    let p = palisade_cloudformation::parse("stack.yaml".into(), &text);
    assert!(
        p.diagnostics.iter().any(|d| d.code == "cfn-bad-condition"),
        "{:?}",
        p.diagnostics
    );
    assert_eq!(p.resources.len(), 1);
    assert_eq!(
        p.resources[0]
            .meta
            .get("condition_unknown")
            .map(String::as_str),
        Some("true")
    );
}
