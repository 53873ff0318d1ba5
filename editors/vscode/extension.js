// The steer extension: highlighting, snippets and language configuration are
// declared in package.json; this file starts the language server, `steer lsp`
// (stdio, no arguments), when a `steer` that has it is found: `steer.path`,
// or `steer` on PATH. Without one, the extension only highlights, quietly.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");
const { findSteer, hasLsp } = require("./server");

let client;

async function activate(context) {
  const log = vscode.window.createOutputChannel("steer");
  context.subscriptions.push(log);
  const configured = vscode.workspace.getConfiguration("steer").get("path", "");
  const steer = findSteer(configured, process.env);
  if (!steer) {
    if (configured) {
      // Asked for by name: say so, once.
      vscode.window.showWarningMessage(`steer.path: ${configured} is not an executable file`);
    }
    log.appendLine("steer not found on PATH: highlighting only (set steer.path to use the language server)");
    return;
  }
  if (!(await hasLsp(steer))) {
    log.appendLine(`${steer} has no \`lsp\` command (an older steer): highlighting only`);
    return;
  }
  log.appendLine(`starting ${steer} lsp`);
  client = new LanguageClient(
    "steer",
    "steer",
    { command: steer, args: ["lsp"] },
    {
      documentSelector: [{ scheme: "file", language: "steer" }],
      outputChannel: log,
    },
  );
  await client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
