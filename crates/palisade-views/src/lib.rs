//! Typed views of cloud services, built from the resource model.
//!
//! Each view is built by adapters, one per source language: Terraform and
//! plan JSON share the `aws_*` adapter, CloudFormation has the `AWS::*` one.
//! A check reads only the view, so it covers every language at once.
//! Related resources (an `aws_s3_bucket_versioning` pointing at a bucket) are
//! folded into the view through the model's generic reference edges.
//!
//! Every fact is a [`Tri`]: known (with where it was set), unknown (with why)
//! or absent (with where it would belong: the resource).

pub mod aws;
pub mod datastore;
pub mod k8s;
mod tri;
pub mod wildcard;

pub use tri::Tri;

use palisade_model::Model;

/// All views of one model, built once per scan and shared by every rule.
pub struct Views {
    pub aws: aws::AwsViews,
    pub k8s: k8s::K8sViews,
    pub datastores: datastore::DataStores,
}

impl Views {
    pub fn build(model: &Model) -> Views {
        let aws = aws::AwsViews::build(model);
        let datastores = datastore::build(model, &aws);
        Views {
            aws,
            k8s: k8s::K8sViews::build(model),
            datastores,
        }
    }
}

use palisade_model::{Resource, ResourceId};

/// Resources of type `rtype` that belong to resource `id`: those whose
/// attribute `attr` refers to it, or (when written as a literal) whose `attr`
/// equals the resource's known name.
pub fn related<'m>(
    model: &'m Model,
    id: ResourceId,
    r: &Resource,
    rtype: &'static str,
    attr: &'static str,
    name: &Tri<String>,
) -> Vec<(ResourceId, &'m Resource)> {
    let mut v: Vec<_> = model.referrers(id, rtype, attr).collect();
    if v.is_empty()
        && let Tri::Known(n, _) = name
    {
        v = model
            .of_type(rtype)
            .filter(|(_, o)| {
                o.scope == r.scope
                    && o.attr(attr).known().and_then(|x| x.as_str()) == Some(n.as_str())
            })
            .collect();
    }
    v
}
