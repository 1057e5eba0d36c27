#!/usr/bin/env bash
# Detection bench: kill -9 and 2 s freezes of the primary, drwatch (fast profile, 1/2/3
# observers, PostgreSQL primary + standby) against redis-sentinel ×3 (quorum 2, down-after 1.5 s
# and 3 s, Redis primary + replica). Everything on loopback in a temp dir, cleaned up on exit.
#   scripts/bench/detection.sh [--quick] [--only drwatch|sentinel]
# Full: 20 kills and 60 s of freezes per setup (~15 min); --quick: 5 kills and 20 s (~4 min).
# The logic is Java: src/test/java/io/drwatch/bench/detection (DetectionBench). With
# DRWATCH_BENCH_KEEP=1 the daemons' logs stay in the temp dir it names: their verdict lines and
# the bench's timestamped "killed the primary" lines give each kill's timeline.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) args+=(--quick) ;;
    --only) args+=(--only "$2"); shift ;;
    *) echo "detection.sh: unknown argument $1 (known: --quick, --only drwatch|sentinel)" >&2; exit 2 ;;
  esac
  shift
done

bench_build
cp="$(bench_classpath)"
# Kept beside the result, so a failure after the measurement loses nothing.
raw="$bench_out/detection.raw.md"
table="$(mktemp)"
pid=""
cleanup() {
  # The Java driver stops its servers and daemons from its shutdown hook on SIGTERM.
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -f "$table"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java -cp "$cp" io.drwatch.bench.detection.DetectionBench ${args[@]+"${args[@]}"} \
  --jar "$bench_root/target/drwatch.jar" > "$raw" &
pid=$!
wait "$pid"
pid=""
{
  cat "$raw"
  echo
  echo "Kill → declared: from \`kill -9\` of the primary until every drwatch observer reports"
  echo "\`outageDeclared\` (status polled every 25 ms), or until the first Sentinel publishes \`+odown\`."
  echo "Freezes: SIGSTOP of the whole primary (PostgreSQL: postmaster and every backend) for 2 s every"
  echo "5 s; a false declaration is a freeze during which (or up to 3 s after) an outage was declared."
  echo "Dual-master time: both Redis nodes answering \`ROLE\` as master (100 ms timeout, every 50 ms)."
  echo "drwatch's 1-, 2- and 3-observer setups (each observer its own JVM, each group's observers"
  echo "each other's peers) watch the same primary at once, so every kill and freeze counts for all."
  echo "One warm-up kill per setup first, not counted (a cold JVM's first failure path). Channel"
  echo "heartbeat 500 ms; Sentinel failover-timeout 3 s. A smoke run on a shared machine is"
  echo "noisy: compare the columns, not the decimals."
} > "$table"
bench_emit detection "$table"
