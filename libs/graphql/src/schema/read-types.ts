import {
  GraphQLFloat,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLString,
  GraphQLUnionType,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLOutputType,
} from 'graphql';
import type { CollectionOverview, FieldOverview, SchemaOverview } from '@atrium/schema';
import { filterOperatorsOf, functionFilterOf } from './filter-operators';
import { functionsOf, scalarOf } from './field-types';
import { byFieldName } from './by-field-name';
import { isGraphqlName } from './graphql-names';
import { RelationMap, type RelationalField } from './relations';
import { GraphQLJSON } from './scalars';

/** Facts the query translator reads off the generated types (`extensions` of types and fields). */
export interface ItemTypeExtensions {
  collection: string;
}
export interface ItemFieldExtensions {
  /** `function`: `<field>_func { year }`; `relation`: follows a relation; absent for a plain value. */
  role?: 'function' | 'relation';
  /** The field a `_func` field computes on. */
  base?: string;
  relation?: RelationalField;
}

/** An m2a item carries the collection it came from under this key, for its union's `resolveType`. */
export const ITEM_COLLECTION = Symbol('collection');

const functionTypes = new Map<string, GraphQLObjectType>();
/** `date_functions { year … }` and its siblings: one shared type per set of parts. */
function functionsType(parts: readonly string[]): GraphQLObjectType {
  const name =
    parts.length === 1
      ? 'count_functions'
      : parts.length === 5
        ? 'date_functions'
        : parts.length === 3
          ? 'time_functions'
          : 'datetime_functions';
  let type = functionTypes.get(name);
  if (!type) {
    const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
    for (const part of parts) fields[part] = { type: GraphQLInt };
    type = new GraphQLObjectType({ name, fields });
    functionTypes.set(name, type);
  }
  return type;
}

/** `{year: 2024, …}` from the `<field>_<part>` keys the items engine answers a function with. */
function functionParts(base: string, parts: readonly string[]) {
  return (source: unknown) =>
    Object.fromEntries(parts.map((part) => [part, (source as Record<string, unknown>)[`${base}_${part}`]]));
}

/** The arguments of a list: the root query's and a relation's (Directus's `deep`). */
export function listArgs(filter: GraphQLInputObjectType): GraphQLFieldConfigArgumentMap {
  return {
    filter: { type: filter },
    sort: { type: new GraphQLList(GraphQLString) },
    limit: { type: GraphQLInt },
    offset: { type: GraphQLInt },
    page: { type: GraphQLInt },
    search: { type: GraphQLString },
  };
}

const NUMERIC = new Set(['integer', 'bigInteger', 'float', 'decimal']);

/**
 * The read side of a generated schema: an object type per readable collection with its readable fields
 * and relations, its `<c>_filter` input, and its `<c>_aggregated` type, built lazily so only what the
 * root fields reach is made. Every value resolves by its response key: the items engine answers each
 * level keyed by the query's aliases, so two aliases of one relation with different arguments stay apart.
 */
export class ReadTypes {
  private readonly relations: RelationMap;
  private readonly objects = new Map<string, GraphQLObjectType>();
  private readonly filters = new Map<string, GraphQLInputObjectType>();
  private readonly quantifiers = new Map<string, GraphQLInputObjectType>();
  private readonly unions = new Map<string, GraphQLUnionType>();
  private readonly aggregates = new Map<string, GraphQLObjectType>();

  constructor(
    private readonly overview: SchemaOverview,
    private readonly readable: ReadonlyMap<string, readonly string[]>,
  ) {
    this.relations = new RelationMap(overview);
  }

  has(collection: string): boolean {
    return this.readable.has(collection) && isGraphqlName(collection);
  }

  /** The readable fields of a collection that GraphQL can name. */
  fieldsOf(collection: string): FieldOverview[] {
    const fields = this.overview.collections[collection]?.fields ?? {};
    return (this.readable.get(collection) ?? [])
      .filter((name) => isGraphqlName(name) && fields[name])
      .map((name) => fields[name]);
  }

  relationOf(collection: string, field: string): RelationalField | undefined {
    const relation = this.relations.of(collection, field);
    if (!relation) return undefined;
    if (relation.kind === 'm2a') {
      const allowed = relation.allowed.filter((name) => this.has(name));
      return allowed.length > 0 ? { ...relation, allowed } : undefined;
    }
    return this.has(relation.related) ? relation : undefined;
  }

  object(collection: string): GraphQLObjectType {
    let type = this.objects.get(collection);
    if (!type) {
      const overview = this.overview.collections[collection];
      type = new GraphQLObjectType({
        name: collection,
        extensions: { collection } satisfies ItemTypeExtensions,
        fields: () => this.objectFields(overview),
      });
      this.objects.set(collection, type);
    }
    return type;
  }

  filter(collection: string): GraphQLInputObjectType {
    let type = this.filters.get(collection);
    if (!type) {
      type = new GraphQLInputObjectType({
        name: `${collection}_filter`,
        fields: () => {
          const self = this.filter(collection);
          return {
            ...this.filterFields(collection),
            _and: { type: new GraphQLList(self) },
            _or: { type: new GraphQLList(self) },
          };
        },
      });
      this.filters.set(collection, type);
    }
    return type;
  }

  /** The filter of an o2m's items: the collection's filter plus `_some` / `_none`. */
  quantifier(collection: string): GraphQLInputObjectType {
    let type = this.quantifiers.get(collection);
    if (!type) {
      type = new GraphQLInputObjectType({
        name: `${collection}_quantifier_filter`,
        fields: () => {
          const filter = this.filter(collection);
          return {
            ...this.filterFields(collection),
            _and: { type: new GraphQLList(filter) },
            _or: { type: new GraphQLList(filter) },
            _some: { type: filter },
            _none: { type: filter },
          };
        },
      });
      this.quantifiers.set(collection, type);
    }
    return type;
  }

