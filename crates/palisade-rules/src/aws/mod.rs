//! AWS rules, one file each, grouped by service.

mod alb_drop_invalid_headers;
mod ami_public;
mod apigw_access_logs;
mod apigw_domain_tls;
mod apigw_method_auth;
mod apigw_route_auth;
mod apigw_waf;
mod apigw_xray;
mod athena_enforce;
mod athena_results_encryption;
mod backup_vault_cmk;
mod cloudfront_https;
mod cloudfront_logging;
mod cloudfront_origin_http;
mod cloudfront_tls;
mod cloudfront_waf;
mod cloudtrail_bucket_logging;
mod cloudtrail_cloudwatch;
mod cloudtrail_kms;
mod cloudtrail_log_validation;
mod cloudtrail_logging_disabled;
mod cloudtrail_multi_region;
pub(crate) mod common;
mod config_all_resources;
mod config_recorder_disabled;
mod default_vpc;
mod dms_public;
mod docdb_audit_logs;
mod docdb_backup_retention;
mod docdb_deletion_protection;
mod docdb_encryption;
mod dynamodb_cmk;
mod dynamodb_deletion_protection;
mod dynamodb_pitr;
mod ebs_default_encryption;
mod ebs_snapshot_copy_encryption;
mod ebs_volume_cmk;
mod ebs_volume_encryption;
mod ec2_block_device_encryption;
mod ec2_imdsv2;
mod ec2_instance_profile;
mod ec2_public_ip;
mod ec2_user_data_secrets;
mod ecr_immutable_tags;
mod ecr_kms;
mod ecr_scan_on_push;
mod ecs_container_insights;
mod ecs_env_secrets;
mod ecs_host_network;
mod ecs_host_pid;
mod ecs_privileged;
mod ecs_public_ip;
mod ecs_readonly_root;
mod efs_cmk;
mod efs_encryption;
mod eks_control_plane_logging;
mod eks_node_ssh;
mod eks_public_endpoint;
mod eks_secrets_encryption;
mod elasticache_at_rest;
mod elasticache_auth;
mod elasticache_backups;
mod elasticache_in_transit;
mod elb_access_logs;
mod elb_http_listener;
mod elb_tls_policy;
mod glue_catalog_encryption;
mod glue_connection_passwords;
mod guardduty_disabled;
mod iam_access_key;
mod iam_admin_managed_policy;
mod iam_admin_policy;
mod iam_allow_not_action;
mod iam_assume_any_role;
mod iam_cloudshell_full_access;
mod iam_console_no_mfa;
mod iam_passrole_any;
mod iam_password_complexity;
mod iam_password_length;
mod iam_password_reuse;
mod iam_privilege_escalation;
mod iam_public_resource_policy;
mod iam_secrets_any_resource;
mod iam_trust_external_id;
mod iam_trust_public;
mod iam_user_policies;
mod iam_wildcard_action;
mod kinesis_encryption;
mod kms_deletion_window;
mod kms_public_policy;
mod kms_rotation;
mod lambda_code_signing;
mod lambda_dlq;
mod lambda_env_kms;
mod lambda_env_secrets;
mod lambda_public_permission;
mod lambda_runtime_eol;
mod lambda_tracing;
mod lambda_url_no_auth;
mod lb_deletion_protection;
mod log_group_kms;
mod log_group_retention;
mod msk_client_tls;
mod msk_cmk;
mod msk_in_cluster_tls;
mod nacl_admin_open;
mod neptune_audit_logs;
mod neptune_backup_retention;
mod neptune_deletion_protection;
mod neptune_encryption;
mod neptune_iam_auth;
mod opensearch_at_rest;
mod opensearch_audit_logs;
mod opensearch_fgac;
mod opensearch_https;
mod opensearch_node_to_node;
mod opensearch_tls_policy;
mod opensearch_vpc;
mod rds_backup_retention;
mod rds_cmk;
mod rds_deletion_protection;
mod rds_encryption;
mod rds_iam_auth;
mod rds_log_exports;
mod rds_minor_upgrades;
mod rds_multi_az;
mod rds_performance_insights_kms;
mod rds_public;
mod rds_snapshot_public;
mod redshift_audit_logging;
mod redshift_cmk;
mod redshift_encryption;
mod redshift_enhanced_vpc_routing;
mod redshift_public;
mod s3_access_logging;
mod s3_cmk;
mod s3_deny_http;
mod s3_encryption;
mod s3_mfa_delete;
mod s3_object_lock;
mod s3_public_access_block;
mod s3_public_acl;
mod s3_public_policy;
mod s3_replication;
mod s3_versioning;
mod s3_website;
mod sagemaker_data_capture;
mod sagemaker_domain_internet;
mod sagemaker_domain_kms;
mod sagemaker_endpoint_kms;
mod sagemaker_job_encryption;
mod sagemaker_job_isolation;
mod sagemaker_model_isolation;
mod sagemaker_model_vpc;
mod sagemaker_notebook_internet;
mod sagemaker_notebook_kms;
mod sagemaker_notebook_root;
mod sagemaker_notebook_vpc;
mod secret_cmk;
mod secret_rotation;
mod secret_rotation_period;
mod securityhub_default_standards;
mod sg_all_ports_open;
mod sg_db_ports_open;
mod sg_default_rules;
mod sg_public_non_web;
mod sg_rdp_open;
mod sg_remote_ports_open;
mod sg_rule_description;
mod sg_ssh_open;
mod sg_unrestricted_egress;
mod sns_cmk;
mod sns_encryption;
mod sqs_cmk;
mod sqs_encryption;
mod ssm_document_public;
mod subnet_public_ip;
mod vpc_flow_logs;
mod workspaces_root_encryption;
mod workspaces_user_encryption;

