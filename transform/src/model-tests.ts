// Runs the dbt project's data tests in-process: the generic tests declared in the _models.yml files
// (unique, not_null, accepted_values, relationships) and the singular tests in dbt/tests/*.sql
// (a query that returns the failing rows).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { stringLiteral, type Warehouse } from '@vanban/common';
import { dbtDir, modelsDatabase, renderModel } from './project.js';

export interface ModelTestResult { name: string; failures: number }

type GenericTest = string | { [name: string]: { values?: string[]; to?: string; field?: string; arguments?: { values?: string[]; to?: string; field?: string } } };
interface ColumnSpec { name: string; tests?: GenericTest[]; data_tests?: GenericTest[] }
interface ModelSpec { name: string; columns?: ColumnSpec[] }

function ymlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ymlFiles(full);
    return entry.name.endsWith('.yml') ? [full] : [];
  });
}

function genericTestSql(model: string, column: string, test: GenericTest): { name: string; sql: string } {
  const table = `${modelsDatabase}.${model}`;
  if (test === 'unique') return { name: `unique_${model}_${column}`, sql: `select ${column} from ${table} group by ${column} having count() > 1` };
  if (test === 'not_null') return { name: `not_null_${model}_${column}`, sql: `select 1 from ${table} where ${column} is null` };
  if (typeof test === 'object') {
    const [kind, rawArgs] = Object.entries(test)[0]!;
    const args = { ...rawArgs, ...rawArgs.arguments };
    if (kind === 'accepted_values' && args.values) {
      return { name: `accepted_values_${model}_${column}`, sql: `select ${column} from ${table} where ${column} not in (${args.values.map(stringLiteral).join(', ')})` };
    }
    if (kind === 'relationships' && args.to && args.field) {
      const target = /ref\('(\w+)'\)/.exec(args.to)?.[1];
      if (!target) throw new Error(`relationships test on ${model}.${column}: "to" must be ref('model')`);
      return {
        name: `relationships_${model}_${column}__${target}`,
        sql: `select ${column} from ${table} where ${column} is not null and ${column} not in (select ${args.field} from ${modelsDatabase}.${target})`,
      };
    }
  }
  throw new Error(`unsupported test ${JSON.stringify(test)} on ${model}.${column}`);
}

export function declaredTests(): { name: string; sql: string }[] {
  const tests: { name: string; sql: string }[] = [];
  for (const file of ymlFiles(path.join(dbtDir, 'models'))) {
    const doc = parse(readFileSync(file, 'utf8')) as { models?: ModelSpec[] } | null;
    for (const model of doc?.models ?? []) {
      for (const column of model.columns ?? []) {
        for (const test of [...(column.tests ?? []), ...(column.data_tests ?? [])]) tests.push(genericTestSql(model.name, column.name, test));
      }
    }
  }
  const singularDir = path.join(dbtDir, 'tests');
  for (const file of readdirSync(singularDir).filter((f) => f.endsWith('.sql'))) {
    const name = path.basename(file, '.sql');
    tests.push({ name, sql: renderModel(name, path.join(singularDir, file), readFileSync(path.join(singularDir, file), 'utf8')).sql });
  }
  return tests;
}

export async function runModelTests(client: Warehouse): Promise<ModelTestResult[]> {
  const results: ModelTestResult[] = [];
  for (const test of declaredTests()) {
    const result = await client.query({ query: `select count() as failures from (${test.sql})`, format: 'JSONEachRow', query_id: `dbt-test-${test.name}-${Date.now()}` });
    const [row] = await result.json<{ failures: number | string }>();
    results.push({ name: test.name, failures: Number(row?.failures ?? 0) });
  }
  return results;
}
