import { compiled, evaluated, failsClosed, type CompiledSql, type OperatorRecord } from './operator-record';
import {
  bounds,
  endsWith,
  equals,
  hasNoValue,
  includes,
  list,
  numeric,
  onText,
  ordered,
  regexOf,
  startsWith,
  text,
  truthy,
} from './operator-predicates';
import {
  anywhere,
  atEnd,
  atStart,
  comparison,
  flag,
  foldedComparison,
  isEmpty,
  isNotEmpty,
  isNotNull,
  isNull,
  like,
  range,
} from './operator-sql';

const GEOMETRY_SQL = {
  kind: 'refused',
  reason: 'geometry operators need a geometry field, and Atrium has no geometry types',
} as const;
const GEOMETRY_JS = failsClosed('there is no geometry type to evaluate it on');

type CompiledRecord = OperatorRecord & { sql: CompiledSql };

/** The LIKE families: the SQL and the JS test take the same options, so they agree on case and negation. */
function textFamily(
  pattern: (operand: string) => string,
  test: (value: string, operand: string) => boolean,
  options: { not?: true; i?: true } = {},
): CompiledRecord {
  return {
    operand: 'text',
    ...(options.not && { negated: true }),
    sql: compiled(like(pattern, options)),
    js: evaluated(onText(test, options)),
  };
}

/** `_lt` … `_gte`: the SQL operator and the same comparison on numbers in JS. */
function ordering(operator: string, test: (value: number, operand: number) => boolean): CompiledRecord {
  return {
    operand: 'scalar',
    ordering: true,
    sql: compiled(comparison(operator)),
    js: evaluated(ordered(test)),
  };
}

/**
 * Every filter operator, one record each: adding one is adding a record here (and its row in
 * the spec beside this file). The query compiler and the JS evaluator of `validation` rules both read it.
 * `_and`/`_or` (logical) and `_some`/`_none` (quantifiers) shape the filter rather than compare a value, so
 * they are kept apart.
 */
export const OPERATOR_TABLE = {
  _eq: {
    operand: 'scalar',
    equality: { null: '_null', list: '_in' },
    sql: compiled(comparison('=')),
    js: evaluated((value, operand) =>
      operand === null ? value == null : value != null && String(value) === String(operand),
    ),
  },
  _neq: {
    operand: 'scalar',
    negated: true,
    equality: { null: '_nnull', list: '_nin' },
    sql: compiled(comparison('<>')),
    js: evaluated((value, operand) =>
      operand === null ? value != null : value == null || String(value) !== String(operand),
    ),
  },
  _ieq: {
    operand: 'text',
    sql: compiled(foldedComparison('=')),
    js: evaluated(onText(equals, { i: true })),
  },
  _nieq: {
    operand: 'text',
    negated: true,
    sql: compiled(foldedComparison('<>')),
    js: evaluated(onText(equals, { not: true, i: true })),
  },
  _lt: ordering('<', (value, operand) => value < operand),
  _lte: ordering('<=', (value, operand) => value <= operand),
  _gt: ordering('>', (value, operand) => value > operand),
  _gte: ordering('>=', (value, operand) => value >= operand),
  _in: {
    operand: 'list',
    sql: compiled((terms, operand) => `${terms.value} = ANY(${terms.bindList(operand)})`),
    // An empty list admits nothing (a published advisory: `_in: []` must never pass).
    js: evaluated((value, operand) => value != null && list(operand).includes(String(value))),
  },
  _nin: {
    operand: 'list',
    negated: true,
    sql: compiled((terms, operand) => `${terms.value} <> ALL(${terms.bindList(operand)})`),
    js: evaluated((value, operand) => {
      const values = list(operand);
      return values.length > 0 && (value == null || !values.includes(String(value)));
    }),
  },
  _null: {
    operand: 'flag',
    sql: compiled(flag(isNull, isNotNull)),
    js: evaluated((value, operand) => (value == null) === truthy(operand)),
  },
  _nnull: {
    operand: 'flag',
    negated: true,
    sql: compiled(flag(isNotNull, isNull)),
    js: evaluated((value, operand) => (value != null) === truthy(operand)),
  },
  _contains: textFamily(anywhere, includes),
  _ncontains: textFamily(anywhere, includes, { not: true }),
  _icontains: textFamily(anywhere, includes, { i: true }),
  _nicontains: textFamily(anywhere, includes, { not: true, i: true }),
  _starts_with: textFamily(atStart, startsWith),
  _nstarts_with: textFamily(atStart, startsWith, { not: true }),
  _istarts_with: textFamily(atStart, startsWith, { i: true }),
  _nistarts_with: textFamily(atStart, startsWith, { not: true, i: true }),
  _ends_with: textFamily(atEnd, endsWith),
  _nends_with: textFamily(atEnd, endsWith, { not: true }),
  _iends_with: textFamily(atEnd, endsWith, { i: true }),
  _niends_with: textFamily(atEnd, endsWith, { not: true, i: true }),
  _between: {
    operand: 'pair',
    ordering: true,
    sql: compiled(range(false)),
    js: evaluated((value, operand) => {
      const [low, high] = bounds(operand);
      return value != null && numeric(value) >= low && numeric(value) <= high;
    }),
  },
  _nbetween: {
    operand: 'pair',
    ordering: true,
    negated: true,
    sql: compiled(range(true)),
    js: evaluated((value, operand) => {
      const [low, high] = bounds(operand);
      return value != null && (numeric(value) < low || numeric(value) > high);
    }),
  },
  _empty: {
    operand: 'flag',
    sql: compiled(flag(isEmpty, isNotEmpty)),
    js: evaluated((value, operand) => hasNoValue(value) === truthy(operand)),
  },
  _nempty: {
    operand: 'flag',
    negated: true,
    sql: compiled(flag(isNotEmpty, isEmpty)),
    js: evaluated((value, operand) => !hasNoValue(value) === truthy(operand)),
  },
  _json: {
    operand: 'rules',
    sql: { kind: 'nested' },
    js: failsClosed('rules on paths inside a JSON value are not walked in JS'),
  },
  _intersects: { operand: 'geometry', sql: GEOMETRY_SQL, js: GEOMETRY_JS },
  _nintersects: { operand: 'geometry', negated: true, sql: GEOMETRY_SQL, js: GEOMETRY_JS },
  _intersects_bbox: { operand: 'geometry', sql: GEOMETRY_SQL, js: GEOMETRY_JS },
  _nintersects_bbox: { operand: 'geometry', negated: true, sql: GEOMETRY_SQL, js: GEOMETRY_JS },
  _regex: {
    operand: 'pattern',
    // Directus has no SQL for it either: a query naming it is refused as an unknown operator.
    sql: { kind: 'unparsed', reason: 'a regular expression is for validation rules only' },
    js: evaluated((value, operand) => regexOf(text(operand))?.test(text(value)) ?? false),
  },
} as const satisfies Record<string, OperatorRecord>;
