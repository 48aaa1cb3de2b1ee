variable "tenant" {
  type = string
}

variable "deletion_protection" {
  type    = bool
  default = true
}

resource "aws_kms_key" "tenant" {
  description         = "tenant ${var.tenant}"
  enable_key_rotation = true
  tags = {
    owner = "tenancy"
  }
}

resource "aws_rds_cluster" "db" {
  cluster_identifier      = "tenant-${var.tenant}"
  engine                  = "aurora-postgresql"
  storage_encrypted       = true
  kms_key_id              = aws_kms_key.tenant.arn
  backup_retention_period = 14
  deletion_protection     = var.deletion_protection
  tags = {
    owner = "tenancy"
  }
}

resource "aws_s3_bucket" "files" {
  bucket = "saas-${var.tenant}-files"
  tags = {
    owner = "tenancy"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "files" {
  bucket = aws_s3_bucket.files.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.tenant.arn
    }
  }
}

resource "aws_s3_bucket_versioning" "files" {
  bucket = aws_s3_bucket.files.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "files" {
  bucket                  = aws_s3_bucket.files.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
