//! Builds the identity estate (principals with their identity policies,
//! boundaries, trust policies and groups, plus resource-based policies)
//! from a `palisade_model::Model` read from Terraform, a Terraform plan or
//! CloudFormation, and from plain policy JSON files.
//!
//! Spans: a policy given as a structured value (CloudFormation) keeps the
//! span of each statement; a heredoc string is parsed with the heredoc's
//! line offset so statement lines are exact; a `jsonencode(...)` or a
//! rendered `data "aws_iam_policy_document"` maps the n-th statement to the
//! n-th `Effect`/`statement` line inside the expression's span when the
//! counts agree, else to the expression.

use std::collections::BTreeMap;

use palisade_model::{
    Diagnostic, Lookup, Model, Node, Resource, ResourceId, SourceKind, Span, Value,
};

use crate::escalation::{Estate, Group, Principal};
use crate::managed::managed_policy;
use crate::policy::{Policy, PolicyKind, PolicySource};

/// Account and region used to build ARNs of the declared resources.
#[derive(Clone, Debug)]
pub struct EstateOptions {
    pub account: String,
    pub region: String,
}

impl Default for EstateOptions {
    fn default() -> Self {
        EstateOptions {
            account: "123456789012".into(),
            region: "us-east-1".into(),
        }
    }
}

/// Where a principal of the estate was declared.
#[derive(Clone, Debug)]
pub struct PrincipalInfo {
    pub arn: String,
    /// Terraform address, CloudFormation logical id or policy file path.
    pub address: String,
    pub name: String,
    /// `user`, `role` or `policy-file`.
    pub kind: &'static str,
    pub span: Span,
}

/// A resource-based policy and the resource it governs.
#[derive(Clone, Debug)]
pub struct ResourcePolicy {
    /// Address of the governed resource (or of the policy resource when the
    /// owner is not declared).
    pub owner: String,
    /// ARN of the governed resource, when it can be told.
    pub arn: Option<String>,
    pub policy: Policy,
}

impl ResourcePolicy {
    /// Does this policy govern the request resource `arn` (or the resource
    /// with this address)?
    pub fn governs(&self, resource: &str) -> bool {
        if resource == self.owner {
            return true;
        }
        let Some(a) = &self.arn else { return false };
        resource == a
            || resource.strip_prefix(a.as_str()).is_some_and(|r| {
                r.starts_with('/') || (a.contains(":secret:") && r.starts_with('-'))
            })
    }
}

/// The identity estate of a model.
#[derive(Clone, Debug, Default)]
pub struct IamModel {
    pub estate: Estate,
    /// Parallel to `estate.principals`.
    pub principals: Vec<PrincipalInfo>,
    pub resource_policies: Vec<ResourcePolicy>,
    pub diagnostics: Vec<Diagnostic>,
}

impl IamModel {
    /// The principal named by an ARN, an address (with or without instance
    /// key), a CloudFormation logical id, a name or a policy file path.
    pub fn find_principal(&self, q: &str) -> Option<usize> {
        let by = |f: &dyn Fn(&PrincipalInfo) -> bool| self.principals.iter().position(f);
        by(&|p| p.arn == q)
            .or_else(|| by(&|p| p.address == q))
            .or_else(|| by(&|p| base(&p.address) == q))
            .or_else(|| by(&|p| p.name == q))
            .or_else(|| {
                by(&|p| {
                    p.address.ends_with(&format!("/{q}")) || p.address.ends_with(&format!(".{q}"))
                })
            })
    }

    /// The resource-based policy governing `resource` (an ARN or the
    /// address of the resource), all policies of that resource unioned.
    pub fn resource_policy(&self, resource: &str) -> Option<Policy> {
        let parts: Vec<Policy> = self
            .resource_policies
            .iter()
            .filter(|r| r.governs(resource))
            .map(|r| r.policy.clone())
            .collect();
        match parts.len() {
            0 => None,
            1 => parts.into_iter().next(),
            _ => Some(Policy::union(
                &parts[0].id.clone(),
                PolicyKind::Resource,
                &parts,
            )),
        }
    }

    /// The ARN of the resource with this address, if a resource policy
    /// governs it (lets `--resource` be an address).
    pub fn resource_arn(&self, resource: &str) -> Option<String> {
        self.resource_policies
            .iter()
            .find(|r| r.owner == resource)
            .and_then(|r| r.arn.clone())
    }

    /// Adds a plain policy JSON file as a pseudo-principal (a role named
    /// after the file) whose only identity policy is the file.
    pub fn add_policy_file(&mut self, path: &str, text: &str, opts: &EstateOptions) {
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".json");
        let arn = format!("arn:aws:iam::{}:role/{}", opts.account, stem);
        let policy = Policy::parse(text, &PolicySource::new(path, PolicyKind::Identity));
        self.diagnostics.extend(policy.diagnostics.iter().cloned());
        self.principals.push(PrincipalInfo {
            arn: arn.clone(),
            address: path.to_string(),
            name: stem.to_string(),
            kind: "policy-file",
            span: Span::line(path.into(), 1),
        });
        self.estate.principals.push(Principal {
            arn,
            identity: vec![policy],
            ..Default::default()
        });
    }
}

/// True if the text looks like an IAM policy document.
pub fn looks_like_policy(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .is_some_and(|v| v.get("Statement").is_some())
}

fn base(address: &str) -> &str {
    match (address.ends_with(']'), address.rfind('[')) {
        (true, Some(i)) => &address[..i],
        _ => address,
    }
}

/// Reads the text of a file of the scan (paths as in spans).
pub type SourceReader<'a> = &'a dyn Fn(&str) -> Option<String>;

struct Builder<'a> {
    model: &'a Model,
    opts: &'a EstateOptions,
    read: SourceReader<'a>,
    files: BTreeMap<String, Option<Vec<String>>>,
    out: IamModel,
    /// Resource id → index into principals (users and roles).
    principal_of: BTreeMap<ResourceId, usize>,
    group_of: BTreeMap<ResourceId, usize>,
    /// Customer managed policies: resource id → (ARN, policy).
    managed: BTreeMap<ResourceId, (String, Option<Policy>)>,
}

const MAX_STATEMENT_SCAN_LINES: u32 = 5000;

