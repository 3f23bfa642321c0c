import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** A literal in a query document as the plain value it writes (objects and lists included). */
function literalValue(node: ValueNode, variables?: Readonly<Record<string, unknown>> | null): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
    case Kind.ENUM:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return node.values.map((value) => literalValue(value, variables));
    case Kind.OBJECT:
      return Object.fromEntries(
        node.fields.map((field) => [field.name.value, literalValue(field.value, variables)]),
      );
    case Kind.VARIABLE:
      return variables?.[node.name.value];
  }
}

/** A scalar the API passes as it is: the REST engine already rendered the value. */
function passThrough(name: string, description: string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => value,
    parseValue: (value) => value,
    parseLiteral: literalValue,
  });
}

/** Any JSON value, as Directus's `JSON` (json fields, `group` of an aggregate). */
export const GraphQLJSON = passThrough(
  'JSON',
  'The `JSON` scalar type represents JSON values as specified by ECMA-404.',
);

/** Dates and timestamps, passed as the strings PostgreSQL renders (Directus's `Date`). */
export const GraphQLDate = passThrough('Date', 'ISO8601 Date values');

/** 64-bit integers, as the REST API renders them (Directus's `GraphQLBigInt`). */
export const GraphQLBigInt = passThrough('GraphQLBigInt', 'BigInt value');

/** A hashed value (a password): only ever written, read back concealed (Directus's `Hash`). */
export const GraphQLHash = passThrough('Hash', 'Hashed string values');

/** Numbers in filters, or strings for dynamic values such as `$NOW` (Directus's `GraphQLStringOrFloat`). */
export const GraphQLStringOrFloat = passThrough('GraphQLStringOrFloat', 'A Float or a String');

/** The answer of a field that returns nothing (`_empty`, `utils_cache_clear`). */
export const GraphQLVoid = new GraphQLScalarType({
  name: 'Void',
  description: 'Represents NULL values',
  serialize: () => null,
  parseValue: () => null,
  parseLiteral: () => null,
});
