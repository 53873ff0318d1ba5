#!/usr/bin/env python3
"""Wall-time growth of each steer command from one zone size to the next,
the sizes interleaved.

This machine's speed drifts by a quarter between minutes, so sizes timed
one after the other (as bench/compare.sh does, all of one size, then the
next) can give a ratio that is the drift's as much as steer's. This runs,
ROUNDS times for each command, the largest zone once and each smaller zone
as often as it is smaller (capped at RUNS_CAP), so that every size is
timed within the same minutes; then prints each size's median wall time,
peak RSS and the ratio of each median to the one before.

    STEER=target/release/steer python3 bench/ratios.py 2 \\
        /tmp/perf/z10k/zone.steer /tmp/perf/z100k/zone.steer /tmp/perf/z1m/zone.steer

Zones smallest first (bench/kit-zone.sh makes them); env: STEER (the
binary, default target/release/steer), RUNS_CAP (default 5).
"""

import os
import statistics
import subprocess
import sys
import tempfile

COMMANDS = [
    ["check"],
    ["build", "-t", "terraform"],
    ["build", "-t", "cloudformation"],
    ["build", "-t", "zone"],
]


def timed(argv: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one run, from /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", out.name, *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=True,
        )
        wall, rss = out.read().split()
        return float(wall), int(rss)


def main() -> None:
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    rounds, zones = int(sys.argv[1]), sys.argv[2:]
    steer = os.environ.get("STEER", "target/release/steer")
    cap = int(os.environ.get("RUNS_CAP", "5"))
    sizes = [os.path.getsize(z) for z in zones]
    # Each smaller zone as often as it is smaller than the largest, so that
    # every size takes about as long in all.
    repeats = [max(1, min(cap, round(sizes[-1] / s))) for s in sizes]
    with tempfile.TemporaryDirectory() as out:
        print("| command | zone | wall s (median) | runs | peak RSS MB | ÷ previous |")
        print("|---|---|---:|---:|---:|---:|")
        for command in COMMANDS:
            walls = {z: [] for z in zones}
            rss = {z: 0 for z in zones}
            for _ in range(rounds):
                for zone, times in reversed(list(zip(zones, repeats))):
                    for _ in range(times):
                        argv = [steer, *command, zone]
                        if command[0] == "build":
                            argv += ["-o", out]
                        wall, kb = timed(argv)
                        walls[zone].append(wall)
                        rss[zone] = max(rss[zone], kb)
            previous = None
            for zone in zones:
                median = statistics.median(walls[zone])
                ratio = f"{median / previous:.1f}×" if previous else "–"
                print(
                    f"| {' '.join(command)} | {zone} | {median:.3f} | "
                    f"{len(walls[zone])} | {rss[zone] // 1024} | {ratio} |",
                    flush=True,
                )
                previous = median


if __name__ == "__main__":
    main()
