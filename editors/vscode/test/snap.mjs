// Snapshot test of the TextMate grammar over every example in examples/:
// each example's tokens and scopes must match test/snap/<name>.snap.
//
//   node test/snap.mjs            compare (fails on a difference, a missing
//                                 snapshot or a snapshot without its example)
//   node test/snap.mjs --update   rewrite the snapshots (read `git diff` after)
//
// vscode-tmgrammar-snap keeps a snapshot beside its input; the examples are
// copied to a temporary directory so that examples/ holds no snapshots.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.dirname(here);
const examples = path.resolve(extension, "../../examples");
const snapDir = path.join(here, "snap");
const update = process.argv.includes("--update");

/** Every .steer file under dir, as paths relative to it, sorted. */
function steerFiles(dir, rel = "") {
  return fs
    .readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) return steerFiles(dir, r);
      return e.name.endsWith(".steer") ? [r] : [];
    })
    .sort();
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "steer-tm-snap-"));
try {
  const names = steerFiles(examples).map((rel) => {
    // examples/split-zone/web.steer -> split-zone--web.steer
    const name = rel.split(path.sep).join("--");
    fs.copyFileSync(path.join(examples, rel), path.join(tmp, name));
    const snap = path.join(snapDir, `${name}.snap`);
    if (fs.existsSync(snap)) fs.copyFileSync(snap, path.join(tmp, `${name}.snap`));
    else if (!update) throw new Error(`no snapshot for examples/${rel}: run node test/snap.mjs --update`);
    return name;
  });
  const stale = fs
    .readdirSync(snapDir)
    .filter((f) => !names.includes(f.replace(/\.snap$/, "")));
  if (stale.length && !update) throw new Error(`snapshots without an example: ${stale.join(", ")}`);
  const bin = path.join(extension, "node_modules", ".bin", "vscode-tmgrammar-snap");
  const args = ["-s", "source.steer", "-g", path.join(extension, "syntaxes", "steer.tmLanguage.json")];
  if (update) args.push("-u");
  execFileSync(bin, [...args, path.join(tmp, "*.steer")], { stdio: "inherit", cwd: extension });
  if (update) {
    for (const f of stale) fs.rmSync(path.join(snapDir, f));
    fs.mkdirSync(snapDir, { recursive: true });
    for (const name of names) {
      fs.copyFileSync(path.join(tmp, `${name}.snap`), path.join(snapDir, `${name}.snap`));
    }
  }
  console.log(`${names.length} examples match their snapshots`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
