package terraform

import rego.v1

deny contains msg if {
  some name
  b := input.resource.aws_s3_bucket[name]
  b.acl == "public-read"
  msg := sprintf("bucket `%s` has a public-read ACL", [name])
}
