//! Principals named only in resource-based policies ("external principals").

use palisade_iam::{
    Decision, EstateOptions, IamModel, OTHER_ACCOUNT_UNKNOWN, Request, UNDECLARED_UNKNOWN,
    estate_from_model, evaluate_external,
};
use palisade_model::Model;

fn cfn(text: &str) -> IamModel {
    let parsed = palisade_cloudformation::parse("t.yaml".into(), text);
    let model = Model::new(parsed.resources, parsed.diagnostics);
    let read = |p: &str| (p == "t.yaml").then(|| text.to_string());
    estate_from_model(&model, &EstateOptions::default(), &read)
}

const T: &str = r#"
Resources:
  Me:
    Type: AWS::IAM::User
    Properties:
      UserName: me
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: shared
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Partner
            Effect: Allow
            Principal: {AWS: ["999999999999", "arn:aws:iam::123456789012:user/me", "arn:aws:iam::123456789012:root"]}
            Action: s3:GetObject
            Resource: arn:aws:s3:::shared/*
          - Sid: Intern
            Effect: Allow
            Principal: {AWS: arn:aws:iam::123456789012:user/intern}
            Action: s3:GetObject
            Resource: arn:aws:s3:::shared/*
          - Sid: NoPartnerWrites
            Effect: Deny
            Principal: {AWS: "999999999999"}
            Action: s3:PutObject
            Resource: arn:aws:s3:::shared/*
          - Sid: PartnerWrites
            Effect: Allow
            Principal: {AWS: "999999999999"}
            Action: s3:PutObject
            Resource: arn:aws:s3:::shared/*
          - Sid: NotMe
            Effect: Allow
            NotPrincipal: {AWS: arn:aws:iam::777777777777:root}
            Action: s3:ListBucket
            Resource: arn:aws:s3:::shared
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: worker
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      FunctionName: !Ref Fn
      Action: lambda:InvokeFunction
      Principal: s3.amazonaws.com
      SourceArn: arn:aws:s3:::shared
"#;

const ACCOUNT: &str = "123456789012";

#[test]
fn external_principals_of_a_bucket_policy() {
    let m = cfn(T);
    let p = m.resource_policy("arn:aws:s3:::shared/k").expect("policy");
    let ext = m.external_principals(&p, ACCOUNT);
    let ids: Vec<&str> = ext.iter().map(|e| e.id.as_str()).collect();
    // Declared `me`, the own account and NotPrincipal are left out.
    assert_eq!(
        ids,
        vec!["999999999999", "arn:aws:iam::123456789012:user/intern"]
    );
    assert_eq!(ext[0].arn, "arn:aws:iam::999999999999:root");
    assert!(ext[0].cross_account);
    assert!(!ext[1].cross_account);

    let req = Request::new("*", "s3:GetObject", "arn:aws:s3:::shared/k");
    let e = evaluate_external(&ext[0], &req, &p, ACCOUNT);
    assert_eq!(e.decision, Decision::Unknown);
    assert!(
        e.reasons.iter().any(|r| r == OTHER_ACCOUNT_UNKNOWN),
        "{:?}",
        e.reasons
    );
    // An undeclared user of the estate's account: Unknown too (its own
    // identity policies might deny), with another reason.
    let e = evaluate_external(&ext[1], &req, &p, ACCOUNT);
    assert_eq!(e.decision, Decision::Unknown);
    assert!(
        e.reasons.iter().any(|r| r == UNDECLARED_UNKNOWN),
        "{:?}",
        e.reasons
    );

    // The resource policy alone denies: certain, whatever the other account allows.
    let put = Request::new("*", "s3:PutObject", "arn:aws:s3:::shared/k");
    let e = evaluate_external(&ext[0], &put, &p, ACCOUNT);
    assert_eq!(e.decision, Decision::ExplicitDeny);
    assert_eq!(e.statements[0].sid.as_deref(), Some("NoPartnerWrites"));
    // Not granted by the resource policy: refused.
    let del = Request::new("*", "s3:DeleteObject", "arn:aws:s3:::shared/k");
    let e = evaluate_external(&ext[0], &del, &p, ACCOUNT);
    assert_eq!(e.decision, Decision::ImplicitDeny);
}

#[test]
fn service_principal_of_a_lambda_permission() {
    let m = cfn(T);
    let f = "arn:aws:lambda:us-east-1:123456789012:function:worker";
    let p = m.resource_policy(f).expect("policy");
    let ext = m.external_principals(&p, ACCOUNT);
    assert_eq!(ext.len(), 1);
    assert_eq!(ext[0].kind, "service");
    let mut req = Request::new("*", "lambda:InvokeFunction", f);
    // aws:SourceArn is not in the context: Unknown.
    let e = evaluate_external(&ext[0], &req, &p, ACCOUNT);
    assert_eq!(e.decision, Decision::Unknown);
    req.context
        .insert("aws:SourceArn".into(), vec!["arn:aws:s3:::shared".into()]);
    let e = evaluate_external(&ext[0], &req, &p, ACCOUNT);
    assert_eq!(e.decision, Decision::Allowed);
    req.context
        .insert("aws:SourceArn".into(), vec!["arn:aws:s3:::other".into()]);
    let e = evaluate_external(&ext[0], &req, &p, ACCOUNT);
    assert_eq!(e.decision, Decision::ImplicitDeny);
}
