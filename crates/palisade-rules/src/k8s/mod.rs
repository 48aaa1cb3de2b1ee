//! Kubernetes rules: the Pod Security Standards (baseline and restricted,
//! control by control), resources, probes, service accounts, secrets,
//! services, ingress, network policies and RBAC. One file per rule.

pub(crate) mod helpers;

mod apparmor;
mod automount_token;
mod binding_anonymous;
mod binding_default_sa;
mod binding_system_masters;
mod cap_sys_admin;
mod capabilities_add_restricted;
mod capabilities_baseline;
mod capabilities_drop_all;
mod cluster_admin_binding;
mod cpu_limits;
mod cpu_requests;
mod default_deny_network_policy;
mod default_namespace;
mod default_sa_automount;
mod default_service_account;
mod host_ipc;
mod host_network;
mod host_pid;
mod host_port;
mod host_process;
mod hostpath_volume;
mod image_pull_policy;
mod ingress_tls;
mod liveness_probe;
mod low_uid;
mod memory_limits;
mod memory_requests;
mod namespace_pss_enforce;
mod net_raw;
mod network_policy_allow_all;
mod privilege_escalation;
mod privileged;
mod proc_mount;
mod rbac_create_pods;
mod rbac_create_pv;
mod rbac_csr_approval;
mod rbac_escalate_bind;
mod rbac_impersonate;
mod rbac_nodes_proxy;
mod rbac_pods_exec;
mod rbac_secrets_access;
mod rbac_token_create;
mod rbac_webhook_config;
mod rbac_wildcard_resources;
mod rbac_wildcard_verbs;
mod read_only_root_fs;
mod readiness_probe;
mod root_group;
mod run_as_non_root;
mod run_as_user_root;
mod runtime_socket;
mod seccomp_restricted;
mod seccomp_unconfined;
mod secret_env_from;
mod secret_in_manifest;
mod secret_key_ref_env;
mod secret_literal_env;
mod selinux;
mod service_external_ips;
mod service_loadbalancer;
mod service_nodeport;
mod share_process_namespace;
mod unsafe_sysctls;
mod volume_types;

use palisade_engine::Rule;

pub static RULES: &[&Rule] = &[
    &host_network::RULE,
    &host_pid::RULE,
    &host_ipc::RULE,
    &privileged::RULE,
    &capabilities_baseline::RULE,
    &hostpath_volume::RULE,
    &host_port::RULE,
    &apparmor::RULE,
    &selinux::RULE,
    &proc_mount::RULE,
    &seccomp_unconfined::RULE,
    &unsafe_sysctls::RULE,
    &host_process::RULE,
    &volume_types::RULE,
    &privilege_escalation::RULE,
    &run_as_non_root::RULE,
    &run_as_user_root::RULE,
    &seccomp_restricted::RULE,
    &capabilities_drop_all::RULE,
    &capabilities_add_restricted::RULE,
    &cap_sys_admin::RULE,
    &net_raw::RULE,
    &runtime_socket::RULE,
    &share_process_namespace::RULE,
    &cpu_requests::RULE,
    &cpu_limits::RULE,
    &memory_requests::RULE,
    &memory_limits::RULE,
    &read_only_root_fs::RULE,
    &automount_token::RULE,
    &default_service_account::RULE,
    &default_sa_automount::RULE,
    &default_namespace::RULE,
    &image_pull_policy::RULE,
    &liveness_probe::RULE,
    &readiness_probe::RULE,
    &root_group::RULE,
    &low_uid::RULE,
    &secret_literal_env::RULE,
    &secret_key_ref_env::RULE,
    &secret_env_from::RULE,
    &service_loadbalancer::RULE,
    &service_nodeport::RULE,
    &service_external_ips::RULE,
    &ingress_tls::RULE,
    &default_deny_network_policy::RULE,
    &network_policy_allow_all::RULE,
    &rbac_wildcard_verbs::RULE,
    &rbac_wildcard_resources::RULE,
    &cluster_admin_binding::RULE,
    &rbac_secrets_access::RULE,
    &rbac_pods_exec::RULE,
    &rbac_escalate_bind::RULE,
    &rbac_impersonate::RULE,
    &rbac_create_pods::RULE,
    &rbac_nodes_proxy::RULE,
    &rbac_webhook_config::RULE,
    &rbac_token_create::RULE,
    &rbac_create_pv::RULE,
    &rbac_csr_approval::RULE,
    &binding_system_masters::RULE,
    &binding_anonymous::RULE,
    &binding_default_sa::RULE,
    &namespace_pss_enforce::RULE,
    &secret_in_manifest::RULE,
];
