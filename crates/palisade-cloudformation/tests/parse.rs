use std::sync::Arc;

use palisade_cloudformation::{looks_like_cloudformation, parse};
use palisade_model::{Lookup, Node, Parsed, Resource, SourceKind};

fn fixture(name: &str) -> (Arc<str>, String) {
    let p = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    (
        format!("fixtures/{name}").into(),
        std::fs::read_to_string(p).unwrap(),
    )
}

fn res<'a>(p: &'a Parsed, id: &str) -> &'a Resource {
    p.resources
        .iter()
        .find(|r| r.address == id)
        .unwrap_or_else(|| panic!("no resource {id}"))
}

fn s<'a>(r: &'a Resource, path: &str) -> Option<&'a str> {
    r.attr(path).known().and_then(Node::as_str)
}

fn reason(r: &Resource, path: &str) -> String {
    match r.attr(path) {
        Lookup::Unknown(_, u) => u.reason.to_string(),
        other => panic!("{path} is not unknown: {other:?}"),
    }
}

#[test]
fn yaml_template_with_short_forms() {
    let (path, text) = fixture("template.yaml");
    assert!(looks_like_cloudformation(&text));
    let p = parse(path.clone(), &text);
    let ids: Vec<&str> = p.resources.iter().map(|r| r.address.as_str()).collect();
    assert_eq!(
        ids,
        [
            "LogBucket",
            "DataBucket",
            "KmsOnlyTopic",
            "Vpc",
            "Subnet",
            "Instance",
            "Function",
            "Nested"
        ],
        "DevOnlyQueue's condition is false: dropped"
    );

    let log = res(&p, "LogBucket");
    assert_eq!(log.rtype, "AWS::S3::Bucket");
    assert_eq!(log.kind, SourceKind::CloudFormation);
    assert_eq!(log.scope, path);
    assert_eq!(
        log.span.start_line, 29,
        "the resource starts at its logical id"
    );
    assert_eq!(log.meta["deletion_policy"], "Retain");
    assert_eq!(
        log.meta["metadata"],
        r#"{"checkov":{"skip":[{"id":"CKV_AWS_18"}]}}"#
    );
    assert_eq!(
        reason(log, "BucketName"),
        "pseudo parameter AWS::StackName (known at deploy)"
    );
    assert_eq!(s(log, "VersioningConfiguration.Status"), Some("Enabled"));
    assert_eq!(
        log.attr("LifecycleConfiguration.Rules.0.ExpirationInDays")
            .known()
            .and_then(Node::as_i64),
        Some(365)
    );
    let status = log.attr("VersioningConfiguration.Status").known().unwrap();
    assert_eq!(status.span.as_ref().unwrap().start_line, 40);

    let data = res(&p, "DataBucket");
    assert_eq!(data.meta["depends_on"], "LogBucket");
    assert_eq!(s(data, "BucketName"), Some("data-prod-b"));
    let dest = data.attr("LoggingConfiguration.DestinationBucketName");
    assert!(dest.is_unknown());
    assert_eq!(dest.node().unwrap().refs, ["LogBucket"]);
    assert_eq!(
        reason(data, "LoggingConfiguration.DestinationBucketName"),
        "reference to resource LogBucket (known after deploy)"
    );
    let prefix = data.attr("LoggingConfiguration.LogFilePrefix");
    assert!(prefix.is_unknown(), "Sub over a GetAtt is unknown");
    assert_eq!(
        prefix.node().unwrap().refs,
        ["LogBucket"],
        "refs propagate through Sub"
    );
    // KmsKeyArn has no default: UseKms is unknown, so are both Ifs.
    let sse = "BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault";
    assert_eq!(
        reason(data, &format!("{sse}.SSEAlgorithm")),
        "condition UseKms is unknown: parameter KmsKeyArn has no default"
    );
    assert_eq!(s(data, "Tags.0.Value"), Some("aws"));
    assert_eq!(s(data, "Tags.1.Value"), Some("s3.amazonaws.com"));
    assert_eq!(
        data.attr("Tags.2.Value").known().and_then(Node::as_bool),
        Some(true),
        "YAML 1.1 boolean"
    );

    let topic = res(&p, "KmsOnlyTopic");
    assert_eq!(topic.meta["condition"], "ProdAndKms");
    assert_eq!(topic.meta["condition_unknown"], "true");
    assert_eq!(
        reason(topic, "KmsMasterKeyId"),
        "parameter KmsKeyArn has no default"
    );

    let subnet = res(&p, "Subnet");
    assert_eq!(subnet.attr("VpcId").node().unwrap().refs, ["Vpc"]);
    assert!(subnet.attr("CidrBlock").is_unknown());
    assert_eq!(subnet.attr("CidrBlock").node().unwrap().refs, ["Vpc"]);
    assert_eq!(s(subnet, "StaticCidr"), Some("10.0.1.0/24"));
    assert!(reason(subnet, "AvailabilityZone").contains("Fn::GetAZs"));

    let inst = res(&p, "Instance");
    assert!(reason(inst, "ImageId").contains("SSM parameter"));
    assert_eq!(s(inst, "SubnetId"), Some("subnet-a"));
    assert_eq!(s(inst, "UserData"), Some("#!/bin/bash\necho hello\n"));
    assert_eq!(
        reason(inst, "IamInstanceProfile"),
        "Fn::ImportValue from another stack"
    );
    assert!(reason(inst, "Region").contains("AWS::Region"));

    let f = res(&p, "Function");
    assert_eq!(f.rtype, "AWS::Serverless::Function");
    assert_eq!(
        f.attr("Environment.Variables.TABLE").node().unwrap().refs,
        ["DataBucket"]
    );
    assert_eq!(
        s(res(&p, "Nested"), "TemplateURL"),
        Some("https://example.invalid/nested.yaml")
    );
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn no_value_removes_the_key_when_the_condition_is_known() {
    let text = "\
Parameters:
  Key: {Type: String, Default: ''}
Conditions:
  UseKms: !Not [!Equals [!Ref Key, '']]
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      KMSMasterKeyID: !If [UseKms, !Ref Key, !Ref AWS::NoValue]
      List: [a, !Ref AWS::NoValue, b]
      Algo: !If [UseKms, 'aws:kms', AES256]
";
    let p = parse("t.yaml".into(), text);
    let b = res(&p, "B");
    assert!(b.attr("KMSMasterKeyID").is_absent());
    assert_eq!(b.attr("List").known().unwrap().as_list().unwrap().len(), 2);
    assert_eq!(s(b, "Algo"), Some("AES256"));
}

#[test]
fn json_template_long_forms_and_diagnostics() {
    let (path, text) = fixture("template.json");
    assert!(looks_like_cloudformation(&text));
    let p = parse(path, &text);
    let bucket = res(&p, "Bucket");
    assert!(reason(bucket, "BucketName").contains("AWS::AccountId"));
    assert_eq!(
        bucket
            .attr("PublicAccessBlockConfiguration.BlockPublicAcls")
            .known()
            .and_then(Node::as_bool),
        Some(true)
    );
    assert_eq!(bucket.span.start_line, 5);
    let pol = res(&p, "Policy");
    assert_eq!(pol.attr("Bucket").node().unwrap().refs, ["Bucket"]);
    let stmt = "PolicyDocument.Statement.0";
    assert_eq!(s(pol, &format!("{stmt}.Principal")), Some("*"));
    assert_eq!(
        pol.attr(&format!("{stmt}.Resource")).node().unwrap().refs,
        ["Bucket"]
    );
    assert_eq!(
        s(pol, &format!("{stmt}.Condition.Bool.aws:SecureTransport")),
        Some("false"),
        "an IAM `Condition` key is not an intrinsic"
    );
    assert!(p.resources.iter().all(|r| r.address != "NoType"));
    let codes: Vec<&str> = p.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"cfn-missing-type"), "{codes:?}");
    assert!(codes.contains(&"cfn-unknown-intrinsic"), "{codes:?}");
    let missing = p
        .diagnostics
        .iter()
        .find(|d| d.code == "cfn-missing-type")
        .unwrap();
    assert_eq!(missing.span.start_line, 27);
    assert!(res(&p, "Weird").attr("X").is_unknown());
}

