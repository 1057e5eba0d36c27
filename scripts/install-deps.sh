#!/usr/bin/env bash
# Installs the system packages drwatch's build, tests and lab need. Idempotent and silent when
# everything is already there; works as root on a fresh Debian 12 (sudo only if not root).
set -euo pipefail

need=()
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v redis-cli >/dev/null 2>&1 || need+=(redis-tools)
# promtool ships in the prometheus package; the alert-rule tests use it.
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || need+=(prometheus)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v curl >/dev/null 2>&1 || need+=(curl)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# the e2e failover tests partition observers on loopback with nftables (src/test/java/io/drwatch/e2e)
command -v nft >/dev/null 2>&1 || need+=(nftables)

java_major() {
  # "1.8.0_392" -> 8, "17.0.15" -> 17
  java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}
java_ok() {
  command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null
}
java_ok || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)

[ "${#need[@]}" -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "install-deps: missing ${need[*]}, and this is not root and there is no sudo." >&2
    echo "install-deps: as root, run: apt-get install -y --no-install-recommends ${need[*]}" >&2
    exit 1
  fi
fi

echo "install-deps: installing ${need[*]}" >&2
${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -qq
${as_root[@]+"${as_root[@]}"} env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null

if ! java_ok; then
  echo "install-deps: java 17+ with javac is still not the default java ($(java_major 2>/dev/null || echo none))." >&2
  echo "install-deps: pick it with: update-alternatives --config java, or set JAVA_HOME and PATH" >&2
  exit 1
fi
