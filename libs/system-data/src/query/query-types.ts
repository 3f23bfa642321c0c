/** The filter operators the interim engine compiles (a subset of Directus's; no relational ones yet). */
export const FILTER_OPERATORS = [
  '_eq',
  '_neq',
  '_lt',
  '_lte',
  '_gt',
  '_gte',
  '_in',
  '_nin',
  '_null',
  '_nnull',
  '_contains',
  '_ncontains',
  '_icontains',
  '_nicontains',
  '_starts_with',
  '_nstarts_with',
  '_istarts_with',
  '_nistarts_with',
  '_ends_with',
  '_nends_with',
  '_iends_with',
  '_niends_with',
  '_between',
  '_nbetween',
  '_empty',
  '_nempty',
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterNode =
  | { kind: 'and' | 'or'; children: FilterNode[] }
  /** `value` is already checked and coerced for the field and operator (see parse-filter). */
  | { kind: 'condition'; field: string; operator: FilterOperator; value: unknown };

export interface SortClause {
  field: string;
  descending: boolean;
}

/** A checked list query on one system collection. Every name in it is a field of the collection. */
export interface SystemQuery {
  fields: string[];
  filter: FilterNode | null;
  search: string | null;
  sort: SortClause[];
  /** -1 = no limit. */
  limit: number;
  offset: number;
  meta: { totalCount: boolean; filterCount: boolean };
}

export interface QueryLimits {
  /** Applied when the query names no limit. */
  default: number;
  /** -1 = unlimited; otherwise `limit=-1` means this and larger limits are refused. */
  max: number;
}
