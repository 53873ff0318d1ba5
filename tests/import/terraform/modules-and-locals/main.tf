# The root module: locals name the zone, its TTLs and addresses; two
# instances of a local module route by latency; a registry module and a
# local computed by a function are reported and skipped.

variable "legacy_target" {
  description = "Where the old site lives"
  type        = string
  default     = "legacy.example.net"
}

locals {
  zone      = "example.com"
  env       = "prod"
  api_name  = "api-${local.env}"
  www       = local.api_name
  ttl       = 60
  addresses = ["192.0.2.10", "192.0.2.11"]
  eu_lb     = aws_lb.eu.dns_name
  stamp     = formatdate("YYYY-MM-DD", timestamp())
}

resource "aws_route53_zone" "main" {
  name = local.zone
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.main.zone_id
  name    = local.api_name
  type    = "A"
  ttl     = local.ttl
  records = local.addresses
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "www"
  type    = "CNAME"
  ttl     = local.ttl
  records = ["${local.www}.${local.zone}"]
}

resource "aws_route53_record" "legacy" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "legacy"
  type    = "CNAME"
  ttl     = 300
  records = [var.legacy_target]
}

resource "aws_route53_record" "stamp" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "stamp"
  type    = "TXT"
  ttl     = local.ttl
  records = [local.stamp]
}

module "eu" {
  source  = "./modules/regional"
  zone_id = aws_route53_zone.main.zone_id
  name    = "app"
  region  = "eu-west-1"
  lb_name = local.eu_lb
  lb_zone = aws_lb.eu.zone_id
}

module "us" {
  source  = "./modules/regional"
  zone_id = aws_route53_zone.main.zone_id
  name    = "app"
  region  = "us-east-1"
  lb_name = aws_lb.us.dns_name
  lb_zone = aws_lb.us.zone_id
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.0.0"
}