use palisade_engine::Rule;

/// Every AWS rule.
pub static RULES: &[&Rule] = &[
    &s3_encryption::RULE,
    &apigw_access_logs::RULE,
    &apigw_waf::RULE,
    &apigw_method_auth::RULE,
    &apigw_xray::RULE,
    &apigw_domain_tls::RULE,
    &apigw_route_auth::RULE,
    &athena_results_encryption::RULE,
    &athena_enforce::RULE,
    &backup_vault_cmk::RULE,
    &cloudfront_https::RULE,
    &cloudfront_tls::RULE,
    &cloudfront_waf::RULE,
    &cloudfront_logging::RULE,
    &cloudfront_origin_http::RULE,
    &config_all_resources::RULE,
    &config_recorder_disabled::RULE,
    &cloudtrail_multi_region::RULE,
    &cloudtrail_log_validation::RULE,
    &cloudtrail_kms::RULE,
    &cloudtrail_cloudwatch::RULE,
    &cloudtrail_logging_disabled::RULE,
    &cloudtrail_bucket_logging::RULE,
    &log_group_retention::RULE,
    &log_group_kms::RULE,
    &dynamodb_pitr::RULE,
    &dynamodb_cmk::RULE,
    &dynamodb_deletion_protection::RULE,
    &dms_public::RULE,
    &docdb_encryption::RULE,
    &docdb_audit_logs::RULE,
    &docdb_backup_retention::RULE,
    &docdb_deletion_protection::RULE,
    &elasticache_at_rest::RULE,
    &elasticache_in_transit::RULE,
    &elasticache_backups::RULE,
    &elasticache_auth::RULE,
    &ec2_imdsv2::RULE,
    &ec2_public_ip::RULE,
    &ebs_volume_encryption::RULE,
    &ec2_block_device_encryption::RULE,
    &ebs_default_encryption::RULE,
    &ami_public::RULE,
    &ebs_snapshot_copy_encryption::RULE,
    &ebs_volume_cmk::RULE,
    &ec2_instance_profile::RULE,
    &ec2_user_data_secrets::RULE,
    &ecr_scan_on_push::RULE,
    &ecr_immutable_tags::RULE,
    &ecr_kms::RULE,
    &ecs_privileged::RULE,
    &ecs_host_network::RULE,
    &ecs_host_pid::RULE,
    &ecs_env_secrets::RULE,
    &ecs_readonly_root::RULE,
    &ecs_container_insights::RULE,
    &ecs_public_ip::RULE,
    &efs_encryption::RULE,
    &efs_cmk::RULE,
    &eks_public_endpoint::RULE,
    &eks_secrets_encryption::RULE,
    &eks_control_plane_logging::RULE,
    &eks_node_ssh::RULE,
    &elb_http_listener::RULE,
    &elb_tls_policy::RULE,
    &elb_access_logs::RULE,
    &alb_drop_invalid_headers::RULE,
    &lb_deletion_protection::RULE,
    &guardduty_disabled::RULE,
    &securityhub_default_standards::RULE,
    &glue_catalog_encryption::RULE,
    &glue_connection_passwords::RULE,
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
    &iam_password_complexity::RULE,
    &iam_admin_managed_policy::RULE,
    &iam_cloudshell_full_access::RULE,
    &iam_secrets_any_resource::RULE,
    &iam_assume_any_role::RULE,
    &kinesis_encryption::RULE,
    &kms_rotation::RULE,
    &kms_public_policy::RULE,
    &kms_deletion_window::RULE,
    &lambda_url_no_auth::RULE,
    &lambda_env_secrets::RULE,
    &lambda_runtime_eol::RULE,
    &lambda_public_permission::RULE,
    &lambda_tracing::RULE,
    &lambda_dlq::RULE,
    &lambda_code_signing::RULE,
    &lambda_env_kms::RULE,
    &msk_client_tls::RULE,
    &msk_in_cluster_tls::RULE,
    &msk_cmk::RULE,
    &neptune_encryption::RULE,
    &neptune_audit_logs::RULE,
    &neptune_iam_auth::RULE,
    &neptune_backup_retention::RULE,
    &neptune_deletion_protection::RULE,
    &opensearch_at_rest::RULE,
    &opensearch_node_to_node::RULE,
    &opensearch_https::RULE,
    &opensearch_tls_policy::RULE,
    &opensearch_vpc::RULE,
    &opensearch_audit_logs::RULE,
    &opensearch_fgac::RULE,
    &rds_encryption::RULE,
    &rds_public::RULE,
    &rds_backup_retention::RULE,
    &rds_deletion_protection::RULE,
    &rds_iam_auth::RULE,
    &rds_multi_az::RULE,
    &rds_minor_upgrades::RULE,
    &rds_snapshot_public::RULE,
    &rds_cmk::RULE,
    &rds_log_exports::RULE,
    &rds_performance_insights_kms::RULE,
    &redshift_encryption::RULE,
    &redshift_public::RULE,
    &redshift_audit_logging::RULE,
    &redshift_cmk::RULE,
    &redshift_enhanced_vpc_routing::RULE,
    &s3_public_acl::RULE,
    &s3_public_policy::RULE,
    &s3_public_access_block::RULE,
    &s3_versioning::RULE,
    &s3_access_logging::RULE,
    &s3_deny_http::RULE,
    &s3_mfa_delete::RULE,
    &s3_object_lock::RULE,
    &s3_cmk::RULE,
    &s3_website::RULE,
    &s3_replication::RULE,
    &sagemaker_notebook_root::RULE,
    &sagemaker_notebook_internet::RULE,
    &sagemaker_notebook_kms::RULE,
    &sagemaker_endpoint_kms::RULE,
    &sagemaker_data_capture::RULE,
    &sagemaker_job_encryption::RULE,
    &sagemaker_job_isolation::RULE,
    &sagemaker_model_isolation::RULE,
    &sagemaker_model_vpc::RULE,
    &sagemaker_notebook_vpc::RULE,
    &sagemaker_domain_internet::RULE,
    &sagemaker_domain_kms::RULE,
    &secret_cmk::RULE,
    &secret_rotation::RULE,
    &secret_rotation_period::RULE,
    &sns_encryption::RULE,
    &sns_cmk::RULE,
    &sqs_encryption::RULE,
    &sqs_cmk::RULE,
    &ssm_document_public::RULE,
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
    &sg_public_non_web::RULE,
    &default_vpc::RULE,
    &workspaces_root_encryption::RULE,
    &workspaces_user_encryption::RULE,
];
