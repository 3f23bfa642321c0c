import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type InlineFragmentNode,
  type SelectionSetNode,
} from 'graphql';

export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/** A document's fragment definitions by name (no prototype: a spread of `...constructor` finds nothing). */
export function fragmentsOf(document: DocumentNode): Fragments {
  const out = Object.create(null) as Record<string, FragmentDefinitionNode>;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) out[definition.name.value] = definition;
  }
  return out;
}
export type Variables = Readonly<Record<string, unknown>>;

/** `@skip(if:)` / `@include(if:)`, with the request's variables. */
function included(node: FieldNode | FragmentSpreadNode | InlineFragmentNode, variables: Variables): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
}

/**
 * The fields a selection asks of an object of type `typeName`, grouped by response key (alias or name):
 * fragments spread and inlined, skipped ones left out. Several nodes under one key (a field written twice,
 * or in two fragments) are one field: validation already proved them mergeable.
 */
export function collectFields(
  selectionSets: ReadonlyArray<SelectionSetNode | undefined>,
  typeName: string,
  fragments: Fragments,
  variables: Variables,
): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = out.get(key) ?? [];
        nodes.push(selection);
        out.set(key, nodes);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (condition === undefined || condition === typeName) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visited.has(name) || fragment.typeCondition.name.value !== typeName) continue;
        visited.add(name);
        visit(fragment.selectionSet);
      }
    }
  };
  for (const selectionSet of selectionSets) visit(selectionSet);
  return out;
}
