# METADATA
# title: S3 buckets are versioned
# custom:
#   id: BENCH-004
#   severity: medium
#   category: data
package bench.s3_versioning

import rego.v1

warn contains msg if {
	input.type == "aws_s3_bucket_versioning"
	some c in input.attributes.versioning_configuration
	c.status != "Enabled"
	msg := sprintf("%s does not enable versioning", [input.address])
}

warn contains msg if {
	input.type == "AWS::S3::Bucket"
	input.attributes.VersioningConfiguration.Status != "Enabled"
	msg := sprintf("%s does not enable versioning", [input.address])
}
