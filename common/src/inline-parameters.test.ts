import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TupleParam } from '@clickhouse/client';
import { inlineParameters, ParameterValueError, stringLiteral } from './inline-parameters.js';

test('each placeholder becomes a cast of its literal, as ClickHouse substitutes a bound parameter', () => {
  assert.equal(
    inlineParameters('select * from t where day between {from:Date32} and {to:Date32} and id in {ids:Array(Int64)}',
      { from: '2025-01-01', to: '2025-12-31', ids: [1, 2, 3] }),
    "select * from t where day between _CAST('2025-01-01', 'Date32') and _CAST('2025-12-31', 'Date32') and id in _CAST([1, 2, 3], 'Array(Int64)')",
  );
  assert.equal(inlineParameters('select {x:Nullable(String)}, {b:Bool}, {n:UInt64}', { x: null, b: true, n: 18_000_000_000_000_000_000n }),
    "select _CAST(NULL, 'Nullable(String)'), _CAST(true, 'Bool'), _CAST(18000000000000000000, 'UInt64')");
  assert.equal(inlineParameters("select {at:DateTime64(3, 'UTC')}", { at: '2025-01-01 00:00:00.000' }),
    "select _CAST('2025-01-01 00:00:00.000', 'DateTime64(3, \\'UTC\\')')");
  assert.equal(inlineParameters('select {e:Array(Int64)}', { e: [] }), "select _CAST([], 'Array(Int64)')");
  assert.equal(inlineParameters('select {keys:Array(Tuple(String, Date32))}', { keys: [new TupleParam(['month', '2025-01-01']), new TupleParam(["it's", '2025-01-02'])] }),
    "select _CAST([tuple('month', '2025-01-01'), tuple('it\\'s', '2025-01-02')], 'Array(Tuple(String, Date32))')");
  assert.equal(inlineParameters('select {one:Tuple(Int64)}', { one: new TupleParam([1]) }), "select _CAST(tuple(1), 'Tuple(Int64)')");
});

test('an identifier is written bare, and only a plain one is accepted', () => {
  assert.equal(inlineParameters('select 1 from analytics.{daily:Identifier} final', { daily: 'agg_agency_daily' }),
    'select 1 from analytics.agg_agency_daily final');
  for (const bad of ['agg; drop table x', 'a.b', '`x`', '', 7]) {
    assert.throws(() => inlineParameters('select 1 from {t:Identifier}', { t: bad }), ParameterValueError);
  }
});

test('a string value never leaves its quotes', () => {
  assert.equal(stringLiteral("x' or 1 = 1 --"), "'x\\' or 1 = 1 --'");
  assert.equal(stringLiteral('a\\'), "'a\\\\'");
  assert.equal(stringLiteral('line\nnext\r\t\0'), "'line\\nnext\\r\\t\\0'");
  // No raw line break ever reaches the SQL, so a value cannot end a `--` comment.
  assert.doesNotMatch(inlineParameters('select {s:String}', { s: 'a\nb\rc' })!, /[\n\r]/);
});

test('placeholders in strings, quoted identifiers and comments are left as they are', () => {
  const sql = [
    "select '{s:String}' as a, {s:String} as b, `{s:String}` as c, \"{s:String}\" as d -- {s:String}",
    "/* {s:String} */ , 'it''s {s:String}' as e, 'back\\\\' as f, {s:String} as g",
  ].join('\n');
  assert.equal(inlineParameters(sql, { s: '*/ drop table t /*' }), [
    "select '{s:String}' as a, _CAST('*/ drop table t /*', 'String') as b, `{s:String}` as c, \"{s:String}\" as d -- {s:String}",
    "/* {s:String} */ , 'it''s {s:String}' as e, 'back\\\\' as f, _CAST('*/ drop table t /*', 'String') as g",
  ].join('\n'));
});

test('a placeholder without a value leaves the query to the engine, and a value it cannot write is refused', () => {
  assert.equal(inlineParameters('select {a:UInt8}, {b:UInt8}', { a: 1 }), undefined);
  assert.equal(inlineParameters('select {a:UInt8}', {}), undefined);
  assert.equal(inlineParameters('select 1', { unused: 1 }), 'select 1');
  assert.throws(() => inlineParameters('select {x:Float64}', { x: Number.NaN }), ParameterValueError);
  assert.throws(() => inlineParameters('select {x:Int64}', { x: 2 ** 60 }), ParameterValueError);
  assert.throws(() => inlineParameters('select {x:DateTime}', { x: new Date() }), ParameterValueError);
  assert.throws(() => inlineParameters('select {x:String}', { x: { a: 1 } }), ParameterValueError);
});
