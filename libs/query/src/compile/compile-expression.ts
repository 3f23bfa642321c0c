import type { FieldOverview } from '@atrium/schema';
import { operatorSql } from '../operators/operator-lookup';
import type { SqlTerms } from '../operators/operator-record';
import type { ResolvedFilter, ValueExpr } from '../validate/resolved-types';
import { valueType } from '../validate/resolve-value';
import { column, table, type SqlBuilder } from './sql-builder';

/*
 * Resolved filters and values → SQL. The two live in one file because they recurse into each other: a filter
 * compares values, and a value (a count, a field through an m2o) filters the rows it is taken from.
 */

const PARTS: Record<string, string> = {
  year: 'YEAR',
  month: 'MONTH',
  week: 'WEEK',
  day: 'DAY',
  weekday: 'DOW',
  hour: 'HOUR',
  minute: 'MINUTE',
  second: 'SECOND',
};
const TEXTUAL = new Set(['string', 'text', 'csv', 'hash']);

/** A JSON field's column as `jsonb`, for the path operators (`#>`, `#>>`) and `jsonb_typeof`. */
function jsonDocument(alias: string, field: FieldOverview): string {
  const source = column(alias, field.field);
  return field.schema?.data_type === 'jsonb' ? source : `(${source})::jsonb`;
}

/** An operator on a value of the row: bound operands take the value's type (PostgreSQL infers it). */
function compileCompare(
  filter: Extract<ResolvedFilter, { kind: 'compare' }>,
  alias: string,
  sql: SqlBuilder,
): string {
  const target = compileValue(filter.target, alias, sql);
  const textual = TEXTUAL.has(valueType(filter.target).type);
  const terms: SqlTerms = {
    value: target,
    text: textual ? target : `${target}::text`,
    empty: textual ? `(${target} IS NULL OR ${target} = '')` : `${target} IS NULL`,
    bind: (operand) => sql.param(operand),
    bindList: (operands) => sql.param(operands),
    bindText: (operand) => sql.param(operand, 'text'),
  };
  return operatorSql(filter.op)(terms, filter.value);
}

/**
 * A `_json` rule: the value at the path as text (`#>>`: a JSON string unquoted, numbers and booleans as
 * written, JSON null as SQL NULL), or as a number for ordering against numbers — only where the value is a
 * JSON number, so no cast can fail. The path is one bound `text[]`, used twice at most.
 */
function compileJsonCompare(
  filter: Extract<ResolvedFilter, { kind: 'json' }>,
  alias: string,
  sql: SqlBuilder,
): string {
  const document = jsonDocument(alias, filter.field);
  const path = sql.param(filter.path, 'text[]');
  const text = `(${document} #>> ${path})`;
  const cast = filter.numeric ? 'numeric' : 'text';
  const terms: SqlTerms = {
    value: filter.numeric
      ? `(CASE WHEN jsonb_typeof(${document} #> ${path}) = 'number' THEN ${text}::numeric END)`
      : text,
    text,
    empty: `(${text} IS NULL OR ${text} = '')`,
    bind: (operand) => sql.param(operand, cast),
    bindList: (operands) => sql.param(operands, 'text[]'),
    bindText: (operand) => sql.param(operand, 'text'),
  };
  return operatorSql(filter.op)(terms, filter.value);
}

/** A resolved filter → a boolean SQL expression on the row aliased `alias`; operands are bound. */
export function compileFilter(filter: ResolvedFilter, alias: string, sql: SqlBuilder): string {
  switch (filter.kind) {
    case 'const':
      return filter.value ? 'TRUE' : 'FALSE';
    case 'and':
    case 'or': {
      // An empty `_and`/`_or` restricts nothing, as Directus ignores it.
      if (filter.children.length === 0) return 'TRUE';
      const joiner = filter.kind === 'and' ? ' AND ' : ' OR ';
      return `(${filter.children.map((child) => compileFilter(child, alias, sql)).join(joiner)})`;
    }
    case 'compare':
      return compileCompare(filter, alias, sql);
    case 'json':
      return compileJsonCompare(filter, alias, sql);
    case 'm2o': {
      const inner = sql.alias();
      const join = `${column(inner, filter.link.targetKey.field)} = ${column(alias, filter.link.fk.field)}`;
      return `EXISTS (SELECT 1 FROM ${table(filter.link.target.collection)} AS ${inner} WHERE ${join} AND ${compileFilter(filter.child, inner, sql)})`;
    }
    case 'some':
    case 'none': {
      const inner = sql.alias();
      const join = `${column(inner, filter.link.fk.field)} = ${column(alias, filter.link.ownKey.field)}`;
      const exists = `EXISTS (SELECT 1 FROM ${table(filter.link.target.collection)} AS ${inner} WHERE ${join} AND ${compileFilter(filter.child, inner, sql)})`;
      return filter.kind === 'some' ? exists : `NOT ${exists}`;
    }
    case 'm2a': {
      const inner = sql.alias();
      const key = filter.collection.primary as string;
      const join = `${column(inner, key)}::text = ${column(alias, filter.link.item.field)}::text`;
      return `(${column(alias, filter.link.collectionField.field)} = ${sql.param(filter.collection.collection, 'text')} AND EXISTS (SELECT 1 FROM ${table(filter.collection.collection)} AS ${inner} WHERE ${join} AND ${compileFilter(filter.child, inner, sql)}))`;
    }
  }
}

/** SQL for a scalar on the row aliased `alias`: a column, a date part, an o2m count, or a value via an m2o. */
export function compileValue(value: ValueExpr, alias: string, sql: SqlBuilder): string {
  switch (value.kind) {
    case 'column':
      return column(alias, value.field.field);
    case 'date': {
      let source = column(alias, value.field.field);
      // Dates with a zone are taken in UTC, as the ISO strings the API returns.
      if (value.field.schema?.data_type.includes('with time zone') && value.field.type !== 'time') {
        source = `(${source} AT TIME ZONE 'UTC')`;
      }
      return `CAST(floor(EXTRACT(${PARTS[value.fn]} FROM ${source})) AS integer)`;
    }
    case 'json':
      return `(${jsonDocument(alias, value.field)} #> ${sql.param(value.path, 'text[]')})`;
    case 'count': {
      const inner = sql.alias();
      const where = [`${column(inner, value.link.fk.field)} = ${column(alias, value.link.ownKey.field)}`];
      if (value.rowFilter) where.push(compileFilter(value.rowFilter, inner, sql));
      return `(SELECT count(*) FROM ${table(value.link.target.collection)} AS ${inner} WHERE ${where.join(' AND ')})`;
    }
    case 'via': {
      const inner = sql.alias();
      const where = [`${column(inner, value.link.targetKey.field)} = ${column(alias, value.link.fk.field)}`];
      if (value.rowFilter) where.push(compileFilter(value.rowFilter, inner, sql));
      const expr = compileValue(value.value, inner, sql);
      return `(SELECT ${expr} FROM ${table(value.link.target.collection)} AS ${inner} WHERE ${where.join(' AND ')} LIMIT 1)`;
    }
  }
}
