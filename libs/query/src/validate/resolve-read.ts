import { invalidQuery } from '@atrium/core';
import type { CollectionOverview, FieldOverview } from '@atrium/schema';
import type { DeepQuery, LevelOptions } from '../query-types';
import { computeLimit } from './compute-limit';
import { and } from './combine-filters';
import { splitFieldPath } from './field-path';
import { callOutputKey, parseFunctionCall } from './parse-function';
import { ReadScope } from './read-scope';
import type { M2oLink, O2mLink, Output, ReadNode, ResolvedFilter, SortKey } from './resolved-types';
import { resolveFilter } from './resolve-filter';
import { resolveSearch } from './resolve-search';
import { resolveScalar, resolveValuePath } from './resolve-value';

/** One level's query: the root query, or a relation's `deep` options plus the field paths below it. */
export interface LevelQuery extends LevelOptions {
  fields: string[];
  deep: Record<string, DeepQuery>;
}

interface Entry {
  key: string;
  source: string;
  explicit: boolean;
  paths: string[];
  scoped: Map<string, string[]>;
}

function levelFromDeep(fields: string[], deep: DeepQuery | undefined): LevelQuery {
  return {
    fields,
    filter: deep?.filter ?? null,
    search: deep?.search ?? null,
    sort: deep?.sort ?? null,
    limit: deep?.limit ?? null,
    offset: deep?.offset ?? null,
    page: deep?.page ?? null,
    alias: deep?.alias ?? null,
    deep: deep?.nested ?? {},
  };
}

/** Groups field paths by their first segment, expanding `*` to the readable fields of this level. */
function collectEntries(
  scope: ReadScope,
  collection: CollectionOverview,
  level: LevelQuery,
  depth: number,
  skipField: string | null,
): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  const entry = (key: string, source: string, explicit: boolean): Entry => {
    let found = entries.get(key);
    if (!found) {
      found = { key, source, explicit, paths: [], scoped: new Map() };
      entries.set(key, found);
    }
    found.explicit ||= explicit;
    return found;
  };
  for (const path of level.fields) {
    const segments = splitFieldPath(path);
    scope.checkDepth(depth + segments.length - 1);
    const [head, ...restSegments] = segments;
    const rest = restSegments.join('.');
    if (head === '*') {
      for (const field of Object.values(collection.fields)) {
        if (field.field === skipField || !scope.canOutputField(collection, field.field)) continue;
        const found = entry(field.field, field.field, false);
        if (rest) found.paths.push(rest);
      }
      continue;
    }
    const scopedMatch = /^([^:()]+):(.+)$/.exec(head);
    const name = scopedMatch ? scopedMatch[1] : head;
    const source =
      level.alias && Object.prototype.hasOwnProperty.call(level.alias, name) ? level.alias[name] : name;
    const found = entry(name, source, true);
    if (scopedMatch) {
      const list = found.scoped.get(scopedMatch[2]) ?? [];
      list.push(rest || '*');
      found.scoped.set(scopedMatch[2], list);
    } else if (rest) found.paths.push(rest);
  }
  return entries;
}

function outputFor(
  scope: ReadScope,
  collection: CollectionOverview,
  entry: Entry,
  level: LevelQuery,
  depth: number,
  backlink: boolean,
): Output | null {
  const call = parseFunctionCall(entry.source);
  if (call) {
    if (call.field.includes('.')) {
      throw invalidQuery(`"${entry.source}": an alias can't point through a relation.`);
    }
    const key = entry.key === entry.source ? callOutputKey(call) : entry.key;
    const value = resolveScalar(scope, collection, entry.source, 'output');
    return withCondition({ kind: 'value', key, value }, scope.fieldCondition(collection, call.field));
  }
  const field: FieldOverview | undefined = entry.explicit
    ? scope.outputField(collection, entry.source)
    : collection.fields[entry.source];
  if (!field) return null;
  return withCondition(
    relationalOutput(scope, collection, field, entry, level, depth, backlink),
    scope.fieldCondition(collection, field.field),
  );
}

/** A conditionally readable field's output: null on the rows its condition doesn't admit. */
function withCondition(output: Output | null, condition: ResolvedFilter | null): Output | null {
  return output && condition ? { ...output, condition } : output;
}