/// Builds the estate of a model. `read` gives the text of a source file
/// (for statement lines of embedded JSON); it may always return `None`.
pub fn estate_from_model(model: &Model, opts: &EstateOptions, read: SourceReader<'_>) -> IamModel {
    let mut b = Builder {
        model,
        opts,
        read,
        files: BTreeMap::new(),
        out: IamModel::default(),
        principal_of: BTreeMap::new(),
        group_of: BTreeMap::new(),
        managed: BTreeMap::new(),
    };
    b.run();
    b.out
}

fn is_cfn(r: &Resource) -> bool {
    r.kind == SourceKind::CloudFormation
}

fn known_str<'a>(r: &'a Resource, path: &str) -> Option<&'a str> {
    r.attr(path)
        .known()
        .and_then(Node::as_str)
        .filter(|s| !s.is_empty())
}

impl<'a> Builder<'a> {
    fn run(&mut self) {
        self.customer_policies();
        self.groups();
        self.principals();
        self.inline_and_attachments();
        self.memberships();
        self.resource_policies();
        self.scps();
    }

    fn name_of(&self, r: &Resource, cfn_attr: &str) -> String {
        let attr = if is_cfn(r) { cfn_attr } else { "name" };
        known_str(r, attr).unwrap_or(&r.name).to_string()
    }

    fn path_of(&self, r: &Resource) -> String {
        let p = known_str(r, if is_cfn(r) { "Path" } else { "path" }).unwrap_or("/");
        if p.starts_with('/') && p.ends_with('/') {
            p.to_string()
        } else {
            "/".into()
        }
    }

    fn iam_arn(&self, kind: &str, path: &str, name: &str) -> String {
        format!("arn:aws:iam::{}:{kind}{path}{name}", self.opts.account)
    }

    fn lines(&mut self, path: &str) -> Option<&Vec<String>> {
        if !self.files.contains_key(path) {
            let t = (self.read)(path).map(|t| t.lines().map(str::to_string).collect());
            self.files.insert(path.to_string(), t);
        }
        self.files.get(path).and_then(Option::as_ref)
    }

    /// A policy from a node: a JSON string, a structured value, or unknown.
    fn policy(&mut self, n: &Node, id: &str, kind: PolicyKind, fallback: &Span) -> Option<Policy> {
        let span = n.span.clone().unwrap_or_else(|| fallback.clone());
        let p = match &n.value {
            Value::Unknown(u) => Some(broken(id, kind, &span, &u.reason)),
            Value::Null => None,
            Value::String(s) if s.trim().is_empty() => None,
            Value::String(s) => {
                Some(self.policy_text(s, id, kind, &self.doc_span(n).unwrap_or(span.clone())))
            }
            Value::Map(_) => Some(structured(n, id, kind, &span)),
            _ => Some(broken(
                id,
                kind,
                &span,
                "policy document has an unexpected shape",
            )),
        };
        if let Some(p) = &p {
            self.out.diagnostics.extend(p.diagnostics.iter().cloned());
        }
        p
    }

    /// The span of the `data "aws_iam_policy_document"` a string comes
    /// from, if any (its statement blocks give the statement lines).
    fn doc_span(&self, n: &Node) -> Option<Span> {
        let r = n
            .refs
            .iter()
            .find(|r| r.starts_with("data.aws_iam_policy_document."))?;
        let doc = r
            .trim_end_matches(".json")
            .trim_end_matches(".minified_json");
        self.model
            .resources
            .iter()
            .find(|x| x.address == doc)
            .map(|x| x.span.clone())
    }

    fn policy_text(&mut self, s: &str, id: &str, kind: PolicyKind, span: &Span) -> Policy {
        let start = span.start_line;
        let end = span.end_line.max(start);
        let path = span.path.to_string();
        let is_json_file = path.ends_with(".json");
        let heredoc = !is_json_file
            && self
                .lines(&path)
                .and_then(|l| l.get(start.saturating_sub(1) as usize))
                .is_some_and(|l| l.contains("<<"));
        if heredoc {
            let src = PolicySource::new(&path, kind)
                .with_id(id)
                .with_offset(start, 0);
            return Policy::parse(s, &src);
        }
        let src = PolicySource::new(&path, kind).with_id(id);
        let mut p = Policy::parse(s, &src);
        p.span = span.clone();
        for d in &mut p.diagnostics {
            d.span = span.clone();
        }
        let marks = if is_json_file || s.contains('\n') && start == end {
            Vec::new()
        } else {
            self.statement_lines(&path, start, end)
        };
        for (k, st) in p.statements.iter_mut().enumerate() {
            st.span = match marks.get(k) {
                Some(l) if marks.len() == count_statements(s) => Span::line(span.path.clone(), *l),
                _ => span.clone(),
            };
        }
        p
    }

    /// Lines (1-based) in start..=end that begin a statement: `statement {`
    /// blocks if any, else lines with an `Effect` key.
    fn statement_lines(&mut self, path: &str, start: u32, end: u32) -> Vec<u32> {
        let end = end.min(start.saturating_add(MAX_STATEMENT_SCAN_LINES));
        let Some(lines) = self.lines(path) else {
            return Vec::new();
        };
        let range = |f: &dyn Fn(&str) -> bool| -> Vec<u32> {
            (start..=end)
                .filter(|l| {
                    lines
                        .get(l.saturating_sub(1) as usize)
                        .is_some_and(|t| f(t.trim_start()))
                })
                .collect()
        };
        let blocks = range(&|t| {
            t.strip_prefix("statement")
                .is_some_and(|r| r.trim_start().starts_with('{'))
        });
        if !blocks.is_empty() {
            return blocks;
        }
        range(&|t| {
            let t = t.trim_start_matches(['"', '{', ' ']);
            t.strip_prefix("Effect").is_some_and(|r| {
                r.trim_start_matches('"')
                    .trim_start()
                    .starts_with(['=', ':'])
            })
        })
    }

    fn customer_policies(&mut self) {
        let model = self.model;
        for (id, r) in model.of_types(&["aws_iam_policy", "AWS::IAM::ManagedPolicy"]) {
            let name = self.name_of(r, "ManagedPolicyName");
            let arn = self.iam_arn("policy", &self.path_of(r), &name);
            let doc = if is_cfn(r) {
                "PolicyDocument"
            } else {
                "policy"
            };
            let p = r
                .attr(doc)
                .node()
                .and_then(|n| self.policy(n, &r.address, PolicyKind::Identity, &r.span));
            self.managed.insert(id, (arn, p));
        }
    }

