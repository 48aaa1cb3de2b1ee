provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      owner   = "team-payments"
      service = "ledger"
    }
  }
}

module "payments" {
  source = "./modules/payments"
}

# Confidential by tag, but S3-managed keys, no versioning, no access logs,
# no TLS-only policy.
resource "aws_s3_bucket" "statements" {
  bucket = "acme-statements"
  tags = {
    data_class = "confidential"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "statements" {
  bucket = aws_s3_bucket.statements.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "statements" {
  bucket                  = aws_s3_bucket.statements.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

# Public marketing assets: no requirement.
resource "aws_s3_bucket" "marketing" {
  bucket = "acme-marketing"
  tags = {
    data_class = "public"
  }
}

# Confidential by rule #1 (type). Encrypted with a rotating CMK.
resource "aws_dynamodb_table" "ledger" {
  name         = "ledger"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.ledger.arn
  }
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_kms_key" "ledger" {
  description         = "ledger"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admins"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/ops" }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}

# Tagged with a value that names no tier: a warning, then the default.
resource "aws_sqs_queue" "events" {
  name = "events"
  tags = {
    data_class = "secret"
    owner      = "Payments"
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.audit.id
  is_multi_region_trail      = true
  enable_log_file_validation = false
}

resource "aws_s3_bucket" "audit" {
  bucket = "acme-audit"
  tags = {
    data_class = "public"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id
  rule {
    id     = "expire"
    status = "Enabled"
    expiration {
      days = 90
    }
  }
}
