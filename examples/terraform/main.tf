# A deliberately flawed estate: a payments service on AWS.
terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = var.region
}

locals {
  common_tags = {
    owner   = "team-payments"
    service = "payments"
  }
  buckets = {
    invoices = "confidential"
    assets   = "public"
  }
}

module "data" {
  source   = "./modules/bucket"
  for_each = local.buckets

  name       = "acme-${each.key}-${var.env}"
  data_class = each.value
  tags       = local.common_tags
}

resource "aws_s3_bucket" "audit_logs" {
  bucket = "acme-audit-logs-${var.env}"
  tags   = merge(local.common_tags, { data_class = "regulated" })
}

resource "aws_s3_bucket_public_access_block" "audit_logs" {
  bucket                  = aws_s3_bucket.audit_logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_kms_key" "payments" {
  description         = "payments data"
  enable_key_rotation = false
}

resource "aws_security_group" "api" {
  name        = "payments-api"
  description = "payments API"
  vpc_id      = var.vpc_id

  ingress {
    description = "ssh from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "https"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "api" {
  count                       = var.api_instances
  ami                         = var.ami
  instance_type               = "t3.small"
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.api.id]

  metadata_options {
    http_tokens = "optional"
  }

  tags = local.common_tags
}

resource "aws_db_instance" "ledger" {
  identifier              = "payments-ledger"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  username                = "ledger"
  password                = var.db_password
  storage_encrypted       = false
  publicly_accessible     = true
  backup_retention_period = 0
  skip_final_snapshot     = true
  tags                    = local.common_tags
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.audit_logs.id
  is_multi_region_trail      = false
  enable_log_file_validation = false
}

data "aws_iam_policy_document" "deployer" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "deployer" {
  name   = "deployer"
  policy = data.aws_iam_policy_document.deployer.json
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "*" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "ci" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.deployer.arn
}
