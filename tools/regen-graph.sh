#!/usr/bin/env bash
# tools/regen-graph.sh — redraw the README's picture of the seed example:
# docs/myshop-graph.dot (`steer graph examples/myshop.steer`) and
# docs/myshop-graph.svg (Graphviz's `dot -Tsvg` of it). tests/graph.rs fails
# when either is stale. Needs Graphviz (Debian: apt-get install graphviz).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v dot >/dev/null 2>&1 || { echo "regen-graph: dot not found (apt-get install graphviz)" >&2; exit 1; }
cargo run --quiet -- graph examples/myshop.steer -o docs/myshop-graph.dot
dot -Tsvg docs/myshop-graph.dot -o docs/myshop-graph.svg
echo "wrote docs/myshop-graph.dot and docs/myshop-graph.svg ($(dot -V 2>&1))"
