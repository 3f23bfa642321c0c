/** What a non-admin caller may see of the schema, derived from their read permissions. */
export interface SchemaVisibility {
  /** The listing itself (`directus_collections`, `directus_fields`, `directus_relations`) is readable. */
  listing(name: SchemaListing): boolean;
  collection(name: string): boolean;
  field(collection: string, field: string): boolean;
}

export type SchemaListing = 'directus_collections' | 'directus_fields' | 'directus_relations';
