; Highlights for steer. The captures are the common names Neovim, Helix and
; Zed themes colour; test/highlight/ checks them (tree-sitter test).

(comment) @comment

(string) @string
(escape_sequence) @string.escape

(integer) @number
(decimal) @number.float
(duration) @number
(boolean) @boolean
(address) @constant
(cidr_block) @constant

; Items and what they define.
[
  "zone"
  "region"
  "check"
  "endpoint"
  "record"
  "pool"
  "input"
  "cidr_collection"
] @keyword

(region_definition name: (identifier) @type.definition)
(check_definition name: (identifier) @function)
(endpoint_definition name: (identifier) @constructor)
(pool_definition name: (identifier) @constructor)
(input_definition name: (identifier) @variable.parameter)
(cidr_collection_definition name: (identifier) @type.definition)
(cidr_location name: (identifier) @label)
(record_definition name: (_) @variable)
(record_name) @variable
(record_type) @type

; References.
(region_reference) @type
(check_reference) @function.call
(target) @constructor
(collection_reference) @type
(location_reference) @label
(location) @constant.builtin
(aws_region) @constant.builtin
(alias_kind) @type.builtin
(health) @constant.builtin
(input_ref "input" @variable.builtin)
(input_ref name: (identifier) @variable.parameter)
(tag key: (identifier) @property)

; Routing policies, member roles and suffixes.
[
  "failover"
  "latency"
  "geolocation"
  "weighted"
  "multivalue"
  "geoproximity"
  "cidr"
] @keyword.conditional

[
  "primary"
  "secondary"
  "default"
  "continent"
  "country"
  "subdivision"
] @label

[
  "stay"
  "id"
  "alone"
  "bias"
] @keyword.modifier

(protocol) @type.builtin
(function) @function.builtin

; Settings.
[
  "ttl" "nameservers" "hosted_zone_id" "create" "private" "vpc" "tags" "name"
  "soa" "email" "serial" "refresh" "retry" "expire" "minimum" "aws" "at"
  "port" "path" "host" "every" "unhealthy_after" "expect" "from"
  "measure_latency" "sni" "inverted" "disabled" "alarm" "in"
  "insufficient_data" "recovery_control" "a" "aaaa" "cname" "alias"
  "evaluate_target_health" "description" "terraform" "cloudformation"
  "import" "ip"
] @property

["=" "=>"] @operator
["{" "}" "[" "]" "(" ")"] @punctuation.bracket
["," "."] @punctuation.delimiter
