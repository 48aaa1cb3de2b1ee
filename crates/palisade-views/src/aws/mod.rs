//! AWS service views.

pub mod apigw;
pub mod cloudfront;
pub mod cloudtrail;
pub mod data;
pub mod ec2;
pub mod ecs;
pub mod eks;
pub mod elb;
pub mod governance;
pub mod iam;
pub mod kms;
pub mod lambda;
pub mod misc;
pub mod rds;
pub mod s3;
pub mod sagemaker;
pub mod util;

pub use s3::S3Bucket;

use palisade_model::Model;

/// Every AWS view, built once per scan.
#[derive(Debug, Default)]
pub struct AwsViews {
    pub s3_buckets: Vec<S3Bucket>,
    pub iam: iam::IamView,
    pub ec2: ec2::Ec2View,
    pub rds: rds::RdsView,
    pub cloudtrails: Vec<cloudtrail::Trail>,
    pub kms_keys: Vec<kms::KmsKey>,
    pub lambda: lambda::LambdaView,
    pub eks_clusters: Vec<eks::EksCluster>,
    pub eks_node_groups: Vec<eks::NodeGroup>,
    pub elb: elb::ElbView,
    pub cloudfront: Vec<cloudfront::Distribution>,
    pub apigw: apigw::ApiGwView,
    pub data: data::DataView,
    pub governance: governance::GovernanceView,
    pub sagemaker: sagemaker::SageMakerView,
    pub ecs: ecs::EcsView,
    pub misc: misc::MiscView,
}

impl AwsViews {
    pub fn build(model: &Model) -> AwsViews {
        AwsViews {
            s3_buckets: s3::buckets(model),
            iam: iam::build(model),
            ec2: ec2::build(model),
            rds: rds::build(model),
            cloudtrails: cloudtrail::build(model),
            kms_keys: kms::build(model),
            lambda: lambda::build(model),
            eks_clusters: eks::build(model),
            eks_node_groups: eks::node_groups(model),
            elb: elb::build(model),
            cloudfront: cloudfront::build(model),
            apigw: apigw::build(model),
            data: data::build(model),
            governance: governance::build(model),
            sagemaker: sagemaker::build(model),
            ecs: ecs::build(model),
            misc: misc::build(model),
        }
    }
}

#[cfg(test)]
mod tests;
