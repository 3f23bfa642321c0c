import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCreateBody, parseDeleteBody, parseSearchBody, parseUpdateBody } from './mutation-body';

describe('mutation bodies', () => {
  it('creates one from an object and many from an array', () => {
    assert.deepEqual(parseCreateBody({ a: 1 }), { many: false, items: [{ a: 1 }] });
    assert.deepEqual(parseCreateBody([{ a: 1 }, { a: 2 }]), { many: true, items: [{ a: 1 }, { a: 2 }] });
  });

  it('reads the three batch update shapes', () => {
    assert.deepEqual(parseUpdateBody([{ id: 1, a: 1 }]), { kind: 'items', items: [{ id: 1, a: 1 }] });
    assert.deepEqual(parseUpdateBody({ keys: [1], data: { a: 1 } }), {
      kind: 'keys',
      keys: [1],
      data: { a: 1 },
    });
    assert.deepEqual(parseUpdateBody({ query: { filter: {} }, data: { a: 1 } }), {
      kind: 'query',
      query: { filter: {} },
      data: { a: 1 },
    });
  });

  it('reads the three batch delete shapes', () => {
    assert.deepEqual(parseDeleteBody([1, 2]), { kind: 'keys', keys: [1, 2] });
    assert.deepEqual(parseDeleteBody({ keys: [1] }), { kind: 'keys', keys: [1] });
    assert.deepEqual(parseDeleteBody({ query: { limit: 1 } }), { kind: 'query', query: { limit: 1 } });
  });

  it('reads SEARCH bodies', () => {
    assert.deepEqual(parseSearchBody(undefined), { query: {} });
    assert.deepEqual(parseSearchBody({ query: { limit: 1 }, keys: ['a'] }), {
      query: { limit: 1 },
      keys: ['a'],
    });
  });

  const refused: Array<[string, () => unknown]> = [
    ['a scalar to create', () => parseCreateBody('x')],
    ['update items that are not objects', () => parseUpdateBody([1])],
    ['update without data', () => parseUpdateBody({ keys: [1] })],
    ['update with keys and query', () => parseUpdateBody({ keys: [1], query: {}, data: {} })],
    ['update with neither', () => parseUpdateBody({ data: {} })],
    ['update keys that are not an array', () => parseUpdateBody({ keys: 'a', data: {} })],
    ['delete with keys and query', () => parseDeleteBody({ keys: [1], query: {} })],
    ['delete with nothing', () => parseDeleteBody({})],
    ['delete with a scalar', () => parseDeleteBody('a')],
    ['a query that is not an object', () => parseDeleteBody({ query: 'x' })],
    ['a SEARCH body that is an array', () => parseSearchBody([])],
  ];
  for (const [name, parse] of refused) {
    it(`refuses ${name} (400 INVALID_PAYLOAD)`, () =>
      assert.throws(parse, { code: 'INVALID_PAYLOAD', status: 400 }));
  }
});