#[test]
fn bad_input_is_diagnosed_not_fatal() {
    let p = parse(
        "x.json".into(),
        r#"{"name": "not a template", "version": 1}"#,
    );
    assert!(p.resources.is_empty());
    assert_eq!(p.diagnostics[0].code, "cfn-not-a-template");
    assert!(!looks_like_cloudformation(r#"{"name": "x"}"#));

    let p = parse("bad.yaml".into(), "Resources:\n  A:\n    Type: [unclosed\n");
    assert!(p.resources.is_empty());
    assert_eq!(p.diagnostics[0].code, "yaml-syntax");
    assert!(p.diagnostics[0].span.start_line >= 3);

    let p = parse(
        "tags.yaml".into(),
        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties:\n      Name: !Reff x\n      Cycle: !If [C1, a, b]\nConditions:\n  C1: !Condition C2\n  C2: !Condition C1\n",
    );
    let a = res(&p, "A");
    assert_eq!(
        s(a, "Name"),
        Some("x"),
        "the value of an unknown tag is kept"
    );
    assert!(a.attr("Cycle").is_unknown());
    let codes: Vec<&str> = p.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"cfn-bad-tag"), "{codes:?}");
    assert!(codes.contains(&"cfn-bad-condition"), "{codes:?}");
    assert_eq!(
        p.diagnostics
            .iter()
            .find(|d| d.code == "cfn-bad-tag")
            .unwrap()
            .span
            .start_line,
        5
    );
}

