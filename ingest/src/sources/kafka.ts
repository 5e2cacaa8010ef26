// Kafka source: a kafkajs consumer group on Debezium's topics. Each fetched batch is decoded and
// written to ClickHouse, and only then are its offsets committed, so a crash at any point replays
// the uncommitted messages; the idempotent raw tables make the effect exactly once. While ClickHouse
// refuses writes the batch is retried with back-off and the partition waits (back-pressure).
import { Kafka, logLevel, type Consumer, type EachBatchPayload, type Producer } from 'kafkajs';
import type { Warehouse } from '@vanban/common';
import { sourceTables } from '../source-tables.js';
import type { ChangeMessage } from '../debezium/envelope.js';
import { BatchBuilder } from '../writers/batch-builder.js';
import { writeBatch, type BatchResult } from '../writers/raw-writer.js';
import { sourceGuard, type DocumentGuard } from '../writers/document-guard.js';

export interface KafkaSourceOptions {
  brokers: string[];
  /**
   * The e-office PostgreSQL, read-only: the ingest asks it whether a child row's document is secret
   * (writers/document-guard.ts). Each table has its own topic, so a child may come before its
   * document: the stream alone cannot tell.
   */
  databaseUrl: string;
  /** Consumer group; its committed offsets are the ingest's position. */
  groupId?: string;
  /** Debezium's topic.prefix: topics are `<prefix>.eoffice.<table>`; default `eoffice`. */
  topicPrefix?: string;
  /** Bytes fetched per partition per request: larger batches, fewer inserts. */
  maxBytesPerPartition?: number;
  /** Partitions (tables) written at the same time; default 4. */
  concurrentPartitions?: number;
  onBatch?: (batch: BatchResult & { topic: string; partition: number; lag: number }) => void | Promise<void>;
  log?: (line: string) => void;
}

export interface KafkaIngest {
  consumer: Consumer;
  stop(): Promise<void>;
}

export async function startKafkaIngest(client: Warehouse, options: KafkaSourceOptions): Promise<KafkaIngest> {
  const kafka = new Kafka({ clientId: 'vanban-ingest', brokers: options.brokers, logLevel: logLevel.WARN });
  const consumer = kafka.consumer({
    groupId: options.groupId ?? 'vanban-ingest',
    maxBytesPerPartition: options.maxBytesPerPartition ?? 16 * 1024 * 1024,
    maxBytes: 64 * 1024 * 1024,
    maxWaitTimeInMs: 100,
    // A write can take a while (retries while ClickHouse is down): heartbeats keep the membership.
    sessionTimeout: 60_000,
    heartbeatInterval: 3_000,
  });
  // Every table's topic, created up front: a subscription only sees topics that exist when it
  // starts (kafkajs does not re-match a pattern), and Debezium creates a topic at its first event.
  const topics = Object.keys(sourceTables).map((table) => `${options.topicPrefix ?? 'eoffice'}.eoffice.${table}`);
  const deadLetterTopic = `${options.topicPrefix ?? 'eoffice'}.dead-letter`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [...topics, deadLetterTopic].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  const guard = sourceGuard(options.databaseUrl);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    // Each topic is one table: batches of different tables are written side by side (ClickHouse
    // takes concurrent inserts), while one partition's batches stay in order.
    partitionsConsumedConcurrently: options.concurrentPartitions ?? 4,
    eachBatch: async (payload) => ingestBatch(client, payload, options, guard, { producer, topic: deadLetterTopic }),
  });
  return {
    consumer,
    async stop() {
      await consumer.disconnect();
      await producer.disconnect();
      await guard.close();
    },
  };
}

async function ingestBatch(client: Warehouse, payload: EachBatchPayload, options: KafkaSourceOptions, guard: DocumentGuard, deadLetters: { producer: Producer; topic: string }): Promise<void> {
  const { batch, heartbeat, resolveOffset, commitOffsetsIfNecessary, isRunning, isStale } = payload;
  if (batch.messages.length === 0 || !isRunning() || isStale()) return;
  const builder = new BatchBuilder({ behindRowFilter: true });
  for (const message of batch.messages) {
    const change: ChangeMessage = {
      source: batch.topic,
      position: `${batch.partition}:${message.offset}`,
      key: message.key?.toString('utf8') ?? null,
      value: message.value === null ? null : message.value.toString('utf8'),
    };
    builder.add(change);
  }
  const prepared = builder.take()!;
  // Retries inside writeBatch; if ClickHouse stays down the error ends this run and kafkajs restarts
  // the consumer from the committed offset: nothing is skipped.
  const heartbeats = setInterval(() => void heartbeat().catch(() => undefined), 3_000);
  let result: BatchResult;
  try {
    result = await writeBatch(client, prepared, { source: 'kafka', guard, onDeadLetter: (l) => options.log?.(`dead letter at ${l.source} ${l.position}: ${l.reason}`) });
  } finally {
    clearInterval(heartbeats);
  }
  // Dead letters also go to a topic, with the reason in a header, for tools that watch Kafka. Sent
  // before the commit: a failure replays the batch (a dead letter may then appear twice, data never).
  if (prepared.deadLetters.length > 0) {
    await deadLetters.producer.send({
      topic: deadLetters.topic,
      messages: prepared.deadLetters.map((letter) => ({
        key: letter.position,
        value: letter.payload,
        headers: { reason: letter.reason, 'source-topic': letter.source },
      })),
    });
  }
  const last = batch.lastOffset();
  resolveOffset(last);
  await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }] });
  await options.onBatch?.({ ...result, topic: batch.topic, partition: batch.partition, lag: Number(BigInt(batch.highWatermark) - BigInt(last) - 1n) });
}
