#!/usr/bin/env bash
# Whole-process comparison of steer with octoDNS on the octoDNS peer kit's zone
# (../shared/peers/octodns): generates the zone at each size, converts it with
# oct2steer.py, and times octoDNS (validate, sync -> YAML, sync -> BIND lenient,
# as the kit's run.sh does) and steer (check, build for every target) one process
# at a time, RUNS runs each; prints medians of wall time and peak RSS
# (/usr/bin/time) and each steer command's speed-up over octodns-validate.
#
# usage: bench/compare.sh [SIZES...]        (default: 1000 10000 100000)
# env:   RUNS=5  KIT=../shared/peers/octodns  PYTHON=python3 (with octodns==1.22.0,
#        octodns-bind==1.1.0)  STEER=target/release/steer  OCTODNS=1 (0: steer only)
#        KEEP=1 (keep the /tmp folder)
#
# The steer input comes from bench/kit-zone.sh (which says how its health checks
# differ from the kit's).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
KIT=${KIT:-$ROOT/../shared/peers/octodns}
[ -f "$KIT/gen.py" ] || KIT=/work/shared/peers/octodns
PYTHON=${PYTHON:-python3}
RUNS=${RUNS:-5}
OCTODNS=${OCTODNS:-1}
STEER=${STEER:-$ROOT/target/release/steer}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000 100000)
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 2; }
[ -x "$STEER" ] || (cd "$ROOT" && cargo build --release --quiet)
WORK=$(mktemp -d /tmp/steer-compare.XXXXXX)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
BIN=$("$PYTHON" -c 'import sysconfig; print(sysconfig.get_path("scripts"))')

# measure DIR CMD...: one run from DIR, prints "wall_s peak_rss_kb"
measure() {
  local dir=$1; shift
  rm -rf "$dir/out"
  if ! (cd "$dir" && /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$WORK/log" 2>&1); then
    echo "FAILED in $dir: $*" >&2; tail -5 "$WORK/log" >&2; exit 1
  fi
  cat "$WORK/time"
}
median() { sort -n -k"$1","$1" | awk -v c="$1" '{v[NR]=$c} END {m=int((NR+1)/2); print (NR%2 ? v[m] : (v[m]+v[m+1])/2)}'; }

# row N LABEL DIR CMD...: RUNS runs; prints a row, sets WALL (median seconds)
row() {
  local n=$1 label=$2; shift 2
  local samples="" rss
  for _ in $(seq "$RUNS"); do samples+="$(measure "$@")"$'\n'; done
  WALL=$(printf '%s' "$samples" | median 1)
  rss=$(printf '%s' "$samples" | median 2)
  local ratio="–"
  [ -z "${VALIDATE:-}" ] || ratio=$(awk -v v="$VALIDATE" -v w="$WALL" 'BEGIN {printf "%.0f×", v / (w > 0.005 ? w : 0.005)}')
  printf '| %s | %s | %.3f | %.0f | %s |\n' "$n" "$label" "$WALL" "$(awk -v kb="$rss" 'BEGIN {print kb / 1024}')" "$ratio"
}

echo "# $(uname -m), $(nproc) cores, $RUNS runs per command, medians; $("$STEER" --version)"
[ "$OCTODNS" = 0 ] || echo "# $("$PYTHON" -c 'from importlib.metadata import version as v; print("octodns", v("octodns"), "octodns-bind", v("octodns-bind"))')"
echo
echo "| records | command | wall s | peak RSS MB | octodns-validate ÷ this |"
echo "|---:|---|---:|---:|---:|"
for n in "${SIZES[@]}"; do
  dir=$WORK/$n
  # Each zone in a folder of its own: a named file brings the rest of its
  # zone from its folder, so zones of other sizes beside it would be read.
  mkdir -p "$WORK/steer$n"
  KIT=$KIT PYTHON=$PYTHON "$ROOT/bench/kit-zone.sh" "$n" "$WORK/steer$n/zone.steer"
  unset VALIDATE
  if [ "$OCTODNS" != 0 ]; then
    "$PYTHON" "$KIT/gen.py" "$n" "$dir" --dynamic-share 0.2 >/dev/null
    row "$n" "octodns-validate" "$dir" "$BIN/octodns-validate" --config-file config.yaml
    VALIDATE=$WALL
    row "$n" "octodns-sync → YAML" "$dir" "$BIN/octodns-sync" --config-file config.yaml --doit --target yaml
    row "$n" "octodns-sync → BIND (lenient)" "$dir" "$BIN/octodns-sync" --config-file config-lenient.yaml --doit --target bind
  fi
  mkdir -p "$dir"
  row "$n" "steer check" "$dir" "$STEER" check "$WORK/steer$n/zone.steer"
  for target in terraform cloudformation zone; do
    row "$n" "steer build -t $target" "$dir" "$STEER" build -t "$target" -o out "$WORK/steer$n/zone.steer"
  done
  rm -rf "$dir" "$WORK/steer$n"
done