    fn groups(&mut self) {
        let model = self.model;
        for (id, r) in model.of_types(&["aws_iam_group", "AWS::IAM::Group"]) {
            let name = self.name_of(r, "GroupName");
            let arn = self.iam_arn("group", &self.path_of(r), &name);
            self.group_of.insert(id, self.out.estate.groups.len());
            self.out.estate.groups.push(Group {
                arn,
                ..Default::default()
            });
            if is_cfn(r) {
                self.cfn_common(id, r, None);
            }
        }
    }

    fn principals(&mut self) {
        let model = self.model;
        for (id, r) in model.of_types(&[
            "aws_iam_role",
            "AWS::IAM::Role",
            "aws_iam_user",
            "AWS::IAM::User",
        ]) {
            let role = r.rtype.ends_with("role") || r.rtype.ends_with("Role");
            let name = self.name_of(r, if role { "RoleName" } else { "UserName" });
            let kind = if role { "role" } else { "user" };
            let arn = self.iam_arn(kind, &self.path_of(r), &name);
            let cfn = is_cfn(r);
            let mut p = Principal {
                arn: arn.clone(),
                ..Default::default()
            };
            if role {
                let attr = if cfn {
                    "AssumeRolePolicyDocument"
                } else {
                    "assume_role_policy"
                };
                if let Some(n) = r.attr(attr).node() {
                    p.trust = self.policy(
                        n,
                        &format!("{}#trust", r.address),
                        PolicyKind::Trust,
                        &r.span,
                    );
                }
            }
            let battr = if cfn {
                "PermissionsBoundary"
            } else {
                "permissions_boundary"
            };
            if let Some(n) = r.attr(battr).node() {
                p.boundary = self.managed_arn_policy(id, n, battr, PolicyKind::Boundary);
            }
            let k = self.out.estate.principals.len();
            self.principal_of.insert(id, k);
            self.out.principals.push(PrincipalInfo {
                arn,
                address: r.address.clone(),
                name,
                kind,
                span: r.span.clone(),
            });
            self.out.estate.principals.push(p);
            if cfn {
                self.cfn_common(id, r, Some(k));
            } else if role {
                // inline_policy blocks and managed_policy_arns of aws_iam_role.
                if let Some(n) = r.attr("inline_policy").node() {
                    for (j, item) in n.items().into_iter().enumerate() {
                        let pid = format!("{}#inline_policy.{j}", r.address);
                        if let Some(d) = item.get("policy").node()
                            && let Some(pol) = self.policy(d, &pid, PolicyKind::Identity, &r.span)
                        {
                            self.out.estate.principals[k].identity.push(pol);
                        }
                    }
                }
                self.managed_list(id, r, "managed_policy_arns", Target::Principal(k));
            }
        }
    }

    /// `Policies`, `ManagedPolicyArns` (and `Groups` for users) of a
    /// CloudFormation role, user or group.
    fn cfn_common(&mut self, id: ResourceId, r: &Resource, principal: Option<usize>) {
        let target = match principal {
            Some(k) => Target::Principal(k),
            None => match self.group_of.get(&id) {
                Some(g) => Target::Group(*g),
                None => return,
            },
        };
        if let Some(n) = r.attr("Policies").node() {
            for (j, item) in n.items().into_iter().enumerate() {
                let pname = item
                    .get("PolicyName")
                    .known()
                    .and_then(Node::as_str)
                    .map(str::to_string);
                let pid = format!(
                    "{}#{}",
                    r.address,
                    pname.unwrap_or_else(|| format!("Policies.{j}"))
                );
                if let Some(d) = item.get("PolicyDocument").node()
                    && let Some(pol) = self.policy(d, &pid, PolicyKind::Identity, &r.span)
                {
                    self.push_identity(target, pol);
                }
            }
        }
        self.managed_list(id, r, "ManagedPolicyArns", target);
        if let (Some(k), Some(n)) = (principal, r.attr("Groups").node()) {
            let edges: Vec<ResourceId> = self.targets(id, "Groups");
            for g in edges {
                if let Some(gi) = self.group_of.get(&g) {
                    let arn = self.out.estate.groups[*gi].arn.clone();
                    push_unique(&mut self.out.estate.principals[k].groups, arn);
                }
            }
            for item in n.items_or_scalars() {
                if let Some(s) = item.as_str()
                    && let Some(arn) = self.group_by_name(s)
                {
                    push_unique(&mut self.out.estate.principals[k].groups, arn);
                }
            }
        }
    }

    fn group_by_name(&self, s: &str) -> Option<String> {
        self.out
            .estate
            .groups
            .iter()
            .find(|g| g.arn == s || g.arn.rsplit('/').next() == Some(s))
            .map(|g| g.arn.clone())
    }

    fn push_identity(&mut self, t: Target, p: Policy) {
        match t {
            Target::Principal(k) => self.out.estate.principals[k].identity.push(p),
            Target::Group(g) => self.out.estate.groups[g].identity.push(p),
        }
    }

    fn attach_managed(&mut self, t: Target, arn: String, p: Option<Policy>) {
        let list = match t {
            Target::Principal(k) => &mut self.out.estate.principals[k].managed_policy_arns,
            Target::Group(g) => &mut self.out.estate.groups[g].managed_policy_arns,
        };
        if list.contains(&arn) {
            return;
        }
        list.push(arn);
        if let Some(p) = p {
            self.push_identity(t, p);
        }
    }

