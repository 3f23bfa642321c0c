import { invalidQuery } from '@atrium/core';

/** As Directus's `MAX_JSON_QUERY_DEPTH`: a JSON path has at most this many keys and indexes. */
export const MAX_JSON_QUERY_DEPTH = 10;

const KEY = /^[\p{L}\p{N}_-]+/u;
const INDEX = /^\[(\d{1,9})\]/;

/**
 * A JSON path in Directus's notation (`color`, `settings.theme`, `items[0].name`, `[0]`) → its keys and
 * indexes, as text (PostgreSQL's `#>` reads an index from its digits). Only plain keys and indexes: no
 * wildcards, predicates, `$` or `@`, and at most {@link MAX_JSON_QUERY_DEPTH} segments. The segments are
 * bound as one `text[]` parameter, never written into SQL.
 */
export function parseJsonPath(text: string): string[] {
  const segments: string[] = [];
  const written = text.trim().slice(0, 100);
  let rest = text.trim();
  if (!rest) throw invalidQuery('A JSON path is missing.');
  while (rest) {
    const index = INDEX.exec(rest);
    const dotted = segments.length > 0 && rest.startsWith('.');
    const key = KEY.exec(dotted ? rest.slice(1) : rest);
    if (index) {
      segments.push(String(Number(index[1])));
      rest = rest.slice(index[0].length);
    } else if (key && (dotted || segments.length === 0)) {
      segments.push(key[0]);
      rest = rest.slice(key[0].length + (dotted ? 1 : 0));
    } else {
      throw invalidQuery(`Invalid JSON path "${written}": use keys and [index] only.`);
    }
    if (segments.length > MAX_JSON_QUERY_DEPTH) {
      throw invalidQuery(`JSON path "${written}" is deeper than ${MAX_JSON_QUERY_DEPTH} levels.`);
    }
  }
  return segments;
}

/**
 * The key Directus gives `json(field, path)` in the response: `<field>_<path>_json`, the path's `.`, `[`
 * and `]` turned into `_` (`json(data, items[0].name)` → `data_items_0_name_json`).
 */
export function jsonOutputKey(field: string, path: readonly string[]): string {
  return `${field}_${path.join('_')}_json`;
}
