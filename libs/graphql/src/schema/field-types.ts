import {
  GraphQLBoolean,
  GraphQLFloat,
  GraphQLInt,
  GraphQLList,
  GraphQLString,
  type GraphQLOutputType,
} from 'graphql';
import type { FieldOverview } from '@atrium/schema';
import { GraphQLBigInt, GraphQLDate, GraphQLHash, GraphQLJSON } from './scalars';

/**
 * A field's GraphQL type, as Directus maps its types. Decimals stay strings, as the REST API renders them,
 * so the two APIs answer the same value.
 */
export function scalarOf(field: FieldOverview): GraphQLOutputType {
  switch (field.type) {
    case 'boolean':
      return GraphQLBoolean;
    case 'bigInteger':
      return GraphQLBigInt;
    case 'integer':
      return GraphQLInt;
    case 'float':
      return GraphQLFloat;
    case 'csv':
      return new GraphQLList(GraphQLString);
    case 'json':
      return GraphQLJSON;
    case 'timestamp':
    case 'dateTime':
    case 'date':
      return GraphQLDate;
    case 'hash':
      return GraphQLHash;
    default:
      return GraphQLString;
  }
}

/** The functions a field's type offers, as `<field>_func { year … }` and in filters. */
export const DATE_PARTS = ['year', 'month', 'week', 'day', 'weekday'] as const;
export const TIME_PARTS = ['hour', 'minute', 'second'] as const;

export function functionsOf(field: FieldOverview): readonly string[] {
  switch (field.type) {
    case 'date':
      return DATE_PARTS;
    case 'time':
      return TIME_PARTS;
    case 'dateTime':
    case 'timestamp':
      return [...DATE_PARTS, ...TIME_PARTS];
    case 'json':
    case 'alias':
      return ['count'];
    default:
      return [];
  }
}
