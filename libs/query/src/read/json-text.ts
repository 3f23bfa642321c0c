import type { CompiledQuery } from '../query-types';

/** One row of a wrapped read: the response body as text, and whether `data` came back null (or empty). */
export interface TextRow {
  body: string;
  missing: boolean;
}

/**
 * Wraps a compiled read so PostgreSQL hands back the response JSON as text: Node sends that string as it is,
 * without parsing and re-serialising rows (DESIGN §6). `first` turns the `data` array into its first item
 * (a singleton's row, or null). MATERIALIZED: a plain subquery is inlined, and every mention of `q.result`
 * below would build the whole document again (the read ran twice).
 */
export function asText(compiled: CompiledQuery, first = false): CompiledQuery {
  const data = first ? `json_build_object('data', q.result->'data'->0)` : 'q.result';
  const missing = first ? `q.result->'data'->0` : `q.result->'data'`;
  return {
    text: `WITH q AS MATERIALIZED (${compiled.text}) SELECT ${data}::text AS body, coalesce(json_typeof(${missing}), 'null') = 'null' AS missing FROM q`,
    values: compiled.values,
  };
}
