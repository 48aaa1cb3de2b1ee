#!/usr/bin/env python3
"""Writes evaluation.json: table-driven evaluation cases written from the AWS
IAM User Guide (policy evaluation logic, condition operators, policy
variables, Not* elements, cross-account access, permissions boundaries,
SCPs, session policies). Each case names the documented rule it checks.
Run: python3 gen_cases.py > evaluation.json"""
import json

U = "arn:aws:iam::111122223333:user/alice"
U2 = "arn:aws:iam::111122223333:user/bob"
XU = "arn:aws:iam::444455556666:user/carol"
ROLE = "arn:aws:iam::111122223333:role/app"
SESS = "arn:aws:sts::111122223333:assumed-role/app/s1"
OBJ = "arn:aws:s3:::bucket/key.txt"
cases = []


def pol(*stmts, version="2012-10-17"):
    d = {"Statement": list(stmts)}
    if version:
        d = {"Version": version, **d}
    return d


def st(effect="Allow", action="s3:GetObject", resource="*", cond=None, sid=None, **kw):
    s = {"Effect": effect}
    if sid:
        s["Sid"] = sid
    if "not_action" in kw:
        s["NotAction"] = kw.pop("not_action")
    elif action is not None:
        s["Action"] = action
    if "not_resource" in kw:
        s["NotResource"] = kw.pop("not_resource")
    elif resource is not None:
        s["Resource"] = resource
    if "principal" in kw:
        s["Principal"] = kw.pop("principal")
    if "not_principal" in kw:
        s["NotPrincipal"] = kw.pop("not_principal")
    if cond:
        s["Condition"] = cond
    return s


def case(rule, expect, identity=(), action="s3:GetObject", resource=OBJ, principal=U, context=None,
         resource_policy=None, boundary=None, scps=None, session=None, complete=False, decided_by=None,
         principal_account=None, resource_account=None, trust=False):
    c = {"rule": rule, "expect": expect, "principal": principal, "action": action, "resource": resource,
         "identity": list(identity)}
    if context:
        c["context"] = context
    if resource_policy is not None:
        c["resource_policy"] = resource_policy
    if boundary is not None:
        c["boundary"] = boundary
    if scps is not None:
        c["scps"] = scps
    if session is not None:
        c["session"] = session
    if complete:
        c["context_complete"] = True
    if decided_by:
        c["decided_by"] = decided_by
    if principal_account:
        c["principal_account"] = principal_account
    if resource_account:
        c["resource_account"] = resource_account
    if trust:
        c["resource_policy_is_trust"] = True
    cases.append(c)


A, ID, ED, UN = "Allowed", "ImplicitDeny", "ExplicitDeny", "Unknown"


def cond_case(rule, op, key, pval, ctx, expect, complete=False):
    ctxd = None if ctx is None else {key: ctx if isinstance(ctx, list) else [ctx]}
    case(f"{op}: {rule}", expect, [pol(st(cond={op: {key: pval}}))], context=ctxd, complete=complete)


# --- basic evaluation logic -------------------------------------------------
case("default deny: no policy", ID)
case("identity allow", A, [pol(st(sid="Read"))], decided_by="Read")
case("explicit deny overrides allow", ED, [pol(st(), st("Deny", sid="No"))], decided_by="No")
case("deny in another policy overrides allow", ED, [pol(st()), pol(st("Deny"))])
case("allow of other action does not apply", ID, [pol(st(action="s3:PutObject"))])
case("deny of other action does not apply", A, [pol(st(), st("Deny", action="s3:PutObject"))])
case("statement as object, not array", A, [{"Version": "2012-10-17", "Statement": st()}])
case("several actions in a list", A, [pol(st(action=["s3:PutObject", "s3:GetObject"]))])
case("several resources in a list", A, [pol(st(resource=["arn:aws:s3:::other/*", "arn:aws:s3:::bucket/*"]))])
case("resource not matched", ID, [pol(st(resource="arn:aws:s3:::other/*"))])
case("deny with unmatched resource does not apply", A, [pol(st(), st("Deny", resource="arn:aws:s3:::other/*"))])
# --- action matching --------------------------------------------------------
for pat, exp in [("s3:*", A), ("*", A), ("s3:Get*", A), ("s3:get*", A), ("S3:GETOBJECT", A), ("s3:GetObjec?", A),
                 ("s3:G?tObject", A), ("s3:*Object", A), ("s3:Get", ID), ("s3:GetObject*", A), ("s3:Put*", ID),
                 ("ec2:*", ID), ("s3:?", ID), ("*:GetObject", A), ("s3:GetObject?", ID), ("s*:Get*", A)]:
    case(f"action wildcard/case: {pat}", exp, [pol(st(action=pat))])
