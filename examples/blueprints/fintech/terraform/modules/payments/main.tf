# Cardholder data (tier `cardholder` by rule #2).
resource "aws_db_instance" "cards" {
  identifier                      = "cards"
  engine                          = "postgres"
  instance_class                  = "db.t3.micro"
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.cards.arn
  publicly_accessible             = false
  backup_retention_period         = 7
  deletion_protection             = false
  enabled_cloudwatch_logs_exports = ["postgresql"]
  parameter_group_name            = aws_db_parameter_group.cards.name
}

# PCI DSS 4.2.1: the database refuses connections without TLS.
resource "aws_db_parameter_group" "cards" {
  name   = "cards-postgres14"
  family = "postgres14"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_kms_key" "cards" {
  description         = "cardholder data"
  enable_key_rotation = false
}

# Card receipts on EFS: CMK with rotation, automatic backups (kept 35
# days), and a file system policy that refuses connections without TLS.
resource "aws_efs_file_system" "receipts" {
  encrypted  = true
  kms_key_id = aws_kms_key.receipts.arn
}

resource "aws_kms_key" "receipts" {
  description         = "card receipts"
  enable_key_rotation = true
}

resource "aws_efs_backup_policy" "receipts" {
  file_system_id = aws_efs_file_system.receipts.id
  backup_policy {
    status = "ENABLED"
  }
}

resource "aws_efs_file_system_policy" "receipts" {
  file_system_id = aws_efs_file_system.receipts.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "TlsOnly"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "*"
        Resource  = aws_efs_file_system.receipts.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }
    ]
  })
}
