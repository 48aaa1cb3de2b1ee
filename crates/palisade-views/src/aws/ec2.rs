//! EC2 and VPC: security group and network ACL rules (inline or separate
//! resources), instances and launch templates (metadata service, public IPs,
//! block device encryption), EBS volumes and default encryption, subnets,
//! VPCs with their flow logs, public AMIs.

use palisade_model::{Lookup, Model, Node, Resource, ResourceId, Span, Value};

use super::util::{self, Strs, is_cfn, span_of};
use crate::Tri;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ingress,
    Egress,
}

/// One security group or network ACL rule.
#[derive(Clone, Debug)]
pub struct NetRule {
    /// Where findings go: the group/ACL for inline rules, else the rule
    /// resource.
    pub resource: ResourceId,
    /// Attribute path of an inline rule (`ingress.0`), empty for a separate
    /// rule resource.
    pub attr: String,
    pub span: Span,
    pub direction: Tri<Direction>,
    /// `allow` / `deny` (security group rules always allow).
    pub action: Tri<String>,
    /// Lower case: `-1` for all, `tcp`, `udp`, `icmp`, or a number.
    pub protocol: Tri<String>,
    pub from_port: Tri<i64>,
    pub to_port: Tri<i64>,
    /// IPv4 and IPv6 source (or destination) ranges.
    pub cidrs: Strs,
    pub description: Tri<String>,
    /// The security group or ACL the rule belongs to, when known.
    pub group: Option<ResourceId>,
    /// Whether it is a network ACL rule.
    pub nacl: bool,
    /// A network ACL rule's number: rules are evaluated in increasing order
    /// and the first match decides. Absent for security group rules.
    pub rule_no: Tri<i64>,
}

pub const WORLD: [&str; 2] = ["0.0.0.0/0", "::/0"];

/// Whether a CIDR covers every address: a `/0` prefix, whatever the base
/// address is written as (`192.168.1.0/0` is the whole internet too).
pub fn is_world_cidr(c: &str) -> bool {
    let c = c.trim();
    WORLD.contains(&c)
        || c.split_once('/')
            .is_some_and(|(addr, len)| !addr.is_empty() && len.trim().parse::<u8>() == Ok(0))
}

impl NetRule {
    /// The first CIDR that is the whole internet.
    pub fn world(&self) -> Option<&(String, Span)> {
        self.cidrs.find(is_world_cidr)
    }

    /// Whether the rule is known to be open to the internet; unknown when a
    /// source could not be resolved and none known is the internet.
    pub fn open_to_world(&self) -> Tri<bool> {
        if let Some((_, s)) = self.world() {
            return Tri::Known(true, s.clone());
        }
        if let Some((why, s)) = &self.cidrs.unknown {
            return Tri::Unknown(why.clone(), s.clone());
        }
        Tri::Known(false, self.span.clone())
    }

    fn all_protocols(p: &str) -> bool {
        matches!(p, "-1" | "all" | "-1.0")
    }

    /// Whether the rule covers TCP/UDP `port`.
    pub fn covers_port(&self, port: i64) -> Tri<bool> {
        self.port_range().map(|(lo, hi)| lo <= port && port <= hi)
    }

    /// The TCP/UDP port range the rule opens (`(0, 65535)` for all
    /// protocols); known `(1, 0)` (empty) for ICMP and other protocols.
    pub fn port_range(&self) -> Tri<(i64, i64)> {
        let p = match &self.protocol {
            Tri::Known(p, _) => p.clone(),
            Tri::Unknown(w, s) => return Tri::Unknown(w.clone(), s.clone()),
            Tri::Absent(s) => return Tri::Unknown("protocol is not set".into(), s.clone()),
        };
        let span = self.protocol.span().clone();
        if NetRule::all_protocols(&p) {
            return Tri::Known((0, 65535), span);
        }
        if !matches!(p.as_str(), "tcp" | "udp" | "6" | "17") {
            return Tri::Known((1, 0), span);
        }
        let lo = match &self.from_port {
            Tri::Known(v, _) => *v,
            Tri::Absent(_) => 0,
            Tri::Unknown(w, s) => return Tri::Unknown(w.clone(), s.clone()),
        };
        let hi = match &self.to_port {
            Tri::Known(v, _) => *v,
            Tri::Absent(_) => 65535,
            Tri::Unknown(w, s) => return Tri::Unknown(w.clone(), s.clone()),
        };
        // `from_port = 0, to_port = 0` with a port protocol is the whole range
        // in some providers only for -1; keep it literal here.
        let lo = if lo < 0 { 0 } else { lo };
        let hi = if hi < 0 { 65535 } else { hi };
        Tri::Known((lo, hi), self.from_port.span().clone())
    }

