provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "us"
  region = "us-east-1"
}

module "tenant_acme" {
  source = "./modules/tenant"
  tenant = "acme"
}

module "tenant_globex" {
  source              = "./modules/tenant"
  tenant              = "globex"
  deletion_protection = false
}

# Tenant data exported to a US analytics bucket: outside the allowed region.
resource "aws_s3_bucket" "analytics" {
  provider = aws.us
  bucket   = "saas-analytics"
  tags = {
    data_class = "tenant"
    owner      = "data-platform"
  }
}

resource "aws_s3_bucket_versioning" "analytics" {
  provider = aws.us
  bucket   = aws_s3_bucket.analytics.id
  versioning_configuration {
    status = "Enabled"
  }
}
