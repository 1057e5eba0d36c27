#!/usr/bin/env bash
# Sourced by scripts/bench.sh and scripts/bench/<scenario>.sh: paths, the build, the test
# classpath for Java bench code, and the one header line every scenario table starts with.
# Maven runs offline first (a warm ~/.m2), then online (a fresh machine).

bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
bench_out="$bench_root/target/bench"
mkdir -p "$bench_out"

bench_mvn() {
  (cd "$bench_root" && { mvn -o -q -B "$@" >/dev/null 2>&1 || mvn -q -B "$@"; })
}

# The packaged jar and the compiled test classes, built when missing (or older than the sources).
bench_build() {
  local jar="$bench_root/target/drwatch.jar"
  if [ ! -f "$jar" ] || [ ! -d "$bench_root/target/test-classes/io/drwatch/bench" ] \
      || [ -n "$(find "$bench_root/pom.xml" "$bench_root/src" -newer "$jar" -type f -print -quit)" ]; then
    echo "bench: building target/drwatch.jar and the test classes" >&2
    bench_mvn -DskipTests package
    touch "$jar"
  fi
}

# The classpath for `java -cp` running bench code under src/test/java/io/drwatch/bench/**.
bench_classpath() {
  local cp="$bench_out/cp.txt"
  if [ ! -s "$cp" ] || [ "$bench_root/pom.xml" -nt "$cp" ]; then
    bench_mvn dependency:build-classpath -Dmdep.outputFile="$cp" -Dmdep.includeScope=test
  fi
  echo "$bench_root/target/test-classes:$bench_root/target/classes:$(cat "$cp")"
}

# "**detection** · 2026-12-07 08:10 UTC · 2 × AMD EPYC (nproc 2) · 23 GiB · Debian 12 · ...".
bench_header() {
  local scenario="$1" cpu mem os java pg redis rev
  cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo unknown)"
  mem="$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo '?')"
  os="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")"
  java="$(java -version 2>&1 | awk -F'"' '/version/ { print $2; exit }' || true)"
  pg="$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -1 || true)"
  pg="$([ -n "$pg" ] && "$pg" --version 2>/dev/null | awk '{ print $3 }' || true)"
  redis="$(redis-server --version 2>/dev/null | sed -n 's/.* v=\([^ ]*\).*/\1/p' || true)"
  rev="$(git -C "$bench_root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "**$scenario** · $(date -u '+%Y-%m-%d %H:%M UTC') · nproc $(nproc) · $cpu · $mem RAM · $os" \
    "· OpenJDK $java · PostgreSQL ${pg:-?} · Redis ${redis:-?} · drwatch $rev${BENCH_NOTE:+ · $BENCH_NOTE}"
}

# Writes the header, then the table in $2, to target/bench/<scenario>.md and to stdout.
bench_emit() {
  local scenario="$1" table="$2" out="$bench_out/$1.md"
  { bench_header "$scenario"; echo; cat "$table"; } > "$out"
  cat "$out"
}
