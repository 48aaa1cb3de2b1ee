# METADATA
# title: IAM policies do not allow every action of a service
# custom:
#   id: BENCH-010
#   severity: high
#   category: identity
package bench.iam_wildcard_action

import rego.v1

deny contains msg if {
	input.type == "AWS::IAM::Role"
	some p in input.attributes.Policies
	some s in p.PolicyDocument.Statement
	s.Effect == "Allow"
	some a in actions(s.Action)
	endswith(a, "*")
	msg := sprintf("%s allows %s", [input.address, a])
}

actions(a) := [a] if is_string(a)

actions(a) := a if is_array(a)
