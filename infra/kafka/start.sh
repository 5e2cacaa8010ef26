#!/usr/bin/env bash
# Starts a single-node Kafka (KRaft) and one Kafka Connect worker on 127.0.0.1, with their data,
# logs and pids under $CDC_DIR (default .data/cdc). Waits until both answer. Idempotent.
#   KAFKA_PORT (19092), CONTROLLER_PORT (19093), CONNECT_PORT (18083)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
CDC_DIR="${CDC_DIR:-$root/.data/cdc}"
KAFKA_PORT="${KAFKA_PORT:-19092}"
CONTROLLER_PORT="${CONTROLLER_PORT:-19093}"
CONNECT_PORT="${CONNECT_PORT:-18083}"
mkdir -p "$CDC_DIR"
CDC_DIR="$(cd "$CDC_DIR" && pwd)"
"$here/install.sh"

render() { # template → file, with the ports and paths filled in
  sed -e "s#@DATA@#$CDC_DIR#g" -e "s#@KAFKA_PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" \
      -e "s#@CONNECT_PORT@#$CONNECT_PORT#g" -e "s#@PLUGIN_PATH@#$here/debezium/target/plugin#g" "$1" > "$2"
}
render "$here/server.properties" "$CDC_DIR/server.properties"
render "$here/connect.properties" "$CDC_DIR/connect.properties"

alive() { [ -f "$CDC_DIR/$1.pid" ] && kill -0 "$(cat "$CDC_DIR/$1.pid")" 2>/dev/null; }
java_run() { # name heap main-class args…
  local name="$1" heap="$2"; shift 2
  nohup java "-Xmx$heap" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$here/log4j2.properties" -Dvanban.logFile="$CDC_DIR/$name.log" \
    -cp "$here/broker/target/lib/*" "$@" > "$CDC_DIR/$name.out" 2>&1 &
  echo $! > "$CDC_DIR/$name.pid"
}
wait_for() { # name description command…  (fails at once if our process died: a port taken by
  local name="$1" what="$2"; shift 2 # another server would otherwise answer in its place)
  for _ in $(seq 1 120); do
    alive "$name" || { echo "cdc: $what exited; see $CDC_DIR/$name.out and $name.log" >&2; return 1; }
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "cdc: $what did not come up; see $CDC_DIR/$name.log and $name.out" >&2; return 1
}

if ! alive kafka; then
  if [ ! -f "$CDC_DIR/kafka-logs/meta.properties" ]; then
    java -cp "$here/broker/target/lib/*" -Dlog4j2.configurationFile="$here/log4j2.properties" -Dvanban.logFile="$CDC_DIR/format.log" \
      kafka.tools.StorageTool format --standalone -t "$(java -cp "$here/broker/target/lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$CDC_DIR/server.properties" --ignore-formatted >/dev/null
  fi
  echo "cdc: starting Kafka on 127.0.0.1:$KAFKA_PORT" >&2
  java_run kafka 1g kafka.Kafka "$CDC_DIR/server.properties"
fi
wait_for kafka "Kafka" bash -c "exec 3<>/dev/tcp/127.0.0.1/$KAFKA_PORT"

if ! alive connect; then
  echo "cdc: starting Kafka Connect on 127.0.0.1:$CONNECT_PORT" >&2
  java_run connect 1500m org.apache.kafka.connect.cli.ConnectDistributed "$CDC_DIR/connect.properties"
fi
wait_for connect "Kafka Connect" curl -sf "http://127.0.0.1:$CONNECT_PORT/connector-plugins"
echo "cdc: Kafka 127.0.0.1:$KAFKA_PORT, Connect http://127.0.0.1:$CONNECT_PORT (data in $CDC_DIR)" >&2
