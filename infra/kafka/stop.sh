#!/usr/bin/env bash
# Stops the Connect worker, then Kafka (graceful first, then forced), started by start.sh.
# With arguments, stops only those: stop.sh connect | stop.sh kafka (start.sh brings them back).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
CDC_DIR="${CDC_DIR:-$root/.data/cdc}"
names=("$@"); [ ${#names[@]} -gt 0 ] || names=(connect kafka)
for name in "${names[@]}"; do
  pidfile="$CDC_DIR/$name.pid"
  [ -f "$pidfile" ] || continue
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
done
echo "cdc: stopped" >&2
