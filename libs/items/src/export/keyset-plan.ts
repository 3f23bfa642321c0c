import type { Access, FilterNode, Query } from '@atrium/query';
import type { CollectionOverview } from '@atrium/schema';

/**
 * Key types whose `>`/`<` in SQL is the same order `ORDER BY key` uses, and whose last value read back as
 * text binds again exactly (integers as text stay exact beyond 2^53; uuids and strings are text already).
 */
const KEYSET_TYPES: ReadonlySet<string> = new Set(['integer', 'bigInteger', 'uuid', 'string']);

/** How an export pages by primary key (see `keysetPlan`). */
export interface KeysetPlan {
  /** The primary key: its field name, and its key in every output row. */
  key: string;
  /** `_gt` when the export is in ascending key order, `_lt` when descending. */
  operator: '_gt' | '_lt';
  /** The fields to compile: the request's, plus the key when they didn't include it. */
  fields: string[];
  /** The key was added only for paging, so it is dropped from the rows written to the file. */
  dropKey: boolean;
}

/**
 * Whether every row the caller reads shows its key: the key must be readable, and not one of the fields
 * readable only on some rows (those read as null elsewhere and can't be filtered on).
 */
function keyAlwaysReadable(access: Access, collection: string, key: string): boolean {
  if (access === 'admin') return true;
  const rules = access.collections[collection];
  if (!rules || (rules.fields !== '*' && !rules.fields.includes(key))) return false;
  return !rules.fieldFilters || !Object.hasOwn(rules.fieldFilters, key);
}

/** The key order of a read, or null when rows are ordered by something else first. */
function keyOrder(collection: CollectionOverview, key: string, sort: string[] | null): '_gt' | '_lt' | null {
  if (!sort?.length) {
    // With no sort the compiler orders by the collection's sort field (when it has one) before the key.
    const sortField = collection.meta?.sort_field ? collection.fields[collection.meta.sort_field] : undefined;
    return sortField?.schema ? null : '_gt';
  }
  // The key is unique, so whatever follows it in the sort never changes the order.
  if (sort[0] === key) return '_gt';
  if (sort[0] === `-${key}`) return '_lt';
  return null;
}

/**
 * Keyset paging applies when the export is ordered by the primary key alone (the default without a sort and
 * a collection sort field, or a sort starting with the key) and the key has a type that pages exactly.
 * The caller must read the key on every row, as the next batch starts from the last row's key. Otherwise
 * (a user sort, aggregates, an alias named like the key, a key the caller can't always read) limit/offset
 * paging stays: under a user sort there are ties, NULLs and relational paths, where a keyset over the
 * whole sort tuple is not simple.
 */
export function keysetPlan(collection: CollectionOverview, query: Query, access: Access): KeysetPlan | null {
  const key = collection.primary;
  if (key === null || query.aggregate || query.groupBy) return null;
  if (!keyAlwaysReadable(access, collection.collection, key)) return null;
  const field = collection.fields[key];
  if (!field?.schema || !KEYSET_TYPES.has(field.type)) return null;
  // An alias named like the key would put another value under the key's name in each row.
  if (query.alias && Object.hasOwn(query.alias, key)) return null;
  const operator = keyOrder(collection, key, query.sort);
  if (operator === null) return null;
  const fields = query.fields ?? ['*'];
  // A path's first segment is its key in the row; `*` (also `*.*`) puts every field there, the key included.
  const hasKey = fields.some((path) => {
    const head = path.split('.')[0];
    return head === '*' || head === key;
  });
  return { key, operator, fields: hasKey ? fields : [...fields, key], dropKey: !hasKey };
}

/** The request's filter, narrowed to the rows after `lastKey` in the export's key order. */
export function afterKeyFilter(plan: KeysetPlan, lastKey: string, filter: FilterNode | null): FilterNode {
  const after: FilterNode = {
    kind: 'field',
    key: plan.key,
    child: { kind: 'operator', op: plan.operator, value: lastKey },
  };
  return filter ? { kind: 'logical', op: '_and', children: [after, filter] } : after;
}
