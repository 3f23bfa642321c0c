import type { CompiledQuery } from '../query-types';

/** One row of a wrapped read: the response body as text, and whether `data` came back null (or empty). */
export interface TextRow {
  body: string;
  missing: boolean;
}

/**
 * Wraps a compiled read so PostgreSQL hands back the response JSON as text: Node sends that string as it is,
 * without parsing and re-serialising rows (DESIGN §6). `first` turns the `data` array into its first item
 * (a singleton's row, or null). `missing` asks whether `data` came back null or empty: it costs PostgreSQL a
 * parse of the whole document (`json` is text), so list reads, which never need it, don't ask.
 * With `missing` the result is mentioned twice, hence MATERIALIZED: an inlined subquery would build the
 * whole document twice. Without it the plain subquery is cheaper (no CTE scan).
 */
export function asText(
  compiled: CompiledQuery,
  options: { first?: boolean; missing?: boolean } = {},
): CompiledQuery {
  const data = options.first ? `json_build_object('data', q.result->'data'->0)` : 'q.result';
  if (!options.missing) {
    return {
      text: `SELECT ${data}::text AS body, false AS missing FROM (${compiled.text}) q`,
      values: compiled.values,
    };
  }
  const missing = `coalesce(json_typeof(q.result->'data'${options.first ? '->0' : ''}), 'null') = 'null'`;
  return {
    text: `WITH q AS MATERIALIZED (${compiled.text}) SELECT ${data}::text AS body, ${missing} AS missing FROM q`,
    values: compiled.values,
  };
}
