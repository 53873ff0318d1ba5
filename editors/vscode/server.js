// Finding the `steer` that serves the language server, apart from the vscode
// API so that test/server.test.js can run it under plain node.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { execFile } = require("node:child_process");

/** True when `file` is an executable regular file. */
function isExecutable(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform === "win32") return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The steer executable: `configured` (the `steer.path` setting) when it is
 * set, else the first `steer` on env.PATH; undefined when there is none.
 * A configured path that is not executable gives undefined, not a fallback,
 * so that a typo in the setting is noticed.
 */
function findSteer(configured, env) {
  if (configured) return isExecutable(configured) ? configured : undefined;
  const names = process.platform === "win32" ? ["steer.exe", "steer.cmd"] : ["steer"];
  for (const dir of (env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Resolves to true when `steer lsp --help` succeeds (a steer with the server). */
function hasLsp(steer) {
  return new Promise((resolve) => {
    execFile(steer, ["lsp", "--help"], { timeout: 10000 }, (error) => resolve(!error));
  });
}

module.exports = { findSteer, hasLsp };
