//! View tests on hand-built models: both languages, references, unknowns
//! and odd shapes.

use indexmap::IndexMap;
use palisade_model::{Model, Node, Resource, SourceKind, Span, Value};
use serde_json::json;

use super::AwsViews;
use super::ec2::Direction;
use crate::Tri;

fn span(line: u32) -> Span {
    Span::line("main.tf".into(), line)
}

fn tf(rtype: &str, name: &str, line: u32, attrs: serde_json::Value) -> Resource {
    Resource::new(
        SourceKind::Terraform,
        rtype,
        name,
        span(line),
        Node::from_json(&attrs, Some(&span(line))),
    )
}

fn cfn(rtype: &str, name: &str, line: u32, attrs: serde_json::Value) -> Resource {
    let s = Span::line("template.yaml".into(), line);
    Resource::new(
        SourceKind::CloudFormation,
        rtype,
        name,
        s.clone(),
        Node::from_json(&attrs, Some(&s)),
    )
}

/// Replaces the attribute `key` of `r` with `node`.
fn set(r: &mut Resource, key: &str, node: Node) {
    if let Value::Map(m) = &mut r.attrs.value {
        m.insert(key.to_string(), node);
    }
}

fn views(rs: Vec<Resource>) -> (Model, AwsViews) {
    let m = Model::new(rs, vec![]);
    let v = AwsViews::build(&m);
    (m, v)
}

