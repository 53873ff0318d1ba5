#!/usr/bin/env bash
# The octoDNS peer kit's zone of N records as steer: kit-zone.sh N OUT.steer
# (oct2steer.py --gen N; 20% dynamic, seed 1). The kit's health checks probe
# documentation addresses (192.0.2.0/24, ...), which steer rejects
# (steer::private-address: Route 53 cannot probe them), so the `check` lines
# probe the neighbouring public /24 (2001:db9::/32 for IPv6) instead; records,
# endpoints and every other value are unchanged.
# env: KIT=../shared/peers/octodns  PYTHON=python3
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KIT=${KIT:-$ROOT/../shared/peers/octodns}
[ -f "$KIT/gen.py" ] || KIT=/work/shared/peers/octodns
"${PYTHON:-python3}" "$KIT/oct2steer.py" --gen "$1" "$2.kit" >/dev/null 2>&1
sed -E '/^check /{s/192\.0\.2\./192.0.3./;s/198\.51\.100\./198.51.101./;s/203\.0\.113\./203.0.114./;s/2001:db8:/2001:db9:/}' \
  "$2.kit" >"$2"
rm -f "$2.kit"
