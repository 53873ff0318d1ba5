variable "zone_id" {}

variable "target" {
  description = "Where child.example.org points"
}

variable "backup" {}

module "again" {
  source = "../child"
}

resource "aws_route53_record" "cname" {
  zone_id = var.zone_id
  name    = "child"
  type    = "CNAME"
  ttl     = 60
  records = [var.target]
}

resource "aws_route53_record" "backup" {
  zone_id = var.zone_id
  name    = "backup"
  type    = "CNAME"
  ttl     = 60
  records = [var.backup]
}

resource "aws_route53_record" "edge" {
  zone_id = var.zone_id
  name    = "edge"
  type    = "CNAME"
  ttl     = 60
  records = [aws_cloudfront_distribution.cdn.domain_name]
}
