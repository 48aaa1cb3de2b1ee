# A team's guardrail: every data store names its owning team, and the
# team is one we know.
package main

import rego.v1

data_store_types := {
	"aws_s3_bucket", "aws_db_instance", "aws_dynamodb_table",
	"AWS::S3::Bucket", "AWS::RDS::DBInstance", "AWS::DynamoDB::Table",
}

# Terraform keeps tags in a map; CloudFormation in a Key/Value list.
tag(res, key) := res.attributes.tags[key]

tag(res, key) := t.Value if {
	some t in res.attributes.Tags
	t.Key == key
}

# METADATA
# title: Data stores name their owning team
# description: Every data store carries an `owner` tag naming a known team, so incidents reach the right people.
# related_resources:
#   - ref: https://example.com/acme/guardrails/ownership
# custom:
#   id: ACME-OWN-001
#   severity: high
#   category: data
#   frameworks:
#     soc2: [CC6.1]
deny contains result if {
	input.type in data_store_types
	not tag(input, "owner")
	result := {
		"msg": sprintf("%s has no owner tag", [input.address]),
		"attribute": "tags",
	}
}

# METADATA
# title: Owners are known teams
# custom:
#   id: ACME-OWN-002
#   severity: medium
#   category: data
deny contains result if {
	input.type in data_store_types
	owner := tag(input, "owner")
	not owner in data.teams
	result := {
		"msg": sprintf("%s is owned by %q, which is not a known team", [input.address, owner]),
		"attribute": "tags",
	}
}

# METADATA
# title: Unknown tags are worth a look
# custom:
#   id: ACME-OWN-003
#   severity: low
warn contains msg if {
	input.type in data_store_types
	some u in input.unknown
	startswith(u.path, "tags")
	msg := sprintf("%s: tag %s cannot be resolved (%s)", [input.address, u.path, u.reason])
}
