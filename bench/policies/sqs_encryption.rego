# METADATA
# title: SQS queues are encrypted
# custom:
#   id: BENCH-012
#   severity: medium
#   category: encryption
package bench.sqs_encryption

import rego.v1

deny contains msg if {
	input.type == "AWS::SQS::Queue"
	not input.attributes.KmsMasterKeyId
	not input.attributes.SqsManagedSseEnabled == true
	msg := sprintf("%s is not encrypted", [input.address])
}
