#!/usr/bin/env bash
# editors/screenshot.sh — render the seed example (examples/myshop.steer)
# highlighted by editors/tree-sitter-steer to editors/screenshot.png, for
# editors/README.md. Rerun it after changing the grammar or its queries.
#
# Needs: the tree-sitter CLI (`cargo install tree-sitter-cli --locked
# --version 0.27.1`, or bash .ci/install-tools) and Chromium (Debian:
# apt-get install chromium). CI does not run it.
#
# Usage: bash editors/screenshot.sh [FILE.steer [OUT.png]]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INPUT="$(realpath "${1:-$ROOT/examples/myshop.steer}")"
OUT="$(realpath -m "${2:-$ROOT/editors/screenshot.png}")"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "screenshot.sh: $1 not found ($2)" >&2; exit 1; }
}
need tree-sitter "cargo install tree-sitter-cli --locked --version 0.27.1"
CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$CHROMIUM" ] || { echo "screenshot.sh: chromium not found (apt-get install chromium)" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/steer-screenshot.XXXXXX")"
trap 'rm -rf -- "$TMP"' EXIT

# A light theme for the captures of queries/highlights.scm.
cat >"$TMP/config.json" <<'JSON'
{
  "parser-directories": [],
  "theme": {
    "comment": { "color": "#6a737d", "italic": true },
    "string": "#0a3069",
    "string.escape": { "color": "#cf222e", "bold": true },
    "number": "#0550ae",
    "number.float": "#0550ae",
    "boolean": "#0550ae",
    "constant": "#0550ae",
    "constant.builtin": "#953800",
    "keyword": { "color": "#cf222e", "bold": true },
    "keyword.conditional": { "color": "#8250df", "bold": true },
    "keyword.modifier": "#cf222e",
    "label": "#8250df",
    "property": "#116329",
    "type": "#953800",
    "type.builtin": "#953800",
    "type.definition": { "color": "#953800", "bold": true },
    "function": { "color": "#6639ba", "bold": true },
    "function.call": "#6639ba",
    "function.builtin": "#6639ba",
    "constructor": "#0969da",
    "variable": { "color": "#0969da", "bold": true },
    "variable.builtin": "#cf222e",
    "variable.parameter": "#1f6feb",
    "operator": "#cf222e",
    "punctuation.bracket": "#57606a",
    "punctuation.delimiter": "#57606a"
  }
}
JSON

(cd "$ROOT/editors/tree-sitter-steer" &&
  TREE_SITTER_LIBDIR="$TMP/lib" tree-sitter highlight --html --style inline \
    --config-path "$TMP/config.json" "$INPUT" >"$TMP/body.html")

# The page: the highlighted code on a white card, in a monospace font.
lines="$(wc -l <"$INPUT")"
longest="$(awk '{ if (length($0) > n) n = length($0) } END { print n }' "$INPUT")"
width=$(( longest * 8 + 64 ))
height=$(( lines * 17 + 56 ))
{
  echo '<!doctype html><html><head><meta charset="utf-8"><style>'
  echo 'html, body { margin: 0; background: #ffffff; }'
  echo 'body { padding: 24px 28px; }'
  echo 'pre, code, table, td { font-family: "DejaVu Sans Mono", monospace; font-size: 13.3px; line-height: 17px; margin: 0; color: #24292f; }'
  echo '.line-number { display: none; }'
  echo '</style></head><body>'
  sed -n '/<body>/,/<\/body>/p' "$TMP/body.html" | sed '1s/.*<body>//; $s/<\/body>.*//'
  echo '</body></html>'
} >"$TMP/page.html"

"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$TMP/profile" \
  --window-size="$width,$height" --screenshot="$OUT" "file://$TMP/page.html" \
  >"$TMP/chromium.log" 2>&1 || { cat "$TMP/chromium.log" >&2; exit 1; }
echo "screenshot.sh: wrote $OUT (${width}x${height})"
