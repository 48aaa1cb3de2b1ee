//! AWS service views.

pub mod s3;

pub use s3::S3Bucket;
