# One region's entry: a latency record aliased to the region's load
# balancer, with a health check of its own.

variable "zone_id" {}
variable "name" {}
variable "region" {}
variable "lb_name" {}
variable "lb_zone" {}

variable "health_path" {
  default = "/health"
}

locals {
  port = 443
}

resource "aws_route53_health_check" "lb" {
  type              = "HTTPS"
  fqdn              = var.lb_name
  port              = local.port
  resource_path     = var.health_path
  request_interval  = 30
  failure_threshold = 3
}

resource "aws_route53_record" "latency" {
  zone_id         = var.zone_id
  name            = var.name
  type            = "A"
  set_identifier  = var.region
  health_check_id = aws_route53_health_check.lb.id

  latency_routing_policy {
    region = var.region
  }

  alias {
    name                   = var.lb_name
    zone_id                = var.lb_zone
    evaluate_target_health = true
  }
}
