import { objectId } from '@atrium/core';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Documents kept, and their total length in characters (an AST is some tens of times its text). */
const MAX_DOCUMENTS = 1000;
const MAX_TEXT = 1 << 20;

/**
 * Documents that passed parsing, the limits and validation against one generated schema, by (schema, text):
 * a client repeating its queries (every real client does) skips GraphQL's validation, which visits the
 * whole document once per rule and costs more than running the query. Validation depends on nothing but
 * the schema and the text, and a schema is never rebuilt under the same object, so an entry stays true.
 * Refused documents are not kept: they are rare, and the limits bound what each costs.
 */
export class ValidatedDocuments {
  private readonly documents = new LRUCache<string, DocumentNode>({
    max: MAX_DOCUMENTS,
    maxSize: MAX_TEXT,
    sizeCalculation: (_document, key) => Math.max(1, key.length),
  });

  get(schema: GraphQLSchema, text: string): DocumentNode | undefined {
    return this.documents.get(keyOf(schema, text));
  }

  set(schema: GraphQLSchema, text: string, document: DocumentNode): void {
    const key = keyOf(schema, text);
    // Longer than the whole cache: lru-cache would refuse it anyway, say so plainly.
    if (key.length <= MAX_TEXT) this.documents.set(key, document);
  }
}

const keyOf = (schema: GraphQLSchema, text: string) => `${objectId(schema)}\n${text}`;
