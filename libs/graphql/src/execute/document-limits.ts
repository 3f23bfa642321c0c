import { GraphQLError, Kind, type DocumentNode, type SelectionSetNode } from 'graphql';
import { fragmentsOf } from './collect-fields';

export interface DocumentLimits {
  /** Selection sets nested in one another, fragments spread. */
  maxDepth: number;
  /** Fields selected over the whole document, fragments spread where they are used. */
  maxFields: number;
}

/**
 * Refuses a document that nests deeper or selects more fields than the limits allow, before GraphQL's own
 * validation runs: that validation compares every pair of sibling fields, so a document with a thousand
 * aliases must be turned away first, and a fragment spread many times counts every time it is spread.
 */
export function checkDocumentLimits(document: DocumentNode, limits: DocumentLimits): GraphQLError | null {
  const fragments = fragmentsOf(document);
  let fields = 0;
  const walk = (
    selectionSet: SelectionSetNode,
    depth: number,
    spreading: ReadonlySet<string>,
  ): string | null => {
    if (depth > limits.maxDepth) return `The query is nested deeper than the limit of ${limits.maxDepth}.`;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        // Introspection (`__schema`, `__type`) is bounded by the schema itself, and its standard query
        // nests type references deeper than any data query should.
        if (selection.name.value.startsWith('__')) continue;
        fields++;
        if (fields > limits.maxFields)
          return `The query selects more than the limit of ${limits.maxFields} fields.`;
        if (selection.selectionSet) {
          const refused = walk(selection.selectionSet, depth + 1, spreading);
          if (refused) return refused;
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const refused = walk(selection.selectionSet, depth, spreading);
        if (refused) return refused;
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        // A cycle is GraphQL's own validation error (NoFragmentCycles); here it only must not loop.
        if (!fragment || spreading.has(name)) continue;
        const refused = walk(fragment.selectionSet, depth, new Set([...spreading, name]));
        if (refused) return refused;
      }
    }
    return null;
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const refused = walk(definition.selectionSet, 1, new Set());
    if (refused) return new GraphQLError(refused);
  }
  return null;
}
