import type { CompiledQuery } from '@atrium/query';

/** What one batch statement returns: the rows as JSON array text, their count and the last row's key. */
export interface BatchRow {
  text: string;
  count: number;
  lastKey: string | null;
}

/** How a batch's key is handled: read from the last row (keyset paging), and dropped when only paging needed it. */
export interface BatchKey {
  field: string;
  drop: boolean;
}

/**
 * Wraps a compiled list read (`{"data": [...]}`) so one round trip yields a `BatchRow`. The last key is taken
 * as text in SQL, so bigint keys stay exact. Dropping the key is done in SQL as well, on `json` (not
 * `jsonb`), so each row keeps its field order and a JSON export still needs no parsing in Node.
 */
export function batchStatement(compiled: CompiledQuery, key: BatchKey | null): CompiledQuery {
  const values = [...compiled.values];
  let rows = 'd.data';
  let lastKey = 'NULL::text';
  if (key) {
    values.push(key.field);
    const name = `$${values.length}::text`;
    lastKey = `d.data -> -1 ->> ${name}`;
    if (key.drop) {
      const row = `(SELECT coalesce(json_object_agg(f.key, f.value ORDER BY f.n), '{}'::json)
                      FROM json_each(r.item) WITH ORDINALITY AS f(key, value, n) WHERE f.key <> ${name})`;
      rows = `(SELECT coalesce(json_agg(${row} ORDER BY r.n), '[]'::json)
                 FROM json_array_elements(d.data) WITH ORDINALITY AS r(item, n))`;
    }
  }
  return {
    text: `SELECT ${rows}::text AS text, json_array_length(d.data) AS count, ${lastKey} AS "lastKey"
             FROM (SELECT q.result -> 'data' AS data FROM (${compiled.text}) AS q) AS d`,
    values,
  };
}
