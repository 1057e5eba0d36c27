#!/usr/bin/env bash
# Writes a drwatch config with N heartbeat channels at 1 Hz, spread round-robin over server pairs.
# Usage: scale-config.sh N PORT KIND:PPORT:RPORT[:COUNT]... > drwatch.yaml   (KIND redis|postgres)
# A pair with COUNT gets exactly that many channels; the rest go round-robin over the pairs without
# one. Every channel has its own heartbeat key or row (the default key/row is per channel name).
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
  np = split(spec, p, " "); i = 0; nfree = 0
  for (k = 1; k <= np; k++) {
    if (split(p[k], f, ":") == 4) { for (c = 0; c < f[4] && i < n; c++) line(i++, f) }
    else free[nfree++] = p[k]
  }
  for (j = 0; i < n; j++) { split(free[j % nfree], f, ":"); line(i++, f) }
}
function line(i, f,   pu, ru) {
  {
    if (f[1] == "redis") { pu = "redis://127.0.0.1:" f[2]; ru = "redis://127.0.0.1:" f[3] }
    else { pu = "postgres://postgres@127.0.0.1:" f[2] "/postgres"; ru = "postgres://postgres@127.0.0.1:" f[3] "/postgres" }
    printf "  - { name: ch%05d, kind: %s, primary: { url: \"%s\" }, replica: { url: \"%s\" }, heartbeat: { interval: 1s, timeout: 1s }, objective: { rpo: 10s } }\n", i, f[1], pu, ru
  }
}'
