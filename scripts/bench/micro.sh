#!/usr/bin/env bash
# JMH micro-benchmarks of the pure core (src/test/java/io/drwatch/bench/micro): tracker update,
# quorum evaluate, runbook projection. Prints a markdown table and writes target/bench/micro.md.
# Usage: scripts/bench/micro.sh [--quick]   (--quick: 1 warm-up and 2 measured iterations of 1 s)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; root="$(cd "$here/../.." && pwd)"
iters=(-wi 3 -i 5 -w 1s -r 1s)
[ "${1:-}" = "--quick" ] && iters=(-wi 1 -i 2 -w 1s -r 1s)
cd "$root"
mkdir -p target/bench
[ -f target/test-classes/META-INF/BenchmarkList ] || mvn -o -q -B -DskipTests test-compile
[ -s target/bench/cp.txt ] || mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench/cp.txt >/dev/null
csv=target/bench/micro.csv
java -cp "target/test-classes:target/classes:$(cat target/bench/cp.txt)" org.openjdk.jmh.Main \
  "${iters[@]}" -f 1 -rf csv -rff "$csv" 'io.drwatch.bench.micro.*' >target/bench/micro.log 2>&1 \
  || { tail -30 target/bench/micro.log >&2; exit 1; }
{
  echo "**micro** — $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $(java -version 2>&1 | head -1); JMH 1.37, average time, ${iters[*]}, 1 fork"
  echo
  echo "| benchmark | what | time per op | ± (99.9%) |"
  echo "|---|---|---|---|"
  awk -F, 'NR > 1 {
    gsub(/["\r]/, ""); n = $1; sub(/.*\./, "", n)
    what = n == "trackerUpdate" ? "one probe round through ChannelTracker" : n == "quorumEvaluate" ? "one QuorumPolicy.evaluate, 2 of 3 families" : n == "runbookProjection" ? "RtoProjector.project, 4 steps, 80 records" : "per-channel families of a scrape, " $8 " channels"
    err = $6 == "NaN" ? "– (too few iterations)" : sprintf("%.0f", $6)
    printf "| %s | %s | %.0f %s | %s |\n", n, what, $5, $7, err }' "$csv"
} >target/bench/micro.md
cat target/bench/micro.md
