#!/usr/bin/env bash
# Writes a drwatch config with N heartbeat channels at 1 Hz, spread round-robin over server pairs.
# Usage: scale-config.sh N PORT "redis:PPORT:RPORT ..." ["postgres:PPORT:RPORT ..."] > drwatch.yaml
# Channel i goes to pair i mod #pairs (Redis and PostgreSQL pairs in one list), each with its own
# heartbeat key or row (the default key/row is per channel name).
set -euo pipefail
n=${1:?channels}; port=${2:?http port}; shift 2
read -r -a pairs <<<"$*"
[ "${#pairs[@]}" -gt 0 ] || { echo "scale-config.sh: no server pairs" >&2; exit 2; }
cat <<YAML
observer: { name: bench }
http: { host: 127.0.0.1, port: $port }
channels:
YAML
awk -v n="$n" -v spec="${pairs[*]}" 'BEGIN {
  np = split(spec, p, " ")
  for (i = 0; i < n; i++) {
    split(p[(i % np) + 1], f, ":")
    if (f[1] == "redis") { pu = "redis://127.0.0.1:" f[2]; ru = "redis://127.0.0.1:" f[3] }
    else { pu = "postgres://postgres@127.0.0.1:" f[2] "/postgres"; ru = "postgres://postgres@127.0.0.1:" f[3] "/postgres" }
    printf "  - { name: ch%05d, kind: %s, primary: { url: \"%s\" }, replica: { url: \"%s\" }, heartbeat: { interval: 1s, timeout: 1s }, objective: { rpo: 10s } }\n", i, f[1], pu, ru
  }
}'
