import { invalidPayload, isPlainObject } from '@atrium/core';

export type CreateBody = { many: boolean; items: unknown[] };

/** Which rows a batch update or delete targets: these keys, or the rows a query matches. */
export type KeySelection =
  { kind: 'keys'; keys: unknown[] } | { kind: 'query'; query: Record<string, unknown> };

export type UpdateBody =
  { kind: 'items'; items: Record<string, unknown>[] } | (KeySelection & { data: unknown });

export type DeleteBody = KeySelection;

export type SearchBody = { query: Record<string, unknown>; keys?: unknown[] };

/** `POST`: an object creates one item, an array creates many. */
export function parseCreateBody(body: unknown): CreateBody {
  if (Array.isArray(body)) return { many: true, items: body };
  if (isPlainObject(body)) return { many: false, items: [body] };
  throw invalidPayload('The body has to be an object or an array of objects.');
}

function keysOf(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw invalidPayload('"keys" has to be an array.');
  return value;
}

function queryOf(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw invalidPayload('"query" has to be an object.');
  return value;
}

/** Exactly one of `keys` and `query`. */
function selector(body: Record<string, unknown>): 'keys' | 'query' {
  const hasKeys = body.keys !== undefined;
  const hasQuery = body.query !== undefined;
  if (hasKeys === hasQuery) throw invalidPayload('Either "keys" or "query" is required, not both.');
  return hasKeys ? 'keys' : 'query';
}

/** `PATCH` on a collection: items with their keys, `{keys, data}`, or `{query, data}`. */
export function parseUpdateBody(body: unknown): UpdateBody {
  if (Array.isArray(body)) {
    if (!body.every(isPlainObject)) throw invalidPayload('Every item has to be an object.');
    return { kind: 'items', items: body };
  }
  if (!isPlainObject(body))
    throw invalidPayload('The body has to be an array of items or {keys|query, data}.');
  if (!isPlainObject(body.data)) throw invalidPayload('"data" has to be an object.');
  return selector(body) === 'keys'
    ? { kind: 'keys', keys: keysOf(body.keys), data: body.data }
    : { kind: 'query', query: queryOf(body.query), data: body.data };
}

/** `DELETE` on a collection: an array of keys, `{keys}`, or `{query}`. */
export function parseDeleteBody(body: unknown): DeleteBody {
  if (Array.isArray(body)) return { kind: 'keys', keys: body };
  if (!isPlainObject(body)) throw invalidPayload('The body has to be an array of keys, {keys} or {query}.');
  return selector(body) === 'keys'
    ? { kind: 'keys', keys: keysOf(body.keys) }
    : { kind: 'query', query: queryOf(body.query) };
}

/** `SEARCH`: `{query?, keys?}`; the body's query replaces the URL's. */
export function parseSearchBody(body: unknown): SearchBody {
  if (body === undefined || body === null) return { query: {} };
  if (!isPlainObject(body)) throw invalidPayload('The body has to be {query?, keys?}.');
  return {
    query: body.query === undefined ? {} : queryOf(body.query),
    ...(body.keys === undefined ? {} : { keys: keysOf(body.keys) }),
  };
}
