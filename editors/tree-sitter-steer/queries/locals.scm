; Names are global to a zone (they may be used before they are defined, and
; in other files of the zone): every definition is in the file's scope.
(source_file) @local.scope

(region_definition name: (identifier) @local.definition.type)
(check_definition name: (identifier) @local.definition.function)
(endpoint_definition name: (identifier) @local.definition.constant)
(pool_definition name: (identifier) @local.definition.constant)
(input_definition name: (identifier) @local.definition.parameter)
(cidr_collection_definition name: (identifier) @local.definition.type)

(region_reference) @local.reference
(check_reference) @local.reference
(target) @local.reference
(collection_reference) @local.reference
(input_ref name: (identifier) @local.reference)
