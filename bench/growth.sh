#!/usr/bin/env bash
# Instructions (callgrind, deterministic) of each steer command on the peer
# kit's zone at N and 8N records, and their ratio: a linear command stays
# near 8×, a quadratic one heads for 64×. Counts what tests/growth.rs cannot
# see: scans that allocate nothing.
#
# usage: bench/growth.sh [N]   (default 1000; needs valgrind and the kit's Python)
# env:   KIT=../shared/peers/octodns  PYTHON=python3  STEER=target/release/steer
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KIT=${KIT:-$ROOT/../shared/peers/octodns}
[ -f "$KIT/gen.py" ] || KIT=/work/shared/peers/octodns
PYTHON=${PYTHON:-python3}
STEER=${STEER:-$ROOT/target/release/steer}
N=${1:-1000}
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 2; }
[ -x "$STEER" ] || (cd "$ROOT" && cargo build --release --quiet)
WORK=$(mktemp -d /tmp/steer-growth.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Each zone in a folder of its own: a named file brings the rest of its zone
# from its folder.
for n in "$N" $((8 * N)); do
  mkdir -p "$WORK/$n"
  KIT=$KIT PYTHON=$PYTHON "$ROOT/bench/kit-zone.sh" "$n" "$WORK/$n/zone.steer"
done

# instructions N ARGS...: instructions of one steer run on the N-record zone
instructions() {
  local n=$1; shift
  rm -rf "$WORK/out"
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg" "$STEER" "$@" "$WORK/$n/zone.steer" \
    >/dev/null 2>"$WORK/log" || { cat "$WORK/log" >&2; exit 1; }
  sed -n 's/.*Collected : //p' "$WORK/log"
}

echo "| command | $N records | $((8 * N)) records | ratio |"
echo "|---|---:|---:|---:|"
for cmd in "check" "build -t terraform -o $WORK/out" "build -t cloudformation -o $WORK/out" "build -t zone -o $WORK/out"; do
  # shellcheck disable=SC2086
  small=$(instructions "$N" $cmd)
  # shellcheck disable=SC2086
  large=$(instructions $((8 * N)) $cmd)
  printf '| steer %s | %s | %s | %s× |\n' "${cmd%% -o*}" "$small" "$large" \
    "$(awk -v a="$small" -v b="$large" 'BEGIN {printf "%.2f", b / a}')"
done