    /// Whether the rule opens every port (all protocols, or 0-65535).
    pub fn all_ports(&self) -> Tri<bool> {
        self.port_range().map(|(lo, hi)| lo <= 0 && hi >= 65535)
    }

    pub fn is_allow(&self) -> Tri<bool> {
        self.action.clone().map(|a| a.eq_ignore_ascii_case("allow"))
    }
}

#[derive(Clone, Debug)]
pub struct SecurityGroup {
    pub id: ResourceId,
    /// `aws_default_security_group`.
    pub is_default: bool,
    pub description: Tri<String>,
    /// Rules that belong to the group (inline and separate).
    pub rules: Vec<usize>,
}

/// Which kind of compute resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ComputeKind {
    Instance,
    LaunchTemplate,
    LaunchConfiguration,
}

#[derive(Clone, Debug)]
pub struct Instance {
    pub id: ResourceId,
    pub kind: ComputeKind,
    /// `metadata_options.http_tokens` (`required` = IMDSv2 only); read from
    /// the launch template when the instance uses one.
    pub http_tokens: Tri<String>,
    /// `metadata_options.http_endpoint` (`disabled` turns IMDS off).
    pub http_endpoint: Tri<String>,
    pub public_ip: Tri<bool>,
    /// Every block device's `encrypted` flag, with its attribute path.
    pub block_devices: Vec<(String, Tri<bool>)>,
    /// An IAM instance profile is attached.
    pub instance_profile: Tri<bool>,
    /// `user_data` (Terraform) or `UserData` when it is a known string.
    pub user_data: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Volume {
    pub id: ResourceId,
    pub encrypted: Tri<bool>,
    pub kms_key: Tri<String>,
}

#[derive(Clone, Debug)]
pub struct Subnet {
    pub id: ResourceId,
    pub map_public_ip: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct Vpc {
    pub id: ResourceId,
    /// Known true when a flow log refers to the VPC.
    pub flow_logs: Tri<bool>,
}

#[derive(Clone, Debug)]
pub struct EbsDefaultEncryption {
    pub id: ResourceId,
    pub enabled: Tri<bool>,
}

/// A grant of launch or create-volume permission.
#[derive(Clone, Debug)]
pub struct ImagePermission {
    pub id: ResourceId,
    /// `group` (`all` = public).
    pub group: Tri<String>,
}

#[derive(Debug, Default)]
pub struct Ec2View {
    pub rules: Vec<NetRule>,
    pub security_groups: Vec<SecurityGroup>,
    pub instances: Vec<Instance>,
    pub volumes: Vec<Volume>,
    pub subnets: Vec<Subnet>,
    pub vpcs: Vec<Vpc>,
    pub ebs_default_encryption: Vec<EbsDefaultEncryption>,
    pub image_permissions: Vec<ImagePermission>,
    /// `aws_default_vpc` resources (the default VPC adopted into code).
    pub default_vpcs: Vec<ResourceId>,
}

fn lower(t: Tri<String>) -> Tri<String> {
    t.map(|s| s.trim().to_ascii_lowercase())
}

/// Reads cidrs from several keys of one rule node.
fn cidrs(n: &Node, keys: &[&str], fallback: &Span) -> Strs {
    let mut out = Strs::default();
    for k in keys {
        let s = Strs::read(n.get(k), fallback);
        out.present |= s.present;
        out.values.extend(s.values);
        if out.unknown.is_none() {
            out.unknown = s.unknown;
        }
    }
    out
}

fn tf_inline(
    v: &mut Ec2View,
    id: ResourceId,
    r: &Resource,
    block: &str,
    dir: Direction,
    nacl: bool,
) -> Vec<usize> {
    let mut idx = Vec::new();
    let Some(n) = r.attr(block).node() else {
        return idx;
    };
    if let Value::Unknown(u) = &n.value {
        // A dynamic rule set we cannot see: one rule, all unknown.
        let s = span_of(n, &r.span);
        let unk = Tri::Unknown(u.reason.to_string(), s.clone());
        v.rules.push(NetRule {
            resource: id,
            attr: block.to_string(),
            span: s.clone(),
            direction: Tri::Known(dir, s.clone()),
            action: if nacl {
                unk.clone()
            } else {
                Tri::Known("allow".into(), s.clone())
            },
            protocol: unk.clone(),
            from_port: unk.clone().map(|_: String| 0),
            to_port: unk.map(|_: String| 0),
            cidrs: Strs {
                values: vec![],
                unknown: Some((u.reason.to_string(), s.clone())),
                present: true,
            },
            description: Tri::Absent(s.clone()),
            group: Some(id),
            nacl,
            rule_no: Tri::Absent(s),
        });
        idx.push(v.rules.len() - 1);
        return idx;
    }
    for (k, item) in n.items().into_iter().enumerate() {
        let s = span_of(item, &r.span);
        let dspan = s.clone();
        v.rules.push(NetRule {
            resource: id,
            attr: format!("{block}.{k}"),
            span: s.clone(),
            direction: Tri::Known(dir, dspan),
            action: if nacl {
                lower(Tri::string(item.get("action"), &s, "action"))
            } else {
                Tri::Known("allow".into(), s.clone())
            },
            protocol: lower(Tri::string(item.get("protocol"), &s, "protocol")),
            from_port: Tri::int(item.get("from_port"), &s, "from_port"),
            to_port: Tri::int(item.get("to_port"), &s, "to_port"),
            cidrs: cidrs(
                item,
                &[
                    "cidr_blocks",
                    "ipv6_cidr_blocks",
                    "cidr_block",
                    "ipv6_cidr_block",
                ],
                &s,
            ),
            description: Tri::string(item.get("description"), &s, "description"),
            group: Some(id),
            nacl,
            rule_no: if nacl {
                Tri::int(item.get("rule_no"), &s, "rule_no")
            } else {
                Tri::Absent(s.clone())
            },
        });
        idx.push(v.rules.len() - 1);
    }
    idx
}

fn cfn_inline(
    v: &mut Ec2View,
    id: ResourceId,
    r: &Resource,
    block: &str,
    dir: Direction,
) -> Vec<usize> {
    let mut idx = Vec::new();
    let Some(n) = r.attr(block).node() else {
        return idx;
    };
    for (k, item) in n.items().into_iter().enumerate() {
        let s = span_of(item, &r.span);
        v.rules.push(cfn_rule(
            id,
            format!("{block}.{k}"),
            item,
            &s,
            Tri::Known(dir, s.clone()),
            Some(id),
        ));
        idx.push(v.rules.len() - 1);
    }
    idx
}

fn cfn_rule(
    id: ResourceId,
    attr: String,
    item: &Node,
    s: &Span,
    direction: Tri<Direction>,
    group: Option<ResourceId>,
) -> NetRule {
    NetRule {
        resource: id,
        attr,
        span: s.clone(),
        direction,
        action: Tri::Known("allow".into(), s.clone()),
        protocol: lower(Tri::string(item.get("IpProtocol"), s, "IpProtocol")),
        from_port: Tri::int(item.get("FromPort"), s, "FromPort"),
        to_port: Tri::int(item.get("ToPort"), s, "ToPort"),
        cidrs: cidrs(item, &["CidrIp", "CidrIpv6"], s),
        description: Tri::string(item.get("Description"), s, "Description"),
        group,
        nacl: false,
        rule_no: Tri::Absent(s.clone()),
    }
}

fn first_target(model: &Model, id: ResourceId, path: &str, types: &[&str]) -> Option<ResourceId> {
    util::targets(model, id, path, types)
        .first()
        .map(|(i, _)| *i)
}

const SG_TYPES: &[&str] = &[
    "aws_security_group",
    "aws_default_security_group",
    "AWS::EC2::SecurityGroup",
];

fn security_groups(model: &Model, v: &mut Ec2View) {
    for (id, r) in model.of_types(SG_TYPES) {
        let mut rules = Vec::new();
        if is_cfn(r) {
            rules.extend(cfn_inline(
                v,
                id,
                r,
                "SecurityGroupIngress",
                Direction::Ingress,
            ));
            rules.extend(cfn_inline(
                v,
                id,
                r,
                "SecurityGroupEgress",
                Direction::Egress,
            ));
        } else {
            rules.extend(tf_inline(v, id, r, "ingress", Direction::Ingress, false));
            rules.extend(tf_inline(v, id, r, "egress", Direction::Egress, false));
        }
        v.security_groups.push(SecurityGroup {
            id,
            is_default: r.rtype == "aws_default_security_group",
            description: util::s(r, "description", "GroupDescription"),
            rules,
        });
    }
    for (id, r) in model.of_types(&[
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
        "aws_vpc_security_group_egress_rule",
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroupEgress",
    ]) {
        let s = r.span.clone();
        let rule = match r.rtype.as_str() {
            "aws_security_group_rule" => NetRule {
                resource: id,
                attr: String::new(),
                span: s.clone(),
                direction: Tri::string(r.attr("type"), &s, "type").map(|t| {
                    if t == "egress" {
                        Direction::Egress
                    } else {
                        Direction::Ingress
                    }
                }),
                action: Tri::Known("allow".into(), s.clone()),
                protocol: lower(Tri::string(r.attr("protocol"), &s, "protocol")),
                from_port: Tri::int(r.attr("from_port"), &s, "from_port"),
                to_port: Tri::int(r.attr("to_port"), &s, "to_port"),
                cidrs: cidrs(&r.attrs, &["cidr_blocks", "ipv6_cidr_blocks"], &s),
                description: Tri::string(r.attr("description"), &s, "description"),
                group: first_target(model, id, "security_group_id", SG_TYPES),
                nacl: false,
                rule_no: Tri::Absent(s.clone()),
            },
            "aws_vpc_security_group_ingress_rule" | "aws_vpc_security_group_egress_rule" => {
                NetRule {
                    resource: id,
                    attr: String::new(),
                    span: s.clone(),
                    direction: Tri::Known(
                        if r.rtype.ends_with("egress_rule") {
                            Direction::Egress
                        } else {
                            Direction::Ingress
                        },
                        s.clone(),
                    ),
                    action: Tri::Known("allow".into(), s.clone()),
                    protocol: lower(Tri::string(r.attr("ip_protocol"), &s, "ip_protocol")),
                    from_port: Tri::int(r.attr("from_port"), &s, "from_port"),
                    to_port: Tri::int(r.attr("to_port"), &s, "to_port"),
                    cidrs: cidrs(&r.attrs, &["cidr_ipv4", "cidr_ipv6"], &s),
                    description: Tri::string(r.attr("description"), &s, "description"),
                    group: first_target(model, id, "security_group_id", SG_TYPES),
                    nacl: false,
                    rule_no: Tri::Absent(s.clone()),
                }
            }
            other => {
                let dir = if other.ends_with("Egress") {
                    Direction::Egress
                } else {
                    Direction::Ingress
                };
                cfn_rule(
                    id,
                    String::new(),
                    &r.attrs,
                    &s,
                    Tri::Known(dir, s.clone()),
                    first_target(model, id, "GroupId", SG_TYPES),
                )
            }
        };
        v.rules.push(rule);
        let k = v.rules.len() - 1;
        if let Some(g) = v.rules[k].group
            && let Some(sg) = v.security_groups.iter_mut().find(|x| x.id == g)
        {
            sg.rules.push(k);
        }
    }
}

fn nacls(model: &Model, v: &mut Ec2View) {
    for (id, r) in model.of_types(&["aws_network_acl", "aws_default_network_acl"]) {
        tf_inline(v, id, r, "ingress", Direction::Ingress, true);
        tf_inline(v, id, r, "egress", Direction::Egress, true);
    }
    for (id, r) in model.of_types(&["aws_network_acl_rule", "AWS::EC2::NetworkAclEntry"]) {
        let s = r.span.clone();
        let cfn = is_cfn(r);
        let egress = util::b(r, "egress", "Egress").or_default_when_absent(false);
        let (from, to) = if cfn {
            (
                Tri::int(r.attr("PortRange.From"), &s, "PortRange.From"),
                Tri::int(r.attr("PortRange.To"), &s, "PortRange.To"),
            )
        } else {
            (util::i(r, "from_port", ""), util::i(r, "to_port", ""))
        };
        let keys: &[&str] = if cfn {
            &["CidrBlock", "Ipv6CidrBlock"]
        } else {
            &["cidr_block", "ipv6_cidr_block"]
        };
        v.rules.push(NetRule {
            resource: id,
            attr: String::new(),
            span: s.clone(),
            direction: egress.map(|e| {
                if e {
                    Direction::Egress
                } else {
                    Direction::Ingress
                }
            }),
            action: lower(util::s(r, "rule_action", "RuleAction")),
            protocol: lower(util::s(r, "protocol", "Protocol")),
            from_port: from,
            to_port: to,
            cidrs: cidrs(&r.attrs, keys, &s),
            description: Tri::Absent(s.clone()),
            group: first_target(
                model,
                id,
                if cfn {
                    "NetworkAclId"
                } else {
                    "network_acl_id"
                },
                &[
                    "aws_network_acl",
                    "aws_default_network_acl",
                    "AWS::EC2::NetworkAcl",
                ],
            ),
            nacl: true,
            rule_no: util::i(r, "rule_number", "RuleNumber"),
        });
    }
}

fn devices(r: &Resource, list: &str, enc: &str, out: &mut Vec<(String, Tri<bool>)>) {
    let Some(n) = r.attr(list).node() else { return };
    if let Value::Unknown(u) = &n.value {
        out.push((
            list.to_string(),
            Tri::Unknown(u.reason.to_string(), span_of(n, &r.span)),
        ));
        return;
    }
    for (k, item) in n.items().into_iter().enumerate() {
        let s = span_of(item, &r.span);
        // A device without an EBS volume (instance store) has no flag.
        if enc.contains('.') {
            let head = enc.split('.').next().unwrap_or("");
            if item.get(head).is_absent() {
                continue;
            }
        }
        let t = Tri::bool(item.path(enc), &s, enc);
        out.push((format!("{list}.{k}.{enc}"), t));
    }
}

fn instances(model: &Model, v: &mut Ec2View) {
    let templates: &[&str] = &["aws_launch_template", "AWS::EC2::LaunchTemplate"];
    for (id, r) in model.of_types(&[
        "aws_instance",
        "aws_launch_template",
        "aws_launch_configuration",
        "AWS::EC2::Instance",
        "AWS::EC2::LaunchTemplate",
        "AWS::AutoScaling::LaunchConfiguration",
    ]) {
        let kind = match r.rtype.as_str() {
            "aws_instance" | "AWS::EC2::Instance" => ComputeKind::Instance,
            "aws_launch_template" | "AWS::EC2::LaunchTemplate" => ComputeKind::LaunchTemplate,
            _ => ComputeKind::LaunchConfiguration,
        };
        let cfn = is_cfn(r);
        let prefix = if cfn && kind == ComputeKind::LaunchTemplate {
            "LaunchTemplateData."
        } else {
            ""
        };
        let mo = |tf: &str, c: &str| {
            let cp = format!("{prefix}MetadataOptions.{c}");
            util::s(r, &format!("metadata_options.{tf}"), &cp)
        };
        let mut http_tokens = mo("http_tokens", "HttpTokens");
        let mut http_endpoint = mo("http_endpoint", "HttpEndpoint");
        if kind == ComputeKind::Instance && http_tokens.is_absent() {
            let path = if cfn {
                "LaunchTemplate"
            } else {
                "launch_template"
            };
            if let Some(t) = first_target(model, id, path, templates) {
                let t = model.get(t);
                let tp = if is_cfn(t) { "LaunchTemplateData." } else { "" };
                http_tokens = util::s(
                    t,
                    "metadata_options.http_tokens",
                    &format!("{tp}MetadataOptions.HttpTokens"),
                );
                http_endpoint = util::s(
                    t,
                    "metadata_options.http_endpoint",
                    &format!("{tp}MetadataOptions.HttpEndpoint"),
                );
            }
        }
        let public_ip = match (cfn, kind) {
            (false, ComputeKind::LaunchTemplate) => {
                util::b(r, "network_interfaces.associate_public_ip_address", "")
            }
            (true, ComputeKind::Instance) => {
                util::b(r, "", "NetworkInterfaces.0.AssociatePublicIpAddress")
            }
            (true, ComputeKind::LaunchTemplate) => util::b(
                r,
                "",
                "LaunchTemplateData.NetworkInterfaces.0.AssociatePublicIpAddress",
            ),
            _ => util::b(r, "associate_public_ip_address", "AssociatePublicIpAddress"),
        };
        let mut block_devices = Vec::new();
        match (cfn, kind) {
            (false, ComputeKind::LaunchTemplate) => devices(
                r,
                "block_device_mappings",
                "ebs.encrypted",
                &mut block_devices,
            ),
            (false, _) => {
                devices(r, "root_block_device", "encrypted", &mut block_devices);
                devices(r, "ebs_block_device", "encrypted", &mut block_devices);
            }
            (true, ComputeKind::LaunchTemplate) => devices(
                r,
                "LaunchTemplateData.BlockDeviceMappings",
                "Ebs.Encrypted",
                &mut block_devices,
            ),
            (true, _) => devices(
                r,
                "BlockDeviceMappings",
                "Ebs.Encrypted",
                &mut block_devices,
            ),
        }
        v.instances.push(Instance {
            id,
            kind,
            http_tokens: lower(http_tokens),
            http_endpoint: lower(http_endpoint),
            public_ip,
            block_devices,
            instance_profile: match (cfn, kind) {
                (true, ComputeKind::LaunchTemplate) => {
                    util::present(r, "", "LaunchTemplateData.IamInstanceProfile")
                }
                _ => util::present(r, "iam_instance_profile", "IamInstanceProfile"),
            },
            user_data: match (cfn, kind) {
                (true, ComputeKind::LaunchTemplate) => {
                    util::s(r, "", "LaunchTemplateData.UserData")
                }
                _ => util::s(r, "user_data", "UserData"),
            },
        });
    }
}

fn flow_logs(model: &Model, id: ResourceId, r: &Resource) -> Tri<bool> {
    let refs = util::referrers(
        model,
        id,
        &["aws_flow_log", "AWS::EC2::FlowLog"],
        if is_cfn(r) { "ResourceId" } else { "vpc_id" },
    );
    if let Some((_, f)) = refs.first() {
        return Tri::Known(true, f.span.clone());
    }
    // A flow log whose target could not be resolved might be this VPC's.
    for (fid, f) in model.of_types(&["aws_flow_log", "AWS::EC2::FlowLog"]) {
        if f.scope != r.scope {
            continue;
        }
        let path = if is_cfn(f) { "ResourceId" } else { "vpc_id" };
        if let Lookup::Unknown(n, u) = f.attr(path)
            && model.refs_from(fid).all(|e| e.path != path)
        {
            return Tri::Unknown(
                format!("a flow log's VPC cannot be resolved: {}", u.reason),
                span_of(n, &f.span),
            );
        }
    }
    Tri::Absent(r.span.clone())
}

pub fn build(model: &Model) -> Ec2View {
    let mut v = Ec2View::default();
    security_groups(model, &mut v);
    nacls(model, &mut v);
    instances(model, &mut v);
    for (id, r) in model.of_types(&["aws_ebs_volume", "AWS::EC2::Volume"]) {
        v.volumes.push(Volume {
            id,
            encrypted: util::b(r, "encrypted", "Encrypted"),
            kms_key: util::s(r, "kms_key_id", "KmsKeyId"),
        });
    }
    for (id, r) in model.of_types(&["aws_subnet", "AWS::EC2::Subnet"]) {
        v.subnets.push(Subnet {
            id,
            map_public_ip: util::b(r, "map_public_ip_on_launch", "MapPublicIpOnLaunch"),
        });
    }
    for (id, r) in model.of_types(&["aws_vpc", "AWS::EC2::VPC"]) {
        v.vpcs.push(Vpc {
            id,
            flow_logs: flow_logs(model, id, r),
        });
    }
    for (id, r) in model.of_type("aws_ebs_encryption_by_default") {
        v.ebs_default_encryption.push(EbsDefaultEncryption {
            id,
            enabled: util::b(r, "enabled", ""),
        });
    }
    v.default_vpcs = model.of_type("aws_default_vpc").map(|(id, _)| id).collect();
    for (id, r) in model.of_type("aws_ami_launch_permission") {
        v.image_permissions.push(ImagePermission {
            id,
            group: util::s(r, "group", ""),
        });
    }
    v
}
