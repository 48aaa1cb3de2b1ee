# METADATA
# title: Security groups have a description
# custom:
#   id: BENCH-006
#   severity: low
#   category: network
package bench.sg_description

import rego.v1

deny contains msg if {
	input.type == "aws_security_group"
	not input.attributes.description
	msg := sprintf("%s has no description", [input.address])
}
