#!/usr/bin/env bash
# Resolves Kafka, Kafka Connect and Debezium's PostgreSQL connector from Maven Central (no tarballs,
# no Docker) into infra/kafka/{broker,debezium}/target. Idempotent: does nothing when present.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v java >/dev/null || ! command -v mvn >/dev/null; then
  echo "kafka: installing Java 17 and Maven from Debian" >&2
  apt-get install -y -q openjdk-17-jre-headless maven >/dev/null
fi
for part in broker debezium; do
  marker="$here/$part/target/.resolved"
  if [ ! -f "$marker" ] || [ "$here/$part/pom.xml" -nt "$marker" ]; then
    echo "kafka: resolving $part from Maven Central…" >&2
    (cd "$here/$part" && mvn -q -B package)
    touch "$marker"
  fi
done
echo "kafka: $(ls "$here/broker/target/lib" | wc -l) runtime jars, $(ls "$here/debezium/target/plugin/debezium-connector-postgres" | wc -l) Debezium plugin jars" >&2
