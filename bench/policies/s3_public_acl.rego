# METADATA
# title: S3 buckets are not public through a canned ACL
# custom:
#   id: BENCH-002
#   severity: high
#   category: data
package bench.s3_public_acl

import rego.v1

deny contains msg if {
	input.type == "aws_s3_bucket_acl"
	input.attributes.acl in {"public-read", "public-read-write", "authenticated-read"}
	msg := sprintf("%s grants a public ACL", [input.address])
}

deny contains msg if {
	input.type == "AWS::S3::Bucket"
	input.attributes.AccessControl in {"PublicRead", "PublicReadWrite"}
	msg := sprintf("%s grants a public ACL", [input.address])
}
