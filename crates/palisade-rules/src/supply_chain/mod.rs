//! Supply-chain rules: container image pinning and provenance, Dockerfiles,
//! Terraform module and provider pinning, CloudFormation nested stacks.

pub(crate) mod helpers;

/// Every container of every Kubernetes workload.
pub(crate) fn palisade_k8s_containers<'a>(
    cx: &palisade_engine::Ctx<'a>,
) -> impl Iterator<
    Item = (
        &'a palisade_views::k8s::Workload,
        &'a palisade_views::k8s::Container,
    ),
> {
    crate::k8s::helpers::containers(cx)
}

mod cfn_nested_stack_http;
mod cfn_nested_stack_unpinned;
mod docker_add_url;
mod docker_apt_unpinned;
mod docker_curl_pipe_shell;
mod docker_from_digest;
mod docker_from_latest;
mod docker_insecure_download;
mod docker_secret_env;
mod docker_user_root;
mod image_registry_allowlist;
mod k8s_image_digest;
mod k8s_image_latest;
mod tf_lock_file;
mod tf_module_git_ref;
mod tf_module_insecure_source;
mod tf_module_registry_version;
mod tf_provider_version;

use palisade_engine::Rule;

pub static RULES: &[&Rule] = &[
    &k8s_image_digest::RULE,
    &k8s_image_latest::RULE,
    &image_registry_allowlist::RULE,
    &docker_from_digest::RULE,
    &docker_from_latest::RULE,
    &docker_user_root::RULE,
    &docker_add_url::RULE,
    &docker_secret_env::RULE,
    &docker_curl_pipe_shell::RULE,
    &docker_insecure_download::RULE,
    &docker_apt_unpinned::RULE,
    &tf_module_git_ref::RULE,
    &tf_module_registry_version::RULE,
    &tf_module_insecure_source::RULE,
    &tf_provider_version::RULE,
    &tf_lock_file::RULE,
    &cfn_nested_stack_http::RULE,
    &cfn_nested_stack_unpinned::RULE,
];
