//! Escalation paths: found when allowed, stopped by a deny or a condition
//! (unknown condition → path marked uncertain), respecting boundaries.

use palisade_iam::escalation::{
    Estate, Group, Principal, find_escalations, is_admin_equivalent, techniques,
};
use palisade_iam::{Policy, PolicyKind, PolicySource, Truth};

fn p(name: &str, kind: PolicyKind, json: &str) -> Policy {
    Policy::parse(json, &PolicySource::new(name, kind))
}

fn identity(name: &str, json: &str) -> Policy {
    p(name, PolicyKind::Identity, json)
}

const ADMIN: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
const ACCT: &str = "111122223333";

fn user(name: &str, policies: Vec<Policy>) -> Principal {
    Principal {
        arn: format!("arn:aws:iam::{ACCT}:user/{name}"),
        identity: policies,
        ..Principal::default()
    }
}

fn role(name: &str, policies: Vec<Policy>, trust: &str) -> Principal {
    Principal {
        arn: format!("arn:aws:iam::{ACCT}:role/{name}"),
        identity: policies,
        trust: Some(p(&format!("{name}-trust.json"), PolicyKind::Trust, trust)),
        ..Principal::default()
    }
}

fn trust_service(svc: &str) -> String {
    format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Principal":{{"Service":"{svc}"}},"Action":"sts:AssumeRole"}}]}}"#
    )
}

#[test]
fn catalogue_has_at_least_40_techniques() {
    let t = techniques();
    assert!(t.len() >= 40, "{}", t.len());
    for id in [
        "iam-create-policy-version",
        "iam-set-default-policy-version",
        "iam-attach-user-policy-self",
        "iam-add-user-to-group",
        "iam-create-access-key",
        "iam-update-assume-role-policy",
        "passrole-lambda-invoke",
        "passrole-ec2-run-instances",
        "passrole-cloudformation-create-stack",
        "passrole-glue-create-dev-endpoint",
        "passrole-sagemaker-notebook",
        "passrole-codebuild-project",
        "passrole-datapipeline",
        "passrole-ecs-run-task",
        "sts-assume-role",
        "ssm-send-command",
        "ec2-instance-connect",
    ] {
        assert!(t.iter().any(|x| x.id == id), "missing {id}");
    }
}

#[test]
fn self_put_user_policy_is_a_path_citing_its_statement() {
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[
  {"Sid":"SelfManage","Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"arn:aws:iam::111122223333:user/${aws:username}"}
]}"#,
        )],
    );
    let estate = Estate {
        principals: vec![dev],
        ..Estate::default()
    };
    let paths = find_escalations(&estate);
    assert_eq!(paths.len(), 1);
    let step = &paths[0].steps[0];
    assert_eq!(step.technique, "iam-put-user-policy-self");
    assert!(paths[0].certain);
    assert_eq!(step.grants[0].sid.as_deref(), Some("SelfManage"));
    assert_eq!(step.grants[0].span.start_line, 2);
}

#[test]
fn deny_stops_the_path() {
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"iam:PutUserPolicy","Resource":"*"},
  {"Effect":"Deny","Action":"iam:Put*","Resource":"*"}
]}"#,
        )],
    );
    let estate = Estate {
        principals: vec![dev],
        ..Estate::default()
    };
    assert!(find_escalations(&estate).is_empty());
}

#[test]
fn unknown_condition_marks_the_path_uncertain() {
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"iam:AttachUserPolicy","Resource":"*",
   "Condition":{"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}}}
]}"#,
        )],
    );
    let estate = Estate {
        principals: vec![dev],
        ..Estate::default()
    };
    let paths = find_escalations(&estate);
    assert_eq!(paths.len(), 1);
    assert!(!paths[0].certain);
    assert!(
        paths[0].steps[0]
            .unknowns
            .iter()
            .any(|u| u.contains("iam:PolicyARN"))
    );
}

#[test]
fn boundary_stops_the_path() {
    let mut dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"}]}"#,
        )],
    );
    dev.boundary = Some(p(
        "boundary.json",
        PolicyKind::Boundary,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","iam:Get*","iam:List*"],"Resource":"*"}]}"#,
    ));
    let estate = Estate {
        principals: vec![dev],
        ..Estate::default()
    };
    assert!(find_escalations(&estate).is_empty());
}

#[test]
fn passrole_lambda_two_step_path_to_admin_role() {
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[
  {"Sid":"Pass","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::111122223333:role/admin-fn"},
  {"Sid":"Lambda","Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}
]}"#,
        )],
    );
    let admin_role = role(
        "admin-fn",
        vec![identity("admin.json", ADMIN)],
        &trust_service("lambda.amazonaws.com"),
    );
    let estate = Estate {
        principals: vec![dev, admin_role],
        ..Estate::default()
    };
    let paths = find_escalations(&estate);
    assert_eq!(paths.len(), 1, "{paths:?}");
    assert_eq!(paths[0].steps[0].technique, "passrole-lambda-invoke");
    assert!(paths[0].certain);
    let sids: Vec<_> = paths[0].steps[0]
        .grants
        .iter()
        .filter_map(|g| g.sid.clone())
        .collect();
    assert!(sids.contains(&"Pass".to_string()) && sids.contains(&"Lambda".to_string()));
}

