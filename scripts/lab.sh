#!/usr/bin/env bash
# THE lab command: a PostgreSQL and a Redis replication pair on loopback with drwatch watching them.
# Rebuilds the jar only when sources changed. Arguments go to `drwatch lab` (try --help).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/install-deps.sh"

jar="$root/target/drwatch.jar"
if [ ! -f "$jar" ] || [ -n "$(find "$root/pom.xml" "$root/src/main" -newer "$jar" -print -quit)" ]; then
  echo "lab: building target/drwatch.jar" >&2
  (cd "$root" && mvn -B -q -DskipTests package)
  touch "$jar" # Maven may keep an unchanged jar's old mtime; the check above would then rebuild every time
fi
exec "$root/bin/drwatch" lab "$@"
