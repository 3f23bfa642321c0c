import { forbidden } from '@atrium/core';
import type { CollectionOverview, SchemaOverview } from '@atrium/schema';
import { parseFilter } from '../parse/parse-filter';
import type {
  Access,
  CompiledRead,
  Filter,
  FilterNode,
  Query,
  QueryContext,
  QueryLimits,
} from '../query-types';
import { coerceValue } from '../validate/coerce-value';
import { ReadScope } from '../validate/read-scope';
import type { ReadNode, ResolvedFilter } from '../validate/resolved-types';
import { resolveFilter } from '../validate/resolve-filter';
import { resolveNode } from '../validate/resolve-read';
import { compileAggregate } from './compile-aggregate';
import { compileCount, compileMany, compileOne } from './compile-node';
import { column, SqlBuilder } from './sql-builder';
import { watchedContext } from './watched-context';

export interface CompileReadOptions {
  /** Read one item by primary key: `data` is the object, or null when it isn't there or isn't readable. */
  byKey?: unknown;
  context: QueryContext;
  limits: QueryLimits;
}

/**
 * Parsed permission filters by their raw object. The raw objects are shared by every request of a permission
 * set, and parsing depends on nothing else (`what` only names the filter in a refusal, which isn't cached);
 * resolution depends on the request's dynamic values, so it is done anew each time.
 */
const parsedPermissionFilters = new WeakMap<Filter, FilterNode | null>();

function parsePermissionFilter(raw: Filter, what: string): FilterNode | null {
  let node = parsedPermissionFilters.get(raw);
  if (node === undefined) {
    node = parseFilter(raw, what, 'permission');
    parsedPermissionFilters.set(raw, node);
  }
  return node;
}

/**
 * Permission filters (row filters, per-field conditions) may name fields the caller can't read: they are
 * resolved with full field access, in permission mode (see ReadScope.permission).
 */
function resolvePermissionFilter(
  scope: ReadScope,
  collection: CollectionOverview,
  raw: Filter,
  what: string,
): ResolvedFilter | null {
  const node = parsePermissionFilter(raw, what);
  if (!node) return null;
  const full = new ReadScope(
    scope.overview,
    'admin',
    scope.context,
    { ...scope.limits, maxRelationalDepth: 64 },
    () => null,
    true,
  );
  return resolveFilter(full, collection, node);
}

/**
 * Compiles a read of `collection` to ONE parameterised statement returning one row with one json column
 * `result` = the response body `{"data": [...], "meta"?: {...}}` (`data` an object or null with `byKey`).
 * Throws 403 FORBIDDEN for unknown or unreadable collections/fields, 400 INVALID_QUERY for bad queries.
 * The caller's row filters (from `access`) are AND-ed in at every level; fields readable on some rows only
 * (`fieldFilters`) are output as null on the others.
 */
export function compileRead(
  overview: SchemaOverview,
  access: Access,
  collectionName: string,
  query: Query,
  options: CompileReadOptions,
): CompiledRead {
  const watched = watchedContext(options.context);
  const scope = new ReadScope(overview, access, watched.context, options.limits, resolvePermissionFilter);
  const collection = scope.collection(collectionName);
  if (query.aggregate || query.groupBy) {
    const aggregate = compileAggregate(scope, collection, query);
    return { ...aggregate, contextual: watched.wasRead() };
  }
  const byKey = options.byKey !== undefined;
  const node = resolveNode(
    scope,
    collection,
    { ...query, fields: query.fields ?? ['*'], deep: query.deep ?? {} },
    1,
    null,
    query.backlink,
    !byKey,
  );
  const sql = new SqlBuilder();
  const pairs: string[] = [];
  let key: CompiledRead['key'];
  if (byKey) {
    const primary = collection.fields[collection.primary as string];
    const bind = (raw: unknown): unknown => {
      try {
        return coerceValue(primary.type, primary.schema?.data_type, raw);
      } catch {
        throw forbidden(`Item "${String(raw)}" doesn't exist or you don't have permission to read it.`);
      }
    };
    const value = bind(options.byKey);
    pairs.push(
      `'data', ${compileOne(node, sql, (alias) => {
        key = { index: sql.values.length, bind };
        return `${column(alias, primary.field)} = ${sql.param(value)}`;
      })}`,
    );
  } else {
    pairs.push(`'data', ${compileMany(node, sql, null)}`);
    if (query.meta.length > 0) pairs.push(`'meta', ${compileMeta(node, sql, query.meta)}`);
  }
  return {
    text: `SELECT json_build_object(${pairs.join(', ')}) AS result`,
    values: sql.values,
    contextual: watched.wasRead(),
    key,
  };
}

/**
 * `meta`'s counts. Without a filter or a search of the query's own, `filter_count` counts the very rows
 * `total_count` does (both under the caller's row filter): the table is counted once and the number given
 * twice.
 */
function compileMeta(node: ReadNode, sql: SqlBuilder, names: readonly string[]): string {
  if (names.length > 1 && node.where === node.rowFilter) {
    const pairs = names.map((name) => `'${name}', c.n`);
    return `(SELECT json_build_object(${pairs.join(', ')}) FROM (SELECT ${compileCount(node, sql, 'total')} AS n) c)`;
  }
  const pairs = names.map(
    (name) => `'${name}', ${compileCount(node, sql, name === 'total_count' ? 'total' : 'filter')}`,
  );
  return `json_build_object(${pairs.join(', ')})`;
}