    /// Resources that the attribute `attr` of `id` refers to.
    fn targets(&self, id: ResourceId, attr: &str) -> Vec<ResourceId> {
        let mut v: Vec<ResourceId> = self
            .model
            .refs_from(id)
            .filter(|e| e.path == attr || e.path.starts_with(&format!("{attr}.")))
            .map(|e| e.to)
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Resolves a policy ARN node (a customer managed policy by reference,
    /// or an AWS managed policy ARN) to (ARN, policy).
    fn resolve_policy_arn(
        &self,
        id: ResourceId,
        n: &Node,
        attr: &str,
    ) -> Option<(String, Option<Policy>)> {
        for t in self.targets(id, attr) {
            if let Some((arn, p)) = self.managed.get(&t)
                && n.refs.iter().any(|r| {
                    self.model
                        .lookup_in(&self.model.get(id).scope, r)
                        .contains(&t)
                })
            {
                return Some((arn.clone(), p.clone()));
            }
        }
        for t in n
            .refs
            .iter()
            .flat_map(|r| self.model.lookup_in(&self.model.get(id).scope, r))
        {
            if let Some((arn, p)) = self.managed.get(&t) {
                return Some((arn.clone(), p.clone()));
            }
        }
        if let Value::Unknown(u) = &n.value {
            let span = n
                .span
                .clone()
                .unwrap_or_else(|| self.model.get(id).span.clone());
            let why = format!("the policy ARN is unknown: {}", u.reason);
            return Some((
                why.clone(),
                Some(broken(&why, PolicyKind::Identity, &span, &why)),
            ));
        }
        let s = n.as_str()?;
        if let Some(p) = managed_policy(s) {
            return Some((s.to_string(), Some(p.clone())));
        }
        if let Some((arn, p)) = self.managed.values().find(|(arn, _)| {
            arn == s || arn.rsplit('/').next() == s.rsplit('/').next() && s.contains(":policy/")
        }) {
            return Some((arn.clone(), p.clone()));
        }
        Some((s.to_string(), None))
    }

    fn managed_arn_policy(
        &mut self,
        id: ResourceId,
        n: &Node,
        attr: &str,
        kind: PolicyKind,
    ) -> Option<Policy> {
        let (arn, p) = self.resolve_policy_arn(id, n, attr)?;
        let span = n
            .span
            .clone()
            .unwrap_or_else(|| self.model.get(id).span.clone());
        let mut p = match p {
            Some(p) => p,
            None => broken(
                &arn,
                kind,
                &span,
                &format!("policy {arn} is not declared and not a bundled AWS managed policy"),
            ),
        };
        p.kind = kind;
        Some(p)
    }

    fn managed_list(&mut self, id: ResourceId, r: &Resource, attr: &str, t: Target) {
        let Some(n) = r.attr(attr).node() else { return };
        if let Value::Unknown(u) = &n.value
            && n.refs.iter().all(|x| {
                self.model
                    .lookup_in(&r.scope, x)
                    .iter()
                    .all(|t| !self.managed.contains_key(t))
            })
        {
            let span = n.span.clone().unwrap_or_else(|| r.span.clone());
            let p = broken(
                &format!("{}#{attr}", r.address),
                PolicyKind::Identity,
                &span,
                &u.reason,
            );
            self.push_identity(t, p);
            return;
        }
        for item in n.items_or_scalars() {
            if let Some((arn, p)) = self.resolve_policy_arn(id, item, attr) {
                let p = p.or_else(|| {
                    let span = item.span.clone().unwrap_or_else(|| r.span.clone());
                    Some(unresolved(&arn, &span))
                });
                self.attach_managed(t, arn, p);
            }
        }
    }

    /// A target principal/group named by reference or by name.
    fn owners(&self, id: ResourceId, r: &Resource, attr: &str, kinds: Kinds) -> Vec<Target> {
        let mut out = Vec::new();
        for t in self.targets(id, attr) {
            if let Some(x) = self.target_of(t, kinds) {
                push_unique(&mut out, x);
            }
        }
        if let Some(n) = r.attr(attr).known() {
            for item in n.items_or_scalars() {
                if let Some(s) = item.as_str()
                    && let Some(x) = self.target_by_name(s, kinds)
                {
                    push_unique(&mut out, x);
                }
            }
        }
        out
    }

    fn target_of(&self, t: ResourceId, kinds: Kinds) -> Option<Target> {
        let r = self.model.get(t);
        let is_group = r.rtype == "aws_iam_group" || r.rtype == "AWS::IAM::Group";
        let is_role = r.rtype == "aws_iam_role" || r.rtype == "AWS::IAM::Role";
        if is_group && kinds.group {
            return self.group_of.get(&t).map(|g| Target::Group(*g));
        }
        if (is_role && kinds.role) || (!is_role && !is_group && kinds.user) {
            return self.principal_of.get(&t).map(|k| Target::Principal(*k));
        }
        None
    }

    fn target_by_name(&self, s: &str, kinds: Kinds) -> Option<Target> {
        if kinds.group
            && let Some(g) = self
                .out
                .estate
                .groups
                .iter()
                .position(|g| g.arn == s || g.arn.rsplit('/').next() == Some(s))
        {
            return Some(Target::Group(g));
        }
        self.out
            .principals
            .iter()
            .position(|p| {
                ((p.kind == "role" && kinds.role) || (p.kind == "user" && kinds.user))
                    && (p.arn == s || p.name == s)
            })
            .map(Target::Principal)
    }

    fn inline_and_attachments(&mut self) {
        let model = self.model;
        let inline: &[(&str, &str, Kinds)] = &[
            ("aws_iam_role_policy", "role", Kinds::ROLE),
            ("aws_iam_user_policy", "user", Kinds::USER),
            ("aws_iam_group_policy", "group", Kinds::GROUP),
        ];
        for (ty, attr, kinds) in inline {
            for (id, r) in model.of_type(ty) {
                let targets = self.owners(id, r, attr, *kinds);
                let Some(n) = r.attr("policy").node() else {
                    continue;
                };
                let Some(p) = self.policy(n, &r.address, PolicyKind::Identity, &r.span) else {
                    continue;
                };
                for t in targets {
                    self.push_identity(t, p.clone());
                }
            }
        }
        // AWS::IAM::Policy (inline) and AWS::IAM::ManagedPolicy attach to
        // Roles / Users / Groups.
        for (id, r) in model.of_types(&["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"]) {
            let p = if r.rtype == "AWS::IAM::Policy" {
                r.attr("PolicyDocument")
                    .node()
                    .and_then(|n| self.policy(n, &r.address, PolicyKind::Identity, &r.span))
            } else {
                self.managed.get(&id).and_then(|(_, p)| p.clone())
            };
            let Some(p) = p else { continue };
            let arn = self.managed.get(&id).map(|(a, _)| a.clone());
            for (attr, kinds) in [
                ("Roles", Kinds::ROLE),
                ("Users", Kinds::USER),
                ("Groups", Kinds::GROUP),
            ] {
                for t in self.owners(id, r, attr, kinds) {
                    match &arn {
                        Some(a) => self.attach_managed(t, a.clone(), Some(p.clone())),
                        None => self.push_identity(t, p.clone()),
                    }
                }
            }
        }
        let attach: &[(&str, &str, Kinds)] = &[
            ("aws_iam_role_policy_attachment", "role", Kinds::ROLE),
            ("aws_iam_user_policy_attachment", "user", Kinds::USER),
            ("aws_iam_group_policy_attachment", "group", Kinds::GROUP),
            ("aws_iam_policy_attachment", "roles", Kinds::ROLE),
            ("aws_iam_policy_attachment", "users", Kinds::USER),
            ("aws_iam_policy_attachment", "groups", Kinds::GROUP),
        ];
        for (ty, attr, kinds) in attach {
            for (id, r) in model.of_type(ty) {
                let targets = self.owners(id, r, attr, *kinds);
                let Some(n) = r.attr("policy_arn").node() else {
                    continue;
                };
                let Some((arn, p)) = self.resolve_policy_arn(id, n, "policy_arn") else {
                    continue;
                };
                let span = n.span.clone().unwrap_or_else(|| r.span.clone());
                let p = p.unwrap_or_else(|| unresolved(&arn, &span));
                for t in targets {
                    self.attach_managed(t, arn.clone(), Some(p.clone()));
                }
            }
        }
    }

    fn memberships(&mut self) {
        let model = self.model;
        let mut pairs: Vec<(Target, Target)> = Vec::new();
        for (id, r) in model.of_type("aws_iam_user_group_membership") {
            for u in self.owners(id, r, "user", Kinds::USER) {
                for g in self.owners(id, r, "groups", Kinds::GROUP) {
                    pairs.push((u, g));
                }
            }
        }
        for (id, r) in model.of_type("aws_iam_group_membership") {
            for g in self.owners(id, r, "group", Kinds::GROUP) {
                for u in self.owners(id, r, "users", Kinds::USER) {
                    pairs.push((u, g));
                }
            }
        }
        for (id, r) in model.of_type("AWS::IAM::UserToGroupAddition") {
            for g in self.owners(id, r, "GroupName", Kinds::GROUP) {
                for u in self.owners(id, r, "Users", Kinds::USER) {
                    pairs.push((u, g));
                }
            }
        }
        for (u, g) in pairs {
            if let (Target::Principal(k), Target::Group(g)) = (u, g) {
                let arn = self.out.estate.groups[g].arn.clone();
                push_unique(&mut self.out.estate.principals[k].groups, arn);
            }
        }
    }

    /// The name and ARN of a resource that a resource policy governs.
    fn owner_arn(&self, r: &Resource) -> Option<String> {
        let (acct, region) = (
            &self.opts.account,
            r.meta.get("region").unwrap_or(&self.opts.region),
        );
        let cfn = is_cfn(r);
        let name = |tf: &str, cf: &str| -> String {
            known_str(r, if cfn { cf } else { tf })
                .unwrap_or(&r.name)
                .to_string()
        };
        Some(match r.rtype.as_str() {
            "aws_s3_bucket" | "AWS::S3::Bucket" => {
                format!("arn:aws:s3:::{}", name("bucket", "BucketName"))
            }
            "aws_sqs_queue" | "AWS::SQS::Queue" => {
                format!("arn:aws:sqs:{region}:{acct}:{}", name("name", "QueueName"))
            }
            "aws_sns_topic" | "AWS::SNS::Topic" => {
                format!("arn:aws:sns:{region}:{acct}:{}", name("name", "TopicName"))
            }
            "aws_lambda_function" | "AWS::Lambda::Function" => {
                format!(
                    "arn:aws:lambda:{region}:{acct}:function:{}",
                    name("function_name", "FunctionName")
                )
            }
            "aws_secretsmanager_secret" | "AWS::SecretsManager::Secret" => {
                format!(
                    "arn:aws:secretsmanager:{region}:{acct}:secret:{}",
                    name("name", "Name")
                )
            }
            "aws_ecr_repository" | "AWS::ECR::Repository" => {
                format!(
                    "arn:aws:ecr:{region}:{acct}:repository/{}",
                    name("name", "RepositoryName")
                )
            }
            "aws_kms_key" | "AWS::KMS::Key" => {
                format!("arn:aws:kms:{region}:{acct}:key/{}", r.address)
            }
            _ => return None,
        })
    }

    fn push_resource_policy(&mut self, policy_res: ResourceId, owner_attr: Option<&str>, n: &Node) {
        let model = self.model;
        let r = model.get(policy_res);
        let owner = match owner_attr {
            None => Some(policy_res),
            Some(a) => self.targets(policy_res, a).into_iter().next(),
        };
        let (owner_addr, arn) = match owner {
            Some(o) => (model.get(o).address.clone(), self.owner_arn(model.get(o))),
            None => {
                // The owner given by name or ARN.
                let s = owner_attr.and_then(|a| known_str(r, a)).map(str::to_string);
                let arn = s.as_ref().map(|s| match r.rtype.as_str() {
                    "aws_s3_bucket_policy" | "AWS::S3::BucketPolicy" if !s.starts_with("arn:") => {
                        format!("arn:aws:s3:::{s}")
                    }
                    _ => s.clone(),
                });
                (r.address.clone(), arn)
            }
        };
        let Some(p) = self.policy(n, &r.address, PolicyKind::Resource, &r.span) else {
            return;
        };
        self.out.resource_policies.push(ResourcePolicy {
            owner: owner_addr,
            arn,
            policy: p,
        });
    }

    fn resource_policies(&mut self) {
        let model = self.model;
        // (type, policy attribute, owner attribute or "" for itself)
        const SOURCES: &[(&str, &str, &str)] = &[
            ("aws_s3_bucket_policy", "policy", "bucket"),
            ("aws_s3_bucket", "policy", ""),
            ("aws_kms_key", "policy", ""),
            ("aws_sqs_queue_policy", "policy", "queue_url"),
            ("aws_sqs_queue", "policy", ""),
            ("aws_sns_topic_policy", "policy", "arn"),
            ("aws_sns_topic", "policy", ""),
            ("aws_secretsmanager_secret_policy", "policy", "secret_arn"),
            ("aws_secretsmanager_secret", "policy", ""),
            ("aws_ecr_repository_policy", "policy", "repository"),
            ("AWS::S3::BucketPolicy", "PolicyDocument", "Bucket"),
            ("AWS::KMS::Key", "KeyPolicy", ""),
            ("AWS::SQS::QueuePolicy", "PolicyDocument", "Queues"),
            ("AWS::SNS::TopicPolicy", "PolicyDocument", "Topics"),
            (
                "AWS::SecretsManager::ResourcePolicy",
                "ResourcePolicy",
                "SecretId",
            ),
            ("AWS::ECR::Repository", "RepositoryPolicyText", ""),
        ];
        for (ty, attr, owner) in SOURCES {
            for (id, r) in model.of_type(ty) {
                if let Some(n) = r.attr(attr).node() {
                    let owner = (!owner.is_empty()).then_some(*owner);
                    self.push_resource_policy(id, owner, n);
                }
            }
        }
        for (id, r) in model.of_types(&["aws_lambda_permission", "AWS::Lambda::Permission"]) {
            self.lambda_permission(id, r);
        }
    }

    fn lambda_permission(&mut self, id: ResourceId, r: &Resource) {
        let cfn = is_cfn(r);
        let a = |tf: &'static str, cf: &'static str| if cfn { cf } else { tf };
        let fattr = a("function_name", "FunctionName");
        let owner = self.targets(id, fattr).into_iter().next();
        let fn_arn = match owner {
            Some(o) => self.owner_arn(self.model.get(o)),
            None => known_str(r, fattr).map(|s| {
                if s.starts_with("arn:") {
                    s.to_string()
                } else {
                    format!(
                        "arn:aws:lambda:{}:{}:function:{s}",
                        self.opts.region, self.opts.account
                    )
                }
            }),
        };
        let str_or_null = |path: &str| -> serde_json::Value {
            match r.attr(path) {
                Lookup::Known(n) => n.as_str().map_or(serde_json::Value::Null, |s| s.into()),
                _ => serde_json::Value::Null,
            }
        };
        let principal = match str_or_null(a("principal", "Principal")) {
            serde_json::Value::String(p) if p == "*" => serde_json::json!("*"),
            serde_json::Value::String(p)
                if p.ends_with(".amazonaws.com") || p.ends_with(".amazonaws.com.cn") =>
            {
                serde_json::json!({"Service": p})
            }
            serde_json::Value::String(p) => serde_json::json!({"AWS": p}),
            other => other,
        };
        let mut st = serde_json::json!({
            "Effect": "Allow",
            "Principal": principal,
            "Action": str_or_null(a("action", "Action")),
            "Resource": fn_arn.clone().map_or(serde_json::Value::String("*".into()), serde_json::Value::String),
        });
        let mut cond = serde_json::Map::new();
        if let serde_json::Value::String(s) = str_or_null(a("source_arn", "SourceArn")) {
            cond.insert("ArnLike".into(), serde_json::json!({"aws:SourceArn": s}));
        }
        if let serde_json::Value::String(s) = str_or_null(a("source_account", "SourceAccount")) {
            cond.insert(
                "StringEquals".into(),
                serde_json::json!({"aws:SourceAccount": s}),
            );
        }
        if !cond.is_empty()
            && let Some(m) = st.as_object_mut()
        {
            m.insert("Condition".into(), serde_json::Value::Object(cond));
        }
        let doc = serde_json::json!({"Version": "2012-10-17", "Statement": [st]});
        let mut p = Policy::from_value(&doc, &r.address, PolicyKind::Resource, r.span.clone());
        let unknown: Vec<&str> = [a("principal", "Principal"), a("action", "Action"), fattr]
            .into_iter()
            .filter(|k| r.attr(k).is_unknown())
            // A function found by reference has a known ARN.
            .filter(|k| !(*k == fattr && owner.is_some() && fn_arn.is_some()))
            .collect();
        if !unknown.is_empty() {
            for s in &mut p.statements {
                s.problems
                    .push(format!("unknown value of {}", unknown.join(", ")));
            }
        }
        self.out.resource_policies.push(ResourcePolicy {
            owner: owner.map_or_else(|| r.address.clone(), |o| self.model.get(o).address.clone()),
            arn: fn_arn,
            policy: p,
        });
    }
}

/// The id of the AWS managed SCP that AWS attaches to every root, OU and
/// account by default.
pub const FULL_AWS_ACCESS: &str = "p-FullAWSAccess";

/// `FullAWSAccess` (`Allow * on *`), assumed attached where a level of
/// declared SCPs holds no `Allow` (a deny-list strategy).
fn full_aws_access(span: &Span) -> Policy {
    let doc = serde_json::json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}]});
    Policy::from_value(
        &doc,
        "p-FullAWSAccess (AWS default, assumed attached)",
        PolicyKind::Scp,
        span.clone(),
    )
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

