variable "region" {
  type = string
}

variable "classification" {
  type = string
}

provider "aws" {
  region = var.region
}

# The tier comes from a variable without a default: unknown, never a failure.
resource "aws_dynamodb_table" "visits" {
  name         = "visits"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  tags = {
    data_class = var.classification
    owner      = "records-team"
  }
}

# PHI by tag; the region is unknown (provider region from a variable).
resource "aws_ebs_volume" "scans" {
  availability_zone = "us-east-1a"
  size              = 100
  encrypted         = false
  tags = {
    data_class = "phi"
  }
}
