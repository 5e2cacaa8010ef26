// The deployment files cannot run here (no Docker engine, no cluster); they are checked against
// what the tests do run: the same Kafka and Debezium versions as the jars from Maven Central, the
// same ClickHouse major version as chDB, the connector file the tests register, and a cluster DDL
// that is exactly what the generator makes of the migrations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { clusterDdl } from '../infra/clickhouse/cluster-ddl.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const pomVersion = (file: string, property: string) => new RegExp(`<${property}>([^<]+)</${property}>`).exec(read(file))![1]!;

function images(): string[] {
  const compose = parse(read('infra/deploy/docker-compose.yml')) as { services: Record<string, { image?: string }> };
  const fromCompose = Object.values(compose.services).map((s) => s.image).filter((i): i is string => Boolean(i));
  const fromK8s = ['kafka', 'connect', 'clickhouse', 'app'].flatMap((name) =>
    [...read(`infra/deploy/k8s/${name}.yaml`).matchAll(/image: (\S+)/g)].map((m) => m[1]!));
  return [...fromCompose, ...fromK8s];
}

test('deployment images carry the versions the tests run', () => {
  const kafka = pomVersion('infra/kafka/broker/pom.xml', 'kafka.version');
  const debezium = pomVersion('infra/kafka/debezium/pom.xml', 'debezium.version');
  const all = images();
  for (const image of all.filter((i) => i.startsWith('apache/kafka:'))) assert.equal(image, `apache/kafka:${kafka}`);
  for (const image of all.filter((i) => i.includes('debezium/connect:'))) assert.equal(image, `quay.io/debezium/connect:${debezium}`);
  const chdb = JSON.parse(read('node_modules/chdb/package.json')) as { version: string };
  const clickhouse = all.filter((i) => i.startsWith('clickhouse/clickhouse-server:'));
  assert.ok(clickhouse.length >= 2 && all.some((i) => i.startsWith('apache/kafka:')) && all.some((i) => i.includes('debezium/connect:')));
  // chdb 3.4 embeds ClickHouse 26.7 (cdc-notes.md): the server runs the same SQL dialect.
  assert.equal(chdb.version.split('.')[0], '3');
  for (const image of clickhouse) assert.equal(image, 'clickhouse/clickhouse-server:26.7');
});

test('Kubernetes registers the very connector file the tests register', () => {
  const kustomization = parse(read('infra/deploy/k8s/kustomization.yaml')) as { configMapGenerator: { name: string; files: string[] }[] };
  const connector = kustomization.configMapGenerator.find((g) => g.name === 'debezium-connector')!;
  assert.deepEqual(connector.files, ['debezium-eoffice.json=../../kafka/debezium-eoffice.json']);
  assert.match(read('infra/deploy/docker-compose.yml'), /bin\/cdc\.ts", "register"/);
});

test('the cluster DDL is what the generator makes of the migrations', () => {
  const ddl = clusterDdl();
  assert.equal(read('infra/clickhouse/cluster.sql'), ddl, 'run: npx tsx infra/clickhouse/cluster-ddl.ts > infra/clickhouse/cluster.sql');
  const tables = [...read('ingest/migrations/0001_raw_tables.sql').matchAll(/create table if not exists eoffice_raw\.(\w+)/g)].map((m) => m[1]!);
  assert.ok(tables.length >= 15);
  for (const table of tables) {
    assert.match(ddl, new RegExp(`engine = Replicated\\w*MergeTree\\('/clickhouse/tables/\\{shard\\}/eoffice_raw/${table}'`));
    assert.match(ddl, new RegExp(`create table if not exists eoffice_raw\\.${table}_all on cluster`));
  }
});
