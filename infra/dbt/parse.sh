#!/usr/bin/env bash
# Installs dbt-core and dbt-clickhouse in a virtualenv (.venv/dbt) and checks that dbt accepts the
# project: `dbt parse` resolves every ref, source, config, test, macro and hook. Then the manifest is
# read: dbt would build every model and seed in `analytics` (what the API reads; the project's
# generate_schema_name), and its run hooks write the build log behind data_as_of.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv/dbt"
if [ ! -x "$venv/bin/dbt" ]; then
  python3 -m venv "$venv" 2>/dev/null || { apt-get install -y -q python3-venv && python3 -m venv "$venv"; }
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$root/infra/dbt/requirements.txt"
fi
cd "$root/dbt"
DBT_PROFILES_DIR="$root/dbt" "$venv/bin/dbt" parse --project-dir "$root/dbt" --profiles-dir "$root/dbt" --no-partial-parse
python3 - "$root/dbt/target/manifest.json" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
nodes = [n for n in manifest['nodes'].values() if n['resource_type'] in ('model', 'seed')]
wrong = sorted(f"{n['name']} → {n['schema']}" for n in nodes if n['schema'] != 'analytics')
if wrong:
    sys.exit('dbt would build outside analytics: ' + ', '.join(wrong))
hooks = sorted(n['name'] for n in manifest['nodes'].values() if n['resource_type'] == 'operation')
if not any('on-run-start' in h for h in hooks) or not any('on-run-end' in h for h in hooks):
    sys.exit(f'the build-log hooks are missing: {hooks}')
# Incremental models as the in-process runner builds them: dbt-clickhouse's append strategy, no unique_key.
incremental = [n for n in nodes if n['config'].get('materialized') == 'incremental']
odd = sorted(n['name'] for n in incremental if n['config'].get('incremental_strategy') != 'append' or n['config'].get('unique_key'))
if odd:
    sys.exit('incremental models the runner would build otherwise than dbt-clickhouse: ' + ', '.join(odd))
print(f'dbt manifest: {len(nodes)} models and seeds in analytics ({len(incremental)} incremental, append); hooks {", ".join(hooks)}')
PY
echo "dbt parse: ok"
