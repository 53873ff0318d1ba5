# What cannot be followed: locals that refer to each other, a local that
# does not exist, modules that call themselves, a module with `count`.
# A module's variable its module block does not set, and a resource
# inside a module, become inputs named after the module.

resource "aws_route53_zone" "main" {
  name = "example.org"
}

locals {
  a      = local.b
  b      = local.a
  target = "origin.example.net"
}

resource "aws_route53_record" "loop" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "loop"
  type    = "CNAME"
  ttl     = 60
  records = [local.a]
}

resource "aws_route53_record" "missing" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "missing"
  type    = "CNAME"
  ttl     = 60
  records = [local.nowhere]
}

resource "aws_route53_record" "origin" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "origin"
  type    = "CNAME"
  ttl     = 60
  records = [local.target]
}

module "self" {
  source = "./"
}

module "counted" {
  source  = "./child"
  count   = 2
  zone_id = aws_route53_zone.main.zone_id
}

module "child" {
  source  = "./child"
  zone_id = aws_route53_zone.main.zone_id
}