impl Builder<'_> {
    /// Service control policies: `aws_organizations_policy` (type
    /// `SERVICE_CONTROL_POLICY`, `content`) with
    /// `aws_organizations_policy_attachment`, and CloudFormation
    /// `AWS::Organizations::Policy` (`Type`, `Content`, `TargetIds`).
    ///
    /// Each attachment target (root, OU or account) is one level of
    /// `Estate::scps`; the SCPs attached to it are unioned. Targets that are
    /// another account's id (not `EstateOptions::account`) are left out;
    /// roots, OUs, this account and targets whose id is not known are
    /// applied. A level with no `Allow` gets `FullAWSAccess`.
    fn scps(&mut self) {
        let model = self.model;
        let mut scp_of: BTreeMap<ResourceId, Policy> = BTreeMap::new();
        // target key → (target span, policies)
        let mut levels: Vec<(String, Span, Vec<Policy>)> = Vec::new();
        for (id, r) in model.of_types(&["aws_organizations_policy", "AWS::Organizations::Policy"]) {
            let cfn = is_cfn(r);
            let ty = r.attr(if cfn { "Type" } else { "type" });
            let is_scp = match ty.known().map(|n| n.as_str()) {
                Some(Some(t)) => t == "SERVICE_CONTROL_POLICY",
                Some(None) => false,
                // Terraform's default type is SERVICE_CONTROL_POLICY.
                None => !cfn && !ty.is_unknown(),
            };
            if !is_scp {
                continue;
            }
            let attr = if cfn { "Content" } else { "content" };
            let p = match r.attr(attr).node() {
                Some(n) => self.policy(n, &r.address, PolicyKind::Scp, &r.span),
                None => None,
            }
            .unwrap_or_else(|| {
                broken(
                    &r.address,
                    PolicyKind::Scp,
                    &r.span,
                    "the SCP has no content",
                )
            });
            if cfn {
                if let Some(n) = r.attr("TargetIds").node() {
                    for item in n.items_or_scalars() {
                        let key = self.target_key(id, r, item, "TargetIds");
                        add_level(&mut levels, key, &r.span, p.clone());
                    }
                }
            } else {
                scp_of.insert(id, p);
            }
        }
        for (id, r) in model.of_type("aws_organizations_policy_attachment") {
            let Some(pn) = r.attr("policy_id").node() else {
                continue;
            };
            let declared = self.targets(id, "policy_id").into_iter().find(|t| {
                let t = model.get(*t);
                t.rtype == "aws_organizations_policy"
            });
            let p = match declared {
                Some(t) => match scp_of.get(&t) {
                    Some(p) => p.clone(),
                    // A declared policy of another type (tag, backup…).
                    None => continue,
                },
                None => match pn.as_str() {
                    Some(FULL_AWS_ACCESS) => full_aws_access(&r.span),
                    _ => broken(
                        &r.address,
                        PolicyKind::Scp,
                        &r.span,
                        "the attached policy is not declared here: its content is unknown",
                    ),
                },
            };
            let Some(tn) = r.attr("target_id").node() else {
                continue;
            };
            let key = self.target_key(id, r, tn, "target_id");
            add_level(&mut levels, key, &r.span, p);
        }
        let account = self.opts.account.clone();
        for (key, span, parts) in levels {
            if is_account_id(&key) && key != account {
                continue;
            }
            let mut parts = parts;
            let has_allow = parts.iter().any(|p| {
                p.broken.is_some()
                    || p.statements
                        .iter()
                        .any(|s| s.effect != Some(crate::policy::Effect::Deny))
            });
            if !has_allow {
                parts.push(full_aws_access(&span));
            }
            let level = if parts.len() == 1 {
                parts.into_iter().next()
            } else {
                let ids: Vec<&str> = parts.iter().map(|p| p.id.as_str()).collect();
                let id = format!("{} (SCPs of {key})", ids.join(" + "));
                Some(Policy::union(&id, PolicyKind::Scp, &parts))
            };
            if let Some(l) = level {
                self.out.estate.scps.push(l);
            }
        }
    }

    /// A key naming an SCP target: its id when known (`r-…`, `ou-…`, an
    /// account id), else the address of the resource it refers to, else
    /// `unknown target of <address>`.
    fn target_key(&self, id: ResourceId, r: &Resource, n: &Node, attr: &str) -> String {
        if let Some(s) = n.as_str().filter(|s| !s.is_empty()) {
            return s.to_string();
        }
        let scope = &r.scope;
        let to = n
            .refs
            .iter()
            .flat_map(|x| self.model.lookup_in(scope, x))
            .next()
            .or_else(|| {
                // A scalar attribute: its reference edge.
                (attr == "target_id")
                    .then(|| self.targets(id, attr).into_iter().next())
                    .flatten()
            });
        match to {
            Some(t) => self.model.get(t).address.clone(),
            None => format!("unknown target of {}", r.address),
        }
    }
}