# --- NotAction ---------------------------------------------------------------
case("NotAction: allow everything except listed (not listed)", A, [pol(st(not_action="iam:*"))])
case("NotAction: listed action not allowed", ID, [pol(st(not_action="s3:*"))])
case("NotAction with Deny: denies all but listed", ED, [pol(st(action="*"), st("Deny", not_action="iam:*"))])
case("NotAction with Deny: listed action escapes the deny", A, [pol(st(action="*"), st("Deny", not_action="s3:*"))])
case("NotAction wildcard is case-insensitive", ID, [pol(st(not_action="S3:GET*"))])
case("NotAction list", A, [pol(st(not_action=["iam:*", "organizations:*"]))])
# --- resource matching --------------------------------------------------------
for pat, res, exp in [
    ("arn:aws:s3:::bucket/*", OBJ, A), ("arn:aws:s3:::bucket/*.txt", OBJ, A), ("arn:aws:s3:::bucket/*.csv", OBJ, ID),
    ("arn:aws:s3:::bucket/key.tx?", OBJ, A), ("arn:aws:s3:::BUCKET/*", OBJ, ID), ("arn:aws:s3:::bucket", OBJ, ID),
    ("arn:aws:s3:::*", OBJ, A), ("arn:aws:s3:::bucket*", OBJ, A), ("*", OBJ, A),
    ("arn:aws:s3:::bucket/key.txt", OBJ, A),
    ("arn:aws:dynamodb:*:111122223333:table/T", "arn:aws:dynamodb:us-east-1:111122223333:table/T", A),
    ("arn:aws:dynamodb:*:*:table/*", "arn:aws:dynamodb:us-east-1:111122223333:table/T", A),
    ("arn:aws:dynamodb:eu-*:*:table/*", "arn:aws:dynamodb:us-east-1:111122223333:table/T", ID),
    ("arn:aws:dynamodb:us-east-1:444455556666:table/T", "arn:aws:dynamodb:us-east-1:111122223333:table/T", ID),
    ("arn:aws:dynamodb:*:table/*", "arn:aws:dynamodb:us-east-1:111122223333:table/T", ID),
    ("arn:aws:sqs:us-east-1:111122223333:queue?", "arn:aws:sqs:us-east-1:111122223333:queue1", A),
    ("arn:aws:sqs:us-east-1:111122223333:queue?", "arn:aws:sqs:us-east-1:111122223333:queue10", ID),
    ("arn:aws:logs:*:*:log-group:/aws/*", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/f:*", A),
    ("arn:aws:s3:::bucket/*", "*", ID),
    ("*", "*", A),
]:
    case(f"resource match {pat} vs {res}", exp, [pol(st(resource=pat))], resource=res,
         resource_account="111122223333" if res.startswith("arn:aws:s3") or res == "*" else None)
# --- NotResource ---------------------------------------------------------------
case("NotResource: allow all but listed (other)", A, [pol(st(not_resource="arn:aws:s3:::secret/*"))])
case("NotResource: listed resource not allowed", ID, [pol(st(not_resource="arn:aws:s3:::bucket/*"))])
case("NotResource with Deny: denies outside listed", ED,
     [pol(st(), st("Deny", not_resource="arn:aws:s3:::other/*"))])
case("NotResource with Deny: listed escapes", A, [pol(st(), st("Deny", not_resource="arn:aws:s3:::bucket/*"))])
case("NotAction + NotResource together", A, [pol(st(not_action="iam:*", not_resource="arn:aws:s3:::secret/*"))])
# --- String operators -----------------------------------------------------------
K = "aws:PrincipalTag/team"
for op, pv, cv, exp in [
    ("StringEquals", "red", "red", A), ("StringEquals", "red", "Red", ID), ("StringEquals", ["a", "red"], "red", A),
    ("StringEquals", "re*", "red", ID), ("StringEquals", "re*", "re*", A),
    ("StringNotEquals", "red", "red", ID), ("StringNotEquals", "red", "blue", A),
    ("StringNotEquals", ["red", "blue"], "blue", ID), ("StringNotEquals", ["red", "blue"], "green", A),
    ("StringEqualsIgnoreCase", "RED", "red", A), ("StringEqualsIgnoreCase", "red", "blue", ID),
    ("StringNotEqualsIgnoreCase", "RED", "red", ID), ("StringNotEqualsIgnoreCase", "RED", "blue", A),
    ("StringLike", "r*", "red", A), ("StringLike", "r?d", "red", A), ("StringLike", "r?d", "reed", ID),
    ("StringLike", "*e*", "red", A), ("StringLike", "R*", "red", ID), ("StringLike", ["x*", "*d"], "red", A),
    ("StringNotLike", "r*", "red", ID), ("StringNotLike", "b*", "red", A), ("StringNotLike", ["b*", "r*"], "red", ID),
]:
    cond_case(f"{pv!r} vs {cv!r}", op, K, pv, cv, exp)
# key name is case-insensitive
case("condition key names are case-insensitive", A, [pol(st(cond={"StringEquals": {"AWS:principaltag/TEAM": "red"}}))],
     context={"aws:PrincipalTag/team": ["red"]})
# multiple keys AND, multiple operators AND, values OR
case("two keys in one operator are ANDed (one fails)", ID,
     [pol(st(cond={"StringEquals": {"aws:PrincipalTag/a": "1", "aws:PrincipalTag/b": "2"}}))],
     context={"aws:PrincipalTag/a": ["1"], "aws:PrincipalTag/b": ["3"]})
case("two keys in one operator are ANDed (both hold)", A,
     [pol(st(cond={"StringEquals": {"aws:PrincipalTag/a": "1", "aws:PrincipalTag/b": "2"}}))],
     context={"aws:PrincipalTag/a": ["1"], "aws:PrincipalTag/b": ["2"]})
case("two operators are ANDed", ID,
     [pol(st(cond={"StringEquals": {"aws:PrincipalTag/a": "1"}, "Bool": {"aws:SecureTransport": "true"}}))],
     context={"aws:PrincipalTag/a": ["1"], "aws:SecureTransport": ["false"]})
case("values of one key are ORed", A, [pol(st(cond={"StringEquals": {"aws:RequestedRegion": ["eu-west-1", "us-east-1"]}}))],
     context={"aws:RequestedRegion": ["us-east-1"]})
# --- Numeric -----------------------------------------------------------------
NK = "s3:max-keys"
for op, pv, cv, exp in [
    ("NumericEquals", "10", "10", A), ("NumericEquals", "10", "10.0", A), ("NumericEquals", "10", "11", ID),
    ("NumericNotEquals", "10", "10", ID), ("NumericNotEquals", "10", "11", A),
    ("NumericLessThan", "10", "9", A), ("NumericLessThan", "10", "10", ID), ("NumericLessThan", "10", "11", ID),
    ("NumericLessThanEquals", "10", "10", A), ("NumericLessThanEquals", "10", "11", ID),
    ("NumericGreaterThan", "10", "11", A), ("NumericGreaterThan", "10", "10", ID),
    ("NumericGreaterThanEquals", "10", "10", A), ("NumericGreaterThanEquals", "10", "9", ID),
    ("NumericLessThan", "10", "-5", A), ("NumericLessThan", "1.5", "1.25", A),
    ("NumericEquals", "10", "ten", ID), ("NumericEquals", ["1", "2"], "2", A),
]:
    cond_case(f"{pv!r} vs {cv!r}", op, NK, pv, cv, exp)
case("Numeric: JSON number as policy value", A, [pol(st(cond={"NumericLessThanEquals": {NK: 10}}))],
     context={NK: ["7"]})
# --- Date --------------------------------------------------------------------
DK = "aws:CurrentTime"
for op, pv, cv, exp in [
    ("DateLessThan", "2020-01-01T00:00:00Z", "2019-12-31T23:59:59Z", A),
    ("DateLessThan", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", ID),
    ("DateLessThanEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", A),
    ("DateGreaterThan", "2020-01-01T00:00:00Z", "2020-06-01T00:00:00Z", A),
    ("DateGreaterThan", "2020-01-01T00:00:00Z", "2019-06-01T00:00:00Z", ID),
    ("DateGreaterThanEquals", "2020-01-01", "2020-01-01T00:00:00Z", A),
    ("DateEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", A),
    ("DateEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z", ID),
    ("DateNotEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:01Z", A),
    ("DateNotEquals", "2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z", ID),
    ("DateEquals", "2020-01-01T01:00:00+01:00", "2020-01-01T00:00:00Z", A),
    ("DateLessThan", "1577836800", "2019-12-31T00:00:00Z", A),
    ("DateGreaterThan", "2020-01-01T00:00:00Z", "1600000000", A),
    ("DateLessThan", "2020-01-01T00:00:00Z", "not-a-date", ID),
]:
    cond_case(f"{pv!r} vs {cv!r}", op, DK, pv, cv, exp)
# --- Bool --------------------------------------------------------------------
BK = "aws:SecureTransport"
for pv, cv, exp in [("true", "true", A), ("true", "false", ID), ("false", "false", A), ("false", "true", ID),
                    ("true", "TRUE", A), (True, "true", A), ("true", "yes", ID)]:
    cond_case(f"{pv!r} vs {cv!r}", "Bool", BK, pv, cv, exp)
case("Bool deny on insecure transport", ED, [pol(st(), st("Deny", cond={"Bool": {BK: "false"}}))], context={BK: ["false"]})
case("Bool deny on insecure transport: secure request", A, [pol(st(), st("Deny", cond={"Bool": {BK: "false"}}))],
     context={BK: ["true"]})
# --- Binary ------------------------------------------------------------------
for pv, cv, exp in [("QmluYXJ5VmFsdWU=", "QmluYXJ5VmFsdWU=", A), ("QmluYXJ5VmFsdWU=", "b3RoZXI=", ID)]:
    cond_case(f"{pv!r} vs {cv!r}", "BinaryEquals", "aws:PrincipalTag/bin", pv, cv, exp)
# --- IP ----------------------------------------------------------------------
IK = "aws:SourceIp"
for op, pv, cv, exp in [
    ("IpAddress", "203.0.113.0/24", "203.0.113.7", A), ("IpAddress", "203.0.113.0/24", "203.0.114.7", ID),
    ("IpAddress", "203.0.113.7", "203.0.113.7", A), ("IpAddress", "203.0.113.7/32", "203.0.113.8", ID),
    ("IpAddress", ["10.0.0.0/8", "203.0.113.0/24"], "10.9.9.9", A), ("IpAddress", "0.0.0.0/0", "198.51.100.1", A),
    ("IpAddress", "2001:DB8:1234:5678::/64", "2001:db8:1234:5678::1", A),
    ("IpAddress", "2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1", ID),
    ("IpAddress", "203.0.113.0/24", "2001:db8::1", ID),
    ("NotIpAddress", "203.0.113.0/24", "203.0.113.7", ID), ("NotIpAddress", "203.0.113.0/24", "198.51.100.1", A),
    ("NotIpAddress", ["10.0.0.0/8", "203.0.113.0/24"], "10.1.1.1", ID),
    ("IpAddress", "203.0.113.0/24", "garbage", ID),
]:
    cond_case(f"{pv!r} vs {cv!r}", op, IK, pv, cv, exp)
case("NotIpAddress deny outside the corporate range", ED,
     [pol(st(), st("Deny", cond={"NotIpAddress": {IK: "192.0.2.0/24"}}))], context={IK: ["198.51.100.4"]})
case("NotIpAddress deny: inside range", A,
     [pol(st(), st("Deny", cond={"NotIpAddress": {IK: "192.0.2.0/24"}}))], context={IK: ["192.0.2.4"]})
# --- ARN ---------------------------------------------------------------------
AK = "aws:SourceArn"
SA = "arn:aws:sns:us-east-1:111122223333:topic1"
for op, pv, exp in [
    ("ArnEquals", SA, A), ("ArnEquals", "arn:aws:sns:us-east-1:111122223333:topic2", ID),
    ("ArnEquals", "arn:aws:sns:*:111122223333:topic1", A), ("ArnLike", "arn:aws:sns:*:111122223333:*", A),
    ("ArnLike", "arn:aws:sns:*:444455556666:*", ID), ("ArnLike", "arn:aws:sns:us-east-1:111122223333:topic?", A),
    ("ArnLike", "arn:aws:sqs:*:*:*", ID), ("ArnLike", "arn:aws:sns:*:*", ID),
    ("ArnNotEquals", SA, ID), ("ArnNotEquals", "arn:aws:sns:us-east-1:111122223333:other", A),
    ("ArnNotLike", "arn:aws:sns:*:111122223333:*", ID), ("ArnNotLike", "arn:aws:sns:*:444455556666:*", A),
    ("ArnLike", "arn:aws:SNS:*:*:*", ID),
]:
    cond_case(f"{pv!r}", op, AK, pv, SA, exp)
# --- Null --------------------------------------------------------------------
for pv, ctx, exp in [("true", None, A), ("true", "x", ID), ("false", "x", A), ("false", None, ID),
                     (True, None, A), (False, "x", A)]:
    cond_case(f"{pv!r} with key {'absent' if ctx is None else 'present'}", "Null", "aws:TokenIssueTime", pv, ctx, exp)
case("Null deny when MFA key absent (long-term credentials)", ED,
     [pol(st(), st("Deny", cond={"Null": {"aws:MultiFactorAuthAge": "true"}}))])
# --- missing keys: unknown semantics ----------------------------------------
for op in ["StringEquals", "StringEqualsIgnoreCase", "StringLike", "NumericEquals", "NumericLessThan",
           "DateGreaterThan", "Bool", "BinaryEquals", "IpAddress", "ArnEquals", "ArnLike"]:
    val = {"NumericEquals": "1", "NumericLessThan": "1", "DateGreaterThan": "2020-01-01", "Bool": "true",
           "BinaryEquals": "QQ==", "IpAddress": "10.0.0.0/8", "ArnEquals": SA, "ArnLike": SA}.get(op, "x")
    cond_case("missing key is unknown (partial context)", op, "aws:PrincipalTag/missing", val, None, UN)
    cond_case("missing key does not match (complete context)", op, "aws:PrincipalTag/missing", val, None, ID, complete=True)
    cond_case("IfExists: missing key is true", op + "IfExists", "aws:PrincipalTag/missing", val, None, A)
for op, val in [("StringNotEquals", "x"), ("StringNotEqualsIgnoreCase", "x"), ("StringNotLike", "x*"),
                ("NumericNotEquals", "1"), ("DateNotEquals", "2020-01-01"), ("NotIpAddress", "10.0.0.0/8"),
                ("ArnNotEquals", SA), ("ArnNotLike", SA)]:
    cond_case("negated operator: missing key is true (documented)", op, "aws:PrincipalTag/missing", val, None, A)
# IfExists with key present behaves like the operator
cond_case("IfExists with key present: match", "StringEqualsIfExists", "ec2:InstanceType", "t3.micro", "t3.micro", A)
cond_case("IfExists with key present: no match", "StringEqualsIfExists", "ec2:InstanceType", "t3.micro", "m5.large", ID)
cond_case("IfExists negated with key present", "StringNotEqualsIfExists", "ec2:InstanceType", "t3.micro", "t3.micro", ID)
cond_case("NumericLessThanIfExists present", "NumericLessThanIfExists", NK, "10", "5", A)
cond_case("BoolIfExists present false", "BoolIfExists", "aws:MultiFactorAuthPresent", "true", "false", ID)
case("BoolIfExists deny without MFA: key missing → deny applies", ED,
     [pol(st(), st("Deny", cond={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))])
case("BoolIfExists deny without MFA: MFA present → allowed", A,
     [pol(st(), st("Deny", cond={"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}))],
     context={"aws:MultiFactorAuthPresent": ["true"]})
case("deny with unknown condition makes an allow unknown", UN,
     [pol(st(), st("Deny", cond={"StringEquals": {"aws:RequestedRegion": "us-east-1"}}))])
case("deny with unknown condition but no allow: still denied", ID,
     [pol(st("Deny", cond={"StringEquals": {"aws:RequestedRegion": "us-east-1"}}))])
case("unknown allow plus certain allow: allowed", A,
     [pol(st(cond={"StringEquals": {"aws:RequestedRegion": "us-east-1"}}), st())])
case("unknown allow plus certain deny: denied", ED,
     [pol(st(cond={"StringEquals": {"aws:RequestedRegion": "us-east-1"}}), st("Deny"))])
case("unknown operator makes the statement unknown", UN, [pol(st(cond={"StringEqualz": {"aws:username": "alice"}}))])
case("unknown operator in an unmatched statement is irrelevant", ID,
     [pol(st(action="ec2:*", cond={"StringEqualz": {"aws:username": "alice"}}))])
# --- set operators -------------------------------------------------------------
TK = "aws:TagKeys"
for op, pv, cv, exp in [
    ("ForAllValues:StringEquals", ["env", "team"], ["env"], A),
    ("ForAllValues:StringEquals", ["env", "team"], ["env", "team"], A),
    ("ForAllValues:StringEquals", ["env", "team"], ["env", "cost"], ID),
    ("ForAnyValue:StringEquals", ["env", "team"], ["cost", "team"], A),
    ("ForAnyValue:StringEquals", ["env", "team"], ["cost"], ID),
    ("ForAllValues:StringLike", ["env*"], ["env1", "env2"], A),
    ("ForAllValues:StringLike", ["env*"], ["env1", "x"], ID),
    ("ForAnyValue:StringLike", ["env*"], ["x", "env2"], A),
    ("ForAllValues:StringNotEquals", ["secret"], ["a", "b"], A),
    ("ForAllValues:StringNotEquals", ["secret"], ["a", "secret"], ID),
    ("ForAnyValue:StringNotEquals", ["secret"], ["secret", "a"], A),
    ("ForAnyValue:StringNotEquals", ["secret"], ["secret"], ID),
    ("ForAllValues:StringEqualsIgnoreCase", ["ENV"], ["env"], A),
    ("ForAnyValue:StringNotLike", ["s*"], ["sa", "sb"], ID),
]:
    cond_case(f"{pv!r} vs {cv!r}", op, TK, pv, cv, exp)
cond_case("ForAllValues with missing key is true (documented)", "ForAllValues:StringEquals", TK, ["env"], None, A)
cond_case("ForAllValues with empty set is true", "ForAllValues:StringEquals", TK, ["env"], [], A)
cond_case("ForAnyValue with missing key is unknown (partial context)", "ForAnyValue:StringEquals", TK, ["env"], None, UN)
cond_case("ForAnyValue with missing key is false (complete context)", "ForAnyValue:StringEquals", TK, ["env"], None, ID,
          complete=True)
cond_case("ForAnyValue IfExists missing key", "ForAnyValue:StringEqualsIfExists", TK, ["env"], None, A)
cond_case("multi-valued key without set operator: any value matches", "StringEquals", TK, "env", ["x", "env"], A)
cond_case("multi-valued key with negated operator: one value matches → false", "StringNotEquals", TK, "env", ["x", "env"], ID)
case("ForAllValues deny unless only approved tags", ED,
     [pol(st(), st("Deny", cond={"ForAnyValue:StringNotEquals": {TK: ["env", "team"]}}))], context={TK: ["env", "x"]})
# --- policy variables ------------------------------------------------------------
case("${aws:username} in Resource", A, [pol(st(resource="arn:aws:s3:::home/${aws:username}/*"))],
     resource="arn:aws:s3:::home/alice/notes.txt")
case("${aws:username} in Resource: other user's folder", ID, [pol(st(resource="arn:aws:s3:::home/${aws:username}/*"))],
     resource="arn:aws:s3:::home/bob/notes.txt")
case("variables not substituted without Version 2012-10-17", ID,
     [pol(st(resource="arn:aws:s3:::home/${aws:username}/*"), version=None)], resource="arn:aws:s3:::home/alice/x")
case("variables literal with Version 2008-10-17", A,
     [pol(st(resource="arn:aws:s3:::home/${aws:username}/*"), version="2008-10-17")],
     resource="arn:aws:s3:::home/${aws:username}/x")
case("${aws:PrincipalTag/team} in Resource", A, [pol(st(resource="arn:aws:s3:::${aws:PrincipalTag/team}/*"))],
     context={"aws:PrincipalTag/team": ["red"]}, resource="arn:aws:s3:::red/x")
case("missing variable in Resource → unknown", UN, [pol(st(resource="arn:aws:s3:::${aws:PrincipalTag/team}/*"))],
     resource="arn:aws:s3:::red/x")
case("missing variable in Resource, complete context → no match", ID,
     [pol(st(resource="arn:aws:s3:::${aws:PrincipalTag/team}/*"))], resource="arn:aws:s3:::red/x", complete=True)
case("variable default value used when key missing", A,
     [pol(st(resource="arn:aws:s3:::${aws:PrincipalTag/team, 'shared'}/*"))], resource="arn:aws:s3:::shared/x")
case("variable default not used when key present", ID,
     [pol(st(resource="arn:aws:s3:::${aws:PrincipalTag/team, 'shared'}/*"))], resource="arn:aws:s3:::shared/x",
     context={"aws:PrincipalTag/team": ["red"]})
case("${*} is a literal asterisk", A, [pol(st(resource="arn:aws:s3:::bucket/${*}"))], resource="arn:aws:s3:::bucket/*")
case("${*} does not act as a wildcard", ID, [pol(st(resource="arn:aws:s3:::bucket/${*}"))])
case("${?} is a literal question mark", A, [pol(st(resource="arn:aws:s3:::bucket/a${?}"))], resource="arn:aws:s3:::bucket/a?")
case("${$} is a literal dollar", A, [pol(st(resource="arn:aws:s3:::bucket/${$}x"))], resource="arn:aws:s3:::bucket/$x")
case("variable in condition value", A,
     [pol(st(cond={"StringEquals": {"s3:prefix": "home/${aws:username}/"}}))], context={"s3:prefix": ["home/alice/"]})
case("variable in condition value: mismatch", ID,
     [pol(st(cond={"StringEquals": {"s3:prefix": "home/${aws:username}/"}}))], context={"s3:prefix": ["home/bob/"]})
case("variable in StringLike value", A,
     [pol(st(cond={"StringLike": {"s3:prefix": ["home/${aws:username}/*"]}}))], context={"s3:prefix": ["home/alice/a/b"]})
case("aws:username is undefined for roles → unknown", UN, [pol(st(resource="arn:aws:s3:::home/${aws:username}/*"))],
     principal=SESS, resource="arn:aws:s3:::home/app/x")
case("tag-based ABAC: resource tag equals principal tag", A,
     [pol(st(cond={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))],
     context={"aws:ResourceTag/team": ["red"], "aws:PrincipalTag/team": ["red"]})
case("tag-based ABAC: mismatch", ID,
     [pol(st(cond={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))],
     context={"aws:ResourceTag/team": ["blue"], "aws:PrincipalTag/team": ["red"]})
case("tag-based ABAC: principal tag missing → unknown", UN,
     [pol(st(cond={"StringEquals": {"aws:ResourceTag/team": "${aws:PrincipalTag/team}"}}))],
     context={"aws:ResourceTag/team": ["blue"]})
case("derived aws:PrincipalArn (user)", A, [pol(st(cond={"ArnEquals": {"aws:PrincipalArn": U}}))])
case("derived aws:PrincipalArn (session → role ARN)", A,
     [pol(st(cond={"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/app"}}))], principal=SESS)
case("derived aws:PrincipalAccount", A, [pol(st(cond={"StringEquals": {"aws:PrincipalAccount": "111122223333"}}))])
case("derived aws:PrincipalType", ID, [pol(st(cond={"StringEquals": {"aws:PrincipalType": "AssumedRole"}}))])
# --- SCPs ---------------------------------------------------------------------
FULL = pol(st(action="*"))
case("SCP allows everything", A, [pol(st())], scps=[FULL])
case("SCP does not allow the service", ID, [pol(st())], scps=[pol(st(action="ec2:*"))])
case("SCP deny", ED, [pol(st())], scps=[FULL, pol(st("Deny", action="s3:*"))])
case("an SCP level with only a Deny allows nothing (FullAWSAccess removed)", ID, [pol(st())],
     scps=[FULL, pol(st("Deny", action="ec2:*"))])
case("SCP grants nothing on its own", ID, [], scps=[FULL])
case("every SCP level must allow", ID, [pol(st())], scps=[FULL, pol(st(action="ec2:*"))])
case("two SCP levels both allowing", A, [pol(st())], scps=[FULL, pol(st(action="s3:*"))])
case("SCP deny with condition region", ED, [pol(st())],
     scps=[FULL, pol(st(action="*"), st("Deny", action="*", cond={"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}))],
     context={"aws:RequestedRegion": ["us-east-1"]})
case("SCP deny with condition region: allowed region", A, [pol(st())],
     scps=[FULL, pol(st(action="*"), st("Deny", action="*", cond={"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}))],
     context={"aws:RequestedRegion": ["eu-west-1"]})
case("SCP limits resource-based grants too", ID, [], scps=[pol(st(action="ec2:*"))],
     resource_policy=pol(st(principal={"AWS": U})))
case("SCP with NotAction deny", ED, [pol(st(action="*"))], scps=[FULL, pol(st("Deny", not_action=["iam:*"]))])
# --- permission boundaries -----------------------------------------------------------
case("boundary allows: identity allows", A, [pol(st())], boundary=pol(st(action="s3:*")))
case("boundary does not allow: implicit deny", ID, [pol(st())], boundary=pol(st(action="ec2:*")))
case("boundary grants nothing on its own", ID, [], boundary=pol(st(action="*")))
case("boundary deny", ED, [pol(st())], boundary=pol(st(action="*"), st("Deny", action="s3:GetObject")))
case("boundary with condition unknown", UN, [pol(st())],
     boundary=pol(st(action="s3:*", cond={"StringEquals": {"aws:RequestedRegion": "us-east-1"}})))
case("boundary does not limit resource-policy grant to the user ARN (same account)", A, [],
     boundary=pol(st(action="ec2:*")), resource_policy=pol(st(principal={"AWS": U})))
case("boundary limits resource-policy grant to the role ARN", ID, [], principal=SESS,
     boundary=pol(st(action="ec2:*")), resource_policy=pol(st(principal={"AWS": ROLE})))
case("resource-policy grant to the role ARN within the boundary", A, [], principal=SESS,
     boundary=pol(st(action="s3:*")), resource_policy=pol(st(principal={"AWS": ROLE})))
case("resource-policy grant to the role session ARN is not limited by the boundary", A, [], principal=SESS,
     boundary=pol(st(action="ec2:*")), resource_policy=pol(st(principal={"AWS": SESS})))
case("boundary + identity: both must allow the same action", ID, [pol(st(action="s3:PutObject"))],
     boundary=pol(st(action="s3:GetObject")))
case("NotPrincipal Deny always denies a principal with a boundary", ED, [pol(st())], boundary=pol(st(action="*")),
     resource_policy=pol(st(principal={"AWS": U}), st("Deny", not_principal={"AWS": U})))
# --- session policies ----------------------------------------------------------------
case("session policy allows", A, [pol(st())], principal=SESS, session=pol(st(action="s3:*")))
case("session policy does not allow", ID, [pol(st())], principal=SESS, session=pol(st(action="ec2:*")))
case("session policy grants nothing on its own", ID, [], principal=SESS, session=pol(st(action="*")))
case("session policy deny", ED, [pol(st())], principal=SESS, session=pol(st(action="*"), st("Deny")))
case("session policy limits resource-policy grant to the role ARN", ID, [], principal=SESS,
     session=pol(st(action="ec2:*")), resource_policy=pol(st(principal={"AWS": ROLE})))
case("session policy does not limit grant to the session ARN", A, [], principal=SESS,
     session=pol(st(action="ec2:*")), resource_policy=pol(st(principal={"AWS": SESS})))
case("session + boundary + identity all allow", A, [pol(st())], principal=SESS, session=pol(st(action="s3:*")),
     boundary=pol(st(action="s3:Get*")))
# --- resource-based policies: same account -----------------------------------------------
case("same account: resource policy to the user ARN grants alone", A, [],
     resource_policy=pol(st(principal={"AWS": U}, sid="Bucket")), decided_by="Bucket")
case("same account: resource policy to another user does not grant", ID, [],
     resource_policy=pol(st(principal={"AWS": U2})))
case("same account: resource policy to the account needs identity allow", ID, [],
     resource_policy=pol(st(principal={"AWS": "arn:aws:iam::111122223333:root"})))
case("same account: account principal plus identity allow", A, [pol(st())],
     resource_policy=pol(st(principal={"AWS": "111122223333"})))
case("same account: identity allow alone suffices", A, [pol(st())], resource_policy=pol(st(action="s3:PutObject", principal="*")))
case("same account: resource deny overrides identity allow", ED, [pol(st())],
     resource_policy=pol(st("Deny", principal={"AWS": U})))
case("same account: resource deny to everyone", ED, [pol(st())], resource_policy=pol(st("Deny", principal="*")))
case("public resource policy grants to anyone", A, [], resource_policy=pol(st(principal="*")))
case("public resource policy via AWS:*", A, [], resource_policy=pol(st(principal={"AWS": "*"})))
case("resource policy principal list", A, [], resource_policy=pol(st(principal={"AWS": [U2, U]})))
case("resource policy to role ARN grants the session (no boundary)", A, [], principal=SESS,
     resource_policy=pol(st(principal={"AWS": ROLE})))
case("resource policy to role ARN with path", A, [], principal=SESS,
     resource_policy=pol(st(principal={"AWS": "arn:aws:iam::111122223333:role/team/app"})))
case("resource policy condition on aws:SourceIp unknown", UN, [],
     resource_policy=pol(st(principal={"AWS": U}, cond={"IpAddress": {IK: "10.0.0.0/8"}})))
case("resource policy deny with unmatched principal", A, [pol(st())], resource_policy=pol(st("Deny", principal={"AWS": U2})))
case("NotPrincipal deny: listed principal escapes", A, [pol(st())],
     resource_policy=pol(st("Deny", not_principal={"AWS": U})))
case("NotPrincipal deny: others are denied", ED, [pol(st())], principal=U2,
     resource_policy=pol(st("Deny", not_principal={"AWS": U})))
case("NotPrincipal allow: others are allowed", A, [], principal=U2, resource_policy=pol(st(not_principal={"AWS": U})))
case("NotPrincipal allow: listed principal not allowed", ID, [], resource_policy=pol(st(not_principal={"AWS": U})))
case("service principal", A, [], principal="cloudtrail.amazonaws.com", action="s3:PutObject",
     resource_policy=pol(st(action="s3:PutObject", principal={"Service": "cloudtrail.amazonaws.com"})),
     resource_account="111122223333")
case("service principal: other service", ID, [], principal="config.amazonaws.com", action="s3:PutObject",
     resource_policy=pol(st(action="s3:PutObject", principal={"Service": "cloudtrail.amazonaws.com"})),
     resource_account="111122223333")
case("service principal with aws:SourceAccount condition", A, [], principal="sns.amazonaws.com", action="sqs:SendMessage",
     resource="arn:aws:sqs:us-east-1:111122223333:q",
     resource_policy=pol(st(action="sqs:SendMessage", principal={"Service": "sns.amazonaws.com"},
                            cond={"StringEquals": {"aws:SourceAccount": "111122223333"}})),
     context={"aws:SourceAccount": ["111122223333"]})
case("federated principal in trust policy", A, [], principal="cognito-identity.amazonaws.com",
     action="sts:AssumeRoleWithWebIdentity", resource=ROLE,
     resource_policy=pol(st(action="sts:AssumeRoleWithWebIdentity", resource=None,
                            principal={"Federated": "cognito-identity.amazonaws.com"})))
# --- cross-account ---------------------------------------------------------------------------
XBUCKET = "arn:aws:s3:::shared/data.csv"
case("cross-account: identity only is not enough", ID, [pol(st())], principal=XU, resource=XBUCKET,
     resource_account="111122223333")
case("cross-account: resource only is not enough", ID, [], principal=XU, resource=XBUCKET,
     resource_account="111122223333", resource_policy=pol(st(principal={"AWS": XU})))
case("cross-account: both allow", A, [pol(st())], principal=XU, resource=XBUCKET, resource_account="111122223333",
     resource_policy=pol(st(principal={"AWS": XU})))
case("cross-account: resource policy names the account", A, [pol(st())], principal=XU, resource=XBUCKET,
     resource_account="111122223333", resource_policy=pol(st(principal={"AWS": "444455556666"})))
case("cross-account: resource policy names another account", ID, [pol(st())], principal=XU, resource=XBUCKET,
     resource_account="111122223333", resource_policy=pol(st(principal={"AWS": "999988887777"})))
case("cross-account: public resource policy still needs identity allow", ID, [], principal=XU, resource=XBUCKET,
     resource_account="111122223333", resource_policy=pol(st(principal="*")))
case("cross-account: deny in resource policy", ED, [pol(st())], principal=XU, resource=XBUCKET,
     resource_account="111122223333", resource_policy=pol(st(principal="*"), st("Deny", principal={"AWS": XU})))
case("cross-account: boundary limits", ID, [pol(st())], principal=XU, resource=XBUCKET, resource_account="111122223333",
     resource_policy=pol(st(principal={"AWS": XU})), boundary=pol(st(action="ec2:*")))
case("cross-account: account from resource ARN", ID, [pol(st(action="sqs:*"))], principal=XU,
     action="sqs:SendMessage", resource="arn:aws:sqs:us-east-1:111122223333:q")
case("cross-account: account from resource ARN, both allow", A, [pol(st(action="sqs:*"))], principal=XU,
     action="sqs:SendMessage", resource="arn:aws:sqs:us-east-1:111122223333:q",
     resource_policy=pol(st(action="sqs:SendMessage", principal={"AWS": "arn:aws:iam::444455556666:root"})))
case("cross-account: aws:PrincipalOrgID condition unknown", UN, [pol(st())], principal=XU, resource=XBUCKET,
     resource_account="111122223333",
     resource_policy=pol(st(principal="*", cond={"StringEquals": {"aws:PrincipalOrgID": "o-123"}})))
case("cross-account: aws:PrincipalOrgID condition holds", A, [pol(st())], principal=XU, resource=XBUCKET,
     resource_account="111122223333", context={"aws:PrincipalOrgID": ["o-123"]},
     resource_policy=pol(st(principal="*", cond={"StringEquals": {"aws:PrincipalOrgID": "o-123"}})))
case("cross-account role assumption: trust + identity", A,
     [pol(st(action="sts:AssumeRole", resource="arn:aws:iam::111122223333:role/*"))], principal=XU,
     action="sts:AssumeRole", resource=ROLE,
     resource_policy=pol(st(action="sts:AssumeRole", resource=None, principal={"AWS": "arn:aws:iam::444455556666:root"})))
case("cross-account role assumption without ExternalId in context → unknown", UN,
     [pol(st(action="sts:AssumeRole", resource="*"))], principal=XU, action="sts:AssumeRole", resource=ROLE,
     resource_policy=pol(st(action="sts:AssumeRole", resource=None, principal={"AWS": "444455556666"},
                            cond={"StringEquals": {"sts:ExternalId": "abc"}})))
case("same-account trust naming the user grants on its own", A, [], action="sts:AssumeRole", resource=ROLE,
     resource_policy=pol(st(action="sts:AssumeRole", resource=None, principal={"AWS": U})))
case("same-account trust naming the account needs identity allow", ID, [], action="sts:AssumeRole", resource=ROLE,
     resource_policy=pol(st(action="sts:AssumeRole", resource=None, principal={"AWS": "111122223333"})))
case("same-account: identity allow without trust allow cannot assume a role", ID,
     [pol(st(action="sts:AssumeRole", resource="*"))], action="sts:AssumeRole", resource=ROLE,
     resource_policy=pol(st(action="sts:AssumeRole", resource=None, principal={"Service": "ec2.amazonaws.com"})),
     trust=True)
case("same-account: identity allow and trust naming the account", A,
     [pol(st(action="sts:AssumeRole", resource="*"))], action="sts:AssumeRole", resource=ROLE,
     resource_policy=pol(st(action="sts:AssumeRole", resource=None, principal={"AWS": "111122223333"})), trust=True)
case("root principal of the account matches account principal directly", A, [],
     principal="arn:aws:iam::111122223333:root", resource_policy=pol(st(principal={"AWS": "111122223333"})))
# --- malformed input ----------------------------------------------------------------------------
case("invalid Effect makes the statement unknown", UN, [pol({"Effect": "Alow", "Action": "s3:GetObject", "Resource": "*"})])
case("invalid Effect in unmatched statement is irrelevant", ID,
     [pol({"Effect": "Alow", "Action": "ec2:*", "Resource": "*"})])
case("missing Resource in identity statement is unknown", UN, [pol({"Effect": "Allow", "Action": "s3:GetObject"})])
case("invalid condition value for operator is unknown", UN, [pol(st(cond={"NumericLessThan": {NK: "ten"}}))],
     context={NK: ["1"]})
case("broken policy JSON makes allow unknown", UN, [pol(st()), "{not json"])
case("broken policy JSON and nothing else: unknown", UN, ["[1, 2"])
case("a certain explicit deny wins over a broken policy", ED, [pol(st("Deny")), "{"])

print(json.dumps({"cases": cases}, indent=1))
