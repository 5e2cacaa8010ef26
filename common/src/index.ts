export { loadConfig, configSchema, type AppConfig, type ConfigOverrides } from './config.js';
export { connectWarehouse, closeWarehouse, queryRows, TupleParam, type Warehouse } from './clickhouse.js';
export { readSql, splitStatements } from './sql-files.js';
export { stringLiteral } from './inline-parameters.js';
export { createLogger, progress, type Logger } from './log.js';
export { parseArgs, type ArgSpec } from './args.js';
export { answerWithBytes, bytesOnWorker, startWorker } from './worker-thread.js';
