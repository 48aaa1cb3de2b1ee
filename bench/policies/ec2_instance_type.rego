# METADATA
# title: EC2 instance types are on the approved list
# custom:
#   id: BENCH-009
#   severity: low
#   category: governance
package bench.ec2_instance_type

import rego.v1

approved := {"t3.micro", "t3.small", "m5.large", "m6i.large"}

warn contains msg if {
	input.type == "aws_instance"
	not input.attributes.instance_type in approved
	msg := sprintf("%s uses unapproved type %v", [input.address, input.attributes.instance_type])
}
