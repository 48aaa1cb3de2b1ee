# METADATA
# title: Roles are assumable only by known services
# custom:
#   id: BENCH-011
#   severity: medium
#   category: identity
package bench.iam_assume_role

import rego.v1

trusted := {"lambda.amazonaws.com", "ec2.amazonaws.com", "ecs-tasks.amazonaws.com"}

deny contains msg if {
	input.type == "AWS::IAM::Role"
	some s in input.attributes.AssumeRolePolicyDocument.Statement
	svc := s.Principal.Service
	is_string(svc)
	not svc in trusted
	msg := sprintf("%s trusts %s", [input.address, svc])
}
