import type { Access, CollectionAccess, Filter } from '@atrium/query';
import type { PermissionAction, PermissionRule } from './permission-types';

/** Every field name of a collection, as the schema has it (for `*` rules beside listed ones). */
export type FieldNames = (collection: string) => readonly string[];

function allowsField(rule: PermissionRule, field: string): boolean {
  return rule.fields === '*' || rule.fields.includes(field);
}

/** `_or` of the rules' item filters, or null when one of them admits every item. */
export function anyOf(filters: ReadonlyArray<Filter | null>): Filter | null {
  if (filters.length === 0) return { _or: [] };
  if (filters.some((filter) => filter === null)) return null;
  return filters.length === 1 ? (filters[0] as Filter) : { _or: filters as Filter[] };
}

/**
 * One collection's rules for one action, combined per item (Directus v11): an item is reachable when any
 * rule's filter matches it, and a field of that item is readable only when a rule that lists the field
 * also matches the item. Fields every reaching rule shares need no condition; the others carry the filter
 * of the rules that grant them, so two policies never combine into "fields of one, rows of the other".
 */
export function combineRules(
  rules: readonly PermissionRule[],
  fieldNames: readonly string[],
): CollectionAccess {
  const rowFilter = anyOf(rules.map((rule) => rule.permissions));
  if (rules.every((rule) => rule.fields === '*')) return { rowFilter, fields: '*' };

  const granted = rules.some((rule) => rule.fields === '*')
    ? [...fieldNames]
    : [...new Set(rules.flatMap((rule) => rule.fields as readonly string[]))];
  const fieldFilters: Record<string, Filter> = {};
  for (const field of granted) {
    const granting = rules.filter((rule) => allowsField(rule, field));
    if (granting.length === rules.length) continue;
    const condition = anyOf(granting.map((rule) => rule.permissions));
    // A granting rule without a filter reaches every item the row filter lets through.
    if (condition !== null) fieldFilters[field] = condition;
  }
  return Object.keys(fieldFilters).length > 0
    ? { rowFilter, fields: granted, fieldFilters }
    : { rowFilter, fields: granted };
}

/** The `Access` the query compiler takes, for one action: collections without a rule are unreachable. */
export function accessFor(
  rules: readonly PermissionRule[],
  action: PermissionAction,
  fieldNames: FieldNames,
): Access {
  const byCollection = new Map<string, PermissionRule[]>();
  for (const rule of rules) {
    if (rule.action !== action) continue;
    const list = byCollection.get(rule.collection) ?? [];
    list.push(rule);
    byCollection.set(rule.collection, list);
  }
  const collections: Record<string, CollectionAccess> = {};
  for (const [collection, list] of byCollection) {
    collections[collection] = combineRules(list, fieldNames(collection));
  }
  return { collections };
}
