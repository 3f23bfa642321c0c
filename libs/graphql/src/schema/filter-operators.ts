import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLString,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
} from 'graphql';
import type { FieldOverview } from '@atrium/schema';
import { GraphQLBigInt, GraphQLJSON, GraphQLStringOrFloat } from './scalars';

const STRING_OPERATORS = [
  '_eq',
  '_neq',
  '_contains',
  '_icontains',
  '_ncontains',
  '_starts_with',
  '_nstarts_with',
  '_istarts_with',
  '_nistarts_with',
  '_ends_with',
  '_nends_with',
  '_iends_with',
  '_niends_with',
] as const;
const PRESENCE = { _null: GraphQLBoolean, _nnull: GraphQLBoolean } as const;
const EMPTINESS = { _empty: GraphQLBoolean, _nempty: GraphQLBoolean } as const;

function operators(name: string, fields: Record<string, GraphQLInputType>): GraphQLInputObjectType {
  const config: GraphQLInputFieldConfigMap = {};
  for (const [key, type] of Object.entries(fields)) config[key] = { type };
  return new GraphQLInputObjectType({ name, fields: config });
}

function textual(name: string, scalar: GraphQLInputType): GraphQLInputObjectType {
  const fields: Record<string, GraphQLInputType> = {};
  for (const op of STRING_OPERATORS) fields[op] = scalar;
  return operators(name, {
    ...fields,
    _in: new GraphQLList(scalar),
    _nin: new GraphQLList(scalar),
    ...PRESENCE,
    ...EMPTINESS,
  });
}

function ordered(name: string, scalar: GraphQLInputType, extra: Record<string, GraphQLInputType> = {}) {
  return operators(name, {
    _eq: scalar,
    _neq: scalar,
    _in: new GraphQLList(scalar),
    _nin: new GraphQLList(scalar),
    _gt: scalar,
    _gte: scalar,
    _lt: scalar,
    _lte: scalar,
    ...PRESENCE,
    _between: new GraphQLList(scalar),
    _nbetween: new GraphQLList(scalar),
    ...extra,
  });
}

/** The operator input types Directus names, shared by every generated schema (they never change). */
export const FILTER_OPERATORS = {
  id: textual('id_filter_operators', GraphQLID),
  string: textual('string_filter_operators', GraphQLString),
  boolean: operators('boolean_filter_operators', { _eq: GraphQLBoolean, _neq: GraphQLBoolean, ...PRESENCE }),
  // Strings, not dates: a filter may hold a dynamic value ($NOW(-1 day)).
  date: ordered('date_filter_operators', GraphQLString),
  // Strings or numbers, for the same reason.
  number: ordered('number_filter_operators', GraphQLStringOrFloat),
  bigInt: ordered('big_int_filter_operators', GraphQLBigInt),
  hash: operators('hash_filter_operators', { ...PRESENCE, ...EMPTINESS }),
  json: operators('json_filter_operators', {
    _eq: GraphQLJSON,
    _neq: GraphQLJSON,
    ...PRESENCE,
    ...EMPTINESS,
  }),
};

const countOperators = operators('count_function_filter_operators', { count: FILTER_OPERATORS.number });
const dateParts = { year: 0, month: 0, week: 0, day: 0, weekday: 0 };
const timeParts = { hour: 0, minute: 0, second: 0 };
const partsOf = (parts: Record<string, number>) =>
  Object.fromEntries(Object.keys(parts).map((part) => [part, FILTER_OPERATORS.number]));

/** `<field>_func: {year: {_eq: 2024}}` in a filter: the function filters of a field's type. */
export const FUNCTION_FILTER_OPERATORS = {
  count: countOperators,
  date: operators('date_function_filter_operators', partsOf(dateParts)),
  time: operators('time_function_filter_operators', partsOf(timeParts)),
  datetime: operators('datetime_function_filter_operators', partsOf({ ...dateParts, ...timeParts })),
};

/** The operators a field filters with, by its type (a key is an id, whatever its column type). */
export function filterOperatorsOf(field: FieldOverview, primary: boolean): GraphQLInputObjectType {
  if (primary) return FILTER_OPERATORS.id;
  switch (field.type) {
    case 'boolean':
      return FILTER_OPERATORS.boolean;
    case 'bigInteger':
      return FILTER_OPERATORS.bigInt;
    case 'integer':
    case 'float':
    case 'decimal':
      return FILTER_OPERATORS.number;
    case 'date':
    case 'dateTime':
    case 'timestamp':
    case 'time':
      return FILTER_OPERATORS.date;
    case 'hash':
      return FILTER_OPERATORS.hash;
    case 'json':
      return FILTER_OPERATORS.json;
    default:
      return FILTER_OPERATORS.string;
  }
}

export function functionFilterOf(field: FieldOverview): GraphQLInputObjectType | null {
  switch (field.type) {
    case 'date':
      return FUNCTION_FILTER_OPERATORS.date;
    case 'time':
      return FUNCTION_FILTER_OPERATORS.time;
    case 'dateTime':
    case 'timestamp':
      return FUNCTION_FILTER_OPERATORS.datetime;
    case 'json':
    case 'alias':
      return FUNCTION_FILTER_OPERATORS.count;
    default:
      return null;
  }
}
