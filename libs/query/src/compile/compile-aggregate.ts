import { invalidQuery } from '@atrium/core';
import type { CollectionOverview, FieldOverview } from '@atrium/schema';
import type { AggregateFunction, CompiledQuery, Query } from '../query-types';
import { computeLimit } from '../validate/compute-limit';
import { callOutputKey, parseFunctionCall } from '../validate/parse-function';
import type { ReadScope } from '../validate/read-scope';
import type { ValueExpr } from '../validate/resolved-types';
import { and } from '../validate/combine-filters';
import { resolveFilter } from '../validate/resolve-filter';
import { resolveSearch } from '../validate/resolve-search';
import { comparable } from '../validate/concealed';
import { resolveScalar } from '../validate/resolve-value';
import { compileFilter, compileValue } from './compile-expression';
import { outputExpression } from './output-expression';
import { integerLiteral, jsonObject, SqlBuilder, table } from './sql-builder';

const SQL_AGGREGATES: Record<Exclude<AggregateFunction, 'countAll'>, (expr: string) => string> = {
  count: (expr) => `count(${expr})`,
  countDistinct: (expr) => `count(DISTINCT ${expr})`,
  sum: (expr) => `sum(${expr})`,
  sumDistinct: (expr) => `sum(DISTINCT ${expr})`,
  avg: (expr) => `avg(${expr})`,
  avgDistinct: (expr) => `avg(DISTINCT ${expr})`,
  min: (expr) => `min(${expr})`,
  max: (expr) => `max(${expr})`,
};
const NUMERIC = new Set(['integer', 'bigInteger', 'float', 'decimal']);
const NEEDS_NUMBER = new Set<AggregateFunction>(['sum', 'sumDistinct', 'avg', 'avgDistinct']);

/** Column types whose sum and average PostgreSQL computes in floating point (real, double precision). */
const FLOAT_COLUMNS = new Set(['real', 'float4', 'double precision', 'float8']);

/**
 * An aggregate's JSON value, typed as node-postgres hands it to Directus: bigint and numeric results
 * (every count; sums and averages of integers and decimals) are strings, floating-point sums and averages
 * numbers, min and max the column's own output. The cast happens here because PostgreSQL writes the JSON.
 */
function aggregateOutput(
  name: Exclude<AggregateFunction, 'countAll'>,
  aggregated: string,
  field: FieldOverview,
) {
  if (name === 'min' || name === 'max') return outputExpression(aggregated, field);
  const floating = FLOAT_COLUMNS.has(field.schema?.data_type ?? '') || field.type === 'float';
  return NEEDS_NUMBER.has(name) && floating ? `to_json(${aggregated})` : `${aggregated}::text`;
}

function groupValue(scope: ReadScope, collection: CollectionOverview, key: string): ValueExpr {
  const value = comparable(resolveScalar(scope, collection, key, 'group'));
  if (value.kind === 'count') throw invalidQuery('groupBy takes fields and date functions.');
  return value;
}

/**
 * `aggregate` (+ `groupBy`) → one statement whose `data` is the rows Directus returns: the group columns and
 * `{count: n}` for `count=*`, `{<fn>: {<field>: value}}` otherwise. Inputs are computed in an inner select
 * (row filter ∧ filter ∧ search) and grouped outside it, so every expression is written once.
 */
export function compileAggregate(
  scope: ReadScope,
  collection: CollectionOverview,
  query: Query,
): CompiledQuery {
  const sql = new SqlBuilder();
  const alias = sql.alias();
  const inner: string[] = [];
  const groups = (query.groupBy ?? []).map((key, index) => {
    const value = groupValue(scope, collection, key);
    inner.push(`${compileValue(value, alias, sql)} AS g${index}`);
    const call = parseFunctionCall(key);
    const outKey = call ? callOutputKey(call) : key;
    const out =
      value.kind === 'column' ? outputExpression(`s.g${index}`, value.field) : `to_json(s.g${index})`;
    return { key, outKey, ref: `s.g${index}`, out };
  });
  const pairs: Array<readonly [string, string]> = groups.map((group) => [group.outKey, group.out] as const);
  let inputs = 0;
  for (const [name, fields] of Object.entries(query.aggregate ?? {}) as Array<
    [AggregateFunction, string[]]
  >) {
    if (name === 'countAll') {
      pairs.push(['countAll', 'count(*)::text']);
      continue;
    }
    if (fields.includes('*')) {
      if (name !== 'count' || fields.length > 1) throw invalidQuery(`"aggregate[${name}]" can't take "*".`);
      pairs.push(['count', 'count(*)::text']);
      continue;
    }
    const members = fields.map((field) => {
      const value = comparable(resolveScalar(scope, collection, field, 'aggregate'));
      if (value.kind !== 'column') throw invalidQuery(`"aggregate[${name}]" takes plain fields.`);
      if (NEEDS_NUMBER.has(name) && !NUMERIC.has(value.field.type)) {
        throw invalidQuery(`"${name}" needs a numeric field, "${field}" is not.`);
      }
      const ref = `s.a${inputs}`;
      inner.push(`${compileValue(value, alias, sql)} AS a${inputs++}`);
      return [field, aggregateOutput(name, SQL_AGGREGATES[name](ref), value.field)] as const;
    });
    pairs.push([name, jsonObject(members, sql)]);
  }
  if (pairs.length === 0) throw invalidQuery('"groupBy" needs "aggregate".');

  const filter = query.filter ? resolveFilter(scope, collection, query.filter) : null;
  const search = query.search ? resolveSearch(scope, collection, query.search) : null;
  const where = and(scope.rowFilter(collection), filter, search);
  const whereSql = where ? ` WHERE ${compileFilter(where, alias, sql)}` : '';
  const source = `(SELECT ${inner.length ? inner.join(', ') : '1 AS one'} FROM ${table(collection.collection)} AS ${alias}${whereSql}) AS s`;

  const order = (query.sort ?? query.groupBy ?? []).map((item) => {
    const desc = item.startsWith('-');
    const name = desc ? item.slice(1) : item;
    const group = groups.find((candidate) => candidate.key === name || candidate.outKey === name);
    let expr: string;
    if (group) expr = group.ref;
    else if (name === 'count' && query.aggregate?.count?.includes('*')) expr = 'count(*)';
    else throw invalidQuery(`Can't sort by "${name}" when aggregating: sort by a groupBy field.`);
    return `${expr} ${desc ? 'DESC' : 'ASC'}`;
  });
  const window = order.length ? `row_number() OVER (ORDER BY ${order.join(', ')})` : 'row_number() OVER ()';
  const { limit, offset } = computeLimit(query, scope.limits);
  const limitSql = limit >= 0 ? ` LIMIT ${integerLiteral(limit)}` : '';
  const offsetSql = offset > 0 ? ` OFFSET ${integerLiteral(offset)}` : '';
  const groupSql = groups.length ? ` GROUP BY ${groups.map((group) => group.ref).join(', ')}` : '';
  const rows = `SELECT ${jsonObject(pairs, sql)} AS j, ${window} AS n FROM ${source}${groupSql} ORDER BY n${limitSql}${offsetSql}`;
  const data = `(SELECT coalesce(json_agg(q.j ORDER BY q.n), '[]'::json) FROM (${rows}) AS q)`;
  return { text: `SELECT json_build_object('data', ${data}) AS result`, values: sql.values };
}
