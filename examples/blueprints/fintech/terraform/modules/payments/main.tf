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
}

resource "aws_kms_key" "cards" {
  description         = "cardholder data"
  enable_key_rotation = false
}
