#!/usr/bin/env bash
# Installs dbt-core and dbt-clickhouse in a virtualenv (.venv/dbt) and checks that dbt accepts the
# project: `dbt parse` resolves every ref, source, config and test.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv/dbt"
if [ ! -x "$venv/bin/dbt" ]; then
  python3 -m venv "$venv" 2>/dev/null || { apt-get install -y -q python3-venv && python3 -m venv "$venv"; }
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$root/infra/dbt/requirements.txt"
fi
cd "$root/dbt"
DBT_PROFILES_DIR="$root/dbt" "$venv/bin/dbt" parse --project-dir "$root/dbt" --profiles-dir "$root/dbt" --no-partial-parse
echo "dbt parse: ok"
