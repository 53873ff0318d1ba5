/**
 * @file tree-sitter grammar for steer (DNS traffic routing, *.steer).
 *
 * Follows grammar/steer.pest rule for rule; tests/tree_sitter.rs parses every
 * example and diagnostic case with both and fails when they disagree on
 * whether a file is syntactically valid. Lexical rules are as permissive as
 * pest's (any word for a record type, any hex-ish run for an address): steer
 * itself reports what is wrong with them.
 */

/* eslint-disable no-undef */
// @ts-check

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/;

/** `[a, b, c,]`: items separated by commas, an optional trailing comma. */
function list(open, item, close) {
  return seq(open, optional(seq(item, repeat(seq(',', item)), optional(','))), close);
}

module.exports = grammar({
  name: 'steer',

  word: ($) => $.identifier,

  extras: ($) => [/[ \t\r\n\uFEFF]/, $.comment],

  conflicts: ($) => [
    // `check NAME` after a record's policy: a use-check suffix, or the next
    // item (`check NAME {` / `check NAME = ...`); pest looks ahead for the
    // `{` or `=`, tree-sitter tries both.
    [$.policy],
  ],

  rules: {
    source_file: ($) => repeat($._item),

    _item: ($) =>
      choice(
        $.record_definition,
        $.endpoint_definition,
        $.check_definition,
        $.region_definition,
        $.zone_definition,
        $.cidr_collection_definition,
        $.input_definition,
        $.pool_definition,
      ),

    // ------------------------------------------------------------ lexical
    comment: (_) => token(seq('#', /[^\r\n]*/)),

    identifier: (_) => IDENT,

    string: ($) =>
      seq(
        '"',
        repeat(choice($.string_content, $.escape_sequence)),
        token.immediate('"'),
      ),
    string_content: (_) => token.immediate(prec(1, /[^"\\\r\n]+/)),
    // Any backslash escape; steer reports the unknown ones (invalid-escape).
    escape_sequence: (_) =>
      token.immediate(seq('\\', choice(/u\{[0-9A-Fa-f]*\}/, /[^\r\n]/))),

    integer: (_) => /-?[0-9]+/,
    decimal: (_) => /-?[0-9]+(\.[0-9]+)?/,
    // As permissive as pest's: `1h30m`, `1.5h` and `10sec` parse, and steer
    // says what is wrong with them (invalid-duration).
    duration: (_) => /[0-9]+([A-Za-z]|\.[0-9])([A-Za-z0-9]|\.[0-9])*/,
    _time_value: ($) => choice($.duration, $.integer),
    address: (_) => /[0-9A-Fa-f:.]+/,
    cidr_block: (_) => /[0-9A-Fa-f:.]+\/[0-9]+/,
    boolean: (_) => choice('true', 'false'),
    coordinates: ($) => seq('(', $.decimal, ',', $.decimal, ')'),

    // A name relative to the zone: `@`, `www`, `*.dev`, `_sip._tcp`.
    record_name: (_) =>
      /@|(\*|[A-Za-z0-9_-]+)(\.(\*|[A-Za-z0-9_-]+))*/,
    _name: ($) => choice($.string, $.record_name),
    // Any word, as in pest: after `alias record NAME` the next word is a
    // type even when it is a keyword (`check`), as pest reads it.
    record_type: (_) => /[A-Za-z][A-Za-z0-9]*/,

    // `input.NAME`, one token in pest: no space around the dot.
    input_ref: ($) =>
      seq(
        'input',
        token.immediate('.'),
        field('name', alias(token.immediate(IDENT), $.identifier)),
      ),

    _address_item: ($) => choice($.input_ref, $.address, $.string),
    address_list: ($) =>
      choice(list('[', $._address_item, ']'), $._address_item),
    string_list: ($) => list('[', $.string, ']'),

    // ------------------------------------------------------------ zone
    zone_definition: ($) =>
      seq('zone', field('name', $.string), optional(field('body', $.zone_body))),
    zone_body: ($) =>
      seq(
        '{',
        repeat(
          choice(
            $.ttl_setting,
            $.setting,
            $.soa_block,
            $.private_block,
            $.tags_block,
          ),
        ),
        '}',
      ),
    ttl_setting: ($) => seq('ttl', $._time_value),
    setting: ($) =>
      choice(
        seq('nameservers', $.string_list),
        seq('hosted_zone_id', choice($.input_ref, $.string)),
        'create',
      ),
    soa_block: ($) =>
      seq(
        'soa',
        '{',
        repeat(
          choice(
            seq('email', $.string),
            seq('serial', $.integer),
            seq(choice('refresh', 'retry', 'expire', 'minimum'), $._time_value),
          ),
        ),
        '}',
      ),
    private_block: ($) => seq('private', '{', repeat($.vpc), '}'),
    vpc: ($) =>
      seq('vpc', choice($.input_ref, $.string), 'in', field('aws_region', $.identifier)),
    tags_block: ($) => seq('tags', '{', repeat($.tag), '}'),
    tag: ($) => seq(field('key', choice($.string, $.identifier)), field('value', $.string)),

    // ------------------------------------------------------------ region
    region_definition: ($) =>
      seq(
        'region',
        field('name', $.identifier),
        '{',
        repeat(choice(seq('aws', $.string), seq('at', $.coordinates))),
        '}',
      ),

    // ------------------------------------------------------------ check
    check_definition: ($) =>
      seq(
        'check',
        field('name', $.identifier),
        choice(seq('=', $.calculation, optional($.check_body)), $.check_body),
      ),
    check_body: ($) =>
      seq(
        '{',
        repeat(
          choice(
            $.probe,
            $.check_setting,
            $.tags_block,
            $.calculation,
          ),
        ),
        '}',
      ),
    probe: ($) =>
      seq(
        field('protocol', $.protocol),
        choice(seq('ip', $.input_ref), $.input_ref, $.address, $.string),
      ),
    protocol: (_) => choice('https', 'http', 'tcp'),
    check_setting: ($) =>
      choice(
        seq('port', $.integer),
        seq('path', $.string),
        seq('host', choice($.input_ref, $.string)),
        seq('every', $._time_value),
        seq('unhealthy_after', $.integer),
        seq('expect', $.string),
        seq('from', list('[', alias($.identifier, $.aws_region), ']')),
        'measure_latency',
        seq('sni', $.boolean),
        'inverted',
        'disabled',
        seq('alarm', choice($.input_ref, $.string), 'in', alias($.identifier, $.aws_region)),
        seq('insufficient_data', alias($.identifier, $.health)),
        seq('recovery_control', choice($.input_ref, $.string)),
        seq('name', $.string),
      ),
    calculation: ($) =>
      seq(
        field('function', $.function),
        '(',
        optional(seq($.integer, ',')),
        optional(
          seq(
            alias($.identifier, $.check_reference),
            repeat(seq(',', alias($.identifier, $.check_reference))),
            optional(','),
          ),
        ),
        ')',
      ),
    function: (_) => choice('all', 'any', 'at_least'),

    // ------------------------------------------------------------ endpoint
    endpoint_definition: ($) =>
      seq(
        'endpoint',
        field('name', $.identifier),
        '{',
        repeat(
          choice(
            seq('region', alias($.identifier, $.region_reference)),
            seq(choice('a', 'aaaa'), $.address_list),
            seq('cname', choice($.input_ref, $.string)),
            $.alias,
            seq('hosted_zone_id', choice($.input_ref, $.string)),
            seq('check', alias($.identifier, $.check_reference)),
            'evaluate_target_health',
          ),
        ),
        '}',
      ),
    alias: ($) =>
      seq(
        'alias',
        choice(
          seq('record', $._name, optional($.record_type)),
          seq(field('kind', alias($.identifier, $.alias_kind)), optional(choice($.input_ref, $.string))),
        ),
      ),

    // ------------------------------------------------------------ cidr_collection
    cidr_collection_definition: ($) =>
      seq('cidr_collection', field('name', $.identifier), '{', repeat($.cidr_location), '}'),
    cidr_location: ($) => seq(field('name', $.identifier), list('[', $.cidr_block, ']')),

    // ------------------------------------------------------------ records
    record_definition: ($) =>
      seq(
        'record',
        field('name', $._name),
        field('type', $.record_type),
        choice(seq('=', $.policy), $.record_values),
        optional($.ttl_setting),
      ),
    record_values: ($) => choice(list('[', $._plain_value, ']'), $._plain_value),
    _plain_value: ($) => choice($.input_ref, $.string, $.address),

    pool_definition: ($) =>
      seq('pool', field('name', $.identifier), '=', $.policy, optional($.ttl_setting)),

    // ------------------------------------------------------------ policies
    policy: ($) =>
      seq(
        choice(
          $.stay,
          $.failover,
          $.latency,
          $.geolocation,
          $.weighted,
          $.multivalue,
          $.geoproximity,
          $.cidr,
          alias($.identifier, $.target),
        ),
        repeat(choice($.set_id, $.use_check)),
      ),
    stay: ($) => seq('stay', $.policy),
    set_id: ($) => seq('id', $.string),
    use_check: ($) =>
      prec.right(seq('check', alias($.identifier, $.check_reference), optional('alone'))),

    failover: ($) =>
      seq('failover', '{', repeat(seq($.failover_member, optional(','))), '}'),
    failover_member: ($) => seq(field('role', choice('primary', 'secondary')), $.policy),

    latency: ($) => seq('latency', list('[', $.latency_member, ']')),
    latency_member: ($) =>
      seq(optional(seq(alias($.identifier, $.region_reference), '=>')), $.policy),

    geolocation: ($) =>
      seq('geolocation', '{', repeat(seq($.geo_rule, optional(','))), '}'),
    geo_rule: ($) => seq($.geo_location, '=>', $.policy),
    geo_location: ($) =>
      choice(
        seq(choice('continent', 'country', 'subdivision'), alias($.identifier, $.location)),
        'default',
      ),

    weighted: ($) =>
      seq('weighted', '{', repeat(seq($.weighted_member, optional(','))), '}'),
    weighted_member: ($) => seq($.policy, field('weight', $.integer)),

    multivalue: ($) => seq('multivalue', list('[', $.policy, ']')),

    geoproximity: ($) => seq('geoproximity', list('[', $.geoproximity_member, ']')),
    geoproximity_member: ($) =>
      seq(
        optional(seq(choice($.coordinates, alias($.identifier, $.region_reference)), '=>')),
        $.policy,
        optional(seq('bias', $.integer)),
      ),

    cidr: ($) =>
      seq(
        'cidr',
        field('collection', alias($.identifier, $.collection_reference)),
        '{',
        repeat(seq($.cidr_rule, optional(','))),
        '}',
      ),
    cidr_rule: ($) =>
      seq(choice('default', alias($.identifier, $.location_reference)), '=>', $.policy),

    // ------------------------------------------------------------ inputs
    input_definition: ($) =>
      seq(
        'input',
        field('name', $.identifier),
        '{',
        repeat(
          choice(
            seq('description', $.string),
            seq('terraform', $.string),
            seq('cloudformation', 'import', $.string),
          ),
        ),
        '}',
      ),
  },
});
