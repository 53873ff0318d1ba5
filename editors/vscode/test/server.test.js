// node --test: how the extension finds `steer` and decides to start `steer lsp`.
"use strict";

const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");
const { findSteer, hasLsp } = require("../server");

function script(dir, name, body) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

test("steer on PATH is found; a non-executable one is skipped", (t) => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), "steer-ext-"));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), "steer-ext-"));
  t.after(() => [a, b].forEach((d) => fs.rmSync(d, { recursive: true })));
  fs.writeFileSync(path.join(a, "steer"), "not executable", { mode: 0o644 });
  const real = script(b, "steer", "exit 0");
  assert.strictEqual(findSteer("", { PATH: [a, b].join(path.delimiter) }), real);
  assert.strictEqual(findSteer("", { PATH: a }), undefined);
  assert.strictEqual(findSteer("", {}), undefined);
});

test("steer.path wins over PATH, and a wrong one is not replaced", (t) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "steer-ext-"));
  t.after(() => fs.rmSync(d, { recursive: true }));
  const onPath = script(d, "steer", "exit 0");
  const chosen = script(d, "my-steer", "exit 0");
  assert.strictEqual(findSteer(chosen, { PATH: d }), chosen);
  assert.strictEqual(findSteer(path.join(d, "missing"), { PATH: d }), undefined);
  assert.notStrictEqual(findSteer("", { PATH: d }), undefined);
  assert.strictEqual(findSteer("", { PATH: d }), onPath);
});

test("the server starts only when `steer lsp --help` succeeds", async (t) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "steer-ext-"));
  t.after(() => fs.rmSync(d, { recursive: true }));
  const withLsp = script(d, "new", '[ "$1 $2" = "lsp --help" ]');
  const without = script(d, "old", 'echo "unrecognized subcommand" >&2; exit 2');
  assert.strictEqual(await hasLsp(withLsp), true);
  assert.strictEqual(await hasLsp(without), false);
  assert.strictEqual(await hasLsp(path.join(d, "missing")), false);
});