  /** `<c>_aggregated`: `group`, `countAll`, `count`/`countDistinct` per field, numeric functions. */
  aggregated(collection: string): GraphQLObjectType {
    let type = this.aggregates.get(collection);
    if (type) return type;
    const fields = this.fieldsOf(collection).filter((field) => field.type !== 'alias');
    const counts = new GraphQLObjectType({
      name: `${collection}_aggregated_count`,
      fields: Object.fromEntries(
        fields.map((field) => [
          field.field,
          { type: GraphQLInt, description: field.meta?.note ?? undefined },
        ]),
      ),
    });
    const numeric = fields.filter((field) => NUMERIC.has(field.type));
    const config: GraphQLFieldConfigMap<unknown, unknown> = {
      group: { type: GraphQLJSON, resolve: byFieldName },
      countAll: { type: GraphQLInt, resolve: byFieldName },
      count: { type: counts, resolve: byFieldName },
      countDistinct: { type: counts, resolve: byFieldName },
    };
    if (numeric.length > 0) {
      const values = new GraphQLObjectType({
        name: `${collection}_aggregated_fields`,
        fields: Object.fromEntries(
          numeric.map((field) => [field.field, { type: GraphQLFloat, resolve: byFieldName }]),
        ),
      });
      for (const name of ['avg', 'sum', 'avgDistinct', 'sumDistinct', 'min', 'max']) {
        config[name] = { type: values, resolve: byFieldName };
      }
    }
    type = new GraphQLObjectType({ name: `${collection}_aggregated`, fields: config });
    this.aggregates.set(collection, type);
    return type;
  }

  private objectFields(collection: CollectionOverview): GraphQLFieldConfigMap<unknown, unknown> {
    const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
    for (const field of this.fieldsOf(collection.collection)) {
      const config = this.valueField(collection, field);
      if (config) fields[field.field] = config;
      const parts = functionsOf(field);
      if (parts.length > 0 && isGraphqlName(`${field.field}_func`)) {
        fields[`${field.field}_func`] = {
          type: functionsType(parts),
          extensions: { role: 'function', base: field.field } satisfies ItemFieldExtensions,
          resolve: functionParts(field.field, parts),
        };
      }
    }
    return fields;
  }

  private valueField(
    collection: CollectionOverview,
    field: FieldOverview,
  ): GraphQLFieldConfig<unknown, unknown> | null {
    const description = field.meta?.note ?? undefined;
    const relation = this.relationOf(collection.collection, field.field);
    if (relation) {
      const extensions = { role: 'relation', relation } satisfies ItemFieldExtensions;
      if (relation.kind === 'm2o') {
        return {
          type: this.object(relation.related),
          description,
          extensions,
          args: listArgs(this.filter(relation.related)),
        };
      }
      if (relation.kind === 'o2m') {
        return {
          type: new GraphQLList(this.object(relation.related)),
          description,
          extensions,
          args: listArgs(this.filter(relation.related)),
        };
      }
      const { collectionField } = relation;
      return {
        type: this.union(collection.collection, field.field, relation.allowed),
        description,
        extensions,
        // The union's member is the sibling field naming the item's collection (the translator selects it).
        resolve: (source, _args, _context, info) => {
          const row = source as Record<string, unknown>;
          const item = row[info.path.key];
          if (item === null || typeof item !== 'object') return item;
          return { ...(item as object), [ITEM_COLLECTION]: row[collectionField] };
        },
      };
    }
    if (field.type === 'alias') return null; // presentation-only (dividers, groups) or an unreadable relation
    if (field.field === collection.primary) return { type: new GraphQLNonNull(GraphQLID), description };
    // Nullable even when the column is not: a field readable on some rows only reads as null on the others.
    return { type: scalarOf(field) as GraphQLOutputType, description };
  }

  private union(collection: string, field: string, allowed: readonly string[]): GraphQLUnionType {
    const name = `${collection}_${field}_union`;
    let type = this.unions.get(name);
    if (!type) {
      type = new GraphQLUnionType({
        name,
        types: () => allowed.map((member) => this.object(member)),
        resolveType: (value: Record<PropertyKey, unknown>) => {
          const member = value[ITEM_COLLECTION];
          return typeof member === 'string' && allowed.includes(member) ? member : undefined;
        },
      });
      this.unions.set(name, type);
    }
    return type;
  }

  private filterFields(collection: string): GraphQLInputFieldConfigMap {
    const primary = this.overview.collections[collection]?.primary;
    const fields: GraphQLInputFieldConfigMap = {};
    for (const field of this.fieldsOf(collection)) {
      const relation = this.relationOf(collection, field.field);
      if (relation?.kind === 'm2o') fields[field.field] = { type: this.filter(relation.related) };
      else if (relation?.kind === 'o2m') fields[field.field] = { type: this.quantifier(relation.related) };
      else if (relation?.kind === 'm2a') {
        for (const member of relation.allowed)
          fields[`${field.field}__${member}`] = { type: this.filter(member) };
      } else if (field.type !== 'alias') {
        fields[field.field] = { type: filterOperatorsOf(field, field.field === primary) };
      }
      const functions = functionFilterOf(field);
      if (functions && isGraphqlName(`${field.field}_func`))
        fields[`${field.field}_func`] = { type: functions };
    }
    return fields;
  }
}
