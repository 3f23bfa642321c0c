import {
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
} from 'graphql';
import type { SchemaOverview } from '@atrium/schema';
import { scalarOf } from './field-types';
import { isGraphqlName } from './graphql-names';
import type { PermittedFields } from '@atrium/permissions';
import { RelationMap } from './relations';
import { GraphQLJSON } from './scalars';

export type WriteAction = 'create' | 'update';

/**
 * `create_<c>_input` / `update_<c>_input`: the fields the caller may write, relations as nested inputs
 * of the related collection when it may write that too (else the key or JSON the REST body takes).
 * Every field is optional here: the items engine answers a missing required value with the same
 * FAILED_VALIDATION the REST API gives, rather than GraphQL refusing the document.
 */
export class WriteTypes {
  private readonly relations: RelationMap;
  private readonly inputs = new Map<string, GraphQLInputObjectType>();

  constructor(
    private readonly overview: SchemaOverview,
    private readonly permitted: PermittedFields,
  ) {
    this.relations = new RelationMap(overview);
  }

  /** Whether the caller may `action` some field of `collection`. */
  has(action: WriteAction, collection: string): boolean {
    return (this.permitted[action].get(collection)?.length ?? 0) > 0 && isGraphqlName(collection);
  }

  input(action: WriteAction, collection: string): GraphQLInputObjectType {
    const name = `${action}_${collection}_input`;
    let type = this.inputs.get(name);
    if (!type) {
      type = new GraphQLInputObjectType({ name, fields: () => this.fields(action, collection) });
      this.inputs.set(name, type);
    }
    return type;
  }

  private fields(action: WriteAction, collection: string): GraphQLInputFieldConfigMap {
    const overview = this.overview.collections[collection];
    const fields: GraphQLInputFieldConfigMap = {};
    for (const name of this.permitted[action].get(collection) ?? []) {
      const field = overview?.fields[name];
      if (!field || !isGraphqlName(name)) continue;
      const type = this.fieldType(action, collection, name);
      if (type) fields[name] = { type, description: field.meta?.note ?? undefined };
    }
    return fields;
  }

  private fieldType(action: WriteAction, collection: string, name: string): GraphQLInputType | null {
    const overview = this.overview.collections[collection];
    const field = overview.fields[name];
    if (name === overview.primary) return GraphQLID;
    const relation = this.relations.of(collection, name);
    if (relation?.kind === 'm2o' && this.has(action, relation.related))
      return this.input(action, relation.related);
    if (relation?.kind === 'o2m') {
      return new GraphQLList(
        this.has(action, relation.related) ? this.input(action, relation.related) : GraphQLJSON,
      );
    }
    if (relation?.kind === 'm2a') return GraphQLJSON;
    if (field.type === 'alias') return relation ? GraphQLJSON : null;
    return scalarOf(field) as GraphQLInputType;
  }
}