#[test]
fn partly_known_strings_keep_their_pieces() {
    use palisade_model::Part;
    let text = r#"AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AppName:
    Type: String
    Default: shop
  Env:
    Type: String
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AppName}-${AWS::Region}-${AWS::AccountId}"
  P:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Sub "${AppName}-${AWS::Region}-${AWS::AccountId}"
      Other: !Sub "${AppName}-${Env}"
      Arn: !Sub "${B.Arn}/*"
      Joined: !Join [":", ["arn:aws:iam:", !Ref "AWS::AccountId", "root"]]
      Opaque: !Sub ["x-${v}", {v: !GetAZs ""}]
      Root: !Sub "arn:aws:iam::${AWS::AccountId}:root"
"#;
    let p = parse("t.yaml".into(), text);
    let b = res(&p, "B");
    let pol = res(&p, "P");
    let name = b.attr("BucketName").node().unwrap();
    let bucket = pol.attr("Bucket").node().unwrap();
    assert!(name.is_unknown());
    assert!(name.same_text(bucket), "the same Sub names the same bucket");
    assert!(!name.same_text(pol.attr("Other").node().unwrap()));
    let parts = |path: &str| match pol.attr(path) {
        Lookup::Unknown(_, u) => u.parts.as_deref().map(<[Part]>::to_vec),
        other => panic!("{path}: {other:?}"),
    };
    assert_eq!(
        parts("Other"),
        Some(vec![Part::Lit("shop-".into()), Part::Hole("Env".into())]),
        "a parameter without a default is a named hole"
    );
    assert_eq!(
        parts("Arn"),
        Some(vec![Part::Hole("B.Arn".into()), Part::Lit("/*".into())])
    );
    assert_eq!(pol.attr("Arn").node().unwrap().refs, ["B"]);
    assert_eq!(
        parts("Joined"),
        Some(vec![
            Part::Lit("arn:aws:iam::".into()),
            Part::Hole("AWS::AccountId".into()),
            Part::Lit(":root".into())
        ])
    );
    assert_eq!(parts("Opaque"), None, "an unnamed unknown piece: no shape");
    let Lookup::Unknown(_, root) = pol.attr("Root") else {
        panic!()
    };
    assert_eq!(root.known_prefix(), "arn:aws:iam::");
    assert!(!root.may_equal("*"));
    assert!(reason(pol, "Root").contains("AWS::AccountId"));
}

#[test]
fn sam_globals_are_merged_into_serverless_functions() {
    let (path, text) = fixture("sam-globals.yaml");
    let p = parse(path, &text);

    // Every property of Globals.Function applies when the function has none.
    let inh = res(&p, "Inherits");
    assert_eq!(s(inh, "Runtime"), Some("nodejs18.x"));
    assert_eq!(s(inh, "Tracing"), Some("Active"));
    assert_eq!(s(inh, "Handler"), Some("index.handler"));
    assert_eq!(
        s(inh, "Environment.Variables.STAGE"),
        Some("prod"),
        "globals are evaluated like properties"
    );
    assert_eq!(s(inh, "Environment.Variables.LOG_LEVEL"), Some("info"));
    let layers = inh.attr("Layers").known().and_then(Node::as_list).unwrap();
    assert_eq!(layers.len(), 1);

    // The function's own values win; maps merge; lists append.
    let ovr = res(&p, "Overrides");
    assert_eq!(s(ovr, "Runtime"), Some("python3.12"));
    assert_eq!(
        s(ovr, "Tracing"),
        Some("PassThrough"),
        "an intrinsic replaces the global"
    );
    assert_eq!(s(ovr, "Environment.Variables.LOG_LEVEL"), Some("debug"));
    assert_eq!(s(ovr, "Environment.Variables.STAGE"), Some("prod"));
    assert_eq!(s(ovr, "Environment.Variables.TABLE"), Some("orders"));
    let layers: Vec<&str> = ovr
        .attr("Layers")
        .known()
        .and_then(Node::as_list)
        .unwrap()
        .iter()
        .filter_map(Node::as_str)
        .collect();
    assert_eq!(
        layers,
        [
            "arn:aws:lambda:eu-west-1:111122223333:layer:common:1",
            "arn:aws:lambda:eu-west-1:111122223333:layer:own:2"
        ]
    );

    // A function without Properties gets the globals.
    assert_eq!(s(res(&p, "NoProperties"), "Runtime"), Some("nodejs18.x"));

    // Globals.Function does not apply to plain Lambda functions.
    let plain = res(&p, "Plain");
    assert!(plain.attr("Runtime").is_absent());
    assert!(plain.attr("Tracing").is_absent());
}
