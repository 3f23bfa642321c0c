import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, type Access, type Filter, type FilterNode } from '@atrium/query';
import type { CollectionOverview, FieldOverview } from '@atrium/schema';
import { afterKeyFilter, keysetPlan, type KeysetPlan } from './keyset-plan';

/** Just what the plan reads of a collection: key, field types, whether a field is a column, sort field. */
function books(keyType: string, sortField: string | null = null): CollectionOverview {
  const field = (name: string, type: string, column = true) =>
    ({
      collection: 'books',
      field: name,
      type,
      schema: column ? {} : null,
      meta: null,
    }) as unknown as FieldOverview;
  return {
    collection: 'books',
    schema: { name: 'books', comment: null },
    meta: sortField ? ({ sort_field: sortField } as CollectionOverview['meta']) : null,
    primary: 'id',
    system: false,
    fields: {
      id: field('id', keyType),
      title: field('title', 'string'),
      position: field('position', 'integer'),
      alias: field('alias', 'alias', false),
    },
  };
}

const plan = (raw: Record<string, unknown>, collection = books('integer'), access: Access = 'admin') =>
  keysetPlan(collection, parseQuery(raw), access);
const rules = (fields: '*' | string[], fieldFilters?: Record<string, Filter>): Access => ({
  collections: {
    books: { rowFilter: { title: { _eq: 'x' } }, fields, ...(fieldFilters && { fieldFilters }) },
  },
});

describe('keysetPlan', () => {
  const keyset: [string, Record<string, unknown>, Partial<KeysetPlan>][] = [
    ['no sort, no sort field', {}, { operator: '_gt', fields: ['*'], dropKey: false }],
    ['sort by the key', { sort: 'id' }, { operator: '_gt' }],
    ['sort by the key, descending', { sort: '-id' }, { operator: '_lt' }],
    ['the key first, then anything', { sort: '-id,title' }, { operator: '_lt' }],
    ['fields with the key', { fields: 'title,id' }, { fields: ['title', 'id'], dropKey: false }],
    ['fields with a wildcard', { fields: '*.*' }, { fields: ['*.*'], dropKey: false }],
    [
      'fields without the key: it is added, then dropped',
      { fields: 'title' },
      { fields: ['title', 'id'], dropKey: true },
    ],
    [
      'a filter and a search change nothing',
      { filter: { title: { _eq: 'x' } }, search: 'x' },
      { operator: '_gt' },
    ],
    ['limit, offset and page change nothing', { limit: 10, offset: 5, page: 2 }, { operator: '_gt' }],
  ];
  for (const [name, raw, expected] of keyset) {
    it(`keyset: ${name}`, () => {
      const result = plan(raw);
      assert.ok(result, 'a keyset plan');
      assert.equal(result.key, 'id');
      for (const [property, value] of Object.entries(expected)) {
        assert.deepEqual(result[property as keyof KeysetPlan], value, property);
      }
    });
  }

  for (const type of ['bigInteger', 'uuid', 'string']) {
    it(`keyset for ${type} keys`, () => assert.ok(plan({}, books(type))));
  }

  const offset: [string, Record<string, unknown>, CollectionOverview?][] = [
    ['a user sort', { sort: 'title' }],
    ['a user sort with the key as tie-breaker', { sort: 'title,id' }],
    ['no sort, but the collection has a sort field', {}, books('integer', 'position')],
    ['aggregates', { aggregate: { count: '*' } }],
    ['groupBy', { groupBy: 'title', aggregate: { count: '*' } }],
    ['an alias named like the key', { alias: { id: 'title' }, fields: 'id' }],
    ['a key of a type without an exact text round trip', {}, books('float')],
    ['a timestamp key', {}, books('timestamp')],
  ];
  for (const [name, raw, collection] of offset) {
    it(`limit/offset: ${name}`, () => assert.equal(plan(raw, collection), null));
  }

  it('a caller who reads the key on every row pages by key (row filters change nothing)', () => {
    assert.ok(plan({}, undefined, rules('*')));
    assert.ok(plan({ fields: 'title' }, undefined, rules(['id', 'title'])));
    assert.ok(plan({}, undefined, rules('*', { title: { id: { _gt: 1 } } })));
  });

  it('a key the caller cannot read, or reads only on some rows, keeps limit/offset', () => {
    assert.equal(plan({ fields: 'title' }, undefined, rules(['title'])), null);
    assert.equal(plan({}, undefined, rules('*', { id: { title: { _eq: 'x' } } })), null);
    assert.equal(plan({}, undefined, { collections: {} }), null);
  });

  it('a sort field without a column (an alias) does not order rows', () => {
    assert.ok(plan({}, books('integer', 'alias')));
  });
});

describe('afterKeyFilter', () => {
  const ascending = plan({})!;
  const descending = plan({ sort: '-id' })!;
  const after = (op: string): FilterNode => ({
    kind: 'field',
    key: 'id',
    child: { kind: 'operator', op: op as '_gt', value: '1000' },
  });

  it('starts after the last key in the export order', () => {
    assert.deepEqual(afterKeyFilter(ascending, '1000', null), after('_gt'));
    assert.deepEqual(afterKeyFilter(descending, '1000', null), after('_lt'));
  });

  it("is AND-ed with the request's own filter", () => {
    const own = parseQuery({ filter: { title: { _eq: 'x' } } }).filter!;
    assert.deepEqual(afterKeyFilter(ascending, '1000', own), {
      kind: 'logical',
      op: '_and',
      children: [after('_gt'), own],
    });
  });
});
