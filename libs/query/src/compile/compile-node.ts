import type { Output, ReadNode } from '../validate/resolved-types';
import { compileFilter, compileValue } from './compile-expression';
import { outputExpression } from './output-expression';
import { column, integerLiteral, jsonObject, table, type SqlBuilder } from './sql-builder';

/** An output's JSON value; a conditionally readable one is null on the rows its condition doesn't admit. */
function outputSql(output: Output, alias: string, sql: SqlBuilder): string {
  if (!output.condition) return outputValueSql(output, alias, sql);
  const condition = compileFilter(output.condition, alias, sql);
  return `CASE WHEN ${condition} THEN ${outputValueSql(output, alias, sql)} END`;
}

function outputValueSql(output: Output, alias: string, sql: SqlBuilder): string {
  switch (output.kind) {
    case 'value': {
      const expr = compileValue(output.value, alias, sql);
      return output.value.kind === 'column' ? outputExpression(expr, output.value.field) : `to_json(${expr})`;
    }
    case 'm2o':
      return compileOne(
        output.node,
        sql,
        (inner) => `${column(inner, output.link.targetKey.field)} = ${column(alias, output.link.fk.field)}`,
      );
    case 'o2m':
      return compileMany(
        output.node,
        sql,
        (inner) => `${column(inner, output.link.fk.field)} = ${column(alias, output.link.ownKey.field)}`,
      );
    case 'm2a': {
      const item = column(alias, output.link.item.field);
      const kind = column(alias, output.link.collectionField.field);
      const branches = Object.entries(output.nodes).map(([name, node]) => {
        const key = node.collection.primary as string;
        const one = compileOne(node, sql, (inner) => `${column(inner, key)}::text = ${item}::text`);
        // to_json: every branch must be json, and a plucked branch may be a bare column.
        return `WHEN ${kind} = ${sql.param(name, 'text')} THEN to_json(${one})`;
      });
      return `CASE WHEN ${item} IS NULL THEN NULL ${branches.join(' ')} ELSE to_json(${item}) END`;
    }
  }
}

/** The JSON object (or plucked value) of one row of `node` aliased `alias`. */
export function rowJson(node: ReadNode, alias: string, sql: SqlBuilder): string {
  if (node.pluck && node.outputs.length === 1) return outputSql(node.outputs[0], alias, sql);
  return jsonObject(
    node.outputs.map((output) => [output.key, outputSql(output, alias, sql)] as const),
    sql,
  );
}

/** How a nested level's rows are tied to the row above them (null at the root). */
type Join = ((alias: string) => string) | null;

function whereSql(node: ReadNode, alias: string, sql: SqlBuilder, join: Join): string {
  const parts = join ? [join(alias)] : [];
  if (node.where) parts.push(compileFilter(node.where, alias, sql));
  return parts.length ? ` WHERE ${parts.join(' AND ')}` : '';
}

function orderSql(node: ReadNode, alias: string, sql: SqlBuilder): string {
  if (node.sort.length === 0) return '';
  return node.sort
    .map((key) => `${compileValue(key.value, alias, sql)} ${key.desc ? 'DESC' : 'ASC'}`)
    .join(', ');
}

/** A single related row as JSON (m2o, m2a), or null when none is visible. */
export function compileOne(node: ReadNode, sql: SqlBuilder, join: Join): string {
  const alias = sql.alias();
  const json = rowJson(node, alias, sql);
  return `(SELECT ${json} FROM ${table(node.collection.collection)} AS ${alias}${whereSql(node, alias, sql, join)} LIMIT 1)`;
}

/** Column that numbers a page's rows in their sort order; the name cannot collide with a valid field. */
const ROW_NUMBER = '"atrium row"';

/**
 * A JSON array of the rows of `node` (sorted, paged), `[]` when none. The page is picked first, in an
 * inner query that sorts, numbers and limits plain rows (an index can serve it, and only the page's rows
 * are read); JSON — nested relations included — is built afterwards for those rows alone. The outer level
 * reuses the inner alias, so every compiled reference to the row's columns still resolves.
 */
export function compileMany(node: ReadNode, sql: SqlBuilder, join: Join): string {
  const alias = sql.alias();
  const json = rowJson(node, alias, sql);
  const where = whereSql(node, alias, sql, join);
  const order = orderSql(node, alias, sql);
  const limit = node.limit >= 0 ? ` LIMIT ${integerLiteral(node.limit)}` : '';
  const offset = node.offset > 0 ? ` OFFSET ${integerLiteral(node.offset)}` : '';
  const from = `${table(node.collection.collection)} AS ${alias}${where}`;
  const sorted = order ? ` ORDER BY ${order}` : '';
  if (node.sort.every((key) => key.value.kind === 'column')) {
    // Plain columns are still there on the page's rows: the aggregate sorts by them again, no numbering.
    const page = `SELECT ${alias}.* FROM ${from}${sorted}${limit}${offset}`;
    return `(SELECT coalesce(json_agg(${json}${sorted}), '[]'::json) FROM (${page}) AS ${alias})`;
  }
  // A computed sort key (a related field, a function) would be computed twice: number the page instead.
  const numbered = `row_number() OVER (${order ? `ORDER BY ${order}` : ''}) AS ${ROW_NUMBER}`;
  const page = `SELECT ${alias}.*, ${numbered} FROM ${from}${sorted}${limit}${offset}`;
  return `(SELECT coalesce(json_agg(${json} ORDER BY ${alias}.${ROW_NUMBER}), '[]'::json) FROM (${page}) AS ${alias})`;
}

/** `count(*)` of the rows of `node` matching `filter` (its row filter alone, or the whole WHERE). */
export function compileCount(node: ReadNode, sql: SqlBuilder, which: 'total' | 'filter'): string {
  const alias = sql.alias();
  const filter = which === 'total' ? node.rowFilter : node.where;
  const where = filter ? ` WHERE ${compileFilter(filter, alias, sql)}` : '';
  return `(SELECT count(*) FROM ${table(node.collection.collection)} AS ${alias}${where})`;
}
