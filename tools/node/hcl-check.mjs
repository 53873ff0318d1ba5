#!/usr/bin/env node
// hcl-check.mjs — validate Terraform HCL files with HashiCorp's own HCL code
// (compiled to wasm and shipped in the @cdktf/* npm packages pinned in
// tools/node/package.json; install with `npm ci --prefix tools/node`).
//
// Usage:
//   node tools/node/hcl-check.mjs [--json-out DIR] [--no-json] [--no-strict] FILE.tf...
//
// For each FILE:
//   1. parse   — @cdktf/hcl2json `parse()` (hashicorp/hcl/v2 hclsyntax parser via
//                tmccombs/hcl2json). This is an HCL *syntax* check: it does not know
//                Terraform's schema (block label counts, argument names, ...).
//   2. format  — @cdktf/hcl-tools `format()` (hclwrite.Format, what `terraform fmt`
//                uses) must be the identity: format(src) === src.
//   3. strict  — (unless --no-strict) LF line endings only, file ends with exactly
//                one "\n". hclwrite.Format itself accepts CRLF and a missing final
//                newline, `terraform fmt` style output never has them.
//
// Output:
//   stdout  the hcl2json JSON of the parsed file(s), unless --json-out or --no-json:
//           one file  -> that file's JSON document;
//           several   -> one JSON object {"<FILE as given>": <document>, ...}.
//   --json-out DIR    writes DIR/<basename of FILE>.json per file instead (created
//           if missing; e.g. out/main.tf -> DIR/main.tf.json).
//   stderr  one block per failing file, each starting with "hcl-check: FILE: ",
//           followed by a final "hcl-check: N of M file(s) failed" line.
//           Nothing on stderr when every file passes.
//
// Exit status: 0 all files pass, 1 at least one file failed a check,
//              2 usage error or unreadable file / unwritable output.

import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";

const require = createRequire(import.meta.url);

function usage(msg) {
  if (msg) process.stderr.write(`hcl-check: ${msg}\n`);
  process.stderr.write(
    "usage: node tools/node/hcl-check.mjs [--json-out DIR] [--no-json] [--no-strict] FILE.tf...\n",
  );
  process.exit(2);
}

// ---------- arguments ----------
const files = [];
let jsonOut = null;
let printJson = true;
let strict = true;
{
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json-out") {
      if (i + 1 >= argv.length) usage("--json-out needs a directory");
      jsonOut = argv[++i];
    } else if (a.startsWith("--json-out=")) {
      jsonOut = a.slice("--json-out=".length);
    } else if (a === "--no-json") {
      printJson = false;
    } else if (a === "--no-strict") {
      strict = false;
    } else if (a === "-h" || a === "--help") {
      usage();
    } else if (a === "--") {
      files.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith("-") && a !== "-") {
      usage(`unknown option ${a}`);
    } else {
      files.push(a);
    }
  }
}
if (files.length === 0) usage("no input files");
if (jsonOut !== null) {
  const names = new Map();
  for (const f of files) {
    const b = path.basename(f);
    if (names.has(b) && names.get(b) !== f) {
      usage(`--json-out: two inputs share the basename ${b} (${names.get(b)}, ${f})`);
    }
    names.set(b, f);
  }
  try {
    fs.mkdirSync(jsonOut, { recursive: true });
  } catch (e) {
    process.stderr.write(`hcl-check: cannot create ${jsonOut}: ${e.message}\n`);
    process.exit(2);
  }
}

// ---------- the wasm tools (they start their Go runtimes on import) ----------
let parse, format;
try {
  ({ parse } = require("@cdktf/hcl2json"));
  ({ format } = require("@cdktf/hcl-tools"));
} catch (e) {
  process.stderr.write(
    `hcl-check: cannot load @cdktf/hcl2json / @cdktf/hcl-tools (${e.message}).\n` +
      "hcl-check: install them with: npm ci --prefix tools/node   (or .ci/install-tools)\n",
  );
  process.exit(2);
}

// ---------- diff helpers ----------
const CONTEXT = 3;
const MAX_SHOWN = 80; // diff lines printed per file at most

// Show a line exactly when invisible characters matter.
function show(line) {
  return /[\t\r]|\s$/.test(line) ? JSON.stringify(line) : line;
}

// Line diff: common prefix/suffix trimmed, then Myers' O((N+M)D) diff on the
// middle; falls back to one replace-hunk when the edit distance is huge.
const MAX_EDITS = 4000;

