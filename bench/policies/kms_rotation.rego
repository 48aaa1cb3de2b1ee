# METADATA
# title: KMS keys rotate
# custom:
#   id: BENCH-007
#   severity: medium
#   category: encryption
package bench.kms_rotation

import rego.v1

deny contains msg if {
	input.type == "aws_kms_key"
	not input.attributes.enable_key_rotation == true
	msg := sprintf("%s does not enable key rotation", [input.address])
}
