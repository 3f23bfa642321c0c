import type { CompiledQuery } from '@atrium/query';

/** One row of a wrapped read: the response body as text, and whether `data` came back null. */
export interface TextRow {
  body: string;
  missing: boolean;
}

/**
 * Wraps a compiled read so PostgreSQL hands back the response JSON as text: Node sends that string as it is,
 * without parsing and re-serialising rows (DESIGN §6). `singleton` turns the `data` array into its first item.
 */
export function asText(compiled: CompiledQuery, singleton = false): CompiledQuery {
  const select = singleton ? `json_build_object('data', q.result->'data'->0)::text` : 'q.result::text';
  return {
    text: `SELECT ${select} AS body, json_typeof(q.result->'data') = 'null' AS missing FROM (${compiled.text}) q`,
    values: compiled.values,
  };
}
