import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompiledRead } from '../query-types';
import { compileRaw } from '../testing/compile.helpers';

const read = (raw: Record<string, unknown>, byKey?: unknown) => compileRaw(raw, { byKey }) as CompiledRead;

describe('compileRead: what a repeated request may reuse', () => {
  it('a read of literals only does not depend on the request', () => {
    assert.equal(read({ filter: JSON.stringify({ title: { _eq: 'x' } }), sort: '-id' }).contextual, false);
  });

  const dynamic: Array<[variable: string, field: string]> = [
    ['$NOW', 'created_at'],
    ['$NOW(-1 day)', 'created_at'],
    ['$CURRENT_USER', 'ref'],
    ['$CURRENT_ROLE', 'ref'],
    ['$CURRENT_USER.name', 'title'],
  ];
  for (const [variable, field] of dynamic) {
    it(`a filter on ${variable} holds this request's value`, () => {
      assert.equal(read({ filter: JSON.stringify({ [field]: { _eq: variable } }) }).contextual, true);
    });
  }

  it('a read by key says where its key is bound, and binding another key changes nothing else', () => {
    const first = read({ fields: 'id,title' }, '7');
    const second = read({ fields: 'id,title' }, 42);
    assert.ok(first.key && second.key);
    assert.equal(first.text, second.text);
    assert.equal(first.key.index, second.key.index);
    assert.equal(first.values[first.key.index], 7);
    const rebound = [...first.values];
    rebound[first.key.index] = first.key.bind('42');
    assert.deepEqual(rebound, second.values);
  });

  it('binding a key that is no key of the collection is refused as a missing item', () => {
    const { key } = read({}, 1);
    assert.ok(key);
    assert.throws(() => key.bind('not-a-number'), { code: 'FORBIDDEN' });
  });

  it('a list has no key to bind', () => {
    assert.equal(read({}).key, undefined);
  });
});
