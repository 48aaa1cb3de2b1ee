//! CloudTrail trails.

use palisade_model::{Model, ResourceId};

use super::util;
use crate::Tri;

#[derive(Clone, Debug)]
pub struct Trail {
    pub id: ResourceId,
    pub multi_region: Tri<bool>,
    pub log_file_validation: Tri<bool>,
    pub kms_key: Tri<String>,
    pub cloudwatch_logs: Tri<bool>,
    /// `enable_logging` / `IsLogging`.
    pub logging: Tri<bool>,
    /// The S3 bucket the trail delivers to, when it refers to one.
    pub bucket: Option<ResourceId>,
}

pub fn build(model: &Model) -> Vec<Trail> {
    model
        .of_types(&["aws_cloudtrail", "AWS::CloudTrail::Trail"])
        .into_iter()
        .map(|(id, r)| Trail {
            id,
            multi_region: util::b(r, "is_multi_region_trail", "IsMultiRegionTrail"),
            log_file_validation: util::b(
                r,
                "enable_log_file_validation",
                "EnableLogFileValidation",
            ),
            kms_key: util::s(r, "kms_key_id", "KMSKeyId"),
            cloudwatch_logs: util::present(
                r,
                "cloud_watch_logs_group_arn",
                "CloudWatchLogsLogGroupArn",
            ),
            logging: util::b(r, "enable_logging", "IsLogging"),
            bucket: util::targets(
                model,
                id,
                if util::is_cfn(r) {
                    "S3BucketName"
                } else {
                    "s3_bucket_name"
                },
                &["aws_s3_bucket", "AWS::S3::Bucket"],
            )
            .first()
            .map(|(b, _)| *b),
        })
        .collect()
}
