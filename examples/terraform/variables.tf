variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "env" {
  type    = string
  default = "prod"
}

variable "vpc_id" {
  type = string
}

variable "ami" {
  type    = string
  default = "ami-0123456789abcdef0"
}

variable "api_instances" {
  type    = number
  default = 2
}

variable "db_password" {
  type      = string
  sensitive = true
}
