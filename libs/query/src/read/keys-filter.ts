import type { FilterNode } from '../query-types';

/** `primary IN (keys)` as a parsed filter node, AND-ed with the query's own filter (if any). */
export function keysFilter(primary: string, keys: readonly unknown[], filter: FilterNode | null): FilterNode {
  const byKeys: FilterNode = {
    kind: 'field',
    key: primary,
    child: { kind: 'operator', op: '_in', value: [...keys] },
  };
  return filter ? { kind: 'logical', op: '_and', children: [byKeys, filter] } : byKeys;
}
