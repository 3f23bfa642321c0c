import type { RelationOverview, SchemaOverview } from '@atrium/schema';

/** What a field of a collection points at, when it is relational. */
export type RelationalField =
  /** many-to-one: the field holds the key of one `related` item */
  | { kind: 'm2o'; related: string }
  /** one-to-many (an alias field): the `related` items whose `foreignKey` holds this item's key */
  | { kind: 'o2m'; related: string; foreignKey: string }
  /** many-to-any: the item of one of `allowed`, named by the sibling field `collectionField` */
  | { kind: 'm2a'; allowed: readonly string[]; collectionField: string };

/** The relational fields of every collection, looked up by collection and field. */
export class RelationMap {
  private readonly byField = new Map<string, RelationalField>();

  constructor(overview: SchemaOverview) {
    for (const relation of overview.relations) this.add(relation);
  }

  of(collection: string, field: string): RelationalField | undefined {
    return this.byField.get(`${collection}.${field}`);
  }

  private add(relation: RelationOverview): void {
    const { meta } = relation;
    if (relation.related_collection) {
      this.byField.set(`${relation.collection}.${relation.field}`, {
        kind: 'm2o',
        related: relation.related_collection,
      });
      if (meta?.one_field) {
        this.byField.set(`${relation.related_collection}.${meta.one_field}`, {
          kind: 'o2m',
          related: relation.collection,
          foreignKey: relation.field,
        });
      }
    } else if (meta?.one_allowed_collections && meta.one_collection_field) {
      this.byField.set(`${relation.collection}.${relation.field}`, {
        kind: 'm2a',
        allowed: meta.one_allowed_collections,
        collectionField: meta.one_collection_field,
      });
    }
  }
}
