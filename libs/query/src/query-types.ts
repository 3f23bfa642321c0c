import type { FilterNodeOperator } from './operators/operator-lookup';

// The operator names come from the operator table (one record per operator), re-exported for the library's users.
export {
  FILTER_OPERATORS,
  GEOMETRY_OPERATORS,
  type FilterOperator,
  type GeometryOperator,
  type FilterNodeOperator,
} from './operators/operator-lookup';

/**
 * A filter as parsed, before the schema is consulted. Several keys in one JSON object are an implicit `_and`.
 * `field` keys are field names, functions (`year(date)`), m2a scopes (`item:headings`) or
 * `$FOLLOW(collection, fk_field)` (a reverse relation without an alias field).
 */
export type FilterNode =
  /** `implicit`: several keys of one object, not a written `_and` (matters inside a field's rule). */
  | { kind: 'logical'; op: '_and' | '_or'; children: FilterNode[]; implicit?: boolean }
  | { kind: 'field'; key: string; child: FilterNode }
  | { kind: 'quantifier'; op: '_some' | '_none'; child: FilterNode }
  | { kind: 'operator'; op: FilterNodeOperator; value: unknown };

/** A raw Directus filter object (`{"status":{"_eq":"x"}}`), as permissions store it. */
export type Filter = Record<string, unknown>;

export const AGGREGATE_FUNCTIONS = [
  'count',
  // Directus's `countAll`: the number of rows, under its own key (its fields are ignored).
  'countAll',
  'countDistinct',
  'sum',
  'sumDistinct',
  'avg',
  'avgDistinct',
  'min',
  'max',
] as const;
export type AggregateFunction = (typeof AGGREGATE_FUNCTIONS)[number];

export type MetaCount = 'total_count' | 'filter_count';

/** What every level of a read may ask for: the root query, and each relation in `deep`. `null`: not given. */
export interface LevelOptions {
  filter: FilterNode | null;
  search: string | null;
  sort: string[] | null;
  limit: number | null;
  offset: number | null;
  page: number | null;
  alias: Record<string, string> | null;
}

/** Per-relation options of `deep`, keyed by relational field (or alias, or `item:collection` for m2a). */
export interface DeepQuery extends LevelOptions {
  nested: Record<string, DeepQuery>;
}

/** The typed query a URL (or a SEARCH body) describes. `null` means "not given". */
export interface Query extends LevelOptions {
  fields: string[] | null;
  meta: MetaCount[];
  aggregate: Partial<Record<AggregateFunction, string[]>> | null;
  groupBy: string[] | null;
  deep: Record<string, DeepQuery> | null;
  backlink: boolean;
}

/** Limits from the configuration (`QUERY_LIMIT_DEFAULT`, `QUERY_LIMIT_MAX`, `MAX_RELATIONAL_DEPTH`). */
export interface QueryLimits {
  /** default page size; -1 = all */ default: number;
  /** -1 = unlimited */ max: number;
  /** default 10 */ maxRelationalDepth?: number;
}

/** What one collection lets the caller read: rows matching `rowFilter` (null = all), these fields. */
export interface CollectionAccess {
  rowFilter: Filter | null;
  fields: '*' | readonly string[];
  /**
   * Fields (among `fields`) readable only on the rows matching their filter; on other rows they read as
   * null. This is how several policies on one collection combine per item (Directus v11): fields of one
   * policy are never shown on rows only another policy reaches. Such a field can't be filtered, sorted,
   * searched, grouped or aggregated on, as that would reveal it on the rows that hide it.
   */
  fieldFilters?: Readonly<Record<string, Filter>>;
}

/**
 * The caller's read access, computed by the permissions layer. Collections missing from the map are not
 * readable at all. `'admin'` reads everything.
 */
export type Access = { collections: Readonly<Record<string, CollectionAccess>> } | 'admin';

/** Values the dynamic variables of filters (`$CURRENT_USER`, `$NOW`, …) resolve to in this request. */
export interface QueryContext {
  userId: string | null;
  roleId: string | null;
  now: Date;
  /** `$CURRENT_ROLES`: the user's role and its ancestors. */
  roles?: readonly string[];
  /** `$CURRENT_POLICIES`: the policies in force. */
  policies?: readonly string[];
  /**
   * `$CURRENT_USER.<path>` / `$CURRENT_ROLE.<path>` values, prefetched (see `loadDynamicVariables`) and keyed
   * by the variable's text (`"$CURRENT_USER.org"`). A missing key reads as null.
   */
  variables?: Readonly<Record<string, unknown>>;
}

/** A compiled statement: one row, one column `result` holding the response JSON. */
export interface CompiledQuery {
  text: string;
  values: unknown[];
}

/** A compiled read, with what a request that repeats it needs to know to reuse it. */
export interface CompiledRead extends CompiledQuery {
  /** It holds this request's dynamic values ($NOW, $CURRENT_USER…): never reuse it for another. */
  contextual: boolean;
  /** A read by key: where the key sits among `values`, and how another request's raw key is bound there. */
  key?: { index: number; bind: (raw: unknown) => unknown };
}
