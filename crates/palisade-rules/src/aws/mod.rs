//! AWS rules, one file each, grouped by service.

pub(crate) mod common;
mod s3_encryption;
mod cloudtrail_cloudwatch;
mod cloudtrail_kms;
mod cloudtrail_log_validation;
mod cloudtrail_logging_disabled;
mod cloudtrail_multi_region;
mod config_all_resources;
mod ec2_imdsv2;
mod ec2_public_ip;
mod guardduty_disabled;
mod iam_access_key;
mod iam_admin_policy;
mod iam_allow_not_action;
mod iam_console_no_mfa;
mod iam_passrole_any;
mod iam_password_length;
mod iam_password_reuse;
mod iam_privilege_escalation;
mod iam_public_resource_policy;
mod iam_trust_external_id;
mod iam_trust_public;
mod iam_user_policies;
mod iam_wildcard_action;
mod kms_public_policy;
mod kms_rotation;
mod nacl_admin_open;
mod s3_access_logging;
mod s3_deny_http;
mod s3_public_access_block;
mod s3_public_acl;
mod s3_public_policy;
mod s3_versioning;
mod sg_all_ports_open;
mod sg_db_ports_open;
mod sg_default_rules;
mod sg_rdp_open;
mod sg_remote_ports_open;
mod sg_rule_description;
mod sg_ssh_open;
mod sg_unrestricted_egress;
mod subnet_public_ip;
mod vpc_flow_logs;

use palisade_engine::Rule;

/// Every AWS rule.
pub static RULES: &[&Rule] = &[
    &s3_encryption::RULE,
    &config_all_resources::RULE,
    &cloudtrail_multi_region::RULE,
    &cloudtrail_log_validation::RULE,
    &cloudtrail_kms::RULE,
    &cloudtrail_cloudwatch::RULE,
    &cloudtrail_logging_disabled::RULE,
    &ec2_imdsv2::RULE,
    &ec2_public_ip::RULE,
    &guardduty_disabled::RULE,
    &iam_admin_policy::RULE,
    &iam_wildcard_action::RULE,
    &iam_passrole_any::RULE,
    &iam_user_policies::RULE,
    &iam_access_key::RULE,
    &iam_console_no_mfa::RULE,
    &iam_trust_public::RULE,
    &iam_trust_external_id::RULE,
    &iam_password_length::RULE,
    &iam_password_reuse::RULE,
    &iam_privilege_escalation::RULE,
    &iam_allow_not_action::RULE,
    &iam_public_resource_policy::RULE,
    &kms_rotation::RULE,
    &kms_public_policy::RULE,
    &s3_public_acl::RULE,
    &s3_public_policy::RULE,
    &s3_public_access_block::RULE,
    &s3_versioning::RULE,
    &s3_access_logging::RULE,
    &s3_deny_http::RULE,
    &sg_ssh_open::RULE,
    &sg_rdp_open::RULE,
    &sg_all_ports_open::RULE,
    &sg_db_ports_open::RULE,
    &sg_remote_ports_open::RULE,
    &sg_unrestricted_egress::RULE,
    &sg_default_rules::RULE,
    &nacl_admin_open::RULE,
    &subnet_public_ip::RULE,
    &vpc_flow_logs::RULE,
    &sg_rule_description::RULE,
];