function relationalOutput(
  scope: ReadScope,
  collection: CollectionOverview,
  field: FieldOverview,
  entry: Entry,
  level: LevelQuery,
  depth: number,
  backlink: boolean,
): Output | null {
  const relation = scope.relationOf(collection, field);
  const deep = level.deep[entry.key];
  const readable = (target: string) => entry.explicit || scope.canReadCollection(target);
  if (relation.kind === 'm2o') {
    if (entry.paths.length === 0 || !readable(relation.link.target.collection)) {
      return { kind: 'value', key: entry.key, value: { kind: 'column', field } };
    }
    const target = scope.collection(relation.link.target.collection);
    const node = resolveNode(
      scope,
      target,
      levelFromDeep(entry.paths, deep),
      depth + 1,
      relation.link,
      backlink,
      false,
    );
    return { kind: 'm2o', key: entry.key, link: relation.link, node };
  }
  if (relation.kind === 'o2m') {
    if (!readable(relation.link.target.collection)) return null;
    const target = scope.collection(relation.link.target.collection);
    const pluck = entry.paths.length === 0;
    const fields = pluck ? [target.primary as string] : entry.paths;
    const node = resolveNode(
      scope,
      target,
      levelFromDeep(fields, deep),
      depth + 1,
      relation.link,
      backlink,
      true,
    );
    node.pluck = pluck;
    node.where = and(node.where, scope.linkCondition(relation.link));
    return { kind: 'o2m', key: entry.key, link: relation.link, node };
  }
  if (relation.kind === 'm2a') {
    const nodes: Record<string, ReadNode> = {};
    for (const name of relation.link.allowed) {
      const paths = [...entry.paths, ...(entry.scoped.get(name) ?? [])];
      if (paths.length === 0 || !readable(name)) continue;
      const target = scope.collection(name);
      const node = resolveNode(
        scope,
        target,
        levelFromDeep(paths, deep?.nested[`${field.field}:${name}`]),
        depth + 1,
        null,
        backlink,
        false,
      );
      nodes[name] = node;
    }
    for (const name of entry.scoped.keys()) {
      if (!relation.link.allowed.includes(name))
        throw invalidQuery(`"${field.field}:${name}" is not an allowed collection.`);
    }
    if (Object.keys(nodes).length === 0)
      return { kind: 'value', key: entry.key, value: { kind: 'column', field } };
    return { kind: 'm2a', key: entry.key, link: relation.link, nodes };
  }
  if (!field.schema) return null;
  return { kind: 'value', key: entry.key, value: { kind: 'column', field } };
}

function resolveSort(
  scope: ReadScope,
  collection: CollectionOverview,
  sort: string[] | null,
  many: boolean,
): SortKey[] {
  const keys: SortKey[] = [];
  for (const item of sort ?? []) {
    const desc = item.startsWith('-');
    const path = desc ? item.slice(1) : item;
    if (!path) throw invalidQuery('Empty sort field.');
    keys.push({ value: resolveValuePath(scope, collection, path), desc });
  }
  const primary = collection.fields[collection.primary as string];
  // A key tiebreak makes pages stable (Directus sorts by the key when nothing else is asked for).
  if (many && !keys.some((key) => key.value.kind === 'column' && key.value.field === primary)) {
    const sortField =
      !sort?.length && collection.meta?.sort_field
        ? collection.fields[collection.meta.sort_field]
        : undefined;
    if (sortField?.schema) keys.push({ value: { kind: 'column', field: sortField }, desc: false });
    keys.push({ value: { kind: 'column', field: primary }, desc: false });
  }
  return keys;
}

/**
 * Resolves one level of a read against the schema and the caller's access: outputs (with nested levels for
 * relations), the WHERE (row filter ∧ filter ∧ search), sort and paging. `many` is false for m2o/m2a
 * levels, which yield one row.
 */
export function resolveNode(
  scope: ReadScope,
  collection: CollectionOverview,
  level: LevelQuery,
  depth: number,
  arrivedBy: M2oLink | O2mLink | null,
  backlink: boolean,
  many: boolean,
): ReadNode {
  scope.checkDepth(depth);
  const skip = backlink ? null : ReadScope.reverseField(arrivedBy, scope);
  const entries = collectEntries(scope, collection, level, depth, skip);
  const outputs: Output[] = [];
  for (const entry of entries.values()) {
    const output = outputFor(scope, collection, entry, level, depth, backlink);
    if (output) outputs.push(output);
  }
  const rowFilter = scope.rowFilter(collection);
  const filter = level.filter ? resolveFilter(scope, collection, level.filter, depth) : null;
  const search = level.search ? resolveSearch(scope, collection, level.search) : null;
  const { limit, offset } = many ? computeLimit(level, scope.limits) : { limit: -1, offset: 0 };
  return {
    collection,
    outputs,
    pluck: false,
    rowFilter,
    where: and(rowFilter, filter, search),
    sort: resolveSort(scope, collection, level.sort, many),
    limit,
    offset,
  };
}
