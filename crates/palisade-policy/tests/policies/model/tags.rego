# METADATA
# title: Data stores carry an owner tag
# description: Every S3 bucket names the team that owns it.
# custom:
#   id: ACME-TAG-001
#   severity: high
#   category: data
#   frameworks:
#     soc2: [CC6.1]
package main

import rego.v1

deny contains result if {
  input.type in {"aws_s3_bucket", "AWS::S3::Bucket"}
  not input.attributes.tags.owner
  result := {"msg": sprintf("%s has no owner tag", [input.address]), "attribute": "tags"}
}

# METADATA
# title: Buckets are versioned
# custom:
#   id: ACME-VER-001
#   severity: low
warn_versioning contains msg if {
  input.type == "aws_s3_bucket"
  count([r | some r in input.referenced_by; r.type == "aws_s3_bucket_versioning"]) == 0
  msg := sprintf("%s has no aws_s3_bucket_versioning", [input.address])
}