fn add_level(levels: &mut Vec<(String, Span, Vec<Policy>)>, key: String, span: &Span, p: Policy) {
    match levels.iter_mut().find(|l| l.0 == key) {
        Some(l) => l.2.push(p),
        None => levels.push((key, span.clone(), vec![p])),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Principal(usize),
    Group(usize),
}

#[derive(Clone, Copy, Debug)]
struct Kinds {
    user: bool,
    role: bool,
    group: bool,
}

impl Kinds {
    const USER: Kinds = Kinds {
        user: true,
        role: false,
        group: false,
    };
    const ROLE: Kinds = Kinds {
        user: false,
        role: true,
        group: false,
    };
    const GROUP: Kinds = Kinds {
        user: false,
        role: false,
        group: true,
    };
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

trait ItemsOrScalars {
    fn items_or_scalars(&self) -> Vec<&Node>;
}

impl ItemsOrScalars for Node {
    fn items_or_scalars(&self) -> Vec<&Node> {
        match &self.value {
            Value::List(l) => l.iter().collect(),
            _ => vec![self],
        }
    }
}

fn count_statements(s: &str) -> usize {
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(v) => match v.get("Statement") {
            Some(serde_json::Value::Array(a)) => a.len(),
            Some(serde_json::Value::Object(_)) => 1,
            _ => 0,
        },
        Err(_) => 0,
    }
}

/// A policy that could not be read: evaluations it takes part in are Unknown.
fn broken(id: &str, kind: PolicyKind, span: &Span, why: &str) -> Policy {
    Policy {
        id: id.to_string(),
        kind,
        version: None,
        statements: Vec::new(),
        span: span.clone(),
        diagnostics: Vec::new(),
        broken: Some(why.to_string()),
    }
}

fn unresolved(arn: &str, span: &Span) -> Policy {
    broken(
        arn,
        PolicyKind::Identity,
        span,
        &format!("managed policy {arn} is not declared here and not a bundled AWS managed policy"),
    )
}

/// A structured policy (CloudFormation): statement spans come from the
/// statement nodes; a statement holding an unknown value keeps a problem.
fn structured(n: &Node, id: &str, kind: PolicyKind, span: &Span) -> Policy {
    let mut p = Policy::from_value(&n.to_json(), id, kind, span.clone());
    let items: Vec<&Node> = match n.get("Statement") {
        Lookup::Known(st) => st.items(),
        Lookup::Unknown(st, u) => {
            return broken(
                id,
                kind,
                &st.span.clone().unwrap_or_else(|| span.clone()),
                &u.reason,
            );
        }
        Lookup::Absent => Vec::new(),
    };
    for (k, st) in p.statements.iter_mut().enumerate() {
        let Some(node) = items.get(k) else { continue };
        if let Some(s) = &node.span {
            st.span = s.clone();
            if let Some(a) = &mut st.action {
                a.span = s.clone();
            }
            if let Some(r) = &mut st.resource {
                r.span = s.clone();
            }
        }
        if let Some(why) = node.unknown_reason() {
            st.problems
                .push(format!("a value of the statement is unknown: {why}"));
        }
    }
    p
}

/// A principal named in a resource-based (or trust) policy but not declared
/// in the estate: another account, a role or user of another account, a
/// service, or anyone (`*`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ExternalPrincipal {
    /// The principal as written in the policy (`"*"`, `999999999999`,
    /// `arn:aws:iam::999999999999:root`, `s3.amazonaws.com`…).
    pub id: String,
    /// The caller used for the evaluation (an account id becomes its root
    /// ARN; `*` stays `*`, an anonymous caller).
    pub arn: String,
    /// `anyone`, `account`, `user`, `role`, `session`, `service`,
    /// `federated`, `canonical-user` or `other`.
    pub kind: &'static str,
    /// The principal's account, when it has one.
    pub account: Option<String>,
    /// True when the account differs from the estate's.
    pub cross_account: bool,
}

