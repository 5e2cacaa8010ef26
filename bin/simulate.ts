// `npm run simulate`: the simulated Hanoi e-office history, into PostgreSQL (--database-url) as real
// transactions (or, with --bulk, as its final state by COPY), or as the change events Debezium's
// PostgreSQL connector would publish: one JSON line per Kafka record {topic, key, value}
// (--out FILE, default stdout). --edge-cases adds the structures that broke shortcuts (a unit moved
// and renamed, an agency without a parent, a chain five deep, a succession entered in advance,
// documents before 2000: ingest/src/simulator/edge-cases.ts).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs, progress } from '@vanban/common';
import { debeziumMessages } from '@vanban/ingest';
import { bulkLoadPostgres, estimateChanges, simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { localToday } from '@vanban/api';

async function main() {
  const flags = parseArgs(process.argv.slice(2), { seed: 'string', scale: 'string', until: 'string', 'database-url': 'string', out: 'string', bulk: 'boolean', 'edge-cases': 'boolean' });
  const options = {
    seed: Number(flags['seed'] ?? 222),
    scale: Number(flags['scale'] ?? 0.003),
    // Default: the last complete day, as npm start does.
    until: String(flags['until'] ?? new Date(Date.parse(`${localToday()}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)),
    edgeCases: Boolean(flags['edge-cases']),
  };
  if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
  if (!(options.scale > 0)) throw new Error('--scale must be a positive number');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.until) || options.until < '2022-01-01') throw new Error('--until must be a date YYYY-MM-DD from 2022-01-01');
  const bar = progress('simulate', estimateChanges(options), 'changes', 2000);
  const url = flags['database-url'];
  if (typeof url === 'string' && flags['bulk']) {
    const totals = await bulkLoadPostgres(url, simulate(options), { onProgress: (changes) => bar.add(changes) });
    bar.finish();
    console.error(`folded ${totals.changes.toLocaleString('en')} changes into ${totals.rows.toLocaleString('en')} rows, copied into PostgreSQL`);
    return;
  }
  if (typeof url === 'string') {
    const totals = await writeToPostgres(url, simulate(options), { onProgress: (_tx, changes) => bar.add(changes) });
    bar.finish();
    console.error(`wrote ${totals.transactions.toLocaleString('en')} transactions (${totals.changes.toLocaleString('en')} changes) into PostgreSQL`);
    return;
  }
  const out = typeof flags['out'] === 'string' ? createWriteStream(flags['out']) : process.stdout;
  for await (const message of debeziumMessages(simulate(options))) {
    // key and value are the converter's JSON text; kept as JSON here so each line is one document.
    const line = `{"topic":${JSON.stringify(message.source)},"key":${message.key ?? 'null'},"value":${message.value ?? 'null'}}\n`;
    if (!out.write(line)) await once(out, 'drain');
    if (message.value !== null) bar.add(1);
  }
  bar.finish();
  if (out !== process.stdout) out.end();
}

main().catch((error: unknown) => {
  console.error(`simulate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
