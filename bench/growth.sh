#!/usr/bin/env bash
# Instructions (callgrind, deterministic) of each steer command (check, the
# builds, diff against a changed copy) on the peer kit's zone at N and 8N
# records, and their ratio: a linear command stays
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
  # For `steer diff`: a copy with every `ttl 60` and the first endpoint's
  # address changed (the comparison resolves every routed name either way).
  mkdir -p "$WORK/$n-old"
  sed -E -e 's/ ttl 60$/ ttl 30/' \
    -e '0,/^endpoint [a-z0-9_]+ \{ a [0-9.]+ /s/^(endpoint [a-z0-9_]+ \{ a )[0-9.]+ /\1198.51.100.7 /' \
    "$WORK/$n/zone.steer" >"$WORK/$n-old/zone.steer"
done

# instructions N ARGS...: instructions of one steer run on the N-record zone
# (`steer diff` exits 1 when something differs)
instructions() {
  local n=$1 rc=0 ok=0; shift
  [ "$1" = diff ] && ok=1
  rm -rf "$WORK/out"
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg" "$STEER" "$@" "$WORK/$n/zone.steer" \
    >/dev/null 2>"$WORK/log" || rc=$?
  [ "$rc" -le "$ok" ] || { cat "$WORK/log" >&2; exit 1; }
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
# steer diff OLD NEW: the changed copy against the zone (NEW is the zone,
# the last argument as for the commands above).
small=$(instructions "$N" diff "$WORK/$N-old/zone.steer")
large=$(instructions $((8 * N)) diff "$WORK/$((8 * N))-old/zone.steer")
printf '| steer diff | %s | %s | %s× |\n' "$small" "$large" \
  "$(awk -v a="$small" -v b="$large" 'BEGIN {printf "%.2f", b / a}')"
