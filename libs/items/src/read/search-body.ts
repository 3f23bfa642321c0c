import { invalidPayload, isPlainObject } from '@atrium/core';
import { keysFilter, parseQuery, type Query } from '@atrium/query';

/** `SEARCH` with `{"query": {"export": …}}`: the requested export format, or undefined for a plain search. */
export function searchExport(body: unknown): unknown {
  return isPlainObject(body) && isPlainObject(body.query) ? body.query.export : undefined;
}

/**
 * A `SEARCH` body `{query?, keys?}` as the typed query it asks for (`keys` narrows the filter to those
 * primary keys), with the same 400 INVALID_PAYLOAD answers as a plain SEARCH.
 */
export function searchBodyQuery(body: unknown, primary: string): Query {
  if (body !== undefined && body !== null && !isPlainObject(body)) {
    throw invalidPayload('The body has to be {query?, keys?}.');
  }
  const rawQuery = body?.query ?? {};
  if (!isPlainObject(rawQuery)) throw invalidPayload('"query" has to be an object.');
  const query = parseQuery(rawQuery);
  if (body?.keys !== undefined) {
    if (!Array.isArray(body.keys)) throw invalidPayload('"keys" has to be an array.');
    query.filter = keysFilter(primary, body.keys, query.filter);
  }
  return query;
}
