//! AWS service views.

pub mod s3;

pub use s3::S3Bucket;

use palisade_model::Model;

/// Every AWS view, built once per scan.
#[derive(Debug, Default)]
pub struct AwsViews {
    pub s3_buckets: Vec<S3Bucket>,
}

impl AwsViews {
    pub fn build(model: &Model) -> AwsViews {
        AwsViews {
            s3_buckets: s3::buckets(model),
        }
    }
}
