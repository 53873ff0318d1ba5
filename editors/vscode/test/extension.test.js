// node --test: extension.js's activate() against a stand-in of the vscode
// API and of the language client: when it starts `steer lsp`, and that it
// stays quiet (no popup) when there is no steer.
"use strict";

const assert = require("node:assert");
const fs = require("node:fs");
const Module = require("node:module");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");

/** Loads extension.js afresh with `settings` as the steer configuration. */
function load(settings) {
  const seen = { warnings: [], log: [], clients: [] };
  const vscode = {
    window: {
      createOutputChannel: () => ({ appendLine: (l) => seen.log.push(l), dispose() {} }),
      showWarningMessage: (m) => seen.warnings.push(m),
      showErrorMessage: (m) => seen.warnings.push(m),
    },
    workspace: {
      getConfiguration: (section) => {
        assert.strictEqual(section, "steer");
        return { get: (key, fallback) => (key in settings ? settings[key] : fallback) };
      },
    },
  };
  class LanguageClient {
    constructor(id, name, server, client) {
      this.args = { id, name, server, client };
      this.started = false;
      seen.clients.push(this);
    }
    async start() {
      this.started = true;
    }
    async stop() {
      this.started = false;
    }
  }
  const stubs = { vscode, "vscode-languageclient/node": { LanguageClient } };
  const resolve = Module._load;
  Module._load = function (request, ...rest) {
    return request in stubs ? stubs[request] : resolve.call(this, request, ...rest);
  };
  try {
    const file = require.resolve("../extension");
    delete require.cache[file];
    return { extension: require(file), seen };
  } finally {
    Module._load = resolve;
  }
}

function context() {
  return { subscriptions: [] };
}

function fakeSteer(dir, hasLsp) {
  const file = path.join(dir, "steer");
  const body = hasLsp ? '[ "$1 $2" = "lsp --help" ]' : "exit 2";
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

test("with steer on PATH, it starts `steer lsp` for steer files", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steer-ext-"));
  t.after(() => fs.rmSync(dir, { recursive: true }));
  const steer = fakeSteer(dir, true);
  const saved = process.env.PATH;
  process.env.PATH = dir;
  t.after(() => (process.env.PATH = saved));
  const { extension, seen } = load({});
  await extension.activate(context());
  assert.strictEqual(seen.clients.length, 1);
  const [client] = seen.clients;
  assert.ok(client.started);
  assert.deepStrictEqual(client.args.server, { command: steer, args: ["lsp"] });
  assert.deepStrictEqual(client.args.client.documentSelector, [{ scheme: "file", language: "steer" }]);
  assert.deepStrictEqual(seen.warnings, []);
  await extension.deactivate();
  assert.ok(!client.started);
});

test("without steer it only highlights, with no popup", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steer-ext-"));
  t.after(() => fs.rmSync(dir, { recursive: true }));
  const saved = process.env.PATH;
  process.env.PATH = dir;
  t.after(() => (process.env.PATH = saved));
  const { extension, seen } = load({});
  await extension.activate(context());
  assert.deepStrictEqual(seen.clients, []);
  assert.deepStrictEqual(seen.warnings, []);
  assert.match(seen.log.join("\n"), /highlighting only/);
});

test("a steer without `lsp` (an older one) is not started", async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steer-ext-"));
  t.after(() => fs.rmSync(dir, { recursive: true }));
  const steer = fakeSteer(dir, false);
  const { extension, seen } = load({ path: steer });
  await extension.activate(context());
  assert.deepStrictEqual(seen.clients, []);
  assert.deepStrictEqual(seen.warnings, []);
});

test("a wrong steer.path is reported once", async () => {
  const { extension, seen } = load({ path: "/nonexistent/steer" });
  await extension.activate(context());
  assert.deepStrictEqual(seen.clients, []);
  assert.strictEqual(seen.warnings.length, 1);
  assert.match(seen.warnings[0], /\/nonexistent\/steer/);
});

test("the language client the extension requires is installed beside it", () => {
  const resolved = require.resolve("vscode-languageclient/node", { paths: [path.dirname(__dirname)] });
  assert.ok(resolved.includes(path.join("node_modules", "vscode-languageclient")), resolved);
});
