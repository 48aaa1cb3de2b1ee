//! IAM: every policy document in the estate (identity, trust and resource
//! policies, parsed once), users with their console access, access keys and
//! direct attachments, and the account password policy.
//!
//! Policy text is read from Terraform `policy` strings (JSON, rendered from
//! `jsonencode` or `aws_iam_policy_document` by the parser) and from
//! CloudFormation's structured `PolicyDocument`s alike.

use palisade_model::{Lookup, Model, Node, Resource, ResourceId, Span, Unknown, Value};

use super::util::{self, Strs, is_cfn, span_of};
use crate::Tri;

/// What a policy document governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyKind {
    /// Attached to a user, group or role: what the identity may do.
    Identity,
    /// A role's trust (assume-role) policy.
    Trust,
    /// A resource-based policy (bucket, key, queue, topic...).
    Resource,
}

/// One condition clause: `{"Bool": {"aws:SecureTransport": "false"}}` gives
/// operator `Bool`, key `aws:securetransport` (lower case), values `false`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub operator: String,
    pub key: String,
    pub values: Strs,
}

/// Principals of a statement: (`AWS`/`Service`/`Federated`/`CanonicalUser`,
/// or `*` for the bare wildcard) and value.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Principals {
    pub values: Vec<(String, String, Span)>,
    /// Reason and location of the first unresolved principal.
    pub unknown: Option<(String, Span)>,
    /// The first unresolved principal of which too little is known to rule
    /// out `*` (a subset of `unknown`: partly-known ones are left out).
    pub opaque: Option<(String, Span)>,
    /// Unresolved principals whose known pieces rule out `*`
    /// (`arn:aws:iam::${AWS::AccountId}:root`): kind, value, location.
    pub partial: Vec<(String, Unknown, Span)>,
    pub present: bool,
}

impl Principals {
    /// A principal that means "everyone": `"*"` or `{"AWS": "*"}`.
    pub fn public(&self) -> Option<&Span> {
        self.values
            .iter()
            .find(|(k, v, _)| (k == "*" || k == "AWS") && v == "*")
            .map(|(_, _, s)| s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub span: Span,
    pub sid: Option<String>,
    pub effect: Tri<String>,
    pub actions: Strs,
    pub not_actions: Strs,
    pub resources: Strs,
    pub not_resources: Strs,
    pub principals: Principals,
    pub not_principals: Principals,
    pub conditions: Vec<Condition>,
    /// Why the condition block could not be read, if it could not.
    pub condition_unknown: Option<(String, Span)>,
}

impl Statement {
    /// `Allow` known.
    pub fn is_allow(&self) -> bool {
        matches!(&self.effect, Tri::Known(e, _) if e.eq_ignore_ascii_case("allow"))
    }
    pub fn is_deny(&self) -> bool {
        matches!(&self.effect, Tri::Known(e, _) if e.eq_ignore_ascii_case("deny"))
    }
    /// Whether any condition is attached (or might be).
    pub fn has_condition(&self) -> bool {
        !self.conditions.is_empty() || self.condition_unknown.is_some()
    }
    /// A condition on `key` (lower case).
    pub fn condition(&self, key: &str) -> Option<&Condition> {
        self.conditions.iter().find(|c| c.key == key)
    }
    /// The first action granting `action` (`iam:PassRole`), by IAM's
    /// wildcard matching, case-insensitive.
    pub fn action_matching(&self, action: &str) -> Option<&(String, Span)> {
        self.actions.find(|a| wildcard_match(a, action))
    }
    /// The first action that is `*` or `service:*`-style full wildcard.
    pub fn full_wildcard_action(&self) -> Option<&(String, Span)> {
        self.actions.find(|a| a == "*")
    }
    pub fn all_resources(&self) -> Option<&(String, Span)> {
        self.resources.find(|r| r == "*")
    }
}

/// IAM wildcard matching (`*` any run, `?` one char), case-insensitive.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    crate::wildcard::matches_ignore_ascii_case(pattern, text)
}

#[derive(Clone, Debug, PartialEq)]
pub struct PolicyDoc {
    pub statements: Vec<Statement>,
    /// A statement (or the statement list) that could not be resolved.
    pub unknown: Option<(String, Span)>,
}

/// One policy document and where it lives.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The resource the document is written in (where findings go).
    pub resource: ResourceId,
    pub rtype: String,
    /// Attribute path of the document in that resource.
    pub attr: String,
    pub kind: PolicyKind,
    pub span: Span,
    pub doc: Tri<PolicyDoc>,
    /// What the policy governs, when it can be told: the bucket of a bucket
    /// policy, the key of a key policy, the role of a trust policy.
    pub owner: Option<ResourceId>,
}

