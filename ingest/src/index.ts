export * from './source-tables.js';
export { migrateRaw } from './migrate.js';
export { ingestMessages, debeziumMessages, type IngestOptions, type IngestTotals } from './pipeline.js';
export { RawWriter, writeBatch, type BatchResult } from './writers/raw-writer.js';
export { BatchBuilder, type PreparedBatch } from './writers/batch-builder.js';
export { decodeMessage, type DecodeOutcome } from './debezium/decode.js';
export { encodeTransaction, LsnClock } from './debezium/encode.js';
export { topicFor, type ChangeMessage, type DebeziumEnvelope } from './debezium/envelope.js';