function myers(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const off = max + 1;
  const V = new Int32Array(2 * max + 3);
  const trace = []; // trace[d] = V[-d..d] after step d
  let found = -1;
  for (let d = 0; d <= Math.min(max, MAX_EDITS) && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && V[off + k - 1] < V[off + k + 1]) ? V[off + k + 1] : V[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      V[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(V.slice(off - d, off + d + 1));
  }
  if (found < 0) return null;
  const rev = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const P = trace[d - 1]; // index k -> P[k + d - 1]
    const get = (k) => P[k + d - 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = get(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      y--;
      rev.push([" ", a[--x]]);
    }
    if (x === prevX) rev.push(["+", b[--y]]);
    else rev.push(["-", a[--x]]);
  }
  while (x > 0 && y > 0) {
    y--;
    rev.push([" ", a[--x]]);
  }
  return rev.reverse();
}

function diffOps(a, b) {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (
    suf < a.length - pre &&
    suf < b.length - pre &&
    a[a.length - 1 - suf] === b[b.length - 1 - suf]
  )
    suf++;
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  const ops = []; // [tag, text] with tag in " ", "-", "+"
  for (let i = 0; i < pre; i++) ops.push([" ", a[i]]);
  const mid = myers(am, bm);
  if (mid) ops.push(...mid);
  else {
    for (const l of am) ops.push(["-", l]);
    for (const l of bm) ops.push(["+", l]);
  }
  for (let i = a.length - suf; i < a.length; i++) ops.push([" ", a[i]]);
  return ops;
}

function splitLines(text) {
  const lines = text.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  else if (lines[lines.length - 1] !== "") lines[lines.length - 1] += "  <no newline at end of file>";
  return lines;
}

function unifiedDiff(aText, bText, aName, bName) {
  const a = splitLines(aText);
  const b = splitLines(bText);
  const ops = diffOps(a, b);
  // positions (1-based line numbers) for every op
  let ai = 1;
  let bi = 1;
  const pos = ops.map(([t]) => {
    const p = [ai, bi];
    if (t !== "+") ai++;
    if (t !== "-") bi++;
    return p;
  });
  const changed = ops.map(([t]) => t !== " ");
  const out = [`--- ${aName}`, `+++ ${bName}`];
  let k = 0;
  while (k < ops.length) {
    if (!changed[k]) {
      k++;
      continue;
    }
    let start = Math.max(0, k - CONTEXT);
    let end = k;
    // extend the hunk while changes are within 2*CONTEXT of each other
    let last = k;
    for (let q = k; q < ops.length; q++) {
      if (changed[q]) last = q;
      else if (q - last > 2 * CONTEXT) break;
    }
    end = Math.min(ops.length, last + 1 + CONTEXT);
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter(([t]) => t !== "+").length;
    const bCount = hunk.filter(([t]) => t !== "-").length;
    out.push(`@@ -${pos[start][0]},${aCount} +${pos[start][1]},${bCount} @@`);
    for (const [t, l] of hunk) out.push(t + show(l));
    k = end;
  }
  if (out.length > MAX_SHOWN + 2) {
    const more = out.length - (MAX_SHOWN + 2);
    out.length = MAX_SHOWN + 2;
    out.push(`... (${more} more diff lines)`);
  }
  return out.join("\n");
}

function firstDifference(aText, bText) {
  const a = aText.split("\n");
  const b = bText.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { line: i + 1, got: a[i], want: b[i] };
  }
  return null;
}

// ---------- checks ----------
function strictProblems(src) {
  const problems = [];
  const cr = src.indexOf("\r");
  if (cr !== -1) {
    const line = src.slice(0, cr).split("\n").length;
    problems.push(`carriage return (CRLF line ending?) at line ${line}; expected LF only`);
  }
  if (src.length > 0 && !src.endsWith("\n")) problems.push("no newline at end of file");
  else if (/\n\s*\n$/.test(src)) problems.push("blank line(s) at end of file");
  return problems;
}

async function checkFile(file) {
  let src;
  try {
    src = fs.readFileSync(file, "utf8");
  } catch (e) {
    return { fatal: `cannot read: ${e.message}` };
  }
  const errors = [];
  let json;
  try {
    json = await parse(file, src);
  } catch (e) {
    const msg = String(e && e.message ? e.message : e);
    errors.push(`parse error (hcl2json): ${msg}`);
    return { errors };
  }
  let formatted;
  try {
    formatted = await format(src);
  } catch (e) {
    errors.push(`format error (hclwrite): ${String(e && e.message ? e.message : e)}`);
  }
  if (formatted !== undefined && formatted !== src) {
    const d = firstDifference(src, formatted);
    let msg = "not hclwrite-formatted (format(src) !== src, i.e. `terraform fmt` would change it)";
    if (d) {
      msg +=
        `\n  first difference at line ${d.line}:` +
        `\n    file:      ${d.got === undefined ? "<end of file>" : JSON.stringify(d.got)}` +
        `\n    formatted: ${d.want === undefined ? "<end of file>" : JSON.stringify(d.want)}`;
    }
    msg += "\n" + unifiedDiff(src, formatted, `${file}`, `${file} (hclwrite.Format)`);
    errors.push(msg);
  }
  if (strict) for (const p of strictProblems(src)) errors.push(`style: ${p}`);
  return { errors, json };
}

// ---------- main ----------
let failed = 0;
let fatal = false;
const collected = {};
for (const file of files) {
  const r = await checkFile(file);
  if (r.fatal) {
    process.stderr.write(`hcl-check: ${file}: ${r.fatal}\n`);
    failed++;
    fatal = true;
    continue;
  }
  if (r.errors.length) {
    failed++;
    for (const e of r.errors) process.stderr.write(`hcl-check: ${file}: ${e}\n`);
  }
  if (r.json !== undefined) {
    if (jsonOut !== null) {
      const dest = path.join(jsonOut, path.basename(file) + ".json");
      try {
        fs.writeFileSync(dest, JSON.stringify(r.json, null, 2) + "\n");
      } catch (e) {
        process.stderr.write(`hcl-check: cannot write ${dest}: ${e.message}\n`);
        fatal = true;
      }
    } else if (printJson) {
      collected[file] = r.json;
    }
  }
}

if (jsonOut === null && printJson) {
  const doc = files.length === 1 ? collected[files[0]] : collected;
  if (doc !== undefined) process.stdout.write(JSON.stringify(doc, null, 2) + "\n");
}
if (failed) process.stderr.write(`hcl-check: ${failed} of ${files.length} file(s) failed\n`);
// The Go wasm runtimes stay alive waiting for calls; exit explicitly.
process.exitCode = fatal ? 2 : failed ? 1 : 0;
process.stdout.write("", () => process.exit(process.exitCode));
