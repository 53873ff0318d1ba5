; One level inside each { }, [ ] and ( ), as `steer fmt` writes.
[
  (zone_body)
  (soa_block)
  (private_block)
  (tags_block)
  (region_definition)
  (check_body)
  (endpoint_definition)
  (cidr_collection_definition)
  (input_definition)
  (failover)
  (latency)
  (geolocation)
  (weighted)
  (multivalue)
  (geoproximity)
  (cidr)
  (string_list)
  (address_list)
  (record_values)
  (calculation)
] @indent.begin

["}" "]" ")"] @indent.end @indent.branch