/// A resource (or attribute) that attaches a policy directly to a user.
#[derive(Clone, Debug)]
pub struct UserAttachment {
    pub resource: ResourceId,
    pub attr: String,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct IamUser {
    pub id: ResourceId,
    pub name: Tri<String>,
    /// Where console access (a login profile) is granted.
    pub login_profile: Option<(ResourceId, Span)>,
    /// An MFA device is declared for the user.
    pub mfa_device: bool,
}

#[derive(Clone, Debug)]
pub struct AccessKey {
    pub id: ResourceId,
    pub status: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct PasswordPolicy {
    pub id: ResourceId,
    pub minimum_length: Tri<i64>,
    pub reuse_prevention: Tri<i64>,
    pub max_age: Tri<i64>,
    pub require_symbols: Tri<bool>,
    pub require_numbers: Tri<bool>,
    pub require_uppercase: Tri<bool>,
    pub require_lowercase: Tri<bool>,
}

/// A managed policy ARN attached to a user, group or role.
#[derive(Clone, Debug)]
pub struct ManagedAttachment {
    pub resource: ResourceId,
    pub attr: String,
    pub arn: Tri<String>,
    /// The unknown ARN, with its known pieces when it is partly known
    /// (`arn:${partition}:iam::aws:policy/ReadOnlyAccess`).
    pub unknown: Option<Unknown>,
}

impl ManagedAttachment {
    /// Whether the ARN ends with one of `suffixes`: known `true` when it
    /// certainly does, known `false` when it does not or its known pieces
    /// rule every suffix out, unknown when it might.
    pub fn ends_with_any(&self, suffixes: &[&str]) -> Tri<bool> {
        match (&self.arn, &self.unknown) {
            (Tri::Unknown(why, span), Some(u)) => {
                let each: Vec<Option<bool>> =
                    suffixes.iter().map(|x| util::may_end_with(u, x)).collect();
                if each.contains(&Some(true)) {
                    Tri::Known(true, span.clone())
                } else if each.iter().all(|x| *x == Some(false)) {
                    Tri::Known(false, span.clone())
                } else {
                    Tri::Unknown(why.clone(), span.clone())
                }
            }
            (arn, _) => arn.clone().map(|a| suffixes.iter().any(|x| a.ends_with(x))),
        }
    }
}

#[derive(Debug, Default)]
pub struct IamView {
    pub managed_attachments: Vec<ManagedAttachment>,
    pub policies: Vec<Policy>,
    pub users: Vec<IamUser>,
    pub user_attachments: Vec<UserAttachment>,
    pub access_keys: Vec<AccessKey>,
    pub password_policies: Vec<PasswordPolicy>,
}

/// Parses a policy document node: a JSON string or a structured map.
pub fn parse_doc(n: &Node, fallback: &Span) -> Tri<PolicyDoc> {
    let span = span_of(n, fallback);
    match &n.value {
        Value::Unknown(u) => Tri::Unknown(u.reason.to_string(), span),
        Value::Null => Tri::Absent(span),
        Value::String(s) if s.trim().is_empty() => Tri::Absent(span),
        Value::String(s) => match serde_json::from_str::<serde_json::Value>(s) {
            Ok(j) => {
                let node = Node::from_json(&j, Some(&span));
                structured(&node, &span)
            }
            Err(e) => Tri::Unknown(format!("policy is not valid JSON: {e}"), span),
        },
        Value::Map(_) => structured(n, &span),
        _ => Tri::Unknown("policy document has an unexpected shape".into(), span),
    }
}

fn structured(n: &Node, span: &Span) -> Tri<PolicyDoc> {
    let mut doc = PolicyDoc {
        statements: Vec::new(),
        unknown: None,
    };
    let st = match n.as_map() {
        Some(m) => m.get("Statement"),
        None => return Tri::Unknown("policy document is not an object".into(), span.clone()),
    };
    let Some(st) = st else {
        return Tri::Known(doc, span.clone());
    };
    let items: Vec<&Node> = match &st.value {
        Value::List(l) => l.iter().collect(),
        Value::Map(_) => vec![st],
        Value::Unknown(u) => {
            return Tri::Unknown(u.reason.to_string(), span_of(st, span));
        }
        _ => {
            return Tri::Unknown(
                "Statement has an unexpected shape".into(),
                span_of(st, span),
            );
        }
    };
    for item in items {
        match &item.value {
            Value::Map(_) => doc.statements.push(statement(item, span)),
            Value::Unknown(u) => {
                if doc.unknown.is_none() {
                    doc.unknown = Some((u.reason.to_string(), span_of(item, span)));
                }
            }
            _ => {
                if doc.unknown.is_none() {
                    doc.unknown = Some((
                        "a statement has an unexpected shape".into(),
                        span_of(item, span),
                    ));
                }
            }
        }
    }
    Tri::Known(doc, span.clone())
}

fn principals(l: Lookup<'_>, span: &Span) -> Principals {
    let mut p = Principals::default();
    match l {
        Lookup::Absent => {}
        Lookup::Unknown(n, u) => {
            p.present = true;
            p.unresolved("*", u, span_of(n, span));
        }
        Lookup::Known(n) => {
            p.present = true;
            match &n.value {
                Value::String(s) => p.values.push(("*".into(), s.clone(), span_of(n, span))),
                Value::Map(m) => {
                    for (k, v) in m {
                        let items = match &v.value {
                            Value::List(l) => l.iter().collect(),
                            _ => vec![v],
                        };
                        for x in items {
                            let xs = span_of(x, span);
                            match &x.value {
                                Value::String(s) => p.values.push((k.clone(), s.clone(), xs)),
                                Value::Number(_) | Value::Bool(_) => {
                                    let s = crate::aws::util::Strs::read(Lookup::Known(x), span);
                                    for (x, sp) in s.values {
                                        p.values.push((k.clone(), x, sp));
                                    }
                                }
                                Value::Null => {}
                                Value::Unknown(u) => p.unresolved(k, u, xs),
                                _ => {
                                    let why = "value has an unexpected shape";
                                    p.unresolved(k, &Unknown::new(why), xs)
                                }
                            }
                        }
                    }
                }
                _ => p.unresolved(
                    "*",
                    &Unknown::new("Principal has an unexpected shape"),
                    span_of(n, span),
                ),
            }
        }
    }
    p
}

impl Principals {
    fn unresolved(&mut self, kind: &str, u: &Unknown, span: Span) {
        if self.unknown.is_none() {
            self.unknown = Some((u.reason.to_string(), span.clone()));
        }
        if u.parts.is_some() && !u.may_equal("*") {
            self.partial.push((kind.to_string(), u.clone(), span));
        } else if self.opaque.is_none() {
            self.opaque = Some((u.reason.to_string(), span));
        }
    }
}

fn statement(n: &Node, doc_span: &Span) -> Statement {
    let span = span_of(n, doc_span);
    let mut conditions = Vec::new();
    let mut condition_unknown = None;
    match n.get("Condition") {
        Lookup::Absent => {}
        Lookup::Unknown(c, u) => {
            condition_unknown = Some((u.reason.to_string(), span_of(c, &span)))
        }
        Lookup::Known(c) => match &c.value {
            Value::Map(ops) => {
                for (op, body) in ops {
                    match &body.value {
                        Value::Map(keys) => {
                            for (k, v) in keys {
                                let values = Strs::read(
                                    match &v.value {
                                        Value::Unknown(u) => Lookup::Unknown(v, u),
                                        _ => Lookup::Known(v),
                                    },
                                    &span,
                                );
                                conditions.push(Condition {
                                    operator: op.clone(),
                                    key: k.to_ascii_lowercase(),
                                    values,
                                });
                            }
                        }
                        Value::Unknown(u) => {
                            condition_unknown = Some((u.reason.to_string(), span_of(body, &span)))
                        }
                        _ => {
                            condition_unknown = Some((
                                "Condition has an unexpected shape".into(),
                                span_of(body, &span),
                            ))
                        }
                    }
                }
            }
            Value::Null => {}
            _ => {
                condition_unknown = Some((
                    "Condition has an unexpected shape".into(),
                    span_of(c, &span),
                ))
            }
        },
    }
    Statement {
        sid: n
            .get("Sid")
            .known()
            .and_then(|x| x.as_str())
            .map(str::to_string),
        effect: Tri::string(n.get("Effect"), &span, "Effect"),
        actions: Strs::read(n.get("Action"), &span),
        not_actions: Strs::read(n.get("NotAction"), &span),
        resources: Strs::read(n.get("Resource"), &span),
        not_resources: Strs::read(n.get("NotResource"), &span),
        principals: principals(n.get("Principal"), &span),
        not_principals: principals(n.get("NotPrincipal"), &span),
        conditions,
        condition_unknown,
        span,
    }
}

/// Where policy documents are written: (type, attribute path, kind,
/// attribute naming the governed resource or "" for the resource itself).
const SOURCES: &[(&str, &str, PolicyKind, &str)] = &[
    ("aws_iam_policy", "policy", PolicyKind::Identity, ""),
    (
        "aws_iam_role_policy",
        "policy",
        PolicyKind::Identity,
        "role",
    ),
    (
        "aws_iam_user_policy",
        "policy",
        PolicyKind::Identity,
        "user",
    ),
    (
        "aws_iam_group_policy",
        "policy",
        PolicyKind::Identity,
        "group",
    ),
    ("aws_iam_role", "assume_role_policy", PolicyKind::Trust, ""),
    (
        "aws_s3_bucket_policy",
        "policy",
        PolicyKind::Resource,
        "bucket",
    ),
    ("aws_s3_bucket", "policy", PolicyKind::Resource, ""),
    ("aws_kms_key", "policy", PolicyKind::Resource, ""),
    (
        "aws_kms_key_policy",
        "policy",
        PolicyKind::Resource,
        "key_id",
    ),
    ("aws_sqs_queue", "policy", PolicyKind::Resource, ""),
    (
        "aws_sqs_queue_policy",
        "policy",
        PolicyKind::Resource,
        "queue_url",
    ),
    ("aws_sns_topic", "policy", PolicyKind::Resource, ""),
    (
        "aws_sns_topic_policy",
        "policy",
        PolicyKind::Resource,
        "arn",
    ),
    (
        "aws_ecr_repository_policy",
        "policy",
        PolicyKind::Resource,
        "repository",
    ),
    (
        "aws_secretsmanager_secret",
        "policy",
        PolicyKind::Resource,
        "",
    ),
    (
        "aws_secretsmanager_secret_policy",
        "policy",
        PolicyKind::Resource,
        "secret_arn",
    ),
    (
        "aws_efs_file_system_policy",
        "policy",
        PolicyKind::Resource,
        "file_system_id",
    ),
    (
        "aws_opensearch_domain",
        "access_policies",
        PolicyKind::Resource,
        "",
    ),
    (
        "aws_elasticsearch_domain",
        "access_policies",
        PolicyKind::Resource,
        "",
    ),
    (
        "aws_opensearch_domain_policy",
        "access_policies",
        PolicyKind::Resource,
        "domain_name",
    ),
    (
        "aws_elasticsearch_domain_policy",
        "access_policies",
        PolicyKind::Resource,
        "domain_name",
    ),
    (
        "AWS::IAM::Policy",
        "PolicyDocument",
        PolicyKind::Identity,
        "",
    ),
    (
        "AWS::IAM::ManagedPolicy",
        "PolicyDocument",
        PolicyKind::Identity,
        "",
    ),
    (
        "AWS::IAM::RolePolicy",
        "PolicyDocument",
        PolicyKind::Identity,
        "RoleName",
    ),
    (
        "AWS::IAM::UserPolicy",
        "PolicyDocument",
        PolicyKind::Identity,
        "UserName",
    ),
    (
        "AWS::IAM::GroupPolicy",
        "PolicyDocument",
        PolicyKind::Identity,
        "GroupName",
    ),
    (
        "AWS::IAM::Role",
        "AssumeRolePolicyDocument",
        PolicyKind::Trust,
        "",
    ),
    (
        "AWS::S3::BucketPolicy",
        "PolicyDocument",
        PolicyKind::Resource,
        "Bucket",
    ),
    ("AWS::KMS::Key", "KeyPolicy", PolicyKind::Resource, ""),
    (
        "AWS::SQS::QueuePolicy",
        "PolicyDocument",
        PolicyKind::Resource,
        "Queues",
    ),
    (
        "AWS::SNS::TopicPolicy",
        "PolicyDocument",
        PolicyKind::Resource,
        "Topics",
    ),
    (
        "AWS::ECR::Repository",
        "RepositoryPolicyText",
        PolicyKind::Resource,
        "",
    ),
    (
        "AWS::SecretsManager::ResourcePolicy",
        "ResourcePolicy",
        PolicyKind::Resource,
        "SecretId",
    ),
    (
        "AWS::EFS::FileSystem",
        "FileSystemPolicy",
        PolicyKind::Resource,
        "",
    ),
    (
        "AWS::OpenSearchService::Domain",
        "AccessPolicies",
        PolicyKind::Resource,
        "",
    ),
    (
        "AWS::Elasticsearch::Domain",
        "AccessPolicies",
        PolicyKind::Resource,
        "",
    ),
];

/// Inline policy lists: (type, list attribute, document key in each item).
const INLINE_LISTS: &[(&str, &str, &str)] = &[
    ("aws_iam_role", "inline_policy", "policy"),
    ("AWS::IAM::Role", "Policies", "PolicyDocument"),
    ("AWS::IAM::User", "Policies", "PolicyDocument"),
    ("AWS::IAM::Group", "Policies", "PolicyDocument"),
];

fn owner_of(model: &Model, id: ResourceId, owner_attr: &str) -> Option<ResourceId> {
    if owner_attr.is_empty() {
        return Some(id);
    }
    model
        .refs_from(id)
        .find(|e| e.path == owner_attr || e.path.starts_with(&format!("{owner_attr}.")))
        .map(|e| e.to)
}

/// The governed resource named by a literal (`bucket = "acme-logs"`) or by
/// the same partly-known template (`!Sub "${App}-${AWS::AccountId}"`)
/// rather than a reference.
fn owner_by_name(model: &Model, r: &Resource) -> Option<ResourceId> {
    const BY_NAME: &[(&str, &str, &str, &str)] = &[
        ("aws_s3_bucket_policy", "bucket", "aws_s3_bucket", "bucket"),
        (
            "AWS::S3::BucketPolicy",
            "Bucket",
            "AWS::S3::Bucket",
            "BucketName",
        ),
    ];
    let (_, attr, target, name) = BY_NAME.iter().find(|x| x.0 == r.rtype)?;
    let want = r.attr(attr).node()?;
    model
        .of_type(target)
        .find(|(_, o)| o.scope == r.scope && o.attr(name).node().is_some_and(|n| n.same_text(want)))
        .map(|(id, _)| id)
}

pub fn build(model: &Model) -> IamView {
    let mut v = IamView::default();
    let types: Vec<&str> = SOURCES.iter().map(|s| s.0).collect();
    for (id, r) in model.of_types(&types) {
        for (t, attr, kind, owner_attr) in SOURCES {
            if *t != r.rtype {
                continue;
            }
            let Some(n) = r.attr(attr).node() else {
                continue;
            };
            let doc = parse_doc(n, &r.span);
            if doc.is_absent() {
                continue;
            }
            v.policies.push(Policy {
                resource: id,
                rtype: r.rtype.clone(),
                attr: attr.to_string(),
                kind: *kind,
                span: span_of(n, &r.span),
                doc,
                owner: owner_of(model, id, owner_attr).or_else(|| owner_by_name(model, r)),
            });
        }
    }
    let list_types: Vec<&str> = INLINE_LISTS.iter().map(|s| s.0).collect();
    for (id, r) in model.of_types(&list_types) {
        for (t, list, key) in INLINE_LISTS {
            if *t != r.rtype {
                continue;
            }
            let Some(n) = r.attr(list).node() else {
                continue;
            };
            for (k, item) in n.items().into_iter().enumerate() {
                let attr = format!("{list}.{k}.{key}");
                let Some(d) = item.get(key).node() else {
                    continue;
                };
                let doc = parse_doc(d, &r.span);
                if doc.is_absent() {
                    continue;
                }
                v.policies.push(Policy {
                    resource: id,
                    rtype: r.rtype.clone(),
                    attr,
                    kind: PolicyKind::Identity,
                    span: span_of(d, &r.span),
                    doc,
                    owner: Some(id),
                });
            }
            if let Lookup::Unknown(n, u) = r.attr(list) {
                v.policies.push(Policy {
                    resource: id,
                    rtype: r.rtype.clone(),
                    attr: list.to_string(),
                    kind: PolicyKind::Identity,
                    span: span_of(n, &r.span),
                    doc: Tri::Unknown(u.reason.to_string(), span_of(n, &r.span)),
                    owner: Some(id),
                });
            }
        }
    }
    v.policies.sort_by_key(|p| p.resource);

    users(model, &mut v);
    attachments(model, &mut v);
    v
}

fn attachments(model: &Model, v: &mut IamView) {
    for (id, r) in model.of_types(&[
        "aws_iam_role_policy_attachment",
        "aws_iam_user_policy_attachment",
        "aws_iam_group_policy_attachment",
        "aws_iam_policy_attachment",
    ]) {
        v.managed_attachments.push(ManagedAttachment {
            resource: id,
            attr: "policy_arn".into(),
            arn: util::s(r, "policy_arn", ""),
            unknown: match r.attr("policy_arn") {
                Lookup::Unknown(_, u) => Some(u.clone()),
                _ => None,
            },
        });
    }
    for (id, r) in model.of_types(&[
        "aws_iam_role",
        "AWS::IAM::Role",
        "AWS::IAM::User",
        "AWS::IAM::Group",
    ]) {
        let attr = if is_cfn(r) {
            "ManagedPolicyArns"
        } else {
            "managed_policy_arns"
        };
        // A list: one attachment per item, an unknown item with its known
        // pieces.
        if let Lookup::Known(Node {
            value: Value::List(items),
            ..
        }) = r.attr(attr)
        {
            for (k, x) in items.iter().enumerate() {
                let span = span_of(x, &r.span);
                let (arn, unknown) = match &x.value {
                    Value::Null => continue,
                    Value::String(s) => (Tri::Known(s.clone(), span), None),
                    Value::Unknown(u) => {
                        (Tri::Unknown(u.reason.to_string(), span), Some(u.clone()))
                    }
                    _ => (
                        Tri::Unknown("value has an unexpected shape".into(), span),
                        None,
                    ),
                };
                v.managed_attachments.push(ManagedAttachment {
                    resource: id,
                    attr: format!("{attr}.{k}"),
                    arn,
                    unknown,
                });
            }
            continue;
        }
        let arns = util::strs(r, attr, attr);
        for (k, (arn, span)) in arns.values.into_iter().enumerate() {
            v.managed_attachments.push(ManagedAttachment {
                resource: id,
                attr: format!("{attr}.{k}"),
                arn: Tri::Known(arn, span),
                unknown: None,
            });
        }
        if let Some((why, span)) = arns.unknown {
            let unknown = match r.attr(attr) {
                Lookup::Unknown(_, u) => Some(u.clone()),
                _ => None,
            };
            v.managed_attachments.push(ManagedAttachment {
                resource: id,
                attr: attr.to_string(),
                arn: Tri::Unknown(why, span),
                unknown,
            });
        }
    }
}

fn users(model: &Model, v: &mut IamView) {
    for (id, r) in model.of_types(&["aws_iam_user", "AWS::IAM::User"]) {
        let cfn = is_cfn(r);
        let name = util::s(r, "name", "UserName");
        let login_profile = if cfn {
            r.attr("LoginProfile")
                .node()
                .filter(|n| !matches!(n.value, Value::Null))
                .map(|n| (id, span_of(n, &r.span)))
        } else {
            crate::related(model, id, r, "aws_iam_user_login_profile", "user", &name)
                .first()
                .map(|(pid, p)| (*pid, p.span.clone()))
        };
        let mfa_device =
            !util::referrers(model, id, &["AWS::IAM::VirtualMFADevice"], "Users").is_empty();
        v.users.push(IamUser {
            id,
            name,
            login_profile,
            mfa_device,
        });
    }
    for (id, r) in model.of_types(&[
        "aws_iam_user_policy",
        "aws_iam_user_policy_attachment",
        "aws_iam_policy_attachment",
        "AWS::IAM::User",
        "AWS::IAM::Policy",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::UserPolicy",
    ]) {
        let attr = match r.rtype.as_str() {
            "aws_iam_user_policy" | "aws_iam_user_policy_attachment" => "user",
            "aws_iam_policy_attachment" | "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => {
                if r.rtype == "aws_iam_policy_attachment" {
                    "users"
                } else {
                    "Users"
                }
            }
            "AWS::IAM::UserPolicy" => "UserName",
            _ => "",
        };
        if !attr.is_empty() {
            if let Tri::Known(true, span) = util::present(r, attr, attr) {
                v.user_attachments.push(UserAttachment {
                    resource: id,
                    attr: attr.to_string(),
                    span,
                });
            }
            continue;
        }
        // AWS::IAM::User: inline Policies and ManagedPolicyArns.
        for a in ["Policies", "ManagedPolicyArns"] {
            if let Tri::Known(true, span) = util::present(r, a, a) {
                v.user_attachments.push(UserAttachment {
                    resource: id,
                    attr: a.to_string(),
                    span,
                });
            }
        }
    }
    for (id, r) in model.of_types(&["aws_iam_access_key", "AWS::IAM::AccessKey"]) {
        v.access_keys.push(AccessKey {
            id,
            status: util::s(r, "status", "Status"),
        });
    }
    for (id, r) in model.of_type("aws_iam_account_password_policy") {
        v.password_policies.push(password_policy(id, r));
    }
}

fn password_policy(id: ResourceId, r: &Resource) -> PasswordPolicy {
    PasswordPolicy {
        id,
        minimum_length: util::i(r, "minimum_password_length", ""),
        reuse_prevention: util::i(r, "password_reuse_prevention", ""),
        max_age: util::i(r, "max_password_age", ""),
        require_symbols: util::b(r, "require_symbols", ""),
        require_numbers: util::b(r, "require_numbers", ""),
        require_uppercase: util::b(r, "require_uppercase_characters", ""),
        require_lowercase: util::b(r, "require_lowercase_characters", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*", "iam:PassRole"));
        assert!(wildcard_match("iam:*", "iam:PassRole"));
        assert!(wildcard_match("IAM:pass*", "iam:PassRole"));
        assert!(wildcard_match("iam:?assRole", "iam:PassRole"));
        assert!(!wildcard_match("s3:*", "iam:PassRole"));
        assert!(!wildcard_match("iam:Pass", "iam:PassRole"));
    }

    #[test]
    fn parses_string_and_structured_documents() {
        let span = Span::line("main.tf".into(), 3);
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":["*"],
            "Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},
            "Condition":{"Bool":{"aws:SecureTransport":"false"}}}}"#;
        let n = Node::string(text, Some(span.clone()));
        let Tri::Known(doc, _) = parse_doc(&n, &span) else {
            panic!("parsed")
        };
        assert_eq!(doc.statements.len(), 1);
        let s = &doc.statements[0];
        assert!(s.is_allow());
        assert!(s.full_wildcard_action().is_some());
        assert!(s.all_resources().is_some());
        assert!(s.principals.public().is_some());
        let c = s.condition("aws:securetransport").expect("condition");
        assert!(c.values.contains("false"));

        let bad = Node::string("{not json", Some(span.clone()));
        assert!(parse_doc(&bad, &span).is_unknown());
        let odd = Node::list(vec![], Some(span.clone()));
        assert!(parse_doc(&odd, &span).is_unknown());
        let unk = Node::unknown("known after apply", None);
        assert!(parse_doc(&unk, &span).is_unknown());
        let odd_stmt = Node::from_json(
            &serde_json::json!({"Statement": [1, {"Effect": "Deny", "Action": ["s3:*"]}]}),
            None,
        );
        let Tri::Known(doc, _) = parse_doc(&odd_stmt, &span) else {
            panic!("parsed")
        };
        assert_eq!(doc.statements.len(), 1);
        assert!(doc.unknown.is_some());
        assert!(doc.statements[0].is_deny());
    }
}
