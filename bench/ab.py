#!/usr/bin/env python3
"""Interleaved A/B timing of steer binaries on one zone.

This machine's speed drifts by a quarter between minutes, so two binaries
timed one after the other can differ by more than the change between them.
This runs each binary in turn, RUNS times, and prints the median, minimum
and quartiles of each one's wall time.

    BINS="base=/tmp/steer-old final=target/release/steer" \
        python3 bench/ab.py 11 /tmp/perf/z10k/zone.steer check ZONE

Every `ZONE` in the command is replaced by the zone's path; a command that
fails stops the run.
"""

import os
import statistics
import subprocess
import sys
import time


def main() -> None:
    if len(sys.argv) < 4 or "BINS" not in os.environ:
        sys.exit(__doc__)
    runs, zone, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    binaries = [b.split("=", 1) for b in os.environ["BINS"].split()]
    times = {name: [] for name, _ in binaries}
    for _ in range(runs):
        for name, binary in binaries:
            args = [binary] + [a.replace("ZONE", zone) for a in command]
            start = time.perf_counter()
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    for name, _ in binaries:
        t = sorted(times[name])
        print(
            f"{name}: median {statistics.median(t):.3f} min {t[0]:.3f} "
            f"q1 {t[len(t) // 4]:.3f} q3 {t[3 * len(t) // 4]:.3f} (n={len(t)})"
        )


if __name__ == "__main__":
    main()