/// The reason given when an external principal's decision depends on its
/// own (unknown) identity policies in another account.
pub const OTHER_ACCOUNT_UNKNOWN: &str = "the other account's policies are not in the estate";
/// The same for an undeclared principal of the estate's own account.
pub const UNDECLARED_UNKNOWN: &str =
    "the principal is not declared in the estate: its identity policies are not known";

impl IamModel {
    /// Principals named by the `Allow` statements of `policy` (not through
    /// `NotPrincipal`) that are not declared in the estate, in order of
    /// appearance. The estate's own account (`account`, as an id or root
    /// ARN) is left out: it delegates to the declared principals, which are
    /// evaluated on their own.
    pub fn external_principals(&self, policy: &Policy, account: &str) -> Vec<ExternalPrincipal> {
        use crate::eval::PrincipalKind as K;
        use crate::policy::{Effect, PrincipalId};
        let mut out: Vec<ExternalPrincipal> = Vec::new();
        for s in &policy.statements {
            if s.effect != Some(Effect::Allow) {
                continue;
            }
            let Some(el) = &s.principal else { continue };
            if el.negated {
                continue;
            }
            for p in &el.items {
                let e = match p {
                    PrincipalId::Any => ExternalPrincipal {
                        id: "*".into(),
                        arn: "*".into(),
                        kind: "anyone",
                        account: None,
                        cross_account: false,
                    },
                    PrincipalId::Service(x) => ExternalPrincipal {
                        id: x.clone(),
                        arn: x.clone(),
                        kind: "service",
                        account: None,
                        cross_account: false,
                    },
                    PrincipalId::Federated(x) | PrincipalId::CanonicalUser(x) => {
                        ExternalPrincipal {
                            id: x.clone(),
                            arn: x.clone(),
                            kind: if matches!(p, PrincipalId::Federated(_)) {
                                "federated"
                            } else {
                                "canonical-user"
                            },
                            account: None,
                            cross_account: false,
                        }
                    }
                    PrincipalId::Aws(x) => {
                        let arn = if is_account_id(x) {
                            format!("arn:aws:iam::{x}:root")
                        } else {
                            x.clone()
                        };
                        let k = K::parse(&arn);
                        let kind = match &k {
                            K::Root { .. } => "account",
                            K::User { .. } => "user",
                            K::Role { .. } => "role",
                            K::AssumedRole { .. } | K::FederatedUser { .. } => "session",
                            _ => "other",
                        };
                        let acct = k.account().map(str::to_string);
                        if kind == "account" && acct.as_deref() == Some(account) {
                            continue;
                        }
                        ExternalPrincipal {
                            id: x.clone(),
                            cross_account: acct.as_deref().is_some_and(|a| a != account),
                            arn,
                            kind,
                            account: acct,
                        }
                    }
                };
                let declared = self.principals.iter().any(|d| d.arn == e.arn);
                if !declared && !out.iter().any(|o| o.arn == e.arn) {
                    out.push(e);
                }
            }
        }
        out
    }
}

