import {
  getArgumentValues,
  getNamedType,
  isObjectType,
  isUnionType,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { ItemFieldExtensions, ItemTypeExtensions } from '../schema/read-types';
import { collectFields, type Fragments, type Variables } from './collect-fields';
import { toItemsFilter } from './items-filter';

/** A level of a read in the items engine's own terms: its field paths, aliases and per-relation options. */
export interface LevelQuery {
  fields: string[];
  alias: Record<string, string>;
  /** `deep` for the relations below: `_filter`, `_sort`, … and the levels below them, by response key. */
  deep: Record<string, Record<string, unknown>>;
}

export interface SelectionScope {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Variables;
  /** The primary key of a collection: what a relation selects when nothing else is asked of it. */
  primaryOf(collection: string): string;
}

/** The list arguments of a field, as the items engine's query keys (`filter`, `sort`, `limit`, …). */
export function listOptions(args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (args.filter !== undefined && args.filter !== null) out.filter = toItemsFilter(args.filter);
  for (const name of ['sort', 'limit', 'offset', 'page', 'search']) {
    if (args[name] !== undefined && args[name] !== null) out[name] = args[name];
  }
  return out;
}

function collectionOf(type: GraphQLObjectType): string {
  return (type.extensions as unknown as ItemTypeExtensions).collection;
}

/**
 * The selection under `nodes` (one response key, on objects of `type`) as one level of an items read:
 * nested relations become field paths, their arguments `deep` options, aliases the engine's `alias`, and
 * `_func` fields function calls. The engine compiles the whole tree into one SQL statement, so a query
 * field costs one round trip however deep it goes (no N+1).
 */
export function levelQuery(
  nodes: readonly FieldNode[],
  type: GraphQLObjectType,
  scope: SelectionScope,
): LevelQuery {
  const level: LevelQuery = { fields: [], alias: {}, deep: {} };
  const collection = collectionOf(type);
  const fieldsByKey = collectFields(
    nodes.map((node) => node.selectionSet),
    type.name,
    scope.fragments,
    scope.variables,
  );
  for (const [key, fieldNodes] of fieldsByKey) {
    const name = fieldNodes[0].name.value;
    if (name.startsWith('__')) continue;
    const definition = type.getFields()[name];
    if (!definition) continue;
    addField(level, key, name, definition, fieldNodes, scope);
  }
  if (level.fields.length === 0) level.fields.push(scope.primaryOf(collection));
  return level;
}

function addField(
  level: LevelQuery,
  key: string,
  name: string,
  definition: GraphQLField<unknown, unknown>,
  nodes: FieldNode[],
  scope: SelectionScope,
): void {
  const extensions = definition.extensions as ItemFieldExtensions;
  if (extensions.role === 'function') {
    const parts = collectFields(
      nodes.map((node) => node.selectionSet),
      getNamedType(definition.type).name,
      scope.fragments,
      scope.variables,
    );
    for (const fieldNodes of parts.values()) {
      const part = fieldNodes[0].name.value;
      if (!part.startsWith('__')) level.fields.push(`${part}(${extensions.base})`);
    }
    return;
  }
  if (key !== name) level.alias[key] = name;
  const relation = extensions.relation;
  if (!relation) {
    level.fields.push(key);
    return;
  }
  const named = getNamedType(definition.type);
  const deep: Record<string, unknown> = {};
  if (isObjectType(named)) {
    const below = levelQuery(nodes, named, scope);
    for (const field of below.fields) level.fields.push(`${key}.${field}`);
    if (Object.keys(below.alias).length > 0) deep._alias = below.alias;
    Object.assign(deep, below.deep);
    const args = getArgumentValues(definition, nodes[0], scope.variables);
    for (const [option, value] of Object.entries(listOptions(args))) deep[`_${option}`] = value;
  } else if (isUnionType(named) && relation.kind === 'm2a') {
    // The sibling naming each item's collection is what the union resolves its member type by.
    if (!level.fields.includes(relation.collectionField)) level.fields.push(relation.collectionField);
    for (const member of scope.schema.getPossibleTypes(named)) {
      const below = levelQuery(nodes, member, scope);
      const scoped = `${key}:${collectionOf(member)}`;
      for (const field of below.fields) level.fields.push(`${scoped}.${field}`);
      const memberDeep: Record<string, unknown> = { ...below.deep };
      if (Object.keys(below.alias).length > 0) memberDeep._alias = below.alias;
      if (Object.keys(memberDeep).length > 0) level.deep[scoped] = memberDeep;
    }
  }
  if (Object.keys(deep).length > 0) level.deep[key] = deep;
}
