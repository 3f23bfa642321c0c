/**
 * What an operator's operand is: one value of the field's type, text, a list, two bounds, a flag
 * (`_null: false` means "not null"), rules on paths inside a JSON value, a GeoJSON shape, a regular expression.
 */
export type OperandShape = 'scalar' | 'text' | 'list' | 'pair' | 'flag' | 'rules' | 'geometry' | 'pattern';

/**
 * The compiled sides of one comparison, handed to an operator's SQL builder: the compared expression and
 * how to bind the operand. A column and a value inside a JSON document bind differently (a JSON value is
 * text, or a number for ordering), which is why the builder asks rather than binds itself.
 */
export interface SqlTerms {
  /** The compared expression. */
  value: string;
  /** The same value as text, for LIKE and case-insensitive equality. */
  text: string;
  /** True where the value is missing: NULL, and for text also ''. */
  empty: string;
  /** A placeholder for one operand of the compared value's type. */
  bind(operand: unknown): string;
  /** A placeholder for a list of operands (`= ANY`). */
  bindList(operands: unknown): string;
  /** A placeholder for a text operand. */
  bindText(operand: string): string;
}

/** A boolean SQL expression for `terms` compared with the resolved (coerced, bounded) operand. */
export type SqlBuild = (terms: SqlTerms, operand: unknown) => string;

/** Whether a payload value passes the operator with this raw operand (as a `validation` rule stores it). */
export type JsTest = (value: unknown, operand: unknown) => boolean;

export interface CompiledSql {
  kind: 'compiled';
  build: SqlBuild;
}

/**
 * How the SQL compiler treats the operator: compiled by `build`; `nested` (its operand holds rules on paths
 * inside the value, each compiled by those operators' own builders); `refused` once the filter names it on a
 * field, with `reason`; or `unparsed`, unknown to a query's filter altogether (`reason` says why).
 */
export type SqlSide =
  | CompiledSql
  | { kind: 'nested' }
  | { kind: 'refused'; reason: string }
  | { kind: 'unparsed'; reason: string };

/**
 * How the JS evaluator of `validation` rules treats the operator: evaluated by `test`, or failing closed
 * (every value is rejected) for the `reason` given.
 */
export type JsSide = { kind: 'evaluated'; test: JsTest } | { kind: 'fails-closed'; reason: string };

/** One filter operator: its operand, its SQL and its JS predicate, side by side so the two cannot drift. */
export interface OperatorRecord {
  operand: OperandShape;
  /** Admits what its positive twin rejects (`_nin` of `_in`): a list missing a value then admits nothing. */
  negated?: true;
  /** An ordering: inside `_json` the value is compared as a number when the operand is one. */
  ordering?: true;
  /** `_eq`/`_neq`: a null operand is this null test, a list variable means this list operator. */
  equality?: { null: '_null' | '_nnull'; list: '_in' | '_nin' };
  sql: SqlSide;
  js: JsSide;
}

export function compiled(build: SqlBuild): CompiledSql {
  return { kind: 'compiled', build };
}

export function evaluated(test: JsTest): JsSide {
  return { kind: 'evaluated', test };
}

export function failsClosed(reason: string): JsSide {
  return { kind: 'fails-closed', reason };
}
