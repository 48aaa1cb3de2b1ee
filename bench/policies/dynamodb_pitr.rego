# METADATA
# title: DynamoDB tables have point-in-time recovery
# custom:
#   id: BENCH-013
#   severity: medium
#   category: data
package bench.dynamodb_pitr

import rego.v1

deny contains msg if {
	input.type == "AWS::DynamoDB::Table"
	not input.attributes.PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled == true
	msg := sprintf("%s has no point-in-time recovery", [input.address])
}
