import type { FieldOverview } from '@atrium/schema';
import type { ValueExpr } from '../validate/resolved-types';
import { compileFilter } from './compile-filter';
import { column, quoteIdent, type SqlBuilder } from './sql-builder';

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

export function table(name: string): string {
  return quoteIdent(name);
}

/** A JSON field's column as `jsonb`, for the path operators (`#>`, `#>>`) and `jsonb_typeof`. */
export function jsonDocument(alias: string, field: FieldOverview): string {
  const source = column(alias, field.field);
  return field.schema?.data_type === 'jsonb' ? source : `(${source})::jsonb`;
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
