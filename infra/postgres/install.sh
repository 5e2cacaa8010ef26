#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when it is missing. The Debian default cluster is not
# used: tests and demos start their own clusters (test/support/postgres.ts, start-local.sh).
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "PostgreSQL present: $(ls -d /usr/lib/postgresql/*/bin | head -1)"
  exit 0
fi
if [ "$(id -u)" != "0" ]; then
  echo "PostgreSQL is not installed; run as root: apt-get update && apt-get install -y postgresql" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q postgresql postgresql-contrib
# Keep the package's own cluster from holding port 5432 and memory; ours are started on demand.
if command -v pg_ctlcluster >/dev/null 2>&1; then
  for cluster in $(ls /etc/postgresql/*/ 2>/dev/null); do
    pg_ctlcluster "$(ls /etc/postgresql | head -1)" "$cluster" stop 2>/dev/null || true
  done
fi
echo "PostgreSQL installed: $(ls -d /usr/lib/postgresql/*/bin | head -1)"
