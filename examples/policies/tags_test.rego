package main

import rego.v1

bucket(tags) := {"type": "aws_s3_bucket", "address": "aws_s3_bucket.b", "attributes": {"tags": tags}, "unknown": []}

test_missing_owner_is_denied if {
	some r in deny with input as bucket({"service": "x"}) with data.teams as ["team-payments"]
	r.msg == "aws_s3_bucket.b has no owner tag"
}

test_known_owner_passes if {
	count(deny) == 0 with input as bucket({"owner": "team-payments"}) with data.teams as ["team-payments"]
}

test_unknown_team_is_denied if {
	some r in deny with input as bucket({"owner": "team-ghost"}) with data.teams as ["team-payments"]
	contains(r.msg, "team-ghost")
}

cfn_bucket := {"type": "AWS::S3::Bucket", "address": "Orders", "attributes": {"Tags": [{"Key": "owner", "Value": "team-payments"}]}, "unknown": []}

test_cloudformation_tags if {
	count(deny) == 0 with input as cfn_bucket with data.teams as ["team-payments"]
}

test_other_types_are_ignored if {
	count(deny) == 0 with input as {"type": "aws_iam_role", "address": "aws_iam_role.r", "attributes": {}, "unknown": []}
}