/// Evaluates `req` (its principal replaced by the external principal's) with
/// the resource-based policy alone. An IAM principal's identity policies are
/// not in the estate: they take part as an unreadable policy, so a decision
/// that depends on them is **Unknown** (with [`OTHER_ACCOUNT_UNKNOWN`] for
/// another account), while a resource policy that refuses or denies on its
/// own still decides. Services and anonymous callers have no identity
/// policies. The estate's SCPs are not applied (they govern the estate's
/// own accounts). `resource_account` is the account of the governed
/// resource (the estate's).
pub fn evaluate_external(
    ext: &ExternalPrincipal,
    req: &crate::eval::Request,
    resource_policy: &Policy,
    resource_account: &str,
) -> crate::eval::Evaluation {
    use crate::eval::{Decision, PolicyRefs, evaluate_refs};
    let mut r = req.clone();
    r.principal_arn.clone_from(&ext.arn);
    r.principal_account.clone_from(&ext.account);
    r.resource_account = Some(resource_account.to_string());
    let iam = !matches!(ext.kind, "anyone" | "service");
    let why = if ext.cross_account {
        OTHER_ACCOUNT_UNKNOWN
    } else {
        UNDECLARED_UNKNOWN
    };
    let unknown_identity = broken(
        &format!("{} identity policies", ext.arn),
        PolicyKind::Identity,
        &resource_policy.span,
        why,
    );
    let refs = PolicyRefs {
        identity: if iam {
            vec![&unknown_identity]
        } else {
            Vec::new()
        },
        resource: Some(resource_policy),
        boundary: None,
        scps: Vec::new(),
        session: None,
    };
    let mut e = evaluate_refs(&r, &refs);
    // The unreadable policy is both a possible allow and a possible deny.
    let mut seen = Vec::new();
    e.unknowns.retain(|u| {
        let k = (u.statement.clone(), u.reasons.clone());
        let new = !seen.contains(&k);
        seen.push(k);
        new
    });
    if iam && e.decision == Decision::Unknown && !e.reasons.iter().any(|x| x == why) {
        e.reasons.push(why.to_string());
    }
    e
}
