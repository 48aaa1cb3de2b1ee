# METADATA
# title: Taggable AWS resources carry owner and service tags
# custom:
#   id: BENCH-001
#   severity: low
#   category: governance
package bench.tags_required

import rego.v1

taggable := {"aws_s3_bucket", "aws_instance", "aws_kms_key", "aws_security_group", "aws_db_instance", "aws_lambda_function"}

deny contains res if {
	input.type in taggable
	some t in ["owner", "service"]
	not input.attributes.tags[t]
	res := {"msg": sprintf("%s has no %s tag", [input.address, t]), "attribute": "tags"}
}
