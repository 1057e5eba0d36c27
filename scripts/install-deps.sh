#!/usr/bin/env bash
# Installs the system packages drwatch's build, tests and lab need. Idempotent and silent when
# everything is already there; works as root on a fresh Debian 12 (sudo only if not root).
#   scripts/install-deps.sh [--bench]   --bench: also the peers scripts/bench.sh runs beside drwatch
set -euo pipefail
bench=0
[ "${1:-}" = "--bench" ] && bench=1

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
if [ "$bench" -eq 1 ]; then
  command -v redis-sentinel >/dev/null 2>&1 || need+=(redis-sentinel)
  command -v prometheus-postgres-exporter >/dev/null 2>&1 || need+=(prometheus-postgres-exporter)
  command -v prometheus-redis-exporter >/dev/null 2>&1 || need+=(prometheus-redis-exporter)
fi

java_major() {
  # "1.8.0_392" -> 8, "17.0.15" -> 17
  java -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit }'
}
java_ok() {
  command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1 && [ "$(java_major)" -ge 17 ] 2>/dev/null
}
java_ok || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)

# Python tools the tests run, pinned to the versions they were written for. Neither is a Debian
# package: moto (the AWS fake, src/test/java/io/drwatch/testkit/MotoServer.java) and cfn-lint
# (deploy/eventbridge and deploy/iam templates). Missing ones go into a venv of their own, where
# the tests look too (testkit/Tools.java), so that Debian's externally managed python3 stays untouched.
MOTO_SPEC='moto[server]==5.2.1'
CFN_LINT_SPEC='cfn-lint==1.51.0'
TOOLS_VENV="${DRWATCH_TOOLS_VENV:-$HOME/.local/share/drwatch/tools}"
has_moto() {
  local py
  for py in "${DRWATCH_PYTHON:-}" python3 "${PYENV_ROOT:-$HOME/.pyenv}/shims/python3" "$TOOLS_VENV/bin/python"; do
    [ -n "$py" ] && "$py" -c 'import moto.server' >/dev/null 2>&1 && return 0
  done
  return 1
}
py_need=()
has_moto || py_need+=("$MOTO_SPEC")
{ command -v cfn-lint || [ -x "$TOOLS_VENV/bin/cfn-lint" ]; } >/dev/null 2>&1 || py_need+=("$CFN_LINT_SPEC")
# A venv needs Debian's python3-venv (and pip in it) when python3 is Debian's own.
if [ "${#py_need[@]}" -gt 0 ] && [ ! -x "$TOOLS_VENV/bin/python" ] && ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
  need+=(python3-venv)
fi

install_python_tools() {
  [ "${#py_need[@]}" -eq 0 ] && return 0
  local cmd="python3 -m venv '$TOOLS_VENV' && '$TOOLS_VENV/bin/pip' install"
  local spec
  for spec in "${py_need[@]}"; do cmd+=" '$spec'"; done
  echo "install-deps: installing ${py_need[*]} into $TOOLS_VENV" >&2
  if ! { [ -x "$TOOLS_VENV/bin/python" ] || python3 -m venv "$TOOLS_VENV"; } >&2; then
    echo "install-deps: cannot create the venv $TOOLS_VENV; run: $cmd" >&2
    exit 1
  fi
  # Short timeouts: where no package index is reachable, say so now rather than after minutes.
  if ! "$TOOLS_VENV/bin/pip" install --quiet --timeout 20 --retries 1 "${py_need[@]}" >&2; then
    echo "install-deps: could not install ${py_need[*]}: no Python package index reachable from here?" >&2
    echo "install-deps: on a machine that reaches one (or with PIP_INDEX_URL set), run:" >&2
    echo "  $cmd" >&2
    exit 1
  fi
}

if [ "${#need[@]}" -eq 0 ]; then
  install_python_tools
  exit 0
fi

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
install_python_tools
