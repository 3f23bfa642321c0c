import type { CollectionOverview, FieldOverview } from '@atrium/schema';
import type { FilterOperator } from '../query-types';

export const DATE_FUNCTIONS = [
  'year',
  'month',
  'week',
  'day',
  'weekday',
  'hour',
  'minute',
  'second',
] as const;
export type DateFunction = (typeof DATE_FUNCTIONS)[number];

/** This row's FK column → the related row's key. */
export interface M2oLink {
  fk: FieldOverview;
  target: CollectionOverview;
  targetKey: FieldOverview;
}
/** The related rows whose FK column holds this row's key. */
export interface O2mLink {
  target: CollectionOverview;
  fk: FieldOverview;
  ownKey: FieldOverview;
}
/** A many-to-any column: `item` holds the key, `collectionField` names the collection. */
export interface M2aLink {
  item: FieldOverview;
  collectionField: FieldOverview;
  allowed: readonly string[];
}

/** A scalar an expression can compare, sort or group by (`json` is for output and sort only). */
export type ValueExpr =
  | { kind: 'column'; field: FieldOverview }
  /** The value at `path` (object keys and array indexes, as text) inside a JSON field. */
  | { kind: 'json'; field: FieldOverview; path: string[] }
  | { kind: 'date'; fn: DateFunction; field: FieldOverview }
  | { kind: 'count'; link: O2mLink; rowFilter: ResolvedFilter | null }
  | { kind: 'via'; link: M2oLink; rowFilter: ResolvedFilter | null; value: ValueExpr };

export type ResolvedFilter =
  | { kind: 'const'; value: boolean }
  | { kind: 'and' | 'or'; children: ResolvedFilter[] }
  | { kind: 'compare'; target: ValueExpr; op: FilterOperator; value: unknown }
  | { kind: 'm2o'; link: M2oLink; child: ResolvedFilter }
  | { kind: 'some' | 'none'; link: O2mLink; child: ResolvedFilter }
  | { kind: 'm2a'; link: M2aLink; collection: CollectionOverview; child: ResolvedFilter }
  /**
   * A `_json` rule: the value at `path` inside a JSON field compared as text, or as a number when
   * `numeric` (ordering operators given numbers). `value` is text, a list of texts, or a boolean.
   */
  | {
      kind: 'json';
      field: FieldOverview;
      path: string[];
      op: FilterOperator;
      value: unknown;
      numeric: boolean;
    };

/**
 * One key of an output object. `condition` is set for a field readable only on some rows (a per-item field
 * rule of the caller's access): elsewhere the key is output as null.
 */
export type Output = (
  | { kind: 'value'; key: string; value: ValueExpr }
  | { kind: 'm2o'; key: string; link: M2oLink; node: ReadNode }
  | { kind: 'o2m'; key: string; link: O2mLink; node: ReadNode }
  | { kind: 'm2a'; key: string; link: M2aLink; nodes: Record<string, ReadNode> }
) & { condition?: ResolvedFilter };

export interface SortKey {
  value: ValueExpr;
  desc: boolean;
}

/**
 * One level of a read: a collection, what to output, which rows (the row filter, filter and search are
 * already AND-ed into `where`), in which order, how many. `pluck` outputs the single value instead of an
 * object (o2m fields that are not expanded list keys).
 */
export interface ReadNode {
  collection: CollectionOverview;
  outputs: Output[];
  pluck: boolean;
  rowFilter: ResolvedFilter | null;
  where: ResolvedFilter | null;
  sort: SortKey[];
  /** -1 = all */ limit: number;
  offset: number;
}
