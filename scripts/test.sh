#!/usr/bin/env bash
# THE test command: installs missing system packages, then runs unit tests and the *IT integration
# tests (real PostgreSQL and Redis on loopback). Extra arguments go to Maven, e.g. -o or -Dit.test=RedisPairIT.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
exec mvn -B verify "$@"
