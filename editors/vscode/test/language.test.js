// node --test: the patterns of language-configuration.json.
"use strict";

const assert = require("node:assert");
const test = require("node:test");
const config = require("../language-configuration.json");

const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
const word = new RegExp(`^(?:${config.wordPattern})$`);

test("a line that opens a block indents the next one", () => {
  for (const line of ['zone "example.com" {', "  nameservers [", "check c = any(", "endpoint e { # the primary"]) {
    assert.ok(increase.test(line), line);
  }
  for (const line of ['  path "/{id}"', "# {", '  expect "{"', "region r { aws \"eu-west-1\" }", "  ttl 60s"]) {
    assert.ok(!increase.test(line), line);
  }
});

test("a line that starts with a closer outdents", () => {
  for (const line of ["}", "  ]", ") "]) assert.ok(decrease.test(line), line);
  for (const line of ["  ttl 60s }", "# }"]) assert.ok(!decrease.test(line), line);
});

test("words: names with - and _, durations, input.NAME", () => {
  for (const w of ["eu-west-1", "ireland_up", "60s", "-6.26", "input.lb_name"]) assert.ok(word.test(w), w);
  for (const w of ["a b", "{", "\"x\""]) assert.ok(!word.test(w), w);
});

test("folding markers are #region / #endregion, not a comment about a region", () => {
  const start = new RegExp(config.folding.markers.start);
  assert.ok(start.test("  #region checks"));
  assert.ok(!start.test("# region ireland is the primary"));
  assert.ok(new RegExp(config.folding.markers.end).test("#endregion"));
});
