#!/usr/bin/env bash
# RPO accuracy (issue 15): drwatch's RPO bracket at 200 ms and 1 s heartbeats beside Debian's
# postgres_exporter (pg_replication_lag) and redis_exporter, scraped at 1 s, against a known delay:
# a real standby with recovery_min_apply_delay 0.5/2/3/5 s and a Redis replica behind a delaying
# proxy, an application writer committing every 200 ms, then an idle primary (5 min) and a cut link.
#   scripts/bench/rpo.sh [--quick]     (--quick: 3 s delay only, 60 s idle; about 3 minutes)
# Prints one markdown table and writes it to target/bench/rpo.md. The logic is in
# src/test/java/io/drwatch/bench/rpo (RpoBench); peers run on loopback in a temp dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"
mkdir -p target/bench

need=()
command -v prometheus-postgres-exporter >/dev/null 2>&1 || need+=(prometheus-postgres-exporter)
command -v prometheus-redis-exporter >/dev/null 2>&1 || need+=(prometheus-redis-exporter)
if [ ${#need[@]} -gt 0 ]; then
  sudo_=""; [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}" >&2
fi

# The shared helper (scripts/bench/common.sh) when present, else the same thing here.
if [ -f scripts/bench/common.sh ]; then
  # shellcheck source=/dev/null
  . scripts/bench/common.sh
fi
if ! declare -F bench_classpath >/dev/null; then
  bench_classpath() {
    [ -f target/drwatch.jar ] || mvn -o -q -B -DskipTests package >&2
    [ -d target/test-classes/io/drwatch/bench ] || mvn -o -q -B test-compile >&2
    [ -s target/bench/cp.txt ] || mvn -o -q -B dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench/cp.txt >&2
    echo "target/test-classes:target/classes:$(cat target/bench/cp.txt)"
  }
fi
cp="$(bench_classpath)"

pgv=$(ls -d /usr/lib/postgresql/*/ 2>/dev/null | sort -V | tail -1 | xargs basename)
ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
header="**rpo** · $(date -u +%Y-%m-%dT%H:%MZ) · nproc $(nproc) · $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
header+=" · $(free -g | awk '/Mem:/ {print $2}') GB RAM · PostgreSQL $pgv · $(redis-server --version | awk '{print $3}')"
header+=" · postgres_exporter $(ver prometheus-postgres-exporter) · redis_exporter $(ver prometheus-redis-exporter)"
header+=" · $(java -version 2>&1 | head -1)${quick:+ · quick}"

tmp=$(mktemp -d -t drwatch-bench-rpo.XXXXXX)
chmod 755 "$tmp" # PostgreSQL runs as the postgres user and must enter it
trap 'rm -rf "$tmp"' EXIT
# postgres_exporter 0.11 ships pg_replication as an example query; this is that query, verbatim.
cat > "$tmp/queries.yaml" <<'YAML'
pg_replication:
  query: "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0 ELSE GREATEST (0, EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp()))) END AS lag"
  master: true
  metrics:
    - lag:
        usage: "GAUGE"
        description: "Replication lag behind master in seconds"
YAML
PG_EXPORTER_QUERIES="$tmp/queries.yaml" java -Xmx512m -Djava.io.tmpdir="$tmp" -cp "$cp" \
  io.drwatch.bench.rpo.RpoBench $quick target/bench/rpo.table.md >&2
notes="Truth: the configured delay (recovery_min_apply_delay; the Redis proxy's delay). drwatch's figure is its upper bound"
notes+=" (drwatch_channel_rpo_seconds); the bracket column counts samples with lower − 20 ms ≤ truth ≤ upper + 20 ms."
notes+=" Idle: no application writes; drwatch's own heartbeats are the only commits, and postgres_exporter reads the same"
notes+=" standby, so it sees them too. Cut link: both links cut at once, polled every 100 ms; drwatch flags BROKEN or"
notes+=" STALLED, postgres_exporter when pg_replication_lag passes 1 s, redis_exporter when redis_connected_slaves drops"
notes+=" to 0. redis_exporter's redis_connected_slave_lag_seconds is the time since the replica's last ACK, not a delay."
{ echo "$header"; echo; cat target/bench/rpo.table.md; echo; echo "$notes"; } > target/bench/rpo.md
rm -f target/bench/rpo.table.md
cat target/bench/rpo.md
