# METADATA
# title: S3 buckets are encrypted at rest
# custom:
#   id: BENCH-003
#   severity: high
#   category: encryption
package bench.s3_encryption

import rego.v1

deny contains msg if {
	input.type == "aws_s3_bucket"
	count([r | some r in input.referenced_by; r.type == "aws_s3_bucket_server_side_encryption_configuration"]) == 0
	not input.attributes.server_side_encryption_configuration
	msg := sprintf("%s has no server-side encryption configuration", [input.address])
}
