# METADATA
# title: EC2 instances require IMDSv2
# custom:
#   id: BENCH-008
#   severity: high
#   category: identity
package bench.ec2_imdsv2

import rego.v1

deny contains msg if {
	input.type == "aws_instance"
	not imdsv2
	msg := sprintf("%s does not require IMDSv2 tokens", [input.address])
}

imdsv2 if {
	some m in input.attributes.metadata_options
	m.http_tokens == "required"
}
