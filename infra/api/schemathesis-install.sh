#!/usr/bin/env bash
# Installs schemathesis (PyPI) in a virtualenv (.venv/schemathesis) for the API's property-based
# contract test (test/api/schemathesis.integration.test.ts), which runs it against the OpenAPI document.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
venv="$root/.venv/schemathesis"
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv" 2>/dev/null || { apt-get install -y -q python3-venv && python3 -m venv "$venv"; }
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$root/infra/api/requirements-schemathesis.txt"
fi
"$venv/bin/schemathesis" --version