#[test]
fn security_group_rules_from_every_spelling() {
    let sg = tf(
        "aws_security_group",
        "web",
        1,
        json!({"description": "web", "ingress": [
            {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
            {"from_port": "443", "to_port": "443", "protocol": "6", "ipv6_cidr_blocks": ["::/0"]}
        ]}),
    );
    let mut rule = tf(
        "aws_vpc_security_group_ingress_rule",
        "db",
        20,
        json!({"ip_protocol": "tcp", "from_port": 5432, "to_port": 5432}),
    );
    set(
        &mut rule,
        "security_group_id",
        Node::unknown("known after apply", None)
            .with_refs(vec!["aws_security_group.web.id".into()]),
    );
    set(
        &mut rule,
        "cidr_ipv4",
        Node::unknown("var.cidr has no value", None),
    );
    let c = cfn(
        "AWS::EC2::SecurityGroup",
        "Cfn",
        3,
        json!({"GroupDescription": "x", "SecurityGroupIngress": {"IpProtocol": -1, "CidrIp": "0.0.0.0/0"}}),
    );
    let (_, v) = views(vec![sg, rule, c]);
    let rules = &v.ec2.rules;
    assert_eq!(rules.len(), 4);
    // Inline TF rules, ports as numbers and as strings, protocol as number.
    assert!(matches!(rules[0].covers_port(22), Tri::Known(true, _)));
    assert!(matches!(rules[1].covers_port(443), Tri::Known(true, _)));
    assert!(matches!(rules[1].open_to_world(), Tri::Known(true, _)));
    // A CloudFormation single map where a list is usual; protocol -1 = all.
    let cf = rules
        .iter()
        .find(|r| r.attr == "SecurityGroupIngress.0")
        .expect("cfn rule");
    assert!(matches!(cf.all_ports(), Tri::Known(true, _)));
    // The separate rule belongs to the group through its reference, and its
    // unknown source stays unknown.
    let sep = rules
        .iter()
        .find(|r| r.attr.is_empty())
        .expect("separate rule");
    assert!(matches!(sep.direction, Tri::Known(Direction::Ingress, _)));
    assert!(matches!(sep.open_to_world(), Tri::Unknown(ref w, _) if w.contains("var.cidr")));
    let g = v
        .ec2
        .security_groups
        .iter()
        .find(|g| g.rules.len() == 3)
        .expect("group with 3 rules");
    assert!(!g.is_default);
}

#[test]
fn odd_shapes_are_unknown_not_guessed() {
    // Two metadata_options blocks where one is expected; a number where a
    // bool is expected; a string where a block is expected.
    let i = tf(
        "aws_instance",
        "a",
        1,
        json!({"metadata_options": [{"http_tokens": "required"}, {"http_tokens": "optional"}],
               "associate_public_ip_address": 3,
               "root_block_device": "oops"}),
    );
    let db = tf(
        "aws_db_instance",
        "db",
        10,
        json!({"storage_encrypted": "true", "backup_retention_period": "14", "publicly_accessible": [true, false]}),
    );
    let (_, v) = views(vec![i, db]);
    let inst = &v.ec2.instances[0];
    assert!(matches!(&inst.http_tokens, Tri::Unknown(w, _) if w.contains("list of 2")));
    assert!(inst.public_ip.is_unknown());
    let d = &v.rds.databases[0];
    assert!(matches!(d.storage_encrypted, Tri::Known(true, _)));
    assert!(matches!(d.backup_retention, Tri::Known(14, _)));
    assert!(d.publicly_accessible.is_unknown());
}

#[test]
fn policies_from_terraform_strings_and_cloudformation_maps() {
    let bucket = tf("aws_s3_bucket", "b", 1, json!({"bucket": "acme"}));
    let mut pol = tf(
        "aws_s3_bucket_policy",
        "p",
        5,
        json!({"policy": r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme/*"}]}"#}),
    );
    set(
        &mut pol,
        "bucket",
        Node::unknown("known after apply", None).with_refs(vec!["aws_s3_bucket.b.id".into()]),
    );
    let role = cfn(
        "AWS::IAM::Role",
        "R",
        1,
        json!({"AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
               "Policies": [{"PolicyName": "p", "PolicyDocument": {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}},
                            {"PolicyName": "q", "PolicyDocument": "not json"}]}),
    );
    let (m, v) = views(vec![bucket, pol, role]);
    let p = &v.iam.policies;
    assert_eq!(p.len(), 4, "{p:#?}");
    let bp = p
        .iter()
        .find(|x| x.rtype == "aws_s3_bucket_policy")
        .expect("bucket policy");
    assert_eq!(
        bp.owner.map(|o| m.get(o).rtype.as_str()),
        Some("aws_s3_bucket")
    );
    let Tri::Known(doc, _) = &bp.doc else {
        panic!("parsed")
    };
    assert!(doc.statements[0].principals.public().is_some());
    let inline: Vec<_> = p
        .iter()
        .filter(|x| x.attr.starts_with("Policies."))
        .collect();
    assert_eq!(inline.len(), 2);
    assert!(
        matches!(&inline[0].doc, Tri::Known(d, _) if d.statements[0].full_wildcard_action().is_some())
    );
    assert!(inline[1].doc.is_unknown());
    assert!(p.iter().any(|x| x.kind == super::iam::PolicyKind::Trust));
}

#[test]
fn related_resources_fold_into_their_owner() {
    let vpc = tf("aws_vpc", "main", 1, json!({"cidr_block": "10.0.0.0/16"}));
    let mut fl = tf("aws_flow_log", "fl", 5, json!({"traffic_type": "ALL"}));
    set(
        &mut fl,
        "vpc_id",
        Node::unknown("known after apply", None).with_refs(vec!["aws_vpc.main.id".into()]),
    );
    let other = tf("aws_vpc", "other", 10, json!({"cidr_block": "10.1.0.0/16"}));
    let secret = tf("aws_secretsmanager_secret", "s", 20, json!({"name": "x"}));
    let mut rot = tf("aws_secretsmanager_secret_rotation", "r", 25, json!({}));
    set(
        &mut rot,
        "secret_id",
        Node::unknown("known after apply", None)
            .with_refs(vec!["aws_secretsmanager_secret.s.id".into()]),
    );
    let (_, v) = views(vec![vpc, fl, other, secret, rot]);
    assert!(matches!(v.ec2.vpcs[0].flow_logs, Tri::Known(true, _)));
    assert!(v.ec2.vpcs[1].flow_logs.is_absent());
    assert!(matches!(v.data.secrets[0].rotation, Tri::Known(true, _)));
}

#[test]
fn lambda_environment_and_eks_defaults() {
    let mut f = tf(
        "aws_lambda_function",
        "f",
        1,
        json!({"runtime": "python3.8"}),
    );
    let mut vars = IndexMap::new();
    vars.insert("DB_PASSWORD".to_string(), Node::string("x", Some(span(3))));
    vars.insert(
        "TOKEN".to_string(),
        Node::unknown("known after apply", None),
    );
    let mut env = IndexMap::new();
    env.insert("variables".to_string(), Node::map(vars, Some(span(2))));
    set(
        &mut f,
        "environment",
        Node::list(vec![Node::map(env, Some(span(2)))], Some(span(2))),
    );
    let eks = cfn(
        "AWS::EKS::Cluster",
        "C",
        1,
        json!({"ResourcesVpcConfig": {"SubnetIds": ["a"]}}),
    );
    let (_, v) = views(vec![f, eks]);
    let func = &v.lambda.functions[0];
    assert_eq!(func.env.len(), 2);
    assert!(func.env[1].value.is_unknown());
    let c = &v.eks_clusters[0];
    assert!(
        c.public_access.is_absent(),
        "defaults are left to the rules"
    );
    assert!(c.public_access_cidrs.values.is_empty());
    assert!(c.secrets_encryption.is_absent());
}

/// Corpus regression (CloudFormation sample `SSHLocation` default
/// `192.168.1.0/0`): any `/0` prefix is the whole internet, not only
/// `0.0.0.0/0`.
#[test]
fn a_slash_zero_cidr_with_a_nonzero_base_is_the_internet() {
    let c = cfn(
        "AWS::EC2::SecurityGroup",
        "Ssh",
        1,
        json!({"GroupDescription": "x", "SecurityGroupIngress": [
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "192.168.1.0/0"},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "192.168.1.0/24"},
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIpv6": "2001:db8::/0"}
        ]}),
    );
    let (_, v) = views(vec![c]);
    let r = &v.ec2.rules;
    assert_eq!(r.len(), 3);
    assert!(matches!(r[0].open_to_world(), Tri::Known(true, _)));
    assert!(matches!(r[1].open_to_world(), Tri::Known(false, _)));
    assert!(matches!(r[2].open_to_world(), Tri::Known(true, _)));
    assert!(super::ec2::is_world_cidr(" 0.0.0.0/0 "));
    assert!(!super::ec2::is_world_cidr("10.0.0.0/8"));
    assert!(!super::ec2::is_world_cidr("/0"));
}

/// Corpus regression (TerraGoat `db-app.tf`, `iam.tf`): an attribute set to
/// another managed resource's attribute whose value is only known after
/// apply is present, so an instance profile / a user attachment is seen.
#[test]
fn an_unknown_reference_to_a_managed_resource_is_present() {
    let mut i = tf("aws_instance", "app", 1, json!({"ami": "ami-1"}));
    set(
        &mut i,
        "iam_instance_profile",
        Node::unknown(
            "known after apply: data.aws_caller_identity.current.account_id",
            None,
        )
        .with_refs(vec![
            "aws_iam_instance_profile.p.name".into(),
            "data.aws_caller_identity.current.account_id".into(),
        ]),
    );
    let mut p = tf("aws_iam_user_policy", "up", 5, json!({"policy": "{}"}));
    set(
        &mut p,
        "user",
        Node::unknown("known after apply: aws_iam_user.u.name", None)
            .with_refs(vec!["aws_iam_user.u.name".into()]),
    );
    // Only data sources and variables behind it: still unknown.
    let mut j = tf("aws_instance", "other", 9, json!({"ami": "ami-1"}));
    set(
        &mut j,
        "iam_instance_profile",
        Node::unknown("var.profile has no value", None).with_refs(vec!["var.profile".into()]),
    );
    let (_, v) = views(vec![i, p, j]);
    assert!(matches!(
        v.ec2.instances[0].instance_profile,
        Tri::Known(true, _)
    ));
    assert!(matches!(
        v.ec2.instances[1].instance_profile,
        Tri::Unknown(..)
    ));
    assert_eq!(v.iam.user_attachments.len(), 1);
}

#[test]
fn a_bucket_policy_naming_the_bucket_by_the_same_template_belongs_to_it() {
    use palisade_model::Part;
    let tmpl = || {
        Node::unknown_parts(
            "pseudo parameter AWS::AccountId (known at deploy)",
            [
                Part::Lit("shop-".into()),
                Part::Hole("AWS::AccountId".into()),
            ],
            None,
        )
    };
    let mut b = cfn("AWS::S3::Bucket", "B", 1, json!({}));
    set(&mut b, "BucketName", tmpl());
    let mut p = cfn(
        "AWS::S3::BucketPolicy",
        "P",
        5,
        json!({"PolicyDocument": {"Statement": [{"Effect": "Deny", "Principal": "*",
            "Action": "s3:*", "Resource": "*"}]}}),
    );
    set(&mut p, "Bucket", tmpl());
    let mut other = cfn(
        "AWS::S3::BucketPolicy",
        "Q",
        9,
        json!({"PolicyDocument": {}}),
    );
    set(
        &mut other,
        "Bucket",
        Node::unknown_parts(
            "x",
            [
                Part::Lit("logs-".into()),
                Part::Hole("AWS::AccountId".into()),
            ],
            None,
        ),
    );
    let (m, v) = views(vec![b, p, other]);
    assert_eq!(v.s3_buckets.len(), 1);
    let names: Vec<&str> = v.s3_buckets[0]
        .policies
        .iter()
        .map(|id| m.get(*id).name.as_str())
        .collect();
    assert_eq!(names, ["P"]);
    let pol = v
        .iam
        .policies
        .iter()
        .find(|x| m.get(x.resource).name == "P");
    assert_eq!(pol.and_then(|x| x.owner), Some(v.s3_buckets[0].id));
    let q = v
        .iam
        .policies
        .iter()
        .find(|x| m.get(x.resource).name == "Q");
    assert!(q.is_none_or(|x| x.owner.is_none()));
}

#[test]
fn a_partly_known_principal_that_cannot_be_everyone_is_not_opaque() {
    use palisade_model::Part;
    let mut key = cfn(
        "AWS::KMS::Key",
        "K",
        1,
        json!({"KeyPolicy": {"Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "x"}, "Action": "kms:*", "Resource": "*"},
            {"Effect": "Allow", "Principal": {"AWS": "x"}, "Action": "kms:*", "Resource": "*"}
        ]}}),
    );
    let root = Node::unknown_parts(
        "pseudo parameter AWS::AccountId (known at deploy)",
        [
            Part::Lit("arn:aws:iam::".into()),
            Part::Hole("AWS::AccountId".into()),
            Part::Lit(":root".into()),
        ],
        None,
    );
    let whole = Node::unknown_parts("param", [Part::Hole("Who".into())], None);
    if let Value::Map(m) = &mut key.attrs.value
        && let Some(Value::Map(doc)) = m.get_mut("KeyPolicy").map(|n| &mut n.value)
        && let Some(Value::List(sts)) = doc.get_mut("Statement").map(|n| &mut n.value)
    {
        for (st, who) in sts.iter_mut().zip([root, whole]) {
            if let Value::Map(st) = &mut st.value
                && let Some(Value::Map(p)) = st.get_mut("Principal").map(|n| &mut n.value)
            {
                p.insert("AWS".into(), who);
            }
        }
    }
    let (_, v) = views(vec![key]);
    let Tri::Known(doc, _) = &v.iam.policies[0].doc else {
        panic!("{:?}", v.iam.policies[0].doc)
    };
    let a = &doc.statements[0].principals;
    assert!(a.unknown.is_some(), "still unresolved");
    assert!(a.opaque.is_none(), "but it cannot be `*`");
    assert_eq!(a.partial.len(), 1);
    assert_eq!(a.partial[0].1.known_prefix(), "arn:aws:iam::");
    let b = &doc.statements[1].principals;
    assert!(b.opaque.is_some(), "a bare parameter might be `*`");
    assert!(b.partial.is_empty());
}

#[test]
fn elasticsearch_domain_policies_are_resource_policies() {
    let d = tf(
        "aws_elasticsearch_domain_policy",
        "p",
        1,
        json!({"domain_name": "d", "access_policies":
            "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"es:*\",\"Resource\":\"*\"}]}"}),
    );
    let (_, v) = views(vec![d]);
    assert_eq!(v.iam.policies.len(), 1);
    assert_eq!(v.iam.policies[0].kind, super::iam::PolicyKind::Resource);
}

#[test]
fn rds_engine_names_are_case_insensitive() {
    let db = cfn("AWS::RDS::DBInstance", "Db", 1, json!({"Engine": "MySQL"}));
    let (_, v) = views(vec![db]);
    assert!(matches!(&v.rds.databases[0].engine, Tri::Known(e, _) if e == "mysql"));
}

#[test]
fn cfn_read_replica_of_a_template_resource_is_a_member() {
    // `SourceDBInstanceIdentifier: !Ref MainDB`: unknown until deployed, but
    // set; the replica's encryption is its source's.
    let main = cfn(
        "AWS::RDS::DBInstance",
        "MainDB",
        1,
        json!({"StorageEncrypted": true}),
    );
    let mut replica = cfn("AWS::RDS::DBInstance", "ReplicaDB", 9, json!({}));
    set(
        &mut replica,
        "SourceDBInstanceIdentifier",
        Node::unknown("reference to resource MainDB (known after deploy)", None)
            .with_refs(vec!["MainDB".into()]),
    );
    let mut unresolved = cfn("AWS::RDS::DBInstance", "Other", 20, json!({}));
    set(
        &mut unresolved,
        "SourceDBInstanceIdentifier",
        Node::unknown("unresolved Ref Nowhere", None),
    );
    let (_m, v) = views(vec![main, replica, unresolved]);
    let member: Vec<bool> = v.rds.databases.iter().map(|d| d.member).collect();
    assert_eq!(member, vec![false, true, false]);
}

#[test]
fn sam_functions_are_lambda_functions() {
    let (_, v) = views(vec![
        cfn(
            "AWS::Serverless::Function",
            "Api",
            3,
            json!({
                "Runtime": "nodejs10.x",
                "Tracing": "Active",
                "KmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:key/1",
                "DeadLetterQueue": {"Type": "SQS", "TargetArn": "arn:aws:sqs:eu-west-1:111122223333:dlq"},
                "Environment": {"Variables": {"DB_PASSWORD": "hunter2"}},
                "FunctionUrlConfig": {"AuthType": "NONE"}
            }),
        ),
        cfn(
            "AWS::Serverless::Function",
            "Bare",
            20,
            json!({"Runtime": "python3.12", "FunctionUrlConfig": null}),
        ),
    ]);
    let f = &v.lambda.functions;
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].runtime.known().map(String::as_str), Some("nodejs10.x"));
    assert_eq!(
        f[0].tracing_mode.known().map(String::as_str),
        Some("Active")
    );
    assert_eq!(f[0].dead_letter.known(), Some(&true));
    assert!(f[0].env_kms.is_known());
    assert_eq!(f[0].env.len(), 1);
    assert_eq!(f[0].env[0].name, "DB_PASSWORD");
    assert!(f[1].tracing_mode.is_absent());
    assert!(f[1].dead_letter.is_absent());
    // Only the function with a FunctionUrlConfig has a URL.
    assert_eq!(v.lambda.urls.len(), 1);
    assert_eq!(v.lambda.urls[0].id, f[0].id);
    assert_eq!(
        v.lambda.urls[0].auth_type.known().map(String::as_str),
        Some("NONE")
    );
}

#[test]
fn may_end_with_reads_the_known_pieces() {
    use palisade_model::{Part, Unknown};
    let u = |parts: Vec<Part>| Unknown::new("r").with_parts(parts);
    let lit = |s: &str| Part::Lit(s.into());
    let hole = |s: &str| Part::Hole(s.into());
    let end = super::util::may_end_with;
    let cni = u(vec![
        lit("arn:"),
        hole("partition"),
        lit(":iam::aws:policy/AmazonEKS_CNI_Policy"),
    ]);
    assert_eq!(end(&cni, ":policy/AdministratorAccess"), Some(false));
    assert_eq!(end(&cni, "_CNI_Policy"), Some(true));
    // The suffix may begin in the hole.
    assert_eq!(end(&cni, "x:iam::aws:policy/AmazonEKS_CNI_Policy"), None);
    let named = u(vec![lit("arn:aws:iam::aws:policy/"), hole("name")]);
    assert_eq!(end(&named, ":policy/AdministratorAccess"), None);
    assert_eq!(end(&Unknown::new("nothing known"), "x"), None);
}

#[test]
fn ecs_services_public_ip_from_both_spellings() {
    let (_, v) = views(vec![
        tf(
            "aws_ecs_service",
            "public",
            1,
            json!({"network_configuration": [{"assign_public_ip": true, "subnets": ["subnet-1"]}]}),
        ),
        tf("aws_ecs_service", "default", 10, json!({"name": "x"})),
        cfn(
            "AWS::ECS::Service",
            "Cfn",
            20,
            json!({"NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "ENABLED"}}}),
        ),
        cfn(
            "AWS::ECS::Service",
            "CfnOff",
            30,
            json!({"NetworkConfiguration": {"AwsvpcConfiguration": {"AssignPublicIp": "DISABLED"}}}),
        ),
    ]);
    let s: Vec<_> = v
        .ecs
        .services
        .iter()
        .map(|x| x.assign_public_ip.known().copied())
        .collect();
    assert_eq!(s, [Some(true), None, Some(true), Some(false)]);
    assert!(v.ecs.services[1].assign_public_ip.is_absent());
}

/// A Terraform attribute that refers to `target` (`aws_x.y.name`).
fn reference(target: &str, line: u32) -> Node {
    Node::unknown(format!("known after apply: {target}"), Some(span(line)))
        .with_refs(vec![target.to_string()])
}

#[test]
fn rds_tls_from_parameter_groups() {
    let mut by_ref = tf("aws_db_instance", "a", 1, json!({"engine": "mysql"}));
    set(
        &mut by_ref,
        "parameter_group_name",
        reference("aws_db_parameter_group.tls.name", 2),
    );
    let group = tf(
        "aws_db_parameter_group",
        "tls",
        10,
        json!({"name": "tls", "parameter": [
            {"name": "max_connections", "value": "50"},
            {"name": "require_secure_transport", "value": "ON"}
        ]}),
    );
    let by_name = tf(
        "aws_db_instance",
        "b",
        20,
        json!({"engine": "postgres", "parameter_group_name": "tls"}),
    );
    let default = tf(
        "aws_db_instance",
        "c",
        30,
        json!({"engine": "postgres", "engine_version": "14.9", "parameter_group_name": "default.postgres14"}),
    );
    let pg16 = tf(
        "aws_db_instance",
        "d",
        40,
        json!({"engine": "postgres", "engine_version": "16"}),
    );
    let missing = tf(
        "aws_db_instance",
        "e",
        50,
        json!({"engine": "postgres", "parameter_group_name": "elsewhere"}),
    );
    let mut var = tf("aws_db_instance", "f", 60, json!({"engine": "postgres"}));
    set(
        &mut var,
        "parameter_group_name",
        Node::unknown("variable \"pg\" has no value", Some(span(61))),
    );
    let cluster = cfn(
        "AWS::RDS::DBCluster",
        "Cluster",
        70,
        json!({"Engine": "aurora-postgresql"}),
    );
    let mut cluster = cluster;
    cluster.address = "Cluster".into();
    set(
        &mut cluster,
        "DBClusterParameterGroupName",
        Node::unknown("Ref ClusterParams", None).with_refs(vec!["ClusterParams".into()]),
    );
    let cparams = cfn(
        "AWS::RDS::DBClusterParameterGroup",
        "ClusterParams",
        80,
        json!({"Parameters": {"rds.force_ssl": 0}}),
    );
    let mut cparams = cparams;
    cparams.address = "ClusterParams".into();
    let (m, v) = views(vec![
        by_ref, group, by_name, default, pg16, missing, var, cluster, cparams,
    ]);
    let tls = |addr: &str| {
        v.rds
            .databases
            .iter()
            .find(|d| m.get(d.id).address == addr)
            .map(|d| d.tls_enforced.clone())
            .unwrap()
    };
    assert!(matches!(tls("aws_db_instance.a"), Tri::Known(true, s) if s.start_line == 10));
    assert!(matches!(tls("aws_db_instance.b"), Tri::Known(true, _)));
    assert!(matches!(tls("aws_db_instance.c"), Tri::Known(false, _)));
    assert!(matches!(tls("aws_db_instance.d"), Tri::Known(true, _)));
    assert!(matches!(tls("aws_db_instance.e"), Tri::Unknown(w, _) if w.contains("`elsewhere`")));
    assert!(matches!(tls("aws_db_instance.f"), Tri::Unknown(w, _) if w.contains("variable")));
    assert!(matches!(tls("Cluster"), Tri::Known(false, s) if s.start_line == 80));
}

#[test]
fn redshift_require_ssl_and_efs_backup_policy() {
    let mut dw = tf("aws_redshift_cluster", "dw", 1, json!({}));
    set(
        &mut dw,
        "cluster_parameter_group_name",
        reference("aws_redshift_parameter_group.p.name", 2),
    );
    let p = tf(
        "aws_redshift_parameter_group",
        "p",
        10,
        json!({"name": "p", "parameter": {"name": "require_ssl", "value": "true"}}),
    );
    let plain = tf("aws_redshift_cluster", "plain", 20, json!({}));
    let odd = cfn(
        "AWS::Redshift::Cluster",
        "Odd",
        30,
        json!({"ClusterParameterGroupName": "custom"}),
    );
    let fs = tf("aws_efs_file_system", "fs", 40, json!({"encrypted": true}));
    let mut pol = tf(
        "aws_efs_backup_policy",
        "fs",
        50,
        json!({"backup_policy": {"status": "ENABLED"}}),
    );
    set(
        &mut pol,
        "file_system_id",
        reference("aws_efs_file_system.fs.id", 51),
    );
    let bare = tf("aws_efs_file_system", "bare", 60, json!({}));
    let cfs = cfn(
        "AWS::EFS::FileSystem",
        "Fs",
        70,
        json!({"BackupPolicy": {"Status": "DISABLED"}}),
    );
    let mut off = tf("aws_redshift_cluster", "off", 90, json!({}));
    set(
        &mut off,
        "cluster_parameter_group_name",
        reference("aws_redshift_parameter_group.q.name", 91),
    );
    let q = tf(
        "aws_redshift_parameter_group",
        "q",
        95,
        json!({"name": "q", "parameter": {"name": "require_ssl", "value": "false"}}),
    );
    let (m, v) = views(vec![dw, p, plain, odd, fs, pol, bare, cfs, off, q]);
    let ssl = |addr: &str| {
        v.data
            .warehouses
            .iter()
            .find(|w| m.get(w.id).name == addr)
            .map(|w| w.require_ssl.clone())
            .unwrap()
    };
    assert!(matches!(ssl("dw"), Tri::Known(true, _)));
    // The default parameter group requires TLS (since January 2025).
    assert!(matches!(ssl("plain"), Tri::Known(true, _)));
    assert!(matches!(&ssl("Odd"), Tri::Unknown(w, _) if w.contains("`custom`")));
    // Only an explicit `require_ssl = false` turns it off.
    assert!(matches!(ssl("off"), Tri::Known(false, _)));
    let backup = |addr: &str| {
        v.data
            .file_systems
            .iter()
            .find(|f| m.get(f.id).address == addr)
            .map(|f| f.backup_policy.clone())
            .unwrap()
    };
    assert!(matches!(
        backup("aws_efs_file_system.fs"),
        Tri::Known(true, _)
    ));
    assert!(backup("aws_efs_file_system.bare").is_absent());
    assert!(matches!(
        backup("AWS::EFS::FileSystem.Fs"),
        Tri::Known(false, _)
    ));
    // In the data store view: 35 days for automatic backups, none without.
    let ds = crate::datastore::build(&m, &v);
    let days = |addr: &str| {
        ds.stores
            .iter()
            .find(|d| m.get(d.id).address == addr)
            .and_then(|d| d.backup_retention_days.clone())
            .unwrap()
    };
    assert!(matches!(days("aws_efs_file_system.fs"), Tri::Known(35, _)));
    assert!(days("aws_efs_file_system.bare").is_absent());
}
