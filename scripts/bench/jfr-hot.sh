#!/usr/bin/env bash
# Hot methods of a JFR recording (JDK 17 has no `jfr view hot-methods`): execution samples counted
# by top frame (self) and by any frame (inclusive, once per sample), plus samples per thread.
# Usage: scripts/bench/jfr-hot.sh FILE.jfr [TOP]
set -euo pipefail
f=${1:?recording.jfr}; top=${2:-25}
jfr print --events jdk.ExecutionSample --stack-depth 48 "$f" | awk -v top="$top" '
  /sampledThread = / { th = $0; sub(/.*sampledThread = "/, "", th); sub(/".*/, "", th); gsub(/[0-9]+$/, "N", th); threads[th]++ }
  /stackTrace = \[/ { inst = 1; first = 1; delete seen; n++; next }
  inst && /^[[:space:]]*\]/ { inst = 0; next }
  inst {
    m = $0; sub(/^[[:space:]]+/, "", m); sub(/[[:space:]]+line:.*/, "", m); sub(/\(.*/, "", m)
    if (m == "...") next
    if (first) { self[m]++; first = 0 }
    if (!(m in seen)) { seen[m] = 1; incl[m]++ }
  }
  END {
    printf "samples: %d\n\nthreads:\n", n
    for (t in threads) printf "%7d %5.1f%%  %s\n", threads[t], 100 * threads[t] / n, t | "sort -rn | head -8"
    close("sort -rn | head -8")
    printf "\nself (top frame):\n"
    for (m in self) printf "%7d %5.1f%%  %s\n", self[m], 100 * self[m] / n, m | ("sort -rn | head -" top)
    close("sort -rn | head -" top)
    printf "\ninclusive (io.drwatch, io.micrometer, io.prometheus, io.vertx frames):\n"
    for (m in incl) if (m ~ /^(io\.drwatch|io\.micrometer|io\.prometheus|io\.vertx)/) printf "%7d %5.1f%%  %s\n", incl[m], 100 * incl[m] / n, m | ("sort -rn | head -" top)
    close("sort -rn | head -" top)
  }'
