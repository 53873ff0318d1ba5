resource "aws_route53_zone" "shop" {
  name = "shop.example"
}

resource "aws_route53_zone" "blog" {
  name = "blog.example"
}