#[test]
fn passrole_condition_on_passed_service_is_respected() {
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}},
  {"Effect":"Allow","Action":["lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}
]}"#,
        )],
    );
    let admin_role = role(
        "admin-fn",
        vec![identity("admin.json", ADMIN)],
        &trust_service("lambda.amazonaws.com"),
    );
    let estate = Estate {
        principals: vec![dev, admin_role],
        ..Estate::default()
    };
    assert!(find_escalations(&estate).is_empty());
}

#[test]
fn role_not_trusting_the_service_is_not_reachable() {
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}]}"#,
        )],
    );
    let admin_role = role(
        "admin-ec2",
        vec![identity("admin.json", ADMIN)],
        &trust_service("ec2.amazonaws.com"),
    );
    let estate = Estate {
        principals: vec![dev, admin_role],
        ..Estate::default()
    };
    assert!(find_escalations(&estate).is_empty());
}

#[test]
fn assume_role_chain_then_create_access_key() {
    // dev → assumes hop (trust names dev) → hop creates an access key for ops (admin).
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::111122223333:role/hop"}]}"#,
        )],
    );
    let hop = role(
        "hop",
        vec![identity(
            "hop.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::111122223333:user/ops"}]}"#,
        )],
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/dev"},"Action":"sts:AssumeRole"}]}"#,
    );
    let ops = user("ops", vec![identity("ops.json", ADMIN)]);
    let estate = Estate {
        principals: vec![dev, hop, ops],
        ..Estate::default()
    };
    let paths = find_escalations(&estate);
    let dev_path = paths
        .iter()
        .find(|p| p.principal.ends_with("user/dev"))
        .expect("dev path");
    let techs: Vec<_> = dev_path
        .steps
        .iter()
        .map(|s| s.technique.as_str())
        .collect();
    assert_eq!(techs, ["sts-assume-role", "iam-create-access-key"]);
    assert!(dev_path.certain);
}

#[test]
fn trust_with_mfa_condition_makes_chain_uncertain() {
    let dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]}"#,
        )],
    );
    let admin = role(
        "admin",
        vec![identity("admin.json", ADMIN)],
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#,
    );
    let estate = Estate {
        principals: vec![dev, admin],
        ..Estate::default()
    };
    let paths = find_escalations(&estate);
    assert_eq!(paths.len(), 1);
    assert!(!paths[0].certain, "{paths:#?}");
}

#[test]
fn add_user_to_admin_group() {
    let mut dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:AddUserToGroup","Resource":"arn:aws:iam::111122223333:group/admins"}]}"#,
        )],
    );
    dev.groups = vec![];
    let estate = Estate {
        principals: vec![dev],
        groups: vec![Group {
            arn: "arn:aws:iam::111122223333:group/admins".into(),
            identity: vec![identity("admins.json", ADMIN)],
            managed_policy_arns: vec![],
        }],
        ..Estate::default()
    };
    let paths = find_escalations(&estate);
    assert_eq!(paths.len(), 1);
    assert_eq!(paths[0].steps[0].technique, "iam-add-user-to-group");
}

#[test]
fn create_policy_version_on_own_policy_and_scp_deny() {
    let mut dev = user(
        "dev",
        vec![identity(
            "dev.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:CreatePolicyVersion","Resource":"arn:aws:iam::111122223333:policy/dev-*"}]}"#,
        )],
    );
    dev.managed_policy_arns = vec!["arn:aws:iam::111122223333:policy/dev-perms".into()];
    let mut estate = Estate {
        principals: vec![dev],
        ..Estate::default()
    };
    let paths = find_escalations(&estate);
    assert_eq!(paths.len(), 1);
    assert_eq!(paths[0].steps[0].technique, "iam-create-policy-version");
    estate.scps = vec![p(
        "scp.json",
        PolicyKind::Scp,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:CreatePolicyVersion","Resource":"*"}]}"#,
    )];
    assert!(find_escalations(&estate).is_empty());
}

#[test]
fn admins_are_not_reported_and_admin_check_is_three_valued() {
    let a = user("root-like", vec![identity("a.json", ADMIN)]);
    let estate = Estate {
        principals: vec![a.clone()],
        ..Estate::default()
    };
    assert_eq!(is_admin_equivalent(&estate, &a), Truth::Yes);
    assert!(find_escalations(&estate).is_empty());
    let c = user(
        "cond",
        vec![identity(
            "c.json",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"#,
        )],
    );
    assert!(is_admin_equivalent(&estate, &c).is_maybe());
}
