#!/usr/bin/env python3
"""Writes a synthetic IaC estate for the scan benchmark.

Usage: gen_estate.py OUT_DIR [--files N] [--seed S]

The estate mixes Terraform root modules that call a shared local module with
for_each, variables and tfvars; CloudFormation templates (YAML and JSON) with
intrinsics; and multi-document Kubernetes manifests. It is deterministic for
a given seed.
"""
import argparse
import json
import os
import random

MODULE = '''variable "name" {
  type = string
}

variable "tier" {
  type    = string
  default = "internal"
}

variable "tags" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags   = merge(var.tags, { data_class = var.tier })
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = var.tier == "public" ? "Suspended" : "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = var.tier == "public" ? 0 : 1
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

output "arn" {
  value = aws_s3_bucket.this.arn
}
'''


def tf_root(i, rnd):
    n = rnd.randint(2, 5)
    buckets = ",\n    ".join(f'b{j} = "{rnd.choice(["public", "internal", "confidential"])}"' for j in range(n))
    port = rnd.choice([22, 443, 3389, 5432, 8080])
    return f'''provider "aws" {{
  region = var.region
}}

locals {{
  tags = {{
    owner   = "team-{i % 17}"
    service = "svc-{i}"
  }}
  buckets = {{
    {buckets}
  }}
}}

module "buckets" {{
  source   = "../../modules/bucket"
  for_each = local.buckets
  name     = "acme-{i}-${{each.key}}-${{var.env}}"
  tier     = each.value
  tags     = local.tags
}}

resource "aws_security_group" "svc" {{
  name        = "svc-{i}"
  description = "service {i}"
  ingress {{
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = [var.cidr]
  }}
}}

resource "aws_instance" "svc" {{
  count         = var.instances
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  metadata_options {{
    http_tokens = "{rnd.choice(["optional", "required"])}"
  }}
  tags = local.tags
}}

resource "aws_kms_key" "svc" {{
  description         = "svc {i}"
  enable_key_rotation = {rnd.choice(["true", "false"])}
}}
'''


VARS = '''variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "env" {
  type    = string
  default = "dev"
}

variable "cidr" {
  type    = string
  default = "10.0.0.0/8"
}

variable "instances" {
  type    = number
  default = 2
}
'''


def cfn_yaml(i, rnd):
    return f'''AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "acme-cfn-{i}-${{Env}}"
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "q-{i}-${{Env}}"
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {{ Service: lambda.amazonaws.com }}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: p
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: {rnd.choice(['"s3:*"', 's3:GetObject'])}
                Resource: !GetAtt Bucket.Arn
'''


def cfn_json(i, rnd):
    return json.dumps({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Resources": {
            "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {
                "BillingMode": "PAY_PER_REQUEST",
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}]}},
            "Logs": {"Type": "AWS::Logs::LogGroup", "Properties": {"LogGroupName": {"Fn::Sub": f"/acme/{i}"}}},
        },
    }, indent=2)


def k8s(i, rnd):
    priv = rnd.choice(["true", "false"])
    return f'''apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: ns-{i % 20}
spec:
  replicas: 2
  selector:
    matchLabels: {{ app: app-{i} }}
  template:
    metadata:
      labels: {{ app: app-{i} }}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:{rnd.choice(["latest", "1.2.3"])}
          securityContext:
            privileged: {priv}
            runAsNonRoot: true
          resources:
            limits: {{ cpu: 500m, memory: 256Mi }}
---
apiVersion: v1
kind: Service
metadata:
  name: app-{i}
  namespace: ns-{i % 20}
spec:
  type: {rnd.choice(["ClusterIP", "LoadBalancer"])}
  selector: {{ app: app-{i} }}
  ports:
    - port: 80
'''


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "modules", "bucket"), exist_ok=True)
    with open(os.path.join(a.out, "modules", "bucket", "main.tf"), "w") as f:
        f.write(MODULE)
    written = 1
    i = 0
    while written < a.files:
        kind = i % 4
        if kind == 0:
            d = os.path.join(a.out, "stacks", f"svc{i}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, "main.tf"), "w") as f:
                f.write(tf_root(i, rnd))
            with open(os.path.join(d, "variables.tf"), "w") as f:
                f.write(VARS)
            with open(os.path.join(d, "terraform.tfvars"), "w") as f:
                f.write(f'env = "{rnd.choice(["dev", "prod"])}"\n')
            written += 2
        elif kind == 1:
            d = os.path.join(a.out, "cfn", f"g{i // 400}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"stack{i}.yaml"), "w") as f:
                f.write(cfn_yaml(i, rnd))
            written += 1
        elif kind == 2:
            d = os.path.join(a.out, "cfn-json", f"g{i // 400}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"stack{i}.json"), "w") as f:
                f.write(cfn_json(i, rnd))
            written += 1
        else:
            d = os.path.join(a.out, "k8s", f"g{i // 400}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"app{i}.yaml"), "w") as f:
                f.write(k8s(i, rnd))
            written += 1
        i += 1
    print(f"wrote {written} IaC files to {a.out}")


if __name__ == "__main__":
    main()
