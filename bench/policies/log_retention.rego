# METADATA
# title: Log groups set a retention period
# custom:
#   id: BENCH-014
#   severity: low
#   category: logging
package bench.log_retention

import rego.v1

deny contains msg if {
	input.type in {"AWS::Logs::LogGroup", "aws_cloudwatch_log_group"}
	not retention
	msg := sprintf("%s keeps logs forever", [input.address])
}

retention if input.attributes.RetentionInDays
retention if input.attributes.retention_in_days
